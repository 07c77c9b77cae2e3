"""What analysts' corrections ask of the tracker (see `stories.corrections`).

- A **locked** story's membership changes only by hand: its events are left out of the
  candidates an arriving article may join (or link a new event to), and nothing merges
  into or out of it automatically.
- An event or story **changed by hand** (a move, split or merge touched it) still takes
  new articles, but is never merged automatically, so that no later article undoes the
  correction by matching both sides of it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from tidings.store.base import ArticleStore
from tidings.store.story_rows import EventRow

if TYPE_CHECKING:
    from tidings.stories.tracker import Proposal

Scored = TypeVar("Scored")  # an event's score, or its score and matched member


def hold_locked(
    store: ArticleStore, rows: dict[int, EventRow], scores: dict[int, Scored]
) -> tuple[dict[int, Scored], dict[int, Scored]]:
    """(the scores of events an article may join, the scores of those held back because
    their story is locked)."""
    locked = store.locked({r.story_id for r in rows.values()})
    if not locked:
        return scores, {}
    held = {e: s for e, s in scores.items() if rows[e].story_id in locked}
    return {e: s for e, s in scores.items() if e not in held}, held


def keep_hand_made(store: ArticleStore, proposal: Proposal, rows: dict[int, EventRow]) -> Proposal:
    """The proposal without the automatic merges that would touch a hand-made group."""
    if not (proposal.merge_events or proposal.merge_stories):
        return proposal
    story_of = {e: r.story_id for e, r in rows.items()}
    events = {*proposal.merge_events, *([proposal.event_id] if proposal.event_id else [])}
    stories = {*proposal.merge_stories, *(story_of[e] for e in events if e in story_of)}
    marked_events = store.hand_marked("event", events)
    marked_stories = store.hand_marked("story", stories)
    if not (marked_events or marked_stories):
        return proposal
    own_story = proposal.story_id
    if proposal.event_id in marked_events or own_story in marked_stories:
        return replace(proposal, merge_events=(), merge_stories=())

    def free(event_id: int) -> bool:
        story = story_of.get(event_id)
        return event_id not in marked_events and (story == own_story or story not in marked_stories)

    return replace(
        proposal,
        merge_events=tuple(e for e in proposal.merge_events if free(e)),
        merge_stories=tuple(s for s in proposal.merge_stories if s not in marked_stories),
    )
