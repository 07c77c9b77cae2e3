"""The story tables' statements (events, stories, placements, merges), written once for
SQLite and PostgreSQL.

They are written with `?` marks and run through the dialect hooks each store sets:
`placeholder` (the driver's parameter mark), `_id_lists` (how a list of ids goes into
a statement: chunks of `IN (?, …)` marks in SQLite, one array in PostgreSQL),
`_text_order` (PostgreSQL sorts text by code point only with `COLLATE "C"`, as
SQLite does), `_no_limit`, `_executemany`, `_stored_vector`, and for events
`_event_columns`/`_event_values`/`_event_changed` (the server store also keeps each
event's unit centroid and a change number). What differs beyond that (the store
listing members of a story, the repair scan, the change check) stays in each store.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

import numpy as np

from tidings.model import Article
from tidings.store.rows import vector_from_blob
from tidings.store.story_rows import (
    EventRow,
    MergeRow,
    PlacementRow,
    StoryFilter,
    StoryRow,
    brief_from_row,
    day_column,
    day_of,
    end_of,
    event_from_row,
)

_TABLES = {"event": "events", "story": "stories"}
_EVENT = "SELECT id, story_id, first, last, dated, size, vector_sum FROM events"
_BRIEF = (
    "SELECT a.id, a.source, a.lang, a.title, a.published, a.ingested, a.entities, "
    "a.places, a.event_date, v.vector FROM articles a LEFT JOIN article_vectors v "
    "ON v.article_id = a.id AND v.view = 'body' WHERE a.id {ids}"
)
# SQLite allows at most 32,766 parameters a statement; stay well below.
_CHUNK = 500


class SharedStoryQueries:
    db: Any  # a DB-API connection
    # -- dialect hooks (SQLite's here; PostgresStore overrides them) ----------
    placeholder = "?"  # the driver's parameter mark
    _no_limit: Any = -1  # LIMIT that keeps every row
    _event_columns: tuple[str, ...] = ("story_id", "first", "last", "dated", "size", "vector_sum")
    _event_changed = ""  # what else an update of an event sets

    def _id_lists(self, ids: list[Any]) -> Iterator[tuple[str, list[Any]]]:
        """(condition after a column, its parameters) for each part of a list of ids."""
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            yield f"IN ({', '.join('?' * len(chunk))})", chunk

    def _text_order(self, column: str) -> str:
        """A text column as ORDER BY sorts it by code point."""
        return column

    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.db.executemany(self._sql(sql), rows)

    def _stored_vector(self, value: Any) -> np.ndarray:
        """An `article_vectors.vector` value as read back."""
        return vector_from_blob(value)

    def _event_values(self, row: EventRow) -> tuple[Any, ...]:
        total = np.asarray(row.vector_sum, dtype="<f4").tobytes()
        first, last = day_column(row.first), day_column(row.last)
        return (row.story_id, first, last, int(row.dated), row.size, total)

    def _member(self, source: str, condition: str) -> str:
        """Stories some member of which passes `condition` on articles `a` ("articles")
        or keys `k` ("keys"): here one pass over the matching rows by their index, not a
        search of each story's members (seconds for a language)."""
        table, article_id = ("articles a", "a.id") if source == "articles" else ("article_keys k", "k.article_id")  # fmt: skip
        return (
            f"s.id IN (SELECT e.story_id FROM {table} JOIN placements p ON p.article_id = "
            f"{article_id} JOIN events e ON e.id = p.event_id WHERE {condition})"
        )

    # -- shared plumbing --------------------------------------------------------
    def _sql(self, statement: str) -> str:
        return statement if self.placeholder == "?" else statement.replace("?", self.placeholder)

    def _rows_for(self, sql: str, ids: Iterable[Any], *params: Any) -> Iterator[tuple[Any, ...]]:
        """The rows of `sql` for a list of ids of any length: `{ids}` in it stands after
        the id column (`WHERE id {ids}`, once or more), `params` come before the ids."""
        for condition, values in self._id_lists(list(ids)):
            statement = self._sql(sql.replace("{ids}", condition))
            yield from self.db.execute(statement, [*params, *values * sql.count("{ids}")])

    def _insert_returning_id(self, sql: str, params: Sequence[Any]) -> int:
        return int(self.db.execute(self._sql(sql + " RETURNING id"), params).fetchall()[0][0])

    # -- events and stories -------------------------------------------------------
    def new_story(self, first: str | None, last: str | None) -> int:
        sql = "INSERT INTO stories (first, last, size) VALUES (?, ?, 0)"
        return self._insert_returning_id(sql, (day_column(first), day_column(last)))

    def save_story(self, story: StoryRow) -> None:
        self.db.execute(
            self._sql("UPDATE stories SET first = ?, last = ?, size = ? WHERE id = ?"),
            (day_column(story.first), day_column(story.last), story.size, story.id),
        )

    def story_row(self, story_id: int) -> StoryRow | None:
        row = self.db.execute(
            self._sql(
                "SELECT id, first, last, size FROM stories WHERE id = ? AND merged_into IS NULL"
            ),
            (story_id,),
        ).fetchone()
        return StoryRow(row[0], day_of(row[1]), day_of(row[2]), row[3]) if row else None

    def new_event(self, row: EventRow) -> int:
        """Insert an event (its `id` is ignored) and return the id it got."""
        columns = self._event_columns
        sql = f"INSERT INTO events ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        return self._insert_returning_id(sql, self._event_values(row))

    def save_event(self, row: EventRow) -> None:
        sets = ", ".join(f"{c} = ?" for c in self._event_columns)
        sql = f"UPDATE events SET {sets}{self._event_changed} WHERE id = ?"
        self.db.execute(self._sql(sql), (*self._event_values(row), row.id))

    def events(self, ids: Iterable[int]) -> dict[int, EventRow]:
        """The live (not merged) events among `ids`."""
        sql = f"{_EVENT} WHERE id {{ids}} AND merged_into IS NULL"
        return {r[0]: _event(r) for r in self._rows_for(sql, [int(i) for i in ids])}

    def live_events(self) -> Iterator[EventRow]:
        """Every event not merged into another (to rebuild the vector index)."""
        rows = self.db.execute(f"{_EVENT} WHERE merged_into IS NULL ORDER BY id").fetchall()
        for row in rows:
            yield _event(row)

    # -- placements -----------------------------------------------------------------
    def place(self, rows: Sequence[PlacementRow]) -> None:
        self._executemany(
            "INSERT INTO placements (article_id, event_id, fit, at, dated) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (article_id) DO UPDATE SET event_id = excluded.event_id, "
            "fit = excluded.fit, at = excluded.at, dated = excluded.dated",
            [(r.article_id, r.event_id, r.fit, day_column(r.at), int(r.dated)) for r in rows],
        )

    def representatives(self, event_id: int, n: int) -> list[str]:
        """The `n` members that fitted the event best when placed (ties as SQLite's index
        (event_id, fit, article_id) read backwards gives them)."""
        order = f"fit DESC, {self._text_order('article_id')} DESC"
        sql = f"SELECT article_id FROM placements WHERE event_id = ? ORDER BY {order} LIMIT ?"
        return [r[0] for r in self.db.execute(self._sql(sql), (event_id, n))]

    def placement(self, article_id: str) -> tuple[int, int] | None:
        """(event id, story id) of a placed article."""
        return self.placements([article_id]).get(article_id)

    def placements(self, ids: Iterable[str]) -> dict[str, tuple[int, int]]:
        sql = (
            "SELECT p.article_id, p.event_id, e.story_id FROM placements p "
            "JOIN events e ON e.id = p.event_id WHERE p.article_id {ids}"
        )
        return {r[0]: (r[1], r[2]) for r in self._rows_for(sql, ids)}

    # -- merges -------------------------------------------------------------------------
    def merge_events(self, from_id: int, into_id: int, evidence: dict[str, Any]) -> None:
        """Move every member of event `from_id` into `into_id`; the row stays, pointing on."""
        self.db.execute(
            self._sql("UPDATE placements SET event_id = ? WHERE event_id = ?"), (into_id, from_id)
        )
        self.db.execute(
            self._sql(f"UPDATE events SET merged_into = ?{self._event_changed} WHERE id = ?"),
            (into_id, from_id),
        )
        self._log("event", from_id, into_id, evidence)

    def merge_stories(self, from_id: int, into_id: int, evidence: dict[str, Any]) -> None:
        self.db.execute(
            self._sql("UPDATE events SET story_id = ? WHERE story_id = ?"), (into_id, from_id)
        )
        self.db.execute(
            self._sql("UPDATE stories SET merged_into = ? WHERE id = ?"), (into_id, from_id)
        )
        self._log("story", from_id, into_id, evidence)

    def _log(self, kind: str, from_id: int, into_id: int, evidence: dict[str, Any]) -> None:
        self.db.execute(
            self._sql(
                "INSERT INTO merges (kind, from_id, into_id, at, evidence) VALUES (?, ?, ?, ?, ?)"
            ),
            (kind, from_id, into_id, datetime.now().isoformat(timespec="seconds"),
             json.dumps(evidence, ensure_ascii=False)),
        )  # fmt: skip

    def merges(self) -> list[MergeRow]:
        rows = self.db.execute(
            "SELECT kind, from_id, into_id, at, evidence FROM merges ORDER BY seq"
        )
        return [MergeRow(k, f, i, at, json.loads(ev)) for k, f, i, at, ev in rows]

    def resolve(self, kind: str, item_id: int) -> int | None:
        """The live id an event or story id now lives on as (following merges)."""
        table = _TABLES[kind]  # a fixed name, never input
        for _ in range(1000):
            row = self.db.execute(
                self._sql(f"SELECT merged_into FROM {table} WHERE id = ?"), (item_id,)
            ).fetchone()
            if row is None:
                return None
            if row[0] is None:
                return item_id
            item_id = row[0]
        return None

    # -- reading stories ------------------------------------------------------------------
    def story_ids(self, where: StoryFilter) -> list[int]:
        """Live stories matching the filter, newest last time first, then largest."""
        sql = ["SELECT s.id FROM stories s WHERE s.merged_into IS NULL AND s.size > 0"]
        params: list[Any] = []
        if where.since:
            sql.append("AND s.last >= ?")
            params.append(where.since)
        if where.until:
            sql.append("AND s.first <> '' AND s.first <= ?")
            params.append(end_of(where.until))
        if where.lang:
            sql.append("AND " + self._member("articles", "a.lang = ?"))
            params.append(where.lang)
        for kinds, value in (("('entity')", where.entity), ("('place', 'country')", where.place)):
            if value:
                sql.append("AND " + self._member("keys", f"k.kind IN {kinds} AND k.key = ?"))
                params.append(value)
        sql.append(f"ORDER BY {self._text_order('s.last')} DESC, s.size DESC, s.id")
        sql.append("LIMIT ? OFFSET ?")
        params += [self._no_limit if where.limit is None else where.limit, where.offset]
        return [r[0] for r in self.db.execute(self._sql(" ".join(sql)), params)]

    def story_revisions(self, ids: Iterable[int]) -> dict[int, int]:
        """Story id -> its revision, raised by every write to the story (the stores'
        triggers): a summary made at a revision is current while the revision stays."""
        sql = "SELECT id, revision FROM stories WHERE id {ids} AND merged_into IS NULL"
        return dict(self._rows_for(sql, [int(i) for i in ids]))

    def story_events(self, story_id: int) -> list[int]:
        sql = (
            "SELECT id FROM events WHERE story_id = ? AND merged_into IS NULL "
            f"ORDER BY {self._text_order('first')}, id"
        )
        return [r[0] for r in self.db.execute(self._sql(sql), (story_id,))]

    def event_members(self, event_id: int) -> list[PlacementRow]:
        sql = (
            "SELECT article_id, event_id, fit, at, dated FROM placements WHERE event_id = ? "
            f"ORDER BY {self._text_order('at')}, {self._text_order('article_id')}"
        )
        rows = self.db.execute(self._sql(sql), (event_id,))
        return [PlacementRow(a, e, f, day_of(at, d), bool(d)) for a, e, f, at, d in rows]

    def briefs(self, ids: Iterable[str]) -> dict[str, Article]:
        """Articles without their text (title, language, times, entities, places, body
        vector), enough to summarise an event or story."""
        return {
            row[0]: brief_from_row(row, None if row[9] is None else self._stored_vector(row[9]))
            for row in self._rows_for(_BRIEF, ids)
        }


def _event(row: tuple[Any, ...]) -> EventRow:
    return event_from_row(row, vector_from_blob(bytes(row[6])))
