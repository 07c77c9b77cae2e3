"""What changed since a moment: stories by when they last changed (`stories.updated`,
kept by migration 10's triggers), articles by when they were stored. Written once with
`?` marks for SQLite and PostgreSQL alike (see `SharedStoryQueries`).

A position is (time, id): the listing goes on after it, so that rows changed in the same
millisecond are neither lost nor repeated across pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tidings.store.story_queries import SharedStoryQueries


@dataclass(frozen=True)
class StoryChange:
    id: int
    updated: str
    merged_into: int | None
    size: int


class ChangeQueries(SharedStoryQueries):
    def stories_changed(self, after: tuple[str, int], limit: int) -> list[StoryChange]:
        """Stories changed after the position, live, merged and emptied alike, oldest
        change first."""
        rows = self._after("stories", "id, updated, merged_into, size", "updated", after, limit)
        return [StoryChange(*row) for row in rows]

    def articles_stored(self, after: tuple[str, str], limit: int) -> list[tuple[str, str]]:
        """(id, stored time) of articles stored after the position, oldest first."""
        rows = self._after("articles", "id, ingested", "ingested", after, limit)
        return [(row[0], row[1]) for row in rows]

    def _after(
        self, table: str, columns: str, moment_column: str, after: tuple[Any, Any], limit: int
    ) -> list[tuple[Any, ...]]:
        """Rows after (time, id) in that order; the names are this module's fixed strings."""
        moment, last_id = after
        statement = (
            f"SELECT {columns} FROM {table} WHERE {moment_column} > ? "
            f"OR ({moment_column} = ? AND id > ?) ORDER BY {moment_column}, id LIMIT ?"
        )
        return list(self.db.execute(self._sql(statement), (moment, moment, last_id, limit)))
