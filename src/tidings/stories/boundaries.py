"""Story boundaries: when a new event may join a story, or two stories merge.

A story is events about the same actors and places. Similarity alone chains
topic buckets (every parliament debate resembles the last), so a link also
needs *specific shared evidence*: a person or organisation key, or a place
below country level, that the article shares with the member it matched, and
more of it when the days cannot bound the link (an article or a story of
unknown date). When the days are known, the story's span after the link must
stay within `max_days` (the story's own known days, never an ingest time).
"""

from __future__ import annotations

from dataclasses import dataclass

from tidings.compare import ArticleProfile
from tidings.store.story_rows import StoryRow
from tidings.stories.timing import When, span_after


def evidence(a: ArticleProfile, b: ArticleProfile) -> list[str]:
    """The specific keys two articles share: entity keys and places below country level."""
    entities = sorted(set(a.entities) & set(b.entities))
    places = sorted(p for p in set(a.places) & set(b.places) if not p.startswith("country:"))
    return entities + places


@dataclass(frozen=True)
class StoryBounds:
    """`dated_evidence` keys to link when both sides have known days, else
    `undated_evidence`; the span after a link at most `max_days` (None: unbounded)."""

    dated_evidence: int = 1
    undated_evidence: int = 2
    max_days: int | None = 120

    def allows(self, story: StoryRow | None, when: When, shared: list[str]) -> bool:
        """Whether an article of day `when` sharing `shared` with a member may join `story`."""
        if story is None:
            return False
        both_dated = when.dated and story.first is not None
        if len(shared) < (self.dated_evidence if both_dated else self.undated_evidence):
            return False
        return self.max_days is None or span_after(story.first, story.last, when) <= self.max_days

    def merged_span_ok(self, a: StoryRow, b: StoryRow) -> bool:
        """Whether two stories' known days together stay within `max_days`."""
        if self.max_days is None:
            return True
        days = [d for d in (a.first, a.last, b.first, b.last) if d is not None]
        return span_after(min(days), max(days), When(None)) <= self.max_days if days else True
