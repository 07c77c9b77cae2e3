"""The article tables' statements and a store's life cycle, written once for SQLite and
PostgreSQL, with the dialect hooks of `story_queries` (parameter mark, id lists,
vectors) and two of its own: `_insert_article` (how an article is inserted unless its
id or text is stored) and `_vector_param` (a vector as the driver stores it).

`SQLiteStore` and `PostgresStore` add only what their database does its own way:
opening and migrating, transactions and locks, search, and the repair scan.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any, Self

import numpy as np

from tidings.model import Article, InputKey, input_key
from tidings.store.base import Outcome, new_line_counts
from tidings.store.correction_queries import CorrectionQueries
from tidings.store.rows import COLUMNS, from_row, key_rows, to_row
from tidings.store.table_rows import TableRowQueries

INSERT_ARTICLE = f"INSERT INTO articles ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"  # fmt: skip
_SELECT = f"SELECT {', '.join(COLUMNS)} FROM articles"
_PAGE = 1000  # rows a statement when listing articles


class StoreCore(TableRowQueries, CorrectionQueries):
    _db: Any

    # -- dialect hooks (each store sets these) ----------------------------------
    def open(self) -> Self:
        raise NotImplementedError

    def transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _insert_article(self, row: tuple[Any, ...]) -> bool:
        """Insert an article's row unless its id or content key is stored; whether it was."""
        raise NotImplementedError

    def _vector_param(self, vector: np.ndarray) -> Any:
        return np.asarray(vector, dtype="<f4").tobytes()

    # -- life cycle -----------------------------------------------------------------
    @property
    def db(self) -> Any:
        """The open connection (opened on first use)."""
        return self.open()._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> Self:
        return self.open()

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- articles ---------------------------------------------------------------------
    def add(
        self, articles: Sequence[Article], line_keys: Sequence[Iterable[str]] | None = None
    ) -> list[Outcome]:
        """The articles, and the line keys of those stored new (each article's distinct
        cleaner lines, `line_keys[i]` for `articles[i]`), in one transaction (under the
        write lock, so two writers never both count one article)."""
        with self.transaction():
            outcomes = [self._add_one(article) for article in articles]
            if line_keys is not None:
                self.add_line_counts(new_line_counts(outcomes, line_keys))
        return outcomes

    def _add_one(self, article: Article) -> Outcome:
        key = article.content_key
        if self._insert_article(to_row(article, key)):
            self._executemany(
                "INSERT INTO article_keys (article_id, kind, key, mentions) VALUES (?, ?, ?, ?)",
                key_rows(article),
            )
            model = article.extras.get("embedder", "unknown")
            self._executemany(
                "INSERT INTO article_vectors (article_id, view, model, vector) VALUES (?, ?, ?, ?)",
                [(article.id, v, model, self._vector_param(x)) for v, x in article.embeddings.items()],
            )  # fmt: skip
            return Outcome.NEW
        stored_id, stored_key = self.db.execute(
            self._sql(
                "SELECT id, content_key FROM articles WHERE id = ? OR content_key = ? "
                "ORDER BY (id = ?) DESC LIMIT 1"
            ),
            (article.id, key, article.id),
        ).fetchone()
        if stored_id == article.id:
            return Outcome.SAME_INPUT if stored_key == key else Outcome.ID_CONFLICT
        return Outcome.DUPLICATE

    def get(self, article_id: str) -> Article | None:
        """One article, with its embedding vectors."""
        row = self.db.execute(self._sql(f"{_SELECT} WHERE id = ?"), (article_id,)).fetchone()
        if row is None:
            return None
        article = from_row(row)
        article.embeddings = self.embeddings([article_id]).get(article_id, {})
        return article

    def embeddings(self, ids: Iterable[str]) -> dict[str, dict[str, np.ndarray]]:
        """Article id -> view -> vector, for the ids that have vectors."""
        sql = "SELECT article_id, view, vector FROM article_vectors WHERE article_id {ids}"
        found: dict[str, dict[str, np.ndarray]] = {}
        for article_id, view, vector in self._rows_for(sql, ids):
            found.setdefault(article_id, {})[view] = self._stored_vector(vector)
        return found

    def save_profiles(self, items: Iterable[tuple[str, bytes]]) -> None:
        """(article id, comparison profile bytes) pairs, replacing any saved before."""
        with self.transaction():
            self._executemany(
                "INSERT INTO article_profiles (article_id, profile) VALUES (?, ?) "
                "ON CONFLICT (article_id) DO UPDATE SET profile = excluded.profile",
                sorted(items),  # one order for every writer: no deadlocks
            )

    def profiles(self, ids: Iterable[str]) -> dict[str, bytes]:
        """Article id -> the profile bytes saved for it, for the ids that have one."""
        sql = "SELECT article_id, profile FROM article_profiles WHERE article_id {ids}"
        return {article_id: bytes(profile) for article_id, profile in self._rows_for(sql, ids)}

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        return {r[0] for r in self._rows_for("SELECT id FROM articles WHERE id {ids}", ids)}

    def input_keys(self, ids: Iterable[str]) -> dict[str, InputKey]:
        rows = self._rows_for("SELECT id, title, raw FROM articles WHERE id {ids}", ids)
        return {i: input_key(title, raw) for i, title, raw in rows}

    def articles(
        self, *, lang: str | None = None, limit: int | None = None, offset: int = 0
    ) -> Iterator[Article]:
        """Stored articles in the order they were stored. In keyset pages: a listing of
        millions streams, and the caller may use the store between two rows."""
        where = "AND lang = ?" if lang else ""
        sql = self._sql(f"SELECT seq, {', '.join(COLUMNS)} FROM articles WHERE seq > ? {where} ORDER BY seq LIMIT ? OFFSET ?")  # fmt: skip
        after, left, skip = 0, limit, offset
        while left is None or left > 0:
            page = _PAGE if left is None else min(_PAGE, left)
            rows = self.db.execute(sql, [after, *([lang] if lang else []), page, skip]).fetchall()
            skip = 0
            for row in rows:
                yield from_row(row[1:])
            if len(rows) < page:
                return
            after = rows[-1][0]
            left = None if left is None else left - len(rows)

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def vectors_after(
        self, seq: int, view: str = "body"
    ) -> Iterator[tuple[int, str, str | None, np.ndarray]]:
        """(seq, id, lang, vector) of one view for the articles stored after `seq`, in order."""
        rows = self.db.execute(
            self._sql(
                "SELECT a.seq, a.id, a.lang, v.vector FROM article_vectors v JOIN articles a "
                "ON a.id = v.article_id WHERE v.view = ? AND a.seq > ? ORDER BY a.seq"
            ),
            (view, seq),
        )
        for seq_, article_id, lang, vector in rows:
            yield seq_, article_id, lang, self._stored_vector(vector)

    def last_seq(self) -> int:
        """The sequence number of the last article stored (0 for none): a cheap change check."""
        return self.db.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0]

    # -- cleaner's line counts ----------------------------------------------------------
    def line_counts(self, keys: Iterable[str]) -> Mapping[str, int]:
        return dict(self._rows_for("SELECT key, docs FROM line_counts WHERE key {ids}", keys))

    def add_line_counts(self, counts: Mapping[str, int]) -> None:
        with self.transaction():
            self._executemany(
                "INSERT INTO line_counts (key, docs) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET docs = line_counts.docs + excluded.docs",
                sorted(counts.items()),  # one order for every writer: no deadlocks
            )
