"""Pair features on hand-made articles: symmetry, overlaps, missing values."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pytest

from tidings.compare.features import (
    FEATURE_NAMES,
    char_grams,
    numbers_in,
    pair_features,
    pair_reasons,
    profile,
    profile_bytes,
    profile_from_bytes,
    sparse_cosine,
)
from tidings.model import Article, DateMention, Entity, Place


def _unit(seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=512).astype(np.float32)
    return v / np.linalg.norm(v)


def _article(id_: str, lang: str, seed: int, **fields) -> Article:
    body = fields.pop(
        "body", "Talks on Libya were held in Moscow on 13 January 2020, 2,500 km away."
    )
    art = Article(id=id_, source=id_, raw=body, text=body, body=body, lang=lang,
                  title=fields.pop("title", "Libya talks in Moscow"), **fields)  # fmt: skip
    art.embeddings = {view: _unit(seed + i) for i, view in enumerate(("title", "lead", "body"))}
    return art


HAFTAR = Entity("hftr", "person", "Hafter", 3)
PUTIN = Entity("ptn", "person", "Putin", 1)
MOSCOW = Place("geonames:524901", "Moscow", "RU", 2)
LIBYA = Place("country:LY", "Libya", "LY", 4, kind="country")


@pytest.fixture
def pair() -> tuple[Article, Article]:
    a = _article("a", "tr", 0, entities=[HAFTAR, PUTIN], places=[MOSCOW, LIBYA],
                 dates=[DateMention("13 Ocak", "2020-01-13")], event_date=date(2020, 1, 13))  # fmt: skip
    b = _article("b", "ar", 10, entities=[HAFTAR], places=[LIBYA],
                 dates=[DateMention("13 يناير", "2020-01-13")], event_date=date(2020, 1, 9),
                 event_date_estimated=True)  # fmt: skip
    return a, b


def _named(x: np.ndarray) -> dict[str, float]:
    return dict(zip(FEATURE_NAMES, x.tolist(), strict=True))


def test_features_are_symmetric(pair):
    a, b = (profile(x) for x in pair)
    x, y = pair_features(a, b), pair_features(b, a)
    assert x.shape == (len(FEATURE_NAMES),)
    assert np.allclose(x, y, equal_nan=True)


def test_overlaps_and_date_gap(pair):
    f = _named(pair_features(*(profile(x) for x in pair)))
    assert f["ent_jaccard"] == pytest.approx(1 / 2)
    assert f["ent_weighted"] == pytest.approx(3 / 4)
    assert f["country_jaccard"] == pytest.approx(1 / 2)
    assert f["place_jaccard"] == pytest.approx(1 / 2)
    assert f["date_jaccard"] == 1.0
    assert f["date_gap_log"] == pytest.approx(math.log1p(4))
    assert f["date_gap_missing"] == 0.0 and f["date_estimated"] == 1.0


def test_lexical_overlap_only_within_a_language(pair):
    a, b = pair
    cross = _named(pair_features(profile(a), profile(b)))
    assert cross["same_lang"] == 0.0 and math.isnan(cross["lex_body"])
    b.lang = "tr"
    same = _named(pair_features(profile(a), profile(b)))
    assert same["same_lang"] == 1.0 and same["lex_body"] == pytest.approx(1.0)


def test_an_article_with_itself():
    a = profile(_article("a", "en", 0))
    f = _named(pair_features(a, a))
    for name in ("cos_title_title", "cos_lead_lead", "cos_body_body", "lex_title"):
        assert f[name] == pytest.approx(1.0, abs=1e-5)
    assert f["ent_missing"] == 1.0 and f["date_gap_missing"] == 1.0


def test_numbers_fold_scripts_and_separators():
    assert numbers_in("Sayı 2.500 ve ٢٠٢٠ yılı, 7 kişi") == {"2500", "2020"}


def test_char_grams_cosine():
    assert sparse_cosine(char_grams("Moskova"), char_grams("moskova")) == pytest.approx(1.0)
    assert sparse_cosine(char_grams("Moskova"), char_grams("Berlin")) < 0.2
    assert sparse_cosine(char_grams(""), char_grams("Berlin")) == 0.0


def test_unembedded_article_is_refused():
    art = Article(id="x", source="x", raw="t", text="t")
    with pytest.raises(ValueError, match="embed it first"):
        profile(art)


def test_reasons_name_what_is_shared(pair):
    a, b = (profile(x) for x in pair)
    reasons = pair_reasons(a, b, pair_features(a, b))
    assert reasons["shared_entities"] == {"hftr": "Hafter"}
    assert reasons["shared_countries"] == ["LY"]
    assert reasons["shared_places"] == {"country:LY": "Libya"}
    assert reasons["date_gap_days"] == 4 and reasons["dates_estimated"] is True
    assert set(reasons["cosines"]) == {
        "title-title",
        "lead-lead",
        "body-body",
        "title-body",
        "lead-body",
    }
    assert reasons["same_language"] is False


def test_profile_bytes_round_trip_exactly(pair):
    for article in pair:
        item = profile(article)
        again = profile_from_bytes(item.id, profile_bytes(item), article.embeddings)
        assert again is not None
        for name in ("grams_body", "grams_title"):
            for mine, theirs in zip(getattr(item, name), getattr(again, name), strict=True):
                assert mine.dtype == theirs.dtype and np.array_equal(mine, theirs)
        assert (again.entities, again.places, again.dates) == (
            item.entities,
            item.places,
            item.dates,
        )
        assert again.entity_names == item.entity_names and again.numbers == item.numbers
        assert (again.event_date, again.event_estimated) == (item.event_date, item.event_estimated)
        assert np.array_equal(pair_features(again, item), pair_features(item, item), equal_nan=True)


def test_profile_bytes_of_another_format_or_without_vectors_are_ignored(pair):
    article = pair[0]
    blob = profile_bytes(profile(article))
    assert (
        profile_from_bytes(article.id, bytes([blob[0] + 1]) + blob[1:], article.embeddings) is None
    )
    assert profile_from_bytes(article.id, blob, {}) is None
