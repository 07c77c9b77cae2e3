"""The server store: PostgreSQL with pgvector, for several writers and many articles.

Same interface and same answers as `SQLiteStore`. Concurrency: every write
transaction first takes one advisory lock (`pg_advisory_xact_lock`), so that
storing a batch and placing it in events is serialised across processes, as
SQLite's single writer serialises it; articles dedupe by unique constraints
(`ON CONFLICT DO NOTHING`) besides. Reads take no lock.

psycopg is imported only here and in the other `postgres_*` modules
(`pip install tidings[postgres]`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

import numpy as np
import psycopg
from pgvector.psycopg import register_vector

from tidings.model import Article
from tidings.query import ArticleQuery, Hit, Page
from tidings.store import postgres_search
from tidings.store.base import StoreError
from tidings.store.change_queries import ChangeQueries
from tidings.store.core import INSERT_ARTICLE, StoreCore
from tidings.store.pg_vectors import as_array
from tidings.store.postgres_migrations import MIGRATIONS, SCHEMA_VERSION
from tidings.store.postgres_stories import PostgresStoryTables
from tidings.store.redact import hide_secrets, redacted

_INSERT = INSERT_ARTICLE.replace("?", "%s") + " ON CONFLICT DO NOTHING RETURNING seq"
# Advisory lock keys (any two constants no other application on the server uses).
WRITE_LOCK = 0x7469_6469_6E67_7301  # "tidings" + 1: storing and placing
MIGRATE_LOCK = 0x7469_6469_6E67_7302


class PostgresStore(PostgresStoryTables, StoreCore, ChangeQueries):
    """Articles in a PostgreSQL database (`postgresql://user@host/dbname`).
    Opening migrates the schema; a database written by a newer tidings is refused."""

    def __init__(self, url: str):
        self.url = url
        self._db: psycopg.Connection | None = None
        self._depth = 0
        self._tx: AbstractContextManager[Any] | None = None

    # -- dialect hooks (see `story_queries` and `core`) ---------------------------
    placeholder = "%s"
    _clock = "tidings_now()"
    _no_limit = None

    def _id_lists(self, ids: list[Any]) -> Iterator[tuple[str, list[Any]]]:
        yield "= ANY(?)", [ids]  # one array parameter, however many ids

    def _text_order(self, column: str) -> str:
        return f'{column} COLLATE "C"'  # by code point, as SQLite sorts text

    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self.db.cursor() as cursor:
            cursor.executemany(self._sql(sql), rows)

    def _stored_vector(self, value: Any) -> np.ndarray:
        return as_array(value)

    def _vector_param(self, vector: np.ndarray) -> Any:
        return np.asarray(vector, dtype=np.float32)  # pgvector's adapter takes numpy

    def _insert_article(self, row: tuple[Any, ...]) -> bool:
        # Unique constraints decide, under concurrent writers too.
        return self.db.execute(_INSERT, row).fetchone() is not None

    # -- connection -------------------------------------------------------
    def open(self) -> PostgresStore:
        if self._db is None:
            try:
                db = psycopg.connect(self.url, autocommit=True)
            except psycopg.Error as error:
                reason = hide_secrets(str(error), self.url)  # the driver may quote the URL
                raise StoreError(f"{_safe(self.url)}: cannot connect ({reason})") from None
            self._db = db
            try:
                self._migrate()
                register_vector(db)
            except StoreError:
                self.close()
                raise
            except psycopg.Error as error:  # e.g. no right to CREATE EXTENSION vector
                self.close()
                raise StoreError(f"{_safe(self.url)}: cannot set up the schema ({error})") from None
        return self

    def _migrate(self) -> None:
        db = self._db
        assert db is not None
        with db.transaction():
            # Two processes opening a new database at once: one migrates, the other waits.
            db.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATE_LOCK,))
            db.execute("CREATE TABLE IF NOT EXISTS tidings_schema (version INTEGER NOT NULL)")
            row = db.execute("SELECT max(version) FROM tidings_schema").fetchone()
            version = row[0] or 0
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{_safe(self.url)}: schema version {version} is newer than this "
                    f"tidings ({SCHEMA_VERSION})"
                )
            for step in range(version, SCHEMA_VERSION):
                db.execute(MIGRATIONS[step])
                db.execute("INSERT INTO tidings_schema (version) VALUES (%s)", (step + 1,))

    def schema_version(self) -> int:
        return self.db.execute("SELECT max(version) FROM tidings_schema").fetchone()[0]

    def transaction(self) -> _Transaction:
        """One transaction around several calls, holding the write lock; nestable."""
        return _Transaction(self)

    # -- search, for the front ends -------------------------------------------------------
    def find(self, query: ArticleQuery) -> Page[Hit]:
        """A page of the articles that pass the query's filters (`postgres_search`)."""
        return postgres_search.find(self.db, query)

    def search(self, where: postgres_search.Filters) -> tuple[int, list[Article]]:
        """How many articles pass `where`, and the page of them."""
        return postgres_search.search(self.db, where)


class _Transaction:
    """BEGIN, the write lock, … COMMIT, rolled back on any error; inner ones are no-ops."""

    def __init__(self, store: PostgresStore):
        self.store = store

    def __enter__(self) -> None:
        store = self.store
        if store._depth == 0:
            store._tx = store.db.transaction()
            store._tx.__enter__()
            try:
                store.db.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
                store._after_last_change()
            except BaseException as error:
                store._tx.__exit__(type(error), error, error.__traceback__)
                store._tx = None
                raise
        store._depth += 1

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object
    ) -> None:
        store = self.store
        store._depth -= 1
        if store._depth == 0 and store._tx is not None:
            tx, store._tx = store._tx, None
            tx.__exit__(exc_type, exc, tb)  # type: ignore[arg-type]


def _safe(url: str) -> str:
    """The URL without a password, for messages."""
    return redacted(url)
