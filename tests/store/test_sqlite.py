"""The SQLite store on a real file: schema, dedupe, round trips, refusals."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime

import pytest

from tidings.model import Article, DateMention, Entity, Place
from tidings.store import Outcome, SQLiteStore, StoreError, open_store
from tidings.store.migrations import MIGRATIONS, SCHEMA_VERSION


def _article(id_: str, body: str, **fields) -> Article:
    return Article(id=id_, source=f"{id_}.txt", raw=body, text=body, body=body, **fields)


def test_schema_is_versioned_and_wal(tmp_path):
    path = tmp_path / "t.db"
    SQLiteStore(path).open().close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_round_trip(tmp_path):
    published = datetime(2020, 1, 13, 9, 30, tzinfo=UTC)
    article = _article(
        "a",
        "Body text.",
        title="Title",
        lang="tr",
        url="https://e.org/a",
        published=published,
        boilerplate=["SON DAKİKA"],
        extras={"record": {"label": "siyaset"}},
    )
    with SQLiteStore(tmp_path / "t.db") as store:
        assert store.add([article]) == [Outcome.NEW]
    with SQLiteStore(tmp_path / "t.db") as store:
        stored = store.get("a")
    assert stored == article


def test_analysis_round_trip_and_key_index(tmp_path):
    article = _article(
        "a",
        "Hafter Moskova'dan ayrıldı.",
        entities=[Entity(key="hftr", type="person", name="Hafter", mentions=2)],
        places=[
            Place(id="geonames:524901", name="Moscow", country="RU", mentions=1),
            Place(id="country:RU", name="Russia", country="RU", mentions=2, kind="country"),
        ],
        dates=[
            DateMention(text="8 Ocak'ta", date="2020-01-08", year_known=False),
            DateMention(text="3 Ocak 2020", date="2020-01-03"),
        ],
        event_date=date(2020, 1, 8),
        event_date_estimated=True,
    )
    with SQLiteStore(tmp_path / "t.db") as store:
        store.add([article])
        assert store.get("a") == article
        keys = store.db.execute("SELECT kind, key, mentions FROM article_keys ORDER BY 1, 2")
        assert keys.fetchall() == [
            ("country", "RU", 3), ("entity", "hftr", 2),
            ("place", "country:RU", 2), ("place", "geonames:524901", 1),
        ]  # fmt: skip


def test_migrates_a_version_1_file_keeping_its_articles(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0] + "; PRAGMA user_version = 1;")
    db.execute(
        "INSERT INTO articles (id, content_key, source, body, raw, ingested) "
        "VALUES ('old', 'k', 'old.txt', 'Body.', 'Body.', '2020-01-01T00:00:00+00:00')"
    )
    db.commit()
    db.close()
    with SQLiteStore(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        old = store.get("old")
        assert (old.body, old.entities, old.event_date) == ("Body.", [], None)


def test_dedupe_outcomes(tmp_path):
    with SQLiteStore(tmp_path / "t.db") as store:
        first = _article("a", "The same story, word for word.")
        outcomes = store.add(
            [
                first,
                _article("a", "The same story, word for word."),
                _article(
                    "b", "the SAME story word for word"
                ),  # differs in case and punctuation only
                _article("a", "A different story under the same id."),
                _article("c", "Another story."),
            ]
        )
        assert outcomes == [
            Outcome.NEW,
            Outcome.SAME_INPUT,
            Outcome.DUPLICATE,
            Outcome.ID_CONFLICT,
            Outcome.NEW,
        ]
        assert store.count() == 2
        assert store.get("a").body == first.body
        assert store.known_ids(["a", "b", "c", "d"]) == {"a", "c"}
        assert [a.id for a in store.articles()] == ["a", "c"]
        assert [a.id for a in store.articles(limit=1, offset=1)] == ["c"]


def test_line_counts_accumulate(tmp_path):
    with SQLiteStore(tmp_path / "t.db") as store:
        store.add_line_counts({"k1": 1, "k2": 2})
        store.add_line_counts({"k1": 2})
        assert store.line_counts(["k1", "k2", "k3"]) == {"k1": 3, "k2": 2}


def test_failed_batch_stores_nothing(tmp_path):
    with SQLiteStore(tmp_path / "t.db") as store:
        store.add([_article("a", "kept")])
        broken = _article("b", "never stored")
        broken.boilerplate = [object()]  # not JSON: fails inside the transaction
        with pytest.raises(TypeError):
            store.add([_article("c", "also not stored"), broken])
        assert [a.id for a in store.articles()] == ["a"]


def test_refuses_newer_schema_and_other_files(tmp_path):
    newer = tmp_path / "newer.db"
    sqlite3.connect(newer).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer than this tidings"):
        SQLiteStore(newer).open()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="not a tidings database"):
        SQLiteStore(junk).open()
    with pytest.raises(StoreError, match="does not exist"):
        SQLiteStore(tmp_path / "missing" / "t.db").open()


def test_open_store_names(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'u.db'}")
    assert isinstance(store, SQLiteStore) and store.path == tmp_path / "u.db"
    store.close()
    with pytest.raises(StoreError, match="no store for 'mysql'"):
        open_store("mysql://x/y")


def test_profiles_are_saved_replaced_and_read_by_id(tmp_path):
    with SQLiteStore(tmp_path / "t.db") as store:
        store.add([_article("a", "Bir."), _article("b", "İki.")])
        store.save_profiles([("a", b"first"), ("b", b"other")])
        store.save_profiles([("a", b"second")])
        assert store.profiles(["a", "b", "missing"]) == {"a": b"second", "b": b"other"}
