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

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from types import TracebackType
from typing import Any

import numpy as np
import psycopg
from pgvector.psycopg import register_vector

from tidings.explore.query import ArticleQuery, Hit, Page
from tidings.model import Article, InputKey, input_key
from tidings.store import postgres_search
from tidings.store.base import Outcome, StoreError, new_line_counts
from tidings.store.change_queries import ChangeQueries
from tidings.store.correction_queries import CorrectionQueries
from tidings.store.pg_vectors import as_array
from tidings.store.postgres_migrations import MIGRATIONS, SCHEMA_VERSION
from tidings.store.postgres_stories import PostgresStoryTables
from tidings.store.redact import hide_secrets, redacted
from tidings.store.rows import COLUMNS, from_row, key_rows, to_row

_INSERT = (
    f"INSERT INTO articles ({', '.join(COLUMNS)}) VALUES ({', '.join(['%s'] * len(COLUMNS))}) "
    "ON CONFLICT DO NOTHING RETURNING seq"
)
_SELECT = f"SELECT {', '.join(COLUMNS)} FROM articles"
# Advisory lock keys (any two constants no other application on the server uses).
WRITE_LOCK = 0x7469_6469_6E67_7301  # "tidings" + 1: storing and placing
MIGRATE_LOCK = 0x7469_6469_6E67_7302


class PostgresStore(PostgresStoryTables, CorrectionQueries, ChangeQueries):
    """Articles in a PostgreSQL database (`postgresql://user@host/dbname`).
    Opening migrates the schema; a database written by a newer tidings is refused."""

    placeholder = "%s"  # for the few callers that write SQL for both stores (store.copy)

    def __init__(self, url: str):
        self.url = url
        self._db: psycopg.Connection | None = None
        self._depth = 0
        self._tx: AbstractContextManager[Any] | None = None

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

    @property
    def db(self) -> psycopg.Connection:
        return self.open()._db  # type: ignore[return-value]

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

    _transaction = transaction

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> PostgresStore:
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
        """The articles, and the line keys of those stored new, in one transaction
        (under the write lock, so two writers never both count one article)."""
        with self._transaction():
            outcomes = [self._add_one(article) for article in articles]
            if line_keys is not None:
                self.add_line_counts(new_line_counts(outcomes, line_keys))
        return outcomes

    def _add_one(self, article: Article) -> Outcome:
        key = article.content_key
        row = self.db.execute(_INSERT, to_row(article, key)).fetchone()
        if row is not None:
            with self.db.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO article_keys (article_id, kind, key, mentions) "
                    "VALUES (%s, %s, %s, %s)",
                    key_rows(article),
                )
                model = article.extras.get("embedder", "unknown")
                cursor.executemany(
                    "INSERT INTO article_vectors (article_id, view, model, vector) "
                    "VALUES (%s, %s, %s, %s)",
                    [
                        (article.id, view, model, np.asarray(v, dtype=np.float32))
                        for view, v in article.embeddings.items()
                    ],
                )
            return Outcome.NEW
        stored_id, stored_key = self.db.execute(
            "SELECT id, content_key FROM articles WHERE id = %s OR content_key = %s "
            "ORDER BY (id = %s) DESC LIMIT 1",
            (article.id, key, article.id),
        ).fetchone()
        if stored_id == article.id:
            return Outcome.SAME_INPUT if stored_key == key else Outcome.ID_CONFLICT
        return Outcome.DUPLICATE

    def get(self, article_id: str) -> Article | None:
        row = self.db.execute(f"{_SELECT} WHERE id = %s", (article_id,)).fetchone()
        if row is None:
            return None
        article = from_row(row)
        article.embeddings = self.embeddings([article_id]).get(article_id, {})
        return article

    def embeddings(self, ids: Iterable[str]) -> dict[str, dict[str, np.ndarray]]:
        found: dict[str, dict[str, np.ndarray]] = {}
        rows = self.db.execute(
            "SELECT article_id, view, vector FROM article_vectors WHERE article_id = ANY(%s)",
            (list(ids),),
        )
        for article_id, view, vector in rows:
            found.setdefault(article_id, {})[view] = as_array(vector)
        return found

    def save_profiles(self, items: Iterable[tuple[str, bytes]]) -> None:
        """(article id, comparison profile bytes) pairs, replacing any saved before."""
        with self._transaction(), self.db.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO article_profiles (article_id, profile) VALUES (%s, %s) "
                "ON CONFLICT (article_id) DO UPDATE SET profile = excluded.profile",
                sorted(items),  # one order for every writer: no deadlocks
            )

    def profiles(self, ids: Iterable[str]) -> dict[str, bytes]:
        """Article id -> the profile bytes saved for it, for the ids that have one."""
        rows = self.db.execute(
            "SELECT article_id, profile FROM article_profiles WHERE article_id = ANY(%s)",
            (list(ids),),
        )
        return {article_id: bytes(profile) for article_id, profile in rows}

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        rows = self.db.execute("SELECT id FROM articles WHERE id = ANY(%s)", (list(ids),))
        return {r[0] for r in rows}

    def input_keys(self, ids: Iterable[str]) -> dict[str, InputKey]:
        sql = "SELECT id, title, raw FROM articles WHERE id = ANY(%s)"
        return {i: input_key(title, raw) for i, title, raw in self.db.execute(sql, (list(ids),))}

    def articles(
        self, *, lang: str | None = None, limit: int | None = None, offset: int = 0
    ) -> Iterator[Article]:
        # Keyset pages: a listing of millions streams, and the caller may use the
        # store between two rows (a client cursor would hold the connection).
        where = "AND lang = %s" if lang else ""
        after, left, skip = 0, limit, offset
        while left is None or left > 0:
            page = 1000 if left is None else min(1000, left)
            rows = self.db.execute(
                f"SELECT seq, {', '.join(COLUMNS)} FROM articles WHERE seq > %s {where} "
                "ORDER BY seq LIMIT %s OFFSET %s",
                [after, *([lang] if lang else []), page, skip],
            ).fetchall()
            skip = 0
            for row in rows:
                yield from_row(row[1:])
            if len(rows) < page:
                return
            after = rows[-1][0]
            left = None if left is None else left - len(rows)

    def articles_after(self, seq: int, limit: int) -> list[tuple[int, Article]]:
        """(seq, article with vectors) of up to `limit` articles stored after `seq`
        (for copying a store in batches)."""
        rows = self.db.execute(
            f"SELECT seq, {', '.join(COLUMNS)} FROM articles WHERE seq > %s ORDER BY seq LIMIT %s",
            (seq, limit),
        ).fetchall()
        found = [(r[0], from_row(r[1:])) for r in rows]
        vectors = self.embeddings(a.id for _, a in found)
        for _, article in found:
            article.embeddings = vectors.get(article.id, {})
        return found

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    # -- listings, search and vectors for the front ends --------------------
    def find(self, query: ArticleQuery) -> Page[Hit]:
        """A page of the articles that pass the query's filters (`postgres_search`)."""
        return postgres_search.find(self.db, query)

    def search(self, where: postgres_search.Filters) -> tuple[int, list[Article]]:
        """How many articles pass `where`, and the page of them."""
        return postgres_search.search(self.db, where)

    def vectors_after(
        self, seq: int, view: str = "body"
    ) -> Iterator[tuple[int, str, str | None, np.ndarray]]:
        return postgres_search.vectors_after(self.db, seq, view)

    def last_seq(self) -> int:
        return postgres_search.last_seq(self.db)

    # -- cleaner's line counts --------------------------------------------
    def line_counts(self, keys: Iterable[str]) -> Mapping[str, int]:
        rows = self.db.execute(
            "SELECT key, docs FROM line_counts WHERE key = ANY(%s)", (list(keys),)
        )
        return dict(rows.fetchall())

    def add_line_counts(self, counts: Mapping[str, int]) -> None:
        with self._transaction(), self.db.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO line_counts (key, docs) VALUES (%s, %s) "
                "ON CONFLICT (key) DO UPDATE SET docs = line_counts.docs + excluded.docs",
                sorted(counts.items()),  # one order for every writer: no deadlocks
            )


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
