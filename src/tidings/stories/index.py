"""A small approximate-nearest-neighbour index of event centroids (usearch HNSW).

Cosine over unit float32 vectors; keys are integer event ids. An event whose
centroid moves is removed and added again. The index lives in memory and is
rebuilt from the store's event rows when a tracker starts. One vector is added
or searched on the calling thread: usearch's default pool only adds overhead
to a single query (twice the time on 2 busy cores), and gives the same result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from usearch.index import Index


class VectorIndex:
    """Event id -> unit vector, searched by cosine similarity."""

    def __init__(self, *, connectivity: int = 16, expansion_search: int = 64):
        self.connectivity = connectivity
        self.expansion_search = expansion_search
        self.index_: Index | None = None

    def _index(self, ndim: int) -> Index:
        if self.index_ is None:
            # Imported on first use: Ray's core aborts (a std::regex clash between the
            # two libraries' C++ runtimes) if usearch is loaded before `ray.init`.
            from usearch.index import Index

            self.index_ = Index(
                ndim=ndim,
                metric="cos",
                dtype="f32",
                connectivity=self.connectivity,
                expansion_search=self.expansion_search,
            )
        return self.index_

    def __len__(self) -> int:
        return 0 if self.index_ is None else len(self.index_)

    def __contains__(self, key: int) -> bool:
        return self.index_ is not None and int(key) in self.index_

    def upsert(self, key: int, vector: np.ndarray) -> None:
        vector = np.ascontiguousarray(vector, dtype=np.float32)
        index = self._index(vector.shape[0])
        if int(key) in index:
            index.remove(int(key))
        index.add(int(key), vector, threads=1)

    def add_many(self, keys: list[int], vectors: np.ndarray) -> None:
        if keys:
            vectors = np.ascontiguousarray(vectors, dtype=np.float32)
            self._index(vectors.shape[1]).add(np.asarray(keys, dtype=np.uint64), vectors)

    def remove(self, key: int) -> None:
        if key in self:
            self.index_.remove(int(key))  # type: ignore[union-attr]

    def search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """Up to `k` (event id, cosine similarity) pairs, most similar first."""
        if not len(self):
            return []
        query = np.ascontiguousarray(vector, dtype=np.float32)
        found = self.index_.search(query, k, threads=1)  # type: ignore[union-attr]
        return [
            (int(key), 1.0 - float(d)) for key, d in zip(found.keys, found.distances, strict=True)
        ]
