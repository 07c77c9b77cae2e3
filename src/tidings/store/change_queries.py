"""What changed since a position: stories by when they last changed (`stories.updated`,
kept by migration 10's triggers), articles in the order they were stored. Written once
with `?` marks for SQLite and PostgreSQL alike (see `SharedStoryQueries`).

Both lists must never skip a row that commits after a client read past it. Writes are
serialised (SQLite's single writer, PostgreSQL's advisory write lock), so:
- a story's position is (updated, id): `updated` comes from the store's clock inside the
  write, and `_after_last_change` starts each write in a later millisecond than the last
  change, so that no later write can tie with a millisecond a client already read;
- an article's position is its `seq`, given under the write lock: its `ingested` time is
  when it was read, and a writer that read it earlier may store it later.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from tidings.store.story_queries import SharedStoryQueries

# How often, and how long each time, a write looks again for the clock to leave the last
# change's millisecond (a millisecond at most is needed when the clock runs).
CLOCK_LOOKS = 20
CLOCK_PAUSE_S = 0.0005


@dataclass(frozen=True)
class StoryChange:
    id: int
    updated: str
    merged_into: int | None
    size: int


@dataclass(frozen=True)
class StoredArticle:
    id: str
    ingested: str  # when it was read, as stored
    seq: int  # its place in the order articles were stored


class ChangeQueries(SharedStoryQueries):
    # -- dialect hook: the clock migration 10's triggers stamp `updated` with ------------
    _clock = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

    def stories_changed(self, after: tuple[str, int], limit: int) -> list[StoryChange]:
        """Stories changed after the position, live, merged and emptied alike, oldest
        change first."""
        moment, last_id = after
        statement = (
            "SELECT id, updated, merged_into, size FROM stories WHERE updated > ? "
            "OR (updated = ? AND id > ?) ORDER BY updated, id LIMIT ?"
        )
        rows = self.db.execute(self._sql(statement), (moment, moment, last_id, limit))
        return [StoryChange(*row) for row in rows]

    def articles_stored(self, after: int, limit: int) -> list[StoredArticle]:
        """Articles stored after position `after` (a `seq`), in the order they were."""
        statement = "SELECT id, ingested, seq FROM articles WHERE seq > ? ORDER BY seq LIMIT ?"
        return [
            StoredArticle(*row) for row in self.db.execute(self._sql(statement), (after, limit))
        ]

    def article_position(self, ingested: str, article_id: str = "", seq: int | None = None) -> int:
        """Where a listing of stored articles resumes. After `seq` if `article_id` was
        stored there (a cursor this store gave). Otherwise (a time; a cursor from before
        a copy, or from an older version, without `seq`) before the first article read
        at or after `ingested` or stored after `article_id`, whichever comes first: such
        a listing may repeat articles, never skip one."""
        if seq is not None and self._id_at(seq) == article_id:
            return seq
        statement = (
            "SELECT (SELECT min(seq) - 1 FROM articles WHERE ingested >= ?), "
            "(SELECT seq FROM articles WHERE id = ?), (SELECT max(seq) FROM articles)"
        )
        by_time, by_id, last = self.db.execute(
            self._sql(statement), (ingested, article_id)
        ).fetchone()
        starts = [p for p in (by_time, by_id) if p is not None]
        return min(starts) if starts else last or 0

    def _id_at(self, seq: int) -> str | None:
        row = self.db.execute(self._sql("SELECT id FROM articles WHERE seq = ?"), (seq,)).fetchone()
        return row[0] if row else None

    def _after_last_change(self) -> None:
        """Called first in each write transaction, under the write lock: waits until the
        store's clock has left the millisecond of the last change, so that this write's
        changes come after every change a client can have read. A clock behind the last
        change (a store copied from a machine whose clock was ahead) is not waited for."""
        for _ in range(CLOCK_LOOKS):
            now, last = self.db.execute(
                f"SELECT {self._clock}, max(updated) FROM stories"
            ).fetchone()
            if last is None or now != last:
                return
            time.sleep(CLOCK_PAUSE_S)
