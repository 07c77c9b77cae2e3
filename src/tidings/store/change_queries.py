"""What changed since a moment: stories by when they last changed (`stories.updated`,
kept by migration 10's triggers), articles by when they were stored. Written once with
`?` marks for SQLite and PostgreSQL alike (see `SharedStoryQueries`).

A position is (time, id): the listing goes on after it, so that rows changed in the same
millisecond are neither lost nor repeated across pages.
"""

from __future__ import annotations

from dataclasses import dataclass

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
        moment, last_id = after
        rows = self.db.execute(
            self._sql(
                "SELECT id, updated, merged_into, size FROM stories "
                "WHERE updated > ? OR (updated = ? AND id > ?) ORDER BY updated, id LIMIT ?"
            ),
            (moment, moment, last_id, limit),
        )
        return [StoryChange(*row) for row in rows]

    def articles_stored(self, after: tuple[str, str], limit: int) -> list[tuple[str, str]]:
        """(id, stored time) of articles stored after the position, oldest first."""
        moment, last_id = after
        rows = self.db.execute(
            self._sql(
                "SELECT id, ingested FROM articles "
                "WHERE ingested > ? OR (ingested = ? AND id > ?) ORDER BY ingested, id LIMIT ?"
            ),
            (moment, moment, last_id, limit),
        )
        return [(row[0], row[1]) for row in rows]
