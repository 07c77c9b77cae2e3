"""Property-based tests of the place finder and the place-name forms on arbitrary text.

For any text and language `PlaceFinder.find` raises nothing and returns each
place once, as a country, region or city of the gazetteer with an ISO country
code and at least one mention, and never more mentions than the text has
words; the name-form helpers of `placenames` take any word.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.ingest.fuzz_text import scraped_text
from tidings.analyze.placenames import (
    LANGS,
    arabic_nisba,
    arabic_variants,
    fold_table,
    script_of,
    stems_of,
)

FUZZ = settings(max_examples=150, deadline=None)
LANG = st.sampled_from([None, "xx", *LANGS])
NAMES = st.sampled_from(
    [
        "Libya",
        "Libyan",
        "Tripoli",
        "Trablus",
        "Trablus'ta",
        "Moskova'da",
        "Москве",
        "Rosji",
        "وبليبيا",
        "لليبيا",
        "الليبيين",
        "طرابلس",
        "利比亚",
        "北京市",
        "New York",
        "Nueva York",
        "USA",
        "U.S.",
        "Georgia",
        "Türkiye'nin",
        "Ankara'daki",
        "Deutschlands",
        "Saint-Étienne",
    ]
)
TEXT = st.lists(st.one_of(NAMES, scraped_text(4)), max_size=30).map(" ".join)
# Units a place mention takes at least one of: a word, or a Han character (Chinese has no
# spaces, and the finder splits a run at a change of script: 北京anbu is Beijing and Anbu).
_HAN = "\u3400-\u9fff\uf900-\ufaff"
_WORDS = re.compile(f"[{_HAN}]|[^\\W{_HAN}]+")


@FUZZ
@given(text=TEXT, lang=LANG)
@example(text="北京anbu", lang=None)  # found by hypothesis: two places in one \w run
def test_places_of_any_text(finder, text, lang):
    places = finder.find(text, lang)
    assert len({p.id for p in places}) == len(places)
    for place in places:
        assert place.kind in ("country", "region", "city")
        assert place.id.startswith("country:" if place.kind == "country" else "geonames:")
        assert re.fullmatch(r"[A-Z]{2}", place.country) and place.name
        assert place.mentions >= 1
    assert sum(p.mentions for p in places) <= len(_WORDS.findall(text))


FOLD = fold_table()


@FUZZ
@given(st.one_of(NAMES, scraped_text(3)))
def test_name_forms_of_any_word(word):
    key = word.casefold().translate(FOLD)
    assert script_of(word) in (None, "latn", "cyrl", "arab", "hani")
    assert all(isinstance(s, str) and len(s) < len(key) for s in stems_of(key))
    assert all(isinstance(f, str) for f in arabic_nisba(key))
    # Proclitics and the article come off the front: each form is the word's
    # end, or its end after the alef that "لل" drops (لليبيا → ليبيا).
    first, *rest = arabic_variants(key)
    assert first == key
    for form in rest:
        assert len(form) >= 3 and (key.endswith(form) or key.endswith(form[1:]))
