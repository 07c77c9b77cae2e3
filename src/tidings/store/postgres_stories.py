"""What the PostgreSQL store's story tables do their own way (the statements both
stores share are in `story_queries.py`).

Events also keep their unit centroid as a pgvector column (HNSW-indexed), so the
server can answer nearest-event queries (`nearest_events`), and a change number from
one sequence, so a tracker in another process knows when its index is stale.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from tidings.store.postgres_migrations import INDEXED_DIM
from tidings.store.rows import vector_from_blob
from tidings.store.story_queries import SharedStoryQueries
from tidings.store.story_rows import EventRow, event_from_row
from tidings.store.table_rows import INTEGER_KEYS, TABLES, TableRowQueries


class PostgresStoryTables(TableRowQueries):
    _event_columns = (*SharedStoryQueries._event_columns, "centroid")
    _event_changed = ", changed = nextval('event_changes')"

    def _event_values(self, row: EventRow) -> tuple[Any, ...]:
        return (*super()._event_values(row), centroid(row))

    def put_rows(self, table: str, rows: Sequence[tuple[Any, ...]]) -> None:
        """As both stores put rows, and events with their centroid; the id sequences
        then continue after the ids copied."""
        keys, columns = TABLES[table]
        if table == "events":
            columns = (*columns, "centroid")
            rows = [(*r, centroid(event_from_row(r, vector_from_blob(r[6])))) for r in rows]
        with self.transaction():  # type: ignore[attr-defined]
            self._upsert(table, keys, columns, rows)
            if table in INTEGER_KEYS:  # serial keys, fixed names
                (key,) = keys
                self.db.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', '{key}'), "
                    f"coalesce((SELECT max({key}) FROM {table}), 0) + 1, false)"
                )

    def _member(self, source: str, condition: str) -> str:
        """Stories some member of which passes `condition`: a search of each story's
        members, which the planner runs from the stories' index."""
        join = (
            "JOIN articles a ON a.id = p.article_id"
            if source == "articles"
            else "JOIN article_keys k ON k.article_id = p.article_id"
        )
        return (
            f"EXISTS (SELECT 1 FROM events e JOIN placements p ON p.event_id = e.id {join} "
            f"WHERE e.story_id = s.id AND {condition})"
        )

    def events_version(self) -> int:
        """The number of the last change to any event: differs after any writer's change."""
        row = self.db.execute("SELECT coalesce(max(changed), 0) FROM events").fetchone()
        return int(row[0])

    def nearest_events(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """Up to `k` (live event id, cosine similarity), nearest first, from the HNSW index."""
        vector = np.asarray(vector, dtype=np.float32)
        if vector.shape != (INDEXED_DIM,):
            sql = "centroid"  # not indexed: an exact scan
            where = f"vector_dims(centroid) = {vector.shape[0]:d}"
        else:
            sql, where = (
                f"centroid::vector({INDEXED_DIM})",
                f"vector_dims(centroid) = {INDEXED_DIM}",
            )
        rows = self.db.execute(
            f"SELECT id, 1 - ({sql} <=> %s) FROM events WHERE merged_into IS NULL AND {where} "
            f"ORDER BY {sql} <=> %s LIMIT %s",
            (vector, vector, k),
        )
        return [(int(i), float(s)) for i, s in rows]

    def unplaced(self) -> list[str]:
        """Ids of stored articles in no event (after a crash between storing and placing)."""
        rows = self.db.execute(
            "SELECT a.id FROM articles a LEFT JOIN placements p ON p.article_id = a.id "
            "WHERE p.article_id IS NULL ORDER BY a.seq"
        )
        return [r[0] for r in rows]


def centroid(row: EventRow) -> np.ndarray | None:
    """The event's unit centroid for the indexed column; None while its sum is zero."""
    total = np.asarray(row.vector_sum, dtype="<f4")
    return row.centroid if total.size and np.any(total) else None
