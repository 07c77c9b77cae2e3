"""Highlight spans of an article's entities and places."""

from __future__ import annotations

from tidings.explore import find_mentions
from tidings.model import Article, Entity, Place

LIBYA = Place(id="country:LY", name="Libya", country="LY", mentions=2, kind="country")
ABU_DHABI = Place(id="geonames:292968", name="Abu Dhabi", country="AE", mentions=1)
LEBANON_TRIPOLI = Place(id="geonames:266826", name="Tripoli", country="LB", mentions=1)
NAMES = {"ليبيا": [LIBYA], "وليبيا": [LIBYA], "Libya": [LIBYA], "Abu Dhabi": [ABU_DHABI],
         "Tripoli": [LEBANON_TRIPOLI]}  # fmt: skip


def lookup(text: str, lang: str | None) -> list[Place]:
    """A tiny gazetteer: the real one is the analysis' `PlaceFinder.find`."""
    return [p for name, places in NAMES.items() if name in text for p in places]


def _texts(text: str, article: Article) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.kind) for m in find_mentions(text, article, lookup)]


def test_places_only_those_the_analysis_found():
    text = "Talks on Libya in Abu Dhabi; Tripoli was calm."
    article = Article(id="x", source="x", raw=text, text=text, body=text, lang="en",
                      places=[LIBYA, ABU_DHABI])  # fmt: skip
    # Tripoli is a place, but not one this article was resolved to: not marked.
    assert _texts(text, article) == [("Libya", "place"), ("Abu Dhabi", "place")]


def test_arabic_clitics_and_entity_surnames():
    text = "التقى خليفة حفتر في موسكو، وليبيا تنتظر. وقال حفتر إن"
    haftar = Entity(key="hftr", type="person", name="خليفة حفتر", mentions=2)
    article = Article(id="a", source="a", raw=text, text=text, body=text, lang="ar",
                      places=[LIBYA], entities=[haftar])  # fmt: skip
    assert _texts(text, article) == [
        ("خليفة حفتر", "entity"),
        ("وليبيا", "place"),
        ("حفتر", "entity"),
    ]


def test_latin_names_match_whole_words_only():
    text = "Hafter met Hafterson."
    article = Article(id="t", source="t", raw=text, text=text, body=text, lang="tr",
                      entities=[Entity(key="hftr", type="person", name="Hafter", mentions=1)])  # fmt: skip
    assert _texts(text, article) == [("Hafter", "entity")]
