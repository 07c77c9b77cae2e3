"""Filtered, paged and full-text listings on a real SQLite file and a real PostgreSQL
database (`location` runs each on both), and the SQLite FTS index's upkeep."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime

import numpy as np
import pytest

from tidings.explore import ArticleQuery
from tidings.model import Article, Entity, Place
from tidings.store import SQLiteStore, open_store
from tidings.store.migrations import MIGRATIONS

LIBYA = Place(id="country:LY", name="Libya", country="LY", mentions=2, kind="country")
TRIPOLI = Place(id="geonames:2210247", name="Tripoli", country="LY", mentions=1)
MOSCOW = Place(id="geonames:524901", name="Moscow", country="RU", mentions=1)
HAFTAR = Entity(key="hftr", type="person", name="Hafter", mentions=2)


def _article(id_: str, title: str, body: str, lang: str, day: int, **fields) -> Article:
    published = datetime(2020, 1, day, 9, tzinfo=UTC)
    return Article(id=id_, source=f"{id_}.txt", raw=body, text=body, body=body, title=title,
                   lang=lang, published=published, **fields)  # fmt: skip


ARTICLES = [
    _article("t1", "Libya'da ateşkes", "Hafter milisleri Trablus'un güneyinde.", "tr", 12,
             entities=[HAFTAR], places=[LIBYA, TRIPOLI]),
    _article("a1", "وقف إطلاق النار في ليبيا", "اجتماع في موسكو حول وليبيا وحفتر.", "ar", 13,
             entities=[HAFTAR], places=[LIBYA, MOSCOW]),
    _article("t2", "Borsa güne yükselişle başladı", "Borsa İstanbul'da endeks yükseldi.", "tr", 14),
]  # fmt: skip


@pytest.fixture
def store(location):
    with open_store(location) as store:
        store.add(ARTICLES)
        yield store


@pytest.fixture
def sqlite_store(tmp_path):
    with SQLiteStore(tmp_path / "t.db") as store:
        store.add(ARTICLES)
        yield store


def _ids(store, **filters) -> list[str]:
    return [h.article.id for h in store.find(ArticleQuery(**filters)).items]


def test_newest_first_and_filters(store):
    assert _ids(store) == ["t2", "a1", "t1"]
    assert _ids(store, lang="tr") == ["t2", "t1"]
    assert _ids(store, since=date(2020, 1, 13)) == ["t2", "a1"]
    assert _ids(store, until=date(2020, 1, 13)) == ["a1", "t1"]
    assert _ids(store, entity="hftr") == ["a1", "t1"]
    assert _ids(store, place="geonames:524901") == ["a1"]
    assert _ids(store, place="LY") == ["a1", "t1"]  # a country code: anywhere in it
    assert _ids(store, place="RU", lang="tr") == []


def test_full_text_search_inside_words_in_any_case(store):
    # Trigrams find a name inside the words Arabic and Turkish build on it.
    assert _ids(store, text="ليبيا") == ["a1"]
    assert set(_ids(store, text="libya")) == {"t1"}
    assert _ids(store, text="borsa endeks") == ["t2"]
    assert _ids(store, text="borsa hafter") == []
    page = store.find(ArticleQuery(text="Trablus"))
    assert page.total == 1 and "Trablus" in page.items[0].snippet


def test_search_folds_diacritics_both_ways(store):
    # Typed without Turkish letters, found with them; and the other way round.
    assert _ids(store, text="guneyinde") == ["t1"]
    assert _ids(store, text="GUNEYINDE milisleri") == ["t1"]
    assert _ids(store, text="Borsa İstanbul'da") == ["t2"]
    assert _ids(store, text="yukseldi") == ["t2"]


def test_short_words_match_the_start_of_a_word(store):
    # "ab" is in no word's start (Trablus, kabul…): nothing; "en" starts "endeks" only.
    assert _ids(store, text="ab") == []
    assert _ids(store, text="EN") == ["t2"]
    assert _ids(store, text="borsa en") == ["t2"]


def test_a_term_with_keys_finds_them_in_any_script(store):
    # "Haftar" is written in neither text; its key finds the Turkish and Arabic ones.
    assert _ids(store, text="Haftar") == []
    aliased = ArticleQuery(text="Haftar", aliases=(("Haftar", ("hftr",)),))
    assert sorted(h.article.id for h in store.find(aliased).items) == ["a1", "t1"]
    both = ArticleQuery(text="Haftar borsa", aliases=(("Haftar", ("hftr",)),))
    assert store.find(both).total == 0  # every term must still hold
    moscow = ArticleQuery(text="Moskova", aliases=(("Moskova", ("geonames:524901",)),))
    assert [h.article.id for h in store.find(moscow).items] == ["a1"]


def test_pages(store):
    first = store.find(ArticleQuery(limit=2))
    assert [h.article.id for h in first.items] == ["t2", "a1"]
    assert (first.total, first.next_offset, first.previous_offset) == (3, 2, None)
    second = store.find(ArticleQuery(limit=2, offset=2))
    assert [h.article.id for h in second.items] == ["t1"]
    assert (second.next_offset, second.previous_offset) == (None, 0)


def test_pages_of_searches_and_narrow_filters_count_all_matches(store):
    # Found once, then counted and paged in one statement (store/search.py `_matched`).
    for filters in ({"text": "libya"}, {"entity": "hftr"}, {"ids": ("t1", "a1", "t2")}):
        first = store.find(ArticleQuery(limit=1, **filters))
        assert first.total == len(_ids(store, **filters)) and len(first.items) == 1
        past = store.find(ArticleQuery(limit=1, offset=5, **filters))
        assert past.items == [] and past.total == first.total  # a page past the last
    assert store.find(ArticleQuery(entity="nobody")).total == 0


def test_only_given_ids(store):
    assert _ids(store, ids=("t1", "t2", "zz")) == ["t2", "t1"]
    assert _ids(store, ids=()) == []


def test_bad_queries_are_refused():
    with pytest.raises(ValueError, match="limit"):
        ArticleQuery(limit=0)
    with pytest.raises(ValueError, match="after until"):
        ArticleQuery(since=date(2020, 2, 1), until=date(2020, 1, 1))


def test_index_follows_inserts_deletes_and_updates(sqlite_store):
    store = sqlite_store
    store.db.execute("UPDATE articles SET body = 'Sirte cephesinde çatışma' WHERE id = 't1'")
    assert _ids(store, text="Sirte") == ["t1"]
    assert _ids(store, text="Trablus") == []
    store.db.execute("DELETE FROM article_keys WHERE article_id = 't1'")
    store.db.execute("DELETE FROM articles WHERE id = 't1'")
    assert _ids(store, text="Sirte") == []
    assert (
        store.db.execute(
            "INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')"
        ).fetchall()
        == []
    )


def test_migration_indexes_articles_stored_before_it(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path, isolation_level=None)
    fts_step = next(i for i, m in enumerate(MIGRATIONS) if "articles_fts" in m)
    for step in MIGRATIONS[:fts_step]:
        db.executescript(step)
    db.execute(
        "INSERT INTO articles (id, content_key, source, title, body, raw, ingested) "
        "VALUES ('x', 'k', 's', 'Libya talks', 'Talks on Libya in Moscow', 'r', '2020-01-01')"
    )
    db.execute(f"PRAGMA user_version = {fts_step}")
    db.close()
    with SQLiteStore(path) as migrated:
        assert _ids(migrated, text="moscow") == ["x"]


def test_vectors_after(store):
    assert store.last_seq() == 3
    assert list(store.vectors_after(0)) == []  # these articles have no vectors
    vector = np.ones(4, dtype=np.float32) / 2
    store.add([_article("v1", "V", "Vector body text.", "en", 15, embeddings={"body": vector})])
    [(seq, article_id, lang, found)] = list(store.vectors_after(3))
    assert (seq, article_id, lang) == (4, "v1", "en")
    np.testing.assert_array_equal(found, vector)
