"""Analysts' corrections: move an article, split an event, merge two stories, lock a story.

Each correction runs in one transaction: it changes the placements, brings the events'
vector sums (so their centroids), sizes and days and the stories' sizes and days up to
date from their members, logs itself in `corrections` (who, when, what), rewrites the
moved articles' reasons ("moved", keeping the automatic reason as `automatic`), and
marks what it touched as changed by hand. What that means for later articles is in
`stories.hand`: a moved article counts as a member of its new event (it is placed with a
fit above any automatic member's, so it is among the members a newcomer is scored
against, and a newcomer that matches it follows it there); events and stories changed by
hand are never merged automatically; a locked story takes no automatic joins.

An event or story left empty by a correction is not deleted: it points to where its last
members went (a merge row with the correction's number), so its old address still leads
somewhere. Merging two stories keeps the older (smaller) id; the other's address says
which story it merged into.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from tidings.store.base import ArticleStore
from tidings.store.correction_queries import CorrectionRow
from tidings.store.story_rows import EventRow, PlacementRow
from tidings.stories.timing import extend

# A hand-placed member's fit is 1 + its cosine to the centroid: above every automatic
# member's (a cosine, at most 1), so it is among the event's representatives.
HAND_FIT = 1.0


class CorrectionError(ValueError):
    """A correction that cannot be made; the message names the input and the problem."""


@dataclass(frozen=True)
class Target:
    """Where `move` puts an article: exactly one of these."""

    event: int | None = None  # an existing event
    story: int | None = None  # a new event in this story
    new_event: bool = False  # a new event in the article's own story
    new_story: bool = False  # a new event in a new story

    def check(self) -> None:
        given = [self.event is not None, self.story is not None, self.new_event, self.new_story]
        if sum(given) != 1:
            raise CorrectionError(
                "say where to move the article: exactly one of an event, a story, "
                "a new event or a new story"
            )


class Corrections:
    """Hand corrections over a store. `on_change` is called after each one (the facade
    drops its tracker's in-memory index, whose centroids the correction changed)."""

    def __init__(self, store: ArticleStore, on_change: Callable[[], None] | None = None):
        self.store = store
        self.on_change = on_change

    # -- the corrections --------------------------------------------------------
    def move(self, article_id: str, target: Target, *, by: str, note: str = "") -> CorrectionRow:
        """Move one article to another event, a new event in a story, or a new story."""
        target.check()
        with self.store.transaction():
            source_event, source_story = self._placement(article_id)
            event_id = self._target_event(article_id, source_story, target)
            if event_id == source_event:
                raise CorrectionError(f"article {article_id!r} is already in event {event_id}")
            story_id = self._event(event_id).story_id
            detail = {"article": article_id, "from_event": source_event, "to_event": event_id,
                      "from_story": source_story, "to_story": story_id, "note": note}  # fmt: skip
            other = source_story if source_story != story_id else None
            row = self.store.log_correction("move", (story_id, other), by, detail)
            self._relocate([article_id], source_event, event_id, row)
        return self._done(row)

    def split(
        self, event_id: int, article_ids: Sequence[str], *, by: str, note: str = ""
    ) -> CorrectionRow:
        """Move the chosen articles of an event into a new event of the same story."""
        chosen = list(dict.fromkeys(article_ids))
        with self.store.transaction():
            event = self._event(event_id)
            members = {m.article_id for m in self.store.event_members(event.id)}
            strangers = [a for a in chosen if a not in members]
            if strangers:
                raise CorrectionError(f"article {strangers[0]!r} is not in event {event.id}")
            if not chosen or len(chosen) == len(members):
                raise CorrectionError(
                    f"choose some but not all of event {event.id}'s {len(members)} articles"
                )
            new_id = self._new_event(event.story_id, chosen[0])
            detail = {"event": event.id, "new_event": new_id, "articles": chosen, "note": note}
            row = self.store.log_correction("split", (event.story_id, None), by, detail)
            self._relocate(chosen, event.id, new_id, row)
        return self._done(row)

    def merge(self, story_id: int, other_id: int, *, by: str, note: str = "") -> CorrectionRow:
        """Merge two stories; the older (smaller) id stays, the other points to it.
        The merged story is locked if either was."""
        with self.store.transaction():
            a, b = self._story(story_id), self._story(other_id)
            if a == b:
                raise CorrectionError(f"stories {story_id} and {other_id} are the same story {a}")
            into, gone = min(a, b), max(a, b)
            detail = {"into": into, "from": gone, "note": note}
            row = self.store.log_correction("merge", (into, gone), by, detail)
            locked = self.store.locked([into, gone])
            self.store.merge_stories(gone, into, {"correction": row.seq, "by": by})
            self._refresh_story(into)
            self.store.mark_by_hand("story", [into, gone])
            if locked:
                self.store.set_locked(into, True)
        return self._done(row)

    def lock(self, story_id: int, locked: bool = True, *, by: str, note: str = "") -> CorrectionRow:
        """Lock a story (its membership then changes only by hand) or unlock it."""
        with self.store.transaction():
            live = self._story(story_id)
            self.store.set_locked(live, locked)
            self.store.mark_by_hand("story", [live])
            kind = "lock" if locked else "unlock"
            row = self.store.log_correction(kind, (live, None), by, {"note": note})
        return self._done(row)

    # -- reading ----------------------------------------------------------------
    def log(self, story_id: int) -> list[CorrectionRow]:
        """The corrections of a story and of the stories merged into it, oldest first."""
        return self.store.corrections([story_id, *self.store.merged_into(story_id)])

    def is_locked(self, story_id: int) -> bool:
        return bool(self.store.locked([story_id]))

    def reasons(self, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        return self.store.reasons(article_ids)

    # -- the work ---------------------------------------------------------------
    def _done(self, row: CorrectionRow) -> CorrectionRow:
        if self.on_change is not None:
            self.on_change()
        return row

    def _placement(self, article_id: str) -> tuple[int, int]:
        placed = self.store.placement(article_id)
        if placed is None:
            raise LookupError(f"no placed article with id {article_id!r}")
        return placed

    def _event(self, event_id: int) -> EventRow:
        live = self.store.resolve("event", int(event_id))
        rows = self.store.events([live]) if live is not None else {}
        if live not in rows:
            raise LookupError(f"no event with id {event_id}")
        return rows[live]

    def _story(self, story_id: int) -> int:
        live = self.store.resolve("story", int(story_id))
        if live is None or self.store.story_row(live) is None:
            raise LookupError(f"no story with id {story_id}")
        return live

    def _target_event(self, article_id: str, own_story: int, target: Target) -> int:
        if target.event is not None:
            return self._event(target.event).id
        if target.story is not None:
            return self._new_event(self._story(target.story), article_id)
        if target.new_event:
            return self._new_event(own_story, article_id)
        row = self._member(article_id)
        return self._new_event(self.store.new_story(row.at, row.at), article_id)

    def _member(self, article_id: str) -> PlacementRow:
        event_id, _ = self._placement(article_id)
        return next(m for m in self.store.event_members(event_id) if m.article_id == article_id)

    def _new_event(self, story_id: int, article_id: str) -> int:
        """An empty event in the story, on the day of the article that will open it."""
        row = self._member(article_id)
        return self.store.new_event(
            EventRow(
                id=0,
                story_id=story_id,
                first=row.at,
                last=row.at,
                dated=row.dated,
                size=0,
                vector_sum=np.zeros(0, np.float32),
            )
        )

    def _relocate(
        self, article_ids: list[str], source: int, target: int, row: CorrectionRow
    ) -> None:
        """Place the articles in `target` by hand; bring both events and stories up to date."""
        members = {m.article_id: m for m in self.store.event_members(source)}
        moved = [members[a] for a in article_ids]
        self.store.place(
            [PlacementRow(m.article_id, target, HAND_FIT, m.at, m.dated) for m in moved]
        )
        target_row = self._refresh_event(target)
        assert target_row is not None  # it has the moved articles now
        vectors = self.store.embeddings(article_ids)
        self.store.place([
            PlacementRow(m.article_id, target, HAND_FIT + _cosine(vectors.get(m.article_id, {}), target_row),
                         m.at, m.dated)
            for m in moved
        ])  # fmt: skip
        source_story = self._event_story(source)
        emptied = self._refresh_event(source) is None
        if emptied:
            self.store.merge_events(source, target, {"correction": row.seq, "emptied": True})
        self._refresh_story(target_row.story_id)
        if source_story != target_row.story_id and self._refresh_story(source_story) is None:
            evidence = {"correction": row.seq, "emptied": True}
            self.store.merge_stories(source_story, target_row.story_id, evidence)
        self.store.mark_by_hand("event", [source, target])
        self.store.mark_by_hand("story", {source_story, target_row.story_id})
        self._rewrite_reasons(article_ids, row, target, target_row.story_id)

    def _event_story(self, event_id: int) -> int:
        return self.store.events([event_id])[event_id].story_id

    def _refresh_event(self, event_id: int) -> EventRow | None:
        """The event's vector sum, size and days from its members now; None if it has none."""
        event = self.store.events([event_id])[event_id]
        members = self.store.event_members(event_id)
        if not members:
            event.size, event.vector_sum = 0, np.zeros_like(event.vector_sum)
            self.store.save_event(event)
            return None
        vectors = self.store.embeddings(m.article_id for m in members)
        body = [v["body"] for v in vectors.values() if "body" in v]
        event.vector_sum = np.sum(body, axis=0).astype(np.float32) if body else np.zeros(0, "f4")
        event.size = len(members)
        event.first, event.last, event.dated = None, None, False
        for member in members:
            extend(event, member.at)  # the members' known days (None: date unknown)
        self.store.save_event(event)
        return event

    def _refresh_story(self, story_id: int) -> int | None:
        """The story's size and days from its events now; None if it has none left."""
        story = self.store.story_row(story_id)
        events = self.store.events(self.store.story_events(story_id)).values()
        if story is None or not events:
            return None
        story.size = sum(e.size for e in events)
        story.first = min((e.first for e in events if e.first is not None), default=None)
        story.last = max((e.last for e in events if e.last is not None), default=None)
        self.store.save_story(story)
        return story.size

    def _rewrite_reasons(
        self, article_ids: list[str], row: CorrectionRow, event_id: int, story_id: int
    ) -> None:
        before = self.store.reasons(article_ids)
        reasons = []
        for article_id in article_ids:
            old = before.get(article_id, {})
            automatic = old.get("automatic", old) if old.get("decision") == "moved" else old
            reason = {"decision": "moved", "event_id": event_id, "story_id": story_id,
                      "by": row.who, "at": row.at, "correction": row.seq, "kind": row.kind,
                      "note": row.detail.get("note", ""), "automatic": automatic}  # fmt: skip
            reason["summary"] = (
                f"moved by hand ({row.kind}, correction {row.seq}) by {row.who} at {row.at} "
                f"into event {event_id}"
            )
            reasons.append((article_id, reason))
        self.store.save_reasons(reasons)


def _cosine(views: dict[str, np.ndarray], event: EventRow) -> float:
    vector = views.get("body")
    if vector is None or not event.vector_sum.size:
        return 0.0
    return float(np.asarray(vector, np.float32) @ event.centroid)
