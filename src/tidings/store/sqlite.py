"""The embedded default store: one SQLite file, WAL mode, versioned schema."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from tidings.query import ArticleQuery, Hit, Page
from tidings.store import search
from tidings.store.base import StoreError
from tidings.store.change_queries import ChangeQueries
from tidings.store.core import INSERT_ARTICLE, StoreCore
from tidings.store.migrations import MIGRATIONS, SCHEMA_VERSION

# How long an opener or writer waits for another one's lock.
_BUSY_SECONDS = 30.0


class SQLiteStore(StoreCore, ChangeQueries):
    """Articles in one SQLite file. Opening migrates the schema to the current
    version; a file written by a newer tidings is refused, not touched."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._db: sqlite3.Connection | None = None

    # -- connection -------------------------------------------------------
    def open(self) -> SQLiteStore:
        if self._db is None:
            if self.path.parent and not self.path.parent.exists():
                raise StoreError(f"{self.path}: folder {self.path.parent} does not exist")
            try:
                db = sqlite3.connect(self.path, isolation_level=None, timeout=_BUSY_SECONDS)
                _use_wal(db)
            except sqlite3.DatabaseError as error:
                raise StoreError(f"{self.path}: not a tidings database ({error})") from None
            db.execute("PRAGMA synchronous=NORMAL")
            self._db = db
            self._migrate()
        return self

    def _migrate(self) -> None:
        db = self._db
        assert db is not None
        if self.schema_version() == SCHEMA_VERSION:
            return  # the usual case: no write lock taken, readers never wait on a writer
        # Read the version again under the write lock: another process opening the same
        # new file may have migrated it between the first look and now.
        db.execute("BEGIN IMMEDIATE")
        try:
            version = self.schema_version()
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path}: schema version {version} is newer than this tidings "
                    f"({SCHEMA_VERSION})"
                )
            for step in range(version, SCHEMA_VERSION):
                for statement in _statements(MIGRATIONS[step]):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {step + 1}")
            db.execute("COMMIT")  # every step and the version together, or none
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def transaction(self) -> _Transaction:
        """One transaction around several calls (storing a batch and placing it)."""
        return _Transaction(self.db, self._after_last_change)

    # -- dialect hooks ------------------------------------------------------------
    def _insert_article(self, row: tuple[Any, ...]) -> bool:
        # Looked up first: an INSERT … ON CONFLICT DO NOTHING would use up a seq number
        # (AUTOINCREMENT) on every repeated article.
        stored = self.db.execute(
            "SELECT 1 FROM articles WHERE id = ? OR content_key = ?", (row[0], row[1])
        ).fetchone()
        if stored is None:
            self.db.execute(INSERT_ARTICLE, row)
        return stored is None

    # -- what SQLite does its own way ----------------------------------------------
    def find(self, query: ArticleQuery) -> Page[Hit]:
        """A page of the articles that pass the query's filters (see `store.search`)."""
        return search.find_articles(self.db, query)

    def unplaced(self) -> list[str]:
        """Ids of stored articles in no event (after a crash between storing and placing)."""
        # Over the index of ids (which holds each seq too), not the table of long rows:
        # every ingest asks, so this must not read the whole store.
        rows = self.db.execute(
            "SELECT a.seq, a.id FROM articles a INDEXED BY sqlite_autoindex_articles_1 "
            "WHERE NOT EXISTS (SELECT 1 FROM placements p WHERE p.article_id = a.id)"
        )
        return [article_id for _, article_id in sorted(rows)]

    def events_version(self) -> int:
        """Changes when another connection commits (PRAGMA data_version): a tracker
        in this process then knows its in-memory index of events may be stale."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]


def _use_wal(db: sqlite3.Connection) -> None:
    """WAL mode, waiting for other openers: the switch needs the file to itself, and SQLite
    answers `database is locked` at once (not after its busy timeout) while another
    process opening the same new file holds it."""
    deadline = time.monotonic() + _BUSY_SECONDS
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _statements(script: str) -> Iterator[str]:
    """The statements of a migration script, one at a time: `executescript` would
    commit the transaction that holds the write lock (Python 3.11 commits first)."""
    start = 0
    for at, char in enumerate(script):
        if char == ";" and sqlite3.complete_statement(script[start : at + 1]):
            yield script[start : at + 1]
            start = at + 1
    if script[start:].strip():
        yield script[start:] + ";"


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error; nestable (inner is a no-op)."""

    def __init__(self, db: sqlite3.Connection, first: Callable[[], None]):
        self.db = db
        self.first = first  # run first under the write lock (`_after_last_change`)
        self.outer = False

    def __enter__(self) -> None:
        if not self.db.in_transaction:
            self.db.execute("BEGIN IMMEDIATE")
            self.outer = True
            try:
                self.first()
            except BaseException:
                self.db.execute("ROLLBACK")
                raise

    def __exit__(self, exc_type: type[BaseException] | None, exc: object, tb: object) -> None:
        if not self.outer:
            return
        if exc_type is None:
            self.db.execute("COMMIT")
        elif self.db.in_transaction:
            self.db.execute("ROLLBACK")
