"""Store and place analysed articles as `tidings ingest` does, batch by batch, in a process
of its own (a test kills it): `python -m tests.stories.replay ARTICLES.pkl DB LIMIT`.

The articles come pickled, analysed and embedded once by the test, so that several runs
over thousands of them cost placing, not the model; each batch is stored and placed in one
transaction by the runner's own `Ingestor.commit`, as an ingest does it.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

from tidings.compare import PairScorer
from tidings.ingest.runner import Ingestor, IngestReport
from tidings.pipeline import Pipeline
from tidings.store import SQLiteStore
from tidings.stories import StoryTracker

BATCH = 64


def replay(articles_path: Path, db: Path, limit: int) -> None:
    articles = pickle.loads(articles_path.read_bytes())[:limit]
    with SQLiteStore(db) as store:
        tracker = StoryTracker(store, PairScorer.load())
        tracker.repair()  # as `Tidings.ingest` starts
        ingestor = Ingestor(store, Pipeline([]), batch_size=BATCH, placer=tracker.update)
        report = IngestReport()
        for start in range(0, len(articles), BATCH):
            fresh, _, _ = ingestor.fresh(articles[start : start + BATCH])
            if fresh:
                ingestor.commit(fresh, None, report)


if __name__ == "__main__":
    replay(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
