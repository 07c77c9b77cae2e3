"""The embedded default store: one SQLite file, WAL mode, versioned schema."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import numpy as np

from tidings.explore.query import ArticleQuery, Hit, Page
from tidings.model import Article, InputKey, input_key
from tidings.store import search
from tidings.store.base import Outcome, StoreError, new_line_counts
from tidings.store.change_queries import ChangeQueries
from tidings.store.correction_queries import CorrectionQueries
from tidings.store.migrations import MIGRATIONS, SCHEMA_VERSION
from tidings.store.rows import COLUMNS, from_row, key_rows, to_row, vector_from_blob, vector_rows
from tidings.store.sqlite_stories import StoryTables

_INSERT = f"INSERT INTO articles ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
_SELECT = f"SELECT {', '.join(COLUMNS)} FROM articles"
# SQLite allows at most 32,766 parameters a statement; stay well below.
_CHUNK = 500
# How long an opener or writer waits for another one's lock.
_BUSY_SECONDS = 30.0


class SQLiteStore(StoryTables, CorrectionQueries, ChangeQueries):
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

    @property
    def db(self) -> sqlite3.Connection:
        return self.open()._db  # type: ignore[return-value]

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

    def _transaction(self) -> _Transaction:
        return _Transaction(self.db)

    def transaction(self) -> _Transaction:
        """One transaction around several calls (storing a batch and placing it)."""
        return _Transaction(self.db)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> SQLiteStore:
        return self.open()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- articles ---------------------------------------------------------
    def add(
        self, articles: Sequence[Article], line_keys: Sequence[Iterable[str]] | None = None
    ) -> list[Outcome]:
        """The articles, and the line keys of those stored new (each article's distinct
        cleaner lines, `line_keys[i]` for `articles[i]`), in one transaction."""
        outcomes = []
        with self._transaction():
            for article in articles:
                outcomes.append(self._add_one(article))
            if line_keys is not None:
                self.add_line_counts(new_line_counts(outcomes, line_keys))
        return outcomes

    def _add_one(self, article: Article) -> Outcome:
        key = article.content_key
        row = self.db.execute(
            "SELECT id, content_key FROM articles WHERE id = ? OR content_key = ?",
            (article.id, key),
        ).fetchone()
        if row is None:
            self.db.execute(_INSERT, to_row(article, key))
            self.db.executemany(
                "INSERT INTO article_keys (article_id, kind, key, mentions) VALUES (?, ?, ?, ?)",
                key_rows(article),
            )
            self.db.executemany(
                "INSERT INTO article_vectors (article_id, view, model, vector) VALUES (?, ?, ?, ?)",
                vector_rows(article, article.extras.get("embedder", "unknown")),
            )
            return Outcome.NEW
        stored_id, stored_key = row
        if stored_id == article.id:
            return Outcome.SAME_INPUT if stored_key == key else Outcome.ID_CONFLICT
        return Outcome.DUPLICATE

    def get(self, article_id: str) -> Article | None:
        """One article, with its embedding vectors."""
        row = self.db.execute(f"{_SELECT} WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        article = from_row(row)
        article.embeddings = self.embeddings([article_id]).get(article_id, {})
        return article

    def embeddings(self, ids: Iterable[str]) -> dict[str, dict[str, np.ndarray]]:
        """Article id -> view -> vector, for the ids that have vectors."""
        ids = list(ids)
        found: dict[str, dict[str, np.ndarray]] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT article_id, view, vector FROM article_vectors WHERE article_id IN ({marks})",
                chunk,
            )
            for article_id, view, blob in rows:
                found.setdefault(article_id, {})[view] = vector_from_blob(blob)
        return found

    def save_profiles(self, items: Iterable[tuple[str, bytes]]) -> None:
        """(article id, comparison profile bytes) pairs, replacing any saved before."""
        with self._transaction():
            self.db.executemany(
                "INSERT OR REPLACE INTO article_profiles (article_id, profile) VALUES (?, ?)", items
            )

    def profiles(self, ids: Iterable[str]) -> dict[str, bytes]:
        """Article id -> the profile bytes saved for it, for the ids that have one."""
        ids = list(ids)
        found: dict[str, bytes] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT article_id, profile FROM article_profiles WHERE article_id IN ({marks})"
            found.update(self.db.execute(sql, chunk))
        return found

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        return {r[0] for r in self._rows_with_ids("SELECT id FROM articles WHERE id IN ({})", ids)}

    def input_keys(self, ids: Iterable[str]) -> dict[str, InputKey]:
        rows = self._rows_with_ids("SELECT id, title, raw FROM articles WHERE id IN ({})", ids)
        return {i: input_key(title, raw) for i, title, raw in rows}

    def _rows_with_ids(self, sql: str, ids: Iterable[str]) -> Iterator[tuple[Any, ...]]:
        """The rows of `sql` (`{}` where the id marks go), `_CHUNK` ids at a time."""
        ids = list(ids)
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            yield from self.db.execute(sql.format(", ".join("?" * len(chunk))), chunk)

    def articles(
        self, *, lang: str | None = None, limit: int | None = None, offset: int = 0
    ) -> Iterator[Article]:
        where, params = ("WHERE lang = ?", [lang]) if lang else ("", [])
        sql = f"{_SELECT} {where} ORDER BY seq LIMIT ? OFFSET ?"
        rows = self.db.execute(sql, [*params, -1 if limit is None else limit, offset])
        for row in rows:
            yield from_row(row)

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    # -- listings, search and vectors for the front ends -------------------
    def find(self, query: ArticleQuery) -> Page[Hit]:
        """A page of the articles that pass the query's filters (see `store.search`)."""
        return search.find_articles(self.db, query)

    def vectors_after(
        self, seq: int, view: str = "body"
    ) -> Iterator[tuple[int, str, str | None, np.ndarray]]:
        """(seq, id, lang, vector) of one view for the articles stored after `seq`."""
        return search.vectors_after(self.db, seq, view)

    def last_seq(self) -> int:
        """The sequence number of the last article stored (0 for none): a cheap change check."""
        return search.last_seq(self.db)

    # -- cleaner's line counts --------------------------------------------
    def line_counts(self, keys: Iterable[str]) -> Mapping[str, int]:
        keys = list(keys)
        counts: dict[str, int] = {}
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start : start + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT key, docs FROM line_counts WHERE key IN ({marks})", chunk
            )
            counts.update(rows)
        return counts

    def add_line_counts(self, counts: Mapping[str, int]) -> None:
        with self._transaction():
            self.db.executemany(
                "INSERT INTO line_counts (key, docs) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET docs = docs + excluded.docs",
                counts.items(),
            )

    def events_version(self) -> int:
        """Changes when another connection commits (PRAGMA data_version): a tracker
        in this process then knows its in-memory index of events may be stale."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    def integrity_check(self) -> str:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0]


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

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self.outer = False

    def __enter__(self) -> None:
        if not self.db.in_transaction:
            self.db.execute("BEGIN IMMEDIATE")
            self.outer = True

    def __exit__(self, exc_type: type[BaseException] | None, exc: object, tb: object) -> None:
        if not self.outer:
            return
        if exc_type is None:
            self.db.execute("COMMIT")
        elif self.db.in_transaction:
            self.db.execute("ROLLBACK")
