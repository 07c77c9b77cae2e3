"""The event centroids, searched exactly by cosine, the same however they were added.

Placement must not depend on history: an index grown event by event in one
run and one rebuilt from the store when a tracker starts must answer alike,
or a resumed ingest places articles otherwise than one run (an approximate
HNSW graph depends on the order vectors were added and removed). So the
search is exact: one float32 row per event id (row = id; a merged event's row
is cleared), multiplied by the query in fixed blocks of `BLOCK` rows, so that
each row's cosine is computed by the same operation on the same data however
the matrix grew; ties are broken by the smaller id. The cost is linear in the
number of event ids (about 1 ms per 10,000 on one core; see benchmarks/stories.py).
"""

from __future__ import annotations

import numpy as np

# Rows a product takes at once. Rows past the last event are multiplied for nothing up to
# the block's end: on one thread, 2,000 events took 0.32 ms a search with 4,096, 0.20 with
# 1,024, and smaller blocks gained nothing at 6,000 or 20,000 (1,024: 0.54 and 1.64 ms).
BLOCK = 1024


class CentroidIndex:
    """Event id -> unit vector, searched by cosine similarity."""

    def __init__(self) -> None:
        self.vectors_: np.ndarray | None = None  # row = event id
        self.live_: np.ndarray = np.zeros(0, bool)

    def _reserve(self, key: int, ndim: int) -> None:
        rows = (key // BLOCK + 1) * BLOCK
        if self.vectors_ is None:
            self.vectors_ = np.zeros((rows, ndim), np.float32)
            self.live_ = np.zeros(rows, bool)
        elif rows > len(self.live_):
            grown = np.zeros((rows, ndim), np.float32)
            grown[: len(self.live_)] = self.vectors_
            self.vectors_ = grown
            self.live_ = np.concatenate([self.live_, np.zeros(rows - len(self.live_), bool)])

    def __len__(self) -> int:
        return int(self.live_.sum())

    def __contains__(self, key: int) -> bool:
        return 0 <= int(key) < len(self.live_) and bool(self.live_[int(key)])

    def upsert(self, key: int, vector: np.ndarray) -> None:
        vector = np.asarray(vector, dtype=np.float32)
        self._reserve(int(key), vector.shape[0])
        self.vectors_[int(key)] = vector  # type: ignore[index]
        self.live_[int(key)] = True

    def add_many(self, keys: list[int], vectors: np.ndarray) -> None:
        for key, vector in zip(keys, vectors, strict=True):
            self.upsert(key, vector)

    def remove(self, key: int) -> None:
        if key in self:
            self.vectors_[int(key)] = 0  # type: ignore[index]
            self.live_[int(key)] = False

    def search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """Up to `k` (event id, cosine similarity) pairs, most similar first."""
        if self.vectors_ is None or k <= 0 or not self.live_.any():
            return []
        query = np.ascontiguousarray(vector, dtype=np.float32)
        used = (int(np.flatnonzero(self.live_)[-1]) // BLOCK + 1) * BLOCK
        sims = np.concatenate(
            [self.vectors_[start : start + BLOCK] @ query for start in range(0, used, BLOCK)]
        )
        sims[~self.live_[:used]] = -np.inf
        live = int(self.live_.sum())
        k = min(k, live)
        cut = np.partition(sims, len(sims) - k)[len(sims) - k]  # the k-th largest
        keys = np.flatnonzero(sims >= cut)  # every row tied with it too
        order = np.lexsort((keys, -sims[keys]))[:k]
        return [(int(keys[i]), float(sims[keys[i]])) for i in order]
