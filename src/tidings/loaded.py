"""What a store's facades share: the pipeline's models and the caches over the store.

The server has one writer facade and a reader facade per thread (SQLite connections
stay in their thread); all of them hold one `Loaded`, so the gazetteer, the embedding
model, the pair scorer and the vector index load once. Each part is made on first
use, once, whichever thread asks first.
"""

from __future__ import annotations

import threading

from tidings.analyze import PlaceFinder
from tidings.compare import PairScorer
from tidings.config import Settings
from tidings.explore.mentions import RememberedLookup
from tidings.explore.similar import Profiles, VectorIndex
from tidings.ingest.clean import MemoryLineCounts, TextCleaner
from tidings.pipeline import Pipeline
from tidings.registry import Parts, default_registry
from tidings.stories.summary import SummaryCache


class Loaded:
    def __init__(self, pipeline: Pipeline, settings: Settings):
        self.pipeline = pipeline
        self.settings = settings
        self.index = VectorIndex()  # of stored body vectors
        self.summaries = SummaryCache()
        self.profiles = Profiles()  # of stored articles
        places = pipeline.stage(PlaceFinder.name)
        self.place_lookup = None if places is None else RememberedLookup(places.find)  # type: ignore[attr-defined]
        self.scorer_: PairScorer | None = None
        self.side_pipeline_: Pipeline | None = None
        self._lock = threading.Lock()

    def scorer(self) -> PairScorer:
        with self._lock:
            if self.scorer_ is None:
                self.scorer_ = PairScorer.load()
            return self.scorer_

    def side_pipeline(self) -> Pipeline:
        """For articles compared but not stored: their lines stay out of the store's
        counts, and repeat only within what is compared. The same stages (one
        gazetteer, one model), but a cleaner of its own."""
        with self._lock:
            if self.side_pipeline_ is None:
                parts = Parts(settings=self.settings, line_counts=MemoryLineCounts())
                cleaner = default_registry().create(TextCleaner.name, parts)
                self.side_pipeline_ = self.pipeline.replaced(TextCleaner.name, cleaner)
            return self.side_pipeline_
