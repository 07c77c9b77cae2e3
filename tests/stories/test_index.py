"""The vector index: cosine search over unit vectors, keyed by event id."""

from __future__ import annotations

import numpy as np

from tidings.stories import VectorIndex


def _unit(rng: np.random.Generator, n: int, dim: int = 32) -> np.ndarray:
    v = rng.normal(size=(n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_search_finds_the_nearest_and_follows_moves():
    rng = np.random.default_rng(0)
    vectors = _unit(rng, 200)
    index = VectorIndex()
    assert index.search(vectors[0], 5) == []
    index.add_many(list(range(1, 201)), vectors)
    key, similarity = index.search(vectors[41], 3)[0]
    assert key == 42 and abs(similarity - 1.0) < 1e-4
    index.upsert(42, vectors[7])  # its centroid moved
    assert {k for k, _ in index.search(vectors[7], 2)} == {8, 42}
    index.remove(42)
    assert 42 not in index and len(index) == 199
    assert all(k != 42 for k, _ in index.search(vectors[7], 10))
