"""The story and count tables row for row, ids kept, for copying a store into another
(`ArticleStore.table_rows`/`put_rows`, used by `store.copy`). Written once with the
dialect hooks of `story_queries`; both stores have the same columns in these tables
(see `postgres_migrations`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tidings.store.story_queries import SharedStoryQueries

# table -> (key column, other columns); copied in this order.
TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "line_counts": ("key", ("docs",)),
    "article_profiles": ("article_id", ("profile",)),
    "stories": ("id", ("first", "last", "size", "merged_into")),
    "events": (
        "id",
        ("story_id", "first", "last", "dated", "size", "vector_sum", "merged_into"),
    ),
    "placements": ("article_id", ("event_id", "fit", "at", "dated")),
    "merges": ("seq", ("kind", "from_id", "into_id", "at", "evidence")),
    "placement_reasons": ("article_id", ("reason",)),
    "corrections": ("seq", ("kind", "story_id", "other_story_id", "who", "at", "detail")),
    "hand_marks": ("item", ("locked",)),
}
TEXT_KEYS = ("line_counts", "article_profiles", "placements", "placement_reasons", "hand_marks")
LOGS = ("merges", "corrections")  # rows never change once written


def first_key(table: str) -> Any:
    """A value below every key of `table` (to read it from the start)."""
    return "" if table in TEXT_KEYS else -1


class TableRowQueries(SharedStoryQueries):
    def table_rows(self, table: str, after: Any, limit: int) -> list[tuple[Any, ...]]:
        key, columns = TABLES[table]  # fixed names, never input
        sql = f"SELECT {key}, {', '.join(columns)} FROM {table} WHERE {key} > ? ORDER BY {key} LIMIT ?"  # fmt: skip
        rows = [tuple(r) for r in self.db.execute(self._sql(sql), (after, limit))]
        if table == "events":  # the vector sums as bytes, whatever the driver reads
            rows = [(*r[:6], bytes(r[6]), r[7]) for r in rows]
        return rows

    def put_rows(self, table: str, rows: Sequence[tuple[Any, ...]]) -> None:
        key, columns = TABLES[table]
        self._upsert(table, (key, *columns), rows)

    def _upsert(self, table: str, columns: tuple[str, ...], rows: Sequence[tuple]) -> None:
        update = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
        marks = ", ".join("?" * len(columns))
        sql = (
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}) "
            f"ON CONFLICT ({columns[0]}) DO "
            + ("NOTHING" if table in LOGS else f"UPDATE SET {update}")
        )
        with self.transaction():  # type: ignore[attr-defined]
            self._executemany(sql, rows)
