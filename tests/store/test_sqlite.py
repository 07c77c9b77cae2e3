"""What only the SQLite store does: its file, WAL, migrations and refusals (the
shared contract is in test_articles_contract.py and test_stories_store.py)."""

from __future__ import annotations

import sqlite3

import pytest

from tidings.model import Article
from tidings.store import SQLiteStore, StoreError, open_store
from tidings.store.migrations import MIGRATIONS, SCHEMA_VERSION


def _article(id_: str, body: str, **fields) -> Article:
    return Article(id=id_, source=f"{id_}.txt", raw=body, text=body, body=body, **fields)


def test_schema_is_versioned_and_wal(tmp_path):
    path = tmp_path / "t.db"
    SQLiteStore(path).open().close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


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


def test_migration_forgets_ingest_days_an_older_tidings_showed(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    step = next(i for i, sql in enumerate(MIGRATIONS) if "UPDATE placements SET at = ''" in sql)
    db.executescript("".join(MIGRATIONS[:step]) + f"; PRAGMA user_version = {step};")
    db.execute(
        "INSERT INTO articles (id, content_key, source, body, raw, ingested) "
        "VALUES ('old', 'k', 'old.txt', 'Body.', 'Body.', '2026-12-07T00:00:00+00:00')"
    )
    db.executescript(
        "INSERT INTO stories (id, first, last, size) VALUES (1, '2020-01-13', '2026-12-07', 2),"
        " (2, '2026-12-07', '2026-12-07', 1);"
        "INSERT INTO events (id, story_id, first, last, dated, size, vector_sum) VALUES"
        " (1, 1, '2020-01-13', '2020-01-13', 1, 1, x''), (2, 1, '2026-12-07', '2026-12-07', 0,"
        " 1, x''), (3, 2, '2026-12-07', '2026-12-07', 0, 1, x'');"
        "INSERT INTO placements VALUES ('old', 2, 1.0, '2026-12-07', 0);"
    )
    db.commit()
    db.close()
    with SQLiteStore(path) as store:
        assert store.story_row(1).first == "2020-01-13" and store.story_row(1).last == "2020-01-13"
        assert (store.story_row(2).first, store.story_row(2).last) == (None, None)
        assert store.events([2])[2].first is None
        assert store.event_members(2)[0].at is None


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
