"""The vector index over a real SQLite store: nearest by body vector, by language, incremental."""

from __future__ import annotations

import numpy as np

from tidings.explore import VectorIndex
from tidings.model import Article
from tidings.store import SQLiteStore


def _unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def _article(id_: str, lang: str, vector: np.ndarray) -> Article:
    body = f"Body of {id_}."
    return Article(id=id_, source=id_, raw=body, text=body, body=body, lang=lang,
                   embeddings={"body": vector, "title": _unit(1, 0, 0)})  # fmt: skip


def test_nearest_by_language_and_refresh(tmp_path):
    with SQLiteStore(tmp_path / "t.db") as store:
        store.add([
            _article("tr1", "tr", _unit(1, 0, 0)),
            _article("tr2", "tr", _unit(1, 0.1, 0)),
            _article("ar1", "ar", _unit(1, 0.3, 0)),
            _article("ar2", "ar", _unit(0, 0, 1)),
        ])  # fmt: skip
        index = VectorIndex().refresh(store)
        assert len(index) == 4
        other = index.nearest("tr1", k=5)
        assert [n.id for n in other] == ["ar1", "ar2"]
        assert other[0].cosine > other[1].cosine
        assert [n.id for n in index.nearest("tr1", k=1, languages="same")] == ["tr2"]
        assert [n.id for n in index.nearest("tr1", k=2, languages="any")] == ["tr2", "ar1"]
        assert index.nearest("unknown") == []
        # Only what was stored since is read; the new article is found at once.
        store.add([_article("ar3", "ar", _unit(1, 0.01, 0))])
        assert index.refresh(store).nearest("tr1", k=1)[0].id == "ar3"
        assert len(index) == 5
