"""The story tables of the SQLite store: events, stories, placements, merges.

Every method is a handful of indexed statements, so that placing one article
costs the same however many are stored. `SQLiteStore` mixes this class in.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import Any

import numpy as np

from tidings.model import Article, Entity, Place
from tidings.store.rows import vector_from_blob
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
_CHUNK = 500


class StoryTables(SharedStoryQueries):
    db: sqlite3.Connection

    # -- events and stories -------------------------------------------------
    def new_story(self, first: str | None, last: str | None) -> int:
        cursor = self.db.execute(
            "INSERT INTO stories (first, last, size) VALUES (?, ?, 0)",
            (day_column(first), day_column(last)),
        )
        return int(cursor.lastrowid)

    def new_event(self, row: EventRow) -> int:
        """Insert an event (its `id` is ignored) and return the id it got."""
        cursor = self.db.execute(
            "INSERT INTO events (story_id, first, last, dated, size, vector_sum) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            _event_values(row),
        )
        return int(cursor.lastrowid)

    def save_event(self, row: EventRow) -> None:
        self.db.execute(
            "UPDATE events SET story_id = ?, first = ?, last = ?, dated = ?, size = ?, "
            "vector_sum = ? WHERE id = ?",
            (*_event_values(row), row.id),
        )

    def events(self, ids: Iterable[int]) -> dict[int, EventRow]:
        """The live (not merged) events among `ids`."""
        ids = list(ids)
        found: dict[int, EventRow] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            sql = f"{_EVENT} WHERE id IN ({marks}) AND merged_into IS NULL"
            found.update((r[0], _event(r)) for r in self.db.execute(sql, chunk))
        return found

    def live_events(self) -> Iterator[EventRow]:
        """Every event not merged into another (to rebuild the vector index)."""
        for row in self.db.execute(f"{_EVENT} WHERE merged_into IS NULL ORDER BY id"):
            yield _event(row)

    # -- placements -----------------------------------------------------------
    def place(self, rows: Sequence[PlacementRow]) -> None:
        self.db.executemany(
            "INSERT INTO placements (article_id, event_id, fit, at, dated) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (article_id) DO UPDATE SET event_id = excluded.event_id, "
            "fit = excluded.fit, at = excluded.at, dated = excluded.dated",
            [(r.article_id, r.event_id, r.fit, day_column(r.at), int(r.dated)) for r in rows],
        )

    def representatives(self, event_id: int, n: int) -> list[str]:
        """The `n` members that fitted the event best when placed."""
        rows = self.db.execute(
            "SELECT article_id FROM placements WHERE event_id = ? ORDER BY fit DESC, article_id DESC LIMIT ?",
            (event_id, n),
        )
        return [r[0] for r in rows]

    def placement(self, article_id: str) -> tuple[int, int] | None:
        """(event id, story id) of a placed article."""
        row = self.db.execute(
            "SELECT p.event_id, e.story_id FROM placements p JOIN events e ON e.id = p.event_id "
            "WHERE p.article_id = ?",
            (article_id,),
        ).fetchone()
        return (row[0], row[1]) if row else None

    def placements(self, ids: Iterable[str]) -> dict[str, tuple[int, int]]:
        ids = list(ids)
        found: dict[str, tuple[int, int]] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            rows = self.db.execute(
                "SELECT p.article_id, p.event_id, e.story_id FROM placements p "
                f"JOIN events e ON e.id = p.event_id WHERE p.article_id IN ({marks})",
                chunk,
            )
            found.update((r[0], (r[1], r[2])) for r in rows)
        return found

    def unplaced(self) -> list[str]:
        """Ids of stored articles in no event (after a crash between storing and placing)."""
        # Over the index of ids (which holds each seq too), not the table of long rows:
        # every ingest asks, so this must not read the whole store.
        rows = self.db.execute(
            "SELECT a.seq, a.id FROM articles a INDEXED BY sqlite_autoindex_articles_1 "
            "WHERE NOT EXISTS (SELECT 1 FROM placements p WHERE p.article_id = a.id)"
        )
        return [article_id for _, article_id in sorted(rows)]

    # -- merges -----------------------------------------------------------------
    def merge_events(self, from_id: int, into_id: int, evidence: dict[str, Any]) -> None:
        """Move every member of event `from_id` into `into_id`; the row stays, pointing on."""
        self.db.execute("UPDATE placements SET event_id = ? WHERE event_id = ?", (into_id, from_id))
        self.db.execute("UPDATE events SET merged_into = ? WHERE id = ?", (into_id, from_id))
        self._log("event", from_id, into_id, evidence)

    # -- reading stories --------------------------------------------------------
    def story_ids(self, where: StoryFilter) -> list[int]:
        """Live stories matching the filter, newest last time first, then largest."""
        sql = ["SELECT s.id FROM stories s WHERE s.merged_into IS NULL AND s.size > 0"]
        params: list[Any] = []
        if where.since:
            sql.append("AND s.last >= ?")
            params.append(where.since)
        if where.until:
            sql.append("AND s.first <> '' AND s.first <= ?")
            params.append(_end_of(where.until))
        # The stories some member of which passes: one pass over the matching articles
        # (by their index), not a search of each story's members (seconds for a language).
        member = (
            "s.id IN (SELECT e.story_id FROM {table} JOIN placements p ON p.article_id = {id} "
            "JOIN events e ON e.id = p.event_id WHERE {cond})"
        )
        if where.lang:
            sql.append("AND " + member.format(table="articles a", id="a.id", cond="a.lang = ?"))
            params.append(where.lang)
        for kind, value in (("entity", where.entity), ("place", where.place)):
            if value:
                kinds = "('place', 'country')" if kind == "place" else "('entity')"
                cond = f"k.kind IN {kinds} AND k.key = ?"
                sql.append(
                    "AND " + member.format(table="article_keys k", id="k.article_id", cond=cond)
                )
                params.append(value)
        sql.append("ORDER BY s.last DESC, s.size DESC, s.id LIMIT ? OFFSET ?")
        params += [-1 if where.limit is None else where.limit, where.offset]
        return [r[0] for r in self.db.execute(" ".join(sql), params)]

    def story_revisions(self, ids: Iterable[int]) -> dict[int, int]:
        """Story id -> its revision, raised by every write to the story (migration 7's
        triggers): a summary made at a revision is current while the revision stays."""
        ids = list(ids)
        found: dict[int, int] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT id, revision FROM stories WHERE id IN ({marks}) AND merged_into IS NULL",
                chunk,
            )
            found.update(rows)
        return found

    def story_events(self, story_id: int) -> list[int]:
        rows = self.db.execute(
            "SELECT id FROM events WHERE story_id = ? AND merged_into IS NULL ORDER BY first, id",
            (story_id,),
        )
        return [r[0] for r in rows]

    def event_members(self, event_id: int) -> list[PlacementRow]:
        rows = self.db.execute(
            "SELECT article_id, event_id, fit, at, dated FROM placements WHERE event_id = ? "
            "ORDER BY at, article_id",
            (event_id,),
        )
        return [PlacementRow(a, e, f, day_of(at, d), bool(d)) for a, e, f, at, d in rows]

    def briefs(self, ids: Iterable[str]) -> dict[str, Article]:
        """Articles without their text (title, language, times, entities, places, body vector),
        enough to summarise an event or story."""
        ids = list(ids)
        found: dict[str, Article] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            rows = self.db.execute(
                "SELECT a.id, a.source, a.lang, a.title, a.published, a.ingested, a.entities, "
                "a.places, a.event_date, v.vector FROM articles a LEFT JOIN article_vectors v "
                f"ON v.article_id = a.id AND v.view = 'body' WHERE a.id IN ({marks})",
                chunk,
            )
            found.update((r[0], _brief(r)) for r in rows)
        return found


def _event_values(row: EventRow) -> tuple[Any, ...]:
    blob = np.asarray(row.vector_sum, dtype="<f4").tobytes()
    return (
        row.story_id,
        day_column(row.first),
        day_column(row.last),
        int(row.dated),
        row.size,
        blob,
    )


def _event(row: tuple[Any, ...]) -> EventRow:
    return event_from_row(row, vector_from_blob(row[6]))


def _brief(row: tuple[Any, ...]) -> Article:
    aid, source, lang, title, published, ingested, entities, places, event_date, blob = row
    return Article(
        id=aid,
        source=source,
        raw="",
        text="",
        lang=lang,
        title=title,
        published=datetime.fromisoformat(published) if published else None,
        ingested=datetime.fromisoformat(ingested),
        entities=[Entity(**e) for e in json.loads(entities)],
        places=[Place(**p) for p in json.loads(places)],
        event_date=date.fromisoformat(event_date) if event_date else None,
        embeddings={"body": vector_from_blob(blob)} if blob else {},
    )


def _end_of(moment: str) -> str:
    """A bare date as an upper bound includes that whole day."""
    return moment + "T99" if len(moment) == 10 else moment
