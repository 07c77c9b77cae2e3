"""The vector index: cosine search over unit vectors, keyed by event id."""

from __future__ import annotations

import numpy as np

from tidings.stories import CentroidIndex


def _unit(rng: np.random.Generator, n: int, dim: int = 32) -> np.ndarray:
    v = rng.normal(size=(n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_search_finds_the_nearest_and_follows_moves():
    rng = np.random.default_rng(0)
    vectors = _unit(rng, 200)
    index = CentroidIndex()
    assert index.search(vectors[0], 5) == []
    index.add_many(list(range(1, 201)), vectors)
    key, similarity = index.search(vectors[41], 3)[0]
    assert key == 42 and abs(similarity - 1.0) < 1e-4
    index.upsert(42, vectors[7])  # its centroid moved
    assert {k for k, _ in index.search(vectors[7], 2)} == {8, 42}
    index.remove(42)
    assert 42 not in index and len(index) == 199
    assert all(k != 42 for k, _ in index.search(vectors[7], 10))


def test_an_index_rebuilt_from_the_events_answers_as_the_one_grown_in_a_run():
    # One run grows the index event by event, moving and removing centroids (joins,
    # merges); a resumed run rebuilds it from the surviving rows. Both must answer alike,
    # or a resumed ingest places articles otherwise (an HNSW graph depends on history).
    rng = np.random.default_rng(1)
    dim, n = 64, 3000
    clusters = _unit(rng, 40, dim)
    vectors = clusters[rng.integers(0, 40, n)] + 0.35 * _unit(rng, n, dim)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    grown, final = CentroidIndex(), {}
    for key in range(1, n + 1):
        grown.upsert(key, vectors[key - 1])
        final[key] = vectors[key - 1]
        if key % 7 == 0:  # an event that moved
            moved = vectors[rng.integers(0, n)]
            grown.upsert(key - 3, moved)
            final[key - 3] = moved
        if key % 11 == 0:  # an event merged away
            grown.remove(key - 5)
            final.pop(key - 5, None)
    rebuilt = CentroidIndex()
    keys = sorted(final)
    rebuilt.add_many(keys, np.vstack([final[k] for k in keys]))
    queries = vectors[rng.integers(0, n, 300)] + 0.2 * _unit(rng, 300, dim)
    for query in queries:
        assert grown.search(query, 16) == rebuilt.search(query, 16)
