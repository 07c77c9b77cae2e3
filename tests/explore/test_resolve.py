"""The resolver from typed names to stored keys, on the seeds as the real pipeline
stores them (issue 17, item 1)."""

from __future__ import annotations

import json

import pytest

from tidings import open as open_app
from tidings.analyze.places import PlaceFinder
from tidings.explore.query import ArticleQuery
from tidings.explore.resolve import AmbiguousName, Resolver, UnknownName
from tidings.store import open_store

pytestmark = pytest.mark.slow  # the seeds ingested with the bundled model

HAFTAR = ("Haftar", "Hafter", "Khalifa Haftar", "Halife Hafter", "حفتر", "Хафтар", "hftr")
LIBYA = ("Libya", "Libye", "Libyen", "ليبيا", "Libya'daki", "libya", "LY")


@pytest.fixture(scope="module")
def resolver(seeded_db):
    with open_store(str(seeded_db)) as store:
        yield Resolver(store, PlaceFinder())


@pytest.mark.parametrize("typed", HAFTAR)
def test_a_name_in_any_script_or_spelling_is_haftars_key(resolver, typed):
    assert resolver.entity(typed) == "hftr"


@pytest.mark.parametrize("typed", LIBYA)
def test_a_place_in_any_language_or_inflection_is_libya(resolver, typed):
    assert resolver.place(typed) == "LY"


def test_a_city_is_its_geonames_id(resolver):
    assert resolver.place("Moskova") == resolver.place("Москва") == "geonames:524901"


def test_unknown_names_say_so(resolver):
    with pytest.raises(UnknownName, match="no entity known as 'Zzyzx'"):
        resolver.entity("Zzyzx")
    with pytest.raises(UnknownName, match="no place known as 'Atlantis'"):
        resolver.place("Atlantis")


def test_search_words_get_the_keys_they_name(resolver):
    query = resolver.searching(ArticleQuery(text="cavusoglu Libya ateşkes"))
    aliases = dict(query.aliases)
    assert aliases["cavusoglu"] == ("cfsgl",)  # Çavuşoğlu, read as Turkish
    assert "LY" in aliases["Libya"]
    assert "ateşkes" not in aliases  # "ceasefire" names nobody
    # A name of two words lends its key to both: Arabic keys the surname alone.
    khalifa = dict(resolver.searching(ArticleQuery(text="Khalifa Haftar")).aliases)
    assert "hftr" in khalifa["Khalifa"]
    # A phrase that is no one's name lends nothing.
    plain = dict(resolver.searching(ArticleQuery(text="Libya Hafter")).aliases)
    assert "LY" not in plain["Hafter"] and "hftr" not in plain["Libya"]


def test_an_ambiguous_name_lists_its_candidates(tmp_path):
    # "Chirac" keys as the English press reads it (ch = tʃ: crk) and as the Turkish
    # does (c = dʒ, h: chrc): one spelling, two keys; the typed name cannot choose.
    texts = [
        ("en1", "en", "Chirac spoke", "Former president Jacques Chirac spoke on Monday. "
         "Chirac said the talks failed. Later Chirac left Paris."),
        ("tr1", "tr", "Chirac konuştu", "Eski cumhurbaşkanı Jacques Chirac pazartesi konuştu. "
         "Chirac görüşmelerin başarısız olduğunu söyledi. Chirac daha sonra ayrıldı."),
    ]  # fmt: skip
    records = tmp_path / "in.jsonl"
    records.write_text("\n".join(json.dumps({"id": i, "lang": lang, "title": t, "text": body},
                                            ensure_ascii=False) for i, lang, t, body in texts))  # fmt: skip
    with open_app(str(tmp_path / "t.db")) as app:
        app.ingest([str(records)])
        keys = {e.key for i in ("en1", "tr1") for e in app.article(i).entities}
        resolver = Resolver(app.store, PlaceFinder())
        assert {"crk", "chrc"} <= keys, keys
        with pytest.raises(AmbiguousName) as raised:
            resolver.entity("Chirac")
    assert len(raised.value.candidates) >= 2
    assert all(c.key in str(raised.value) for c in raised.value.candidates)
