"""The story, count and watch tables row for row, ids kept, for copying a store into another
(`ArticleStore.table_rows`/`put_rows`, used by `store.copy`). Written once with the
dialect hooks of `story_queries`; both stores have the same columns in these tables
(see `postgres_migrations`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tidings.store.story_queries import SharedStoryQueries

# table -> (key columns, other columns); copied in this order.
TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "line_counts": (("key",), ("docs",)),
    "article_profiles": (("article_id",), ("profile",)),
    "stories": (("id",), ("first", "last", "size", "merged_into")),
    "events": (
        ("id",),
        ("story_id", "first", "last", "dated", "size", "vector_sum", "merged_into"),
    ),
    "placements": (("article_id",), ("event_id", "fit", "at", "dated")),
    "merges": (("seq",), ("kind", "from_id", "into_id", "at", "evidence")),
    "placement_reasons": (("article_id",), ("reason",)),
    "corrections": (("seq",), ("kind", "story_id", "other_story_id", "who", "at", "detail")),
    "hand_marks": (("item",), ("locked",)),
    # The watcher's (store/watch_state.py): its sources with their validators and
    # counts, the entries it has seen (not fetched again) and its failures.
    "watch_sources": (
        ("url",),
        (
            "name",
            "lang",
            "every_seconds",
            "max_entries",
            "added",
            "last_poll",
            "last_status",
            "etag",
            "last_modified",
            "last_new",
            "new_articles",
            "polls",
            "failures",
        ),
    ),
    "watch_entries": (("source", "entry"), ("article_id", "seen")),
    "watch_failures": (("seq",), ("source", "url", "at", "reason")),
}
INTEGER_KEYS = ("stories", "events", "merges", "corrections", "watch_failures")
LOGS = ("merges", "corrections", "watch_failures")  # rows never change once written


def first_key(table: str) -> tuple[Any, ...]:
    """A key below every key of `table` (to read it from the start)."""
    keys, _ = TABLES[table]
    return (-1,) if table in INTEGER_KEYS else ("",) * len(keys)


def key_of(table: str, row: Sequence[Any]) -> tuple[Any, ...]:
    """The key of a row as `table_rows` gives it (its first columns)."""
    return tuple(row[: len(TABLES[table][0])])


class TableRowQueries(SharedStoryQueries):
    def table_rows(self, table: str, after: tuple[Any, ...], limit: int) -> list[tuple[Any, ...]]:
        keys, columns = TABLES[table]  # fixed names, never input
        key = ", ".join(keys)
        marks = ", ".join("?" * len(keys))
        sql = (
            f"SELECT {key}, {', '.join(columns)} FROM {table} WHERE ({key}) > ({marks}) "
            f"ORDER BY {key} LIMIT ?"
        )
        rows = [tuple(r) for r in self.db.execute(self._sql(sql), (*after, limit))]
        if table == "events":  # the vector sums as bytes, whatever the driver reads
            rows = [(*r[:6], bytes(r[6]), r[7]) for r in rows]
        return rows

    def put_rows(self, table: str, rows: Sequence[tuple[Any, ...]]) -> None:
        keys, columns = TABLES[table]
        self._upsert(table, keys, columns, rows)

    def _upsert(
        self, table: str, keys: tuple[str, ...], columns: tuple[str, ...], rows: Sequence[tuple]
    ) -> None:
        update = ", ".join(f"{c} = excluded.{c}" for c in columns)
        names = (*keys, *columns)
        marks = ", ".join("?" * len(names))
        sql = (
            f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks}) "
            f"ON CONFLICT ({', '.join(keys)}) DO "
            + ("NOTHING" if table in LOGS else f"UPDATE SET {update}")
        )
        with self.transaction():  # type: ignore[attr-defined]
            self._executemany(sql, rows)
