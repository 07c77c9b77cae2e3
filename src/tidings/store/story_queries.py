"""The story tables' statements that SQLite and PostgreSQL run alike, written once.

They are written with `?` marks; a store whose driver takes `%s` (psycopg) sets
`placeholder`. The statements that differ between the two (inserts returning ids,
vectors, the listing's collation and limit) stay in each store's own module.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from tidings.store.story_rows import MergeRow, StoryRow, day_column, day_of

_TABLES = {"event": "events", "story": "stories"}


class SharedStoryQueries:
    db: Any  # a DB-API connection
    placeholder = "?"  # the driver's parameter mark

    def _sql(self, statement: str) -> str:
        return statement if self.placeholder == "?" else statement.replace("?", self.placeholder)

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
