"""Comparing stored articles and files: what `Tidings.compare` and its kin do.

A stored article is compared as stored; one stored before embeddings were, or a
file, goes through the side pipeline first (`Loaded.side_pipeline`: its lines
stay out of the store's counts).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from tidings.compare.model import Comparison
from tidings.compare.pairs import PairRecord, read_pairs
from tidings.config import Settings
from tidings.ingest.errors import ReadFailure
from tidings.ingest.runner import read_input
from tidings.ingest.sources import Input
from tidings.loaded import Loaded
from tidings.model import Article
from tidings.pipeline import batches
from tidings.store.base import ArticleStore


class StoredComparison:
    def __init__(self, store: ArticleStore, loaded: Loaded, settings: Settings):
        self.store = store
        self.loaded = loaded
        self.settings = settings

    def compare(self, a: str, b: str) -> Comparison:
        """Seven similarity scores of two articles, each a stored id or a file."""
        return self.loaded.scorer().score(self.resolve(a), self.resolve(b))

    def compare_stored(self, a: str, b: str) -> Comparison:
        """`compare` for two stored ids only (never a file): what a remote caller may ask."""
        found = {x: self.store.get(x) for x in (a, b)}
        missing = [x for x, article in found.items() if article is None]
        if missing:
            raise LookupError(f"no article with id {missing[0]!r}")
        if all(article.embeddings for article in found.values()):  # type: ignore[union-attr]
            profiles = [self.loaded.profiles.of(found[x]) for x in (a, b)]  # type: ignore[arg-type]
            return self.loaded.scorer().score(*profiles)
        return self.compare(a, b)

    def compare_pairs(self, path: str | Path) -> Iterator[tuple[str, Comparison] | ReadFailure]:
        """Scores of every pair in a pairs file (the `sts22-train-pairs.jsonl` layout)."""
        scorer, side = self.loaded.scorer(), self.loaded.side_pipeline()
        for records in batches(read_pairs(Path(path)), self.settings.batch_size):
            good = [r for r in records if isinstance(r, PairRecord)]
            yield from (r for r in records if isinstance(r, ReadFailure))
            processed = list(side.pipe([x for r in good for x in (r.a, r.b)]))
            pairs = list(zip(processed[0::2], processed[1::2], strict=True))
            for record, comparison in zip(good, scorer.score_many(pairs), strict=True):
                yield record.pair_id, comparison

    def resolve(self, reference: str) -> Article:
        """The stored article `reference` names, or the one in the file it names."""
        stored = self.store.get(reference)
        if stored is not None and stored.embeddings:
            return stored
        if stored is not None:  # stored before embeddings were: analyse it again
            return self.loaded.side_pipeline()(stored)
        path = Path(reference)
        if not path.is_file():
            raise LookupError(f"{reference}: no stored article with this id, and no such file")
        for item in read_input(Input(name=str(path), path=path), self.settings.max_input_bytes):
            if isinstance(item, ReadFailure):
                raise LookupError(str(item))
            if isinstance(item, Article):  # not a warning
                return self.loaded.side_pipeline()(item)
        raise LookupError(f"{reference}: no article in this file")
