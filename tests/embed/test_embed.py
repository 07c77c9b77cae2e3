"""Embeddings with the real bundled model, and their storage."""

from __future__ import annotations

import numpy as np
import pytest

from tidings.embed import ArticleEmbedder, SentenceTransformerEmbedder, USEEmbedder
from tidings.model import Article
from tidings.store import SQLiteStore


def _article(id_: str, title: str, body: str) -> Article:
    return Article(id=id_, source=f"{id_}.txt", raw=body, text=body, title=title, body=body)


@pytest.fixture(scope="module")
def embedded() -> list[Article]:
    stage = ArticleEmbedder(USEEmbedder())
    articles = [
        _article("tr", "Moskova'da Libya görüşmesi", "Türk ve Rus heyetleri Moskova'da Libya'yı görüştü."),
        _article("ar", "محادثات حول ليبيا في موسكو", "بحث الوفدان التركي والروسي في موسكو الوضع في ليبيا."),
        _article("en", "Champions League final", "The football final was played in Istanbul on Saturday."),
    ]  # fmt: skip
    return list(stage.pipe(articles))


def test_views_are_unit_vectors(embedded):
    for article in embedded:
        assert set(article.embeddings) == {"title", "lead", "body"}
        for vector in article.embeddings.values():
            assert vector.shape == (512,) and vector.dtype == np.float32
            assert abs(float(np.linalg.norm(vector)) - 1) < 1e-4
        assert article.extras["embedder"] == "embed.use_multilingual.v3"


def test_same_story_across_languages_is_closer(embedded):
    tr, ar, en = (a.embeddings["body"] for a in embedded)
    assert float(tr @ ar) > float(tr @ en) + 0.1


def test_vectors_are_stored_and_read_back(tmp_path, embedded):
    with SQLiteStore(tmp_path / "t.db") as store:
        store.add(embedded)
        stored = store.get("ar")
        assert set(stored.embeddings) == {"title", "lead", "body"}
        assert np.allclose(stored.embeddings["body"], embedded[1].embeddings["body"])
        assert set(store.embeddings(["tr", "en", "missing"])) == {"tr", "en"}


def test_sentence_transformers_adapter_names_its_model_and_stays_lazy():
    embedder = SentenceTransformerEmbedder("some/model")
    assert embedder.name == "embed.sentence_transformers.v1:some/model"
    assert embedder.model_ is None  # nothing is loaded (or downloaded) until used
