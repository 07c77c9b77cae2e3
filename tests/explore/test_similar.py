"""The vector index over a real SQLite store: nearest by body vector, by language, incremental."""

from __future__ import annotations

import numpy as np
import pytest

import tidings
from tidings.compare import profile
from tidings.explore import VectorIndex
from tidings.explore.similar import Profiles
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


def _embedded(id_: str, text: str) -> Article:
    vectors = {view: _unit(1, len(view), 0) for view in ("title", "lead", "body")}
    return Article(id=id_, source=id_, raw=text, text=text, body=text, lang="en",
                   title=text[:20], embeddings=vectors)  # fmt: skip


def test_profiles_are_made_once_an_article_and_stay_bounded():
    profiles = Profiles(size=2)
    a, b, c = (_embedded(i, f"Article {i} says something about {i} in 2020.") for i in "abc")
    first = profiles.of(a)
    assert profiles.of(a) is first
    made = profile(a)
    assert (first.id, first.numbers, first.chars) == (made.id, made.numbers, made.chars)
    assert np.array_equal(first.grams_body[0], made.grams_body[0])
    profiles.of(b)
    profiles.of(c)  # a, the least recently used, goes
    assert profiles.of(a) is not first


@pytest.mark.slow
def test_similar_scores_equal_scoring_the_articles_themselves(seeded_db):
    with tidings.open(str(seeded_db)) as app:
        article = app.article(next(app.articles()).id)
        for _ in range(2):  # profiles made, then re-used
            near = app.similar(article.id, k=3, languages="any")
            assert near
            direct = app.loaded.scorer().score_many([(article, s.article) for s in near])
            assert [s.comparison for s in near] == direct
        other = near[0].article.id
        assert app.compare_stored(article.id, other) == app.compare(article.id, other)
