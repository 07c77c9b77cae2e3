"""The tables of placement reasons and analysts' corrections, written once for SQLite and
PostgreSQL (with the driver's parameter mark, as `story_queries` does).

- `placement_reasons`: article id -> why it is where it is (JSON, `stories.reasons`);
- `corrections`: the log of hand changes (who, when, what, the stories concerned);
- `hand_marks`: events and stories changed by hand ("event:12", "story:3"), never merged
  automatically, and the locked stories among them (no automatic joins).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from tidings.store.story_queries import SharedStoryQueries


@dataclass(frozen=True)
class CorrectionRow:
    """One hand correction as logged."""

    seq: int
    kind: str  # "move" | "split" | "merge" | "lock" | "unlock"
    story_id: int
    other_story_id: int | None
    who: str
    at: str  # UTC, ISO 8601
    detail: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq, "kind": self.kind, "story_id": self.story_id,
            "other_story_id": self.other_story_id, "who": self.who, "at": self.at,
            "detail": self.detail,
        }  # fmt: skip


class CorrectionQueries(SharedStoryQueries):
    # -- reasons ------------------------------------------------------------
    def save_reasons(self, items: Iterable[tuple[str, dict[str, Any]]]) -> None:
        """(article id, reason) pairs, replacing the reasons saved before."""
        rows = [(a, json.dumps(r, ensure_ascii=False, sort_keys=True)) for a, r in items]
        if not rows:
            return
        self._executemany(
            "INSERT INTO placement_reasons (article_id, reason) VALUES (?, ?) "
            "ON CONFLICT (article_id) DO UPDATE SET reason = excluded.reason",
            rows,
        )

    def reasons(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Article id -> its placement reason, for the ids that have one."""
        sql = "SELECT article_id, reason FROM placement_reasons WHERE article_id {ids}"
        return {a: json.loads(r) for a, r in self._rows_for(sql, ids)}

    # -- the corrections log --------------------------------------------------
    def log_correction(
        self, kind: str, stories: tuple[int, int | None], who: str, detail: dict[str, Any]
    ) -> CorrectionRow:
        at = datetime.now(UTC).isoformat(timespec="seconds")
        text = json.dumps(detail, ensure_ascii=False, sort_keys=True)
        row = self.db.execute(
            self._sql(
                "INSERT INTO corrections (kind, story_id, other_story_id, who, at, detail) "
                "VALUES (?, ?, ?, ?, ?, ?) RETURNING seq"
            ),
            (kind, stories[0], stories[1], who, at, text),
        ).fetchone()
        return CorrectionRow(int(row[0]), kind, stories[0], stories[1], who, at, detail)

    def corrections(self, story_ids: Iterable[int]) -> list[CorrectionRow]:
        """The corrections concerning any of these stories, oldest first."""
        ids = [int(i) for i in story_ids]
        if not ids:
            return []
        rows = self._rows_for(
            "SELECT seq, kind, story_id, other_story_id, who, at, detail FROM corrections "
            "WHERE story_id {ids} OR other_story_id {ids}",
            ids,
        )
        found = {
            s: CorrectionRow(s, k, a, b, w, at, json.loads(d)) for s, k, a, b, w, at, d in rows
        }
        return [found[seq] for seq in sorted(found)]

    def merged_into(self, story_id: int) -> list[int]:
        """The stories merged (directly or through others) into `story_id`."""
        found: list[int] = []
        todo = [story_id]
        while todo and len(found) < 10_000:
            rows = self._rows_for("SELECT id FROM stories WHERE merged_into {ids}", todo)
            todo = [r[0] for r in rows]
            found += todo
        return found

    # -- hand marks and locks ---------------------------------------------------
    def mark_by_hand(self, kind: str, ids: Iterable[int]) -> None:
        """Mark events or stories as changed by hand (kept apart from automatic merges)."""
        rows = [(f"{kind}:{int(i)}",) for i in dict.fromkeys(ids)]
        sql = self._sql("INSERT INTO hand_marks (item) VALUES (?) ON CONFLICT (item) DO NOTHING")
        for row in rows:
            self.db.execute(sql, row)

    def set_locked(self, story_id: int, locked: bool) -> None:
        self.db.execute(
            self._sql(
                "INSERT INTO hand_marks (item, locked) VALUES (?, ?) "
                "ON CONFLICT (item) DO UPDATE SET locked = excluded.locked"
            ),
            (f"story:{int(story_id)}", int(locked)),
        )

    def hand_marked(self, kind: str, ids: Iterable[int]) -> set[int]:
        """Which of these events or stories were changed by hand (or locked)."""
        return set(self._marked(kind, ids, "1 = 1"))

    def locked(self, story_ids: Iterable[int]) -> set[int]:
        """Which of these stories are locked."""
        return set(self._marked("story", story_ids, "locked = 1"))

    def _marked(self, kind: str, ids: Iterable[int], condition: str) -> list[int]:
        items = [f"{kind}:{int(i)}" for i in dict.fromkeys(ids)]
        # A fixed condition, never input.
        rows = self._rows_for(
            f"SELECT item FROM hand_marks WHERE item {{ids}} AND {condition}", items
        )
        return [int(r[0].split(":", 1)[1]) for r in rows]
