"""The story tables of the PostgreSQL store: events, stories, placements, merges.

The statements of `sqlite_stories.py` in PostgreSQL's dialect. Events also
keep their unit centroid as a pgvector column (HNSW-indexed), so the server
can answer nearest-event queries (`nearest_events`), and a change number from
one sequence, so a tracker in another process knows when its index is stale.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np
import psycopg

from tidings.model import Article
from tidings.store.pg_vectors import as_array
from tidings.store.postgres_migrations import INDEXED_DIM
from tidings.store.rows import vector_from_blob
from tidings.store.sqlite_stories import _brief, _end_of
from tidings.store.story_queries import SharedStoryQueries
from tidings.store.story_rows import (
    EventRow,
    PlacementRow,
    StoryFilter,
    day_column,
    day_of,
    event_from_row,
)

_EVENT = "SELECT id, story_id, first, last, dated, size, vector_sum FROM events"


class PostgresStoryTables(SharedStoryQueries):
    db: psycopg.Connection
    placeholder = "%s"

    # -- events and stories -------------------------------------------------
    def new_story(self, first: str | None, last: str | None) -> int:
        row = self.db.execute(
            "INSERT INTO stories (first, last, size) VALUES (%s, %s, 0) RETURNING id",
            (day_column(first), day_column(last)),
        ).fetchone()
        return int(row[0])

    def new_event(self, row: EventRow) -> int:
        """Insert an event (its `id` is ignored) and return the id it got."""
        found = self.db.execute(
            "INSERT INTO events (story_id, first, last, dated, size, vector_sum, centroid) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id",
            _event_values(row),
        ).fetchone()
        return int(found[0])

    def save_event(self, row: EventRow) -> None:
        self.db.execute(
            "UPDATE events SET story_id = %s, first = %s, last = %s, dated = %s, size = %s, "
            "vector_sum = %s, centroid = %s, changed = nextval('event_changes') WHERE id = %s",
            (*_event_values(row), row.id),
        )

    def events(self, ids: Iterable[int]) -> dict[int, EventRow]:
        """The live (not merged) events among `ids`."""
        rows = self.db.execute(
            f"{_EVENT} WHERE id = ANY(%s) AND merged_into IS NULL", ([int(i) for i in ids],)
        )
        return {r[0]: _event(r) for r in rows}

    def live_events(self) -> Iterator[EventRow]:
        """Every event not merged into another (to rebuild a vector index)."""
        rows = self.db.execute(f"{_EVENT} WHERE merged_into IS NULL ORDER BY id").fetchall()
        for row in rows:
            yield _event(row)

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

    # -- placements -----------------------------------------------------------
    def place(self, rows: Sequence[PlacementRow]) -> None:
        with self.db.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO placements (article_id, event_id, fit, at, dated) "
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (article_id) DO UPDATE SET "
                "event_id = excluded.event_id, fit = excluded.fit, at = excluded.at, "
                "dated = excluded.dated",
                [(r.article_id, r.event_id, r.fit, day_column(r.at), int(r.dated)) for r in rows],
            )

    def representatives(self, event_id: int, n: int) -> list[str]:
        """The `n` members that fitted the event best when placed."""
        rows = self.db.execute(
            "SELECT article_id FROM placements WHERE event_id = %s "
            # Ties as SQLite's index (event_id, fit, article_id) read backwards gives them.
            'ORDER BY fit DESC, article_id COLLATE "C" DESC LIMIT %s',
            (event_id, n),
        )
        return [r[0] for r in rows]

    def placement(self, article_id: str) -> tuple[int, int] | None:
        found = self.placements([article_id])
        return found.get(article_id)

    def placements(self, ids: Iterable[str]) -> dict[str, tuple[int, int]]:
        rows = self.db.execute(
            "SELECT p.article_id, p.event_id, e.story_id FROM placements p "
            "JOIN events e ON e.id = p.event_id WHERE p.article_id = ANY(%s)",
            (list(ids),),
        )
        return {r[0]: (r[1], r[2]) for r in rows}

    def unplaced(self) -> list[str]:
        rows = self.db.execute(
            "SELECT a.id FROM articles a LEFT JOIN placements p ON p.article_id = a.id "
            "WHERE p.article_id IS NULL ORDER BY a.seq"
        )
        return [r[0] for r in rows]

    # -- merges -----------------------------------------------------------------
    def merge_events(self, from_id: int, into_id: int, evidence: dict[str, Any]) -> None:
        self.db.execute(
            "UPDATE placements SET event_id = %s WHERE event_id = %s", (into_id, from_id)
        )
        self.db.execute(
            "UPDATE events SET merged_into = %s, changed = nextval('event_changes') WHERE id = %s",
            (into_id, from_id),
        )
        self._log("event", from_id, into_id, evidence)

    # -- reading stories --------------------------------------------------------
    def story_ids(self, where: StoryFilter) -> list[int]:
        """Live stories matching the filter, newest last time first, then largest."""
        sql = ["SELECT s.id FROM stories s WHERE s.merged_into IS NULL AND s.size > 0"]
        params: list[Any] = []
        if where.since:
            sql.append("AND s.last >= %s")
            params.append(where.since)
        if where.until:
            sql.append("AND s.first <> '' AND s.first <= %s")
            params.append(_end_of(where.until))
        member = (
            "EXISTS (SELECT 1 FROM events e JOIN placements p ON p.event_id = e.id {join} "
            "WHERE e.story_id = s.id AND {cond})"
        )
        if where.lang:
            join = "JOIN articles a ON a.id = p.article_id"
            sql.append("AND " + member.format(join=join, cond="a.lang = %s"))
            params.append(where.lang)
        for kind, value in (("entity", where.entity), ("place", where.place)):
            if value:
                join = "JOIN article_keys k ON k.article_id = p.article_id"
                kinds = "('place', 'country')" if kind == "place" else "('entity')"
                sql.append(
                    "AND " + member.format(join=join, cond=f"k.kind IN {kinds} AND k.key = %s")
                )
                params.append(value)
        # COLLATE "C": text sorts by code point, as SQLite sorts it.
        sql.append('ORDER BY s.last COLLATE "C" DESC, s.size DESC, s.id LIMIT %s OFFSET %s')
        params += [where.limit, where.offset]
        return [r[0] for r in self.db.execute(" ".join(sql), params)]

    def story_revisions(self, ids: Iterable[int]) -> dict[int, int]:
        """Story id -> its revision, raised by every write to the story (step 3's
        triggers): a summary made at a revision is current while the revision stays."""
        rows = self.db.execute(
            "SELECT id, revision FROM stories WHERE id = ANY(%s) AND merged_into IS NULL",
            (list(ids),),
        )
        return dict(rows.fetchall())

    def story_events(self, story_id: int) -> list[int]:
        rows = self.db.execute(
            "SELECT id FROM events WHERE story_id = %s AND merged_into IS NULL "
            'ORDER BY first COLLATE "C", id',
            (story_id,),
        )
        return [r[0] for r in rows]

    def event_members(self, event_id: int) -> list[PlacementRow]:
        rows = self.db.execute(
            "SELECT article_id, event_id, fit, at, dated FROM placements WHERE event_id = %s "
            'ORDER BY at COLLATE "C", article_id COLLATE "C"',
            (event_id,),
        )
        return [PlacementRow(a, e, f, day_of(at, d), bool(d)) for a, e, f, at, d in rows]

    def briefs(self, ids: Iterable[str]) -> dict[str, Article]:
        """Articles without their text, enough to summarise an event or story."""
        rows = self.db.execute(
            "SELECT a.id, a.source, a.lang, a.title, a.published, a.ingested, a.entities, "
            "a.places, a.event_date, v.vector FROM articles a LEFT JOIN article_vectors v "
            "ON v.article_id = a.id AND v.view = 'body' WHERE a.id = ANY(%s)",
            (list(ids),),
        )
        found = {}
        for row in rows:
            vector = row[-1]
            blob = None if vector is None else as_array(vector).astype("<f4").tobytes()
            found[row[0]] = _brief((*row[:-1], blob))
        return found


def _event_values(row: EventRow) -> tuple[Any, ...]:
    total = np.asarray(row.vector_sum, dtype="<f4")
    centroid = row.centroid if total.size and np.any(total) else None
    return (
        row.story_id,
        day_column(row.first),
        day_column(row.last),
        int(row.dated),
        row.size,
        total.tobytes(),
        centroid,
    )


def _event(row: tuple[Any, ...]) -> EventRow:
    return event_from_row(row, vector_from_blob(bytes(row[6])))
