"""Reading stories from a store: a filtered listing, one story or event by id (an id
merged into another gives that one), a story's detail: what `Tidings.stories`,
`story`, `event` and `story_detail` do, with the summaries the facades share."""

from __future__ import annotations

from datetime import date
from typing import Any

from tidings.store.base import ArticleStore
from tidings.store.story_rows import StoryFilter
from tidings.stories.corrections import Corrections
from tidings.stories.detail import story_detail
from tidings.stories.summary import EventSummary, StorySummary, SummaryCache, summarise_event


def story_filter(**filters: Any) -> StoryFilter:
    """`StoryFilter` with the days given as dates or as "YYYY-MM-DD"."""
    days = {k: v.isoformat() for k, v in filters.items() if isinstance(v, date)}
    return StoryFilter(**{**filters, **days})


class StoryReader:
    def __init__(self, store: ArticleStore, summaries: SummaryCache):
        self.store = store
        self.summaries = summaries

    def stories(self, where: StoryFilter) -> list[StorySummary]:
        return self.summaries.stories(self.store, self.store.story_ids(where))

    def story(self, story_id: int) -> StorySummary | None:
        live = self.store.resolve("story", int(story_id))
        found = [] if live is None else self.summaries.stories(self.store, [live])
        return found[0] if found else None

    def event(self, event_id: int) -> EventSummary | None:
        live = self.store.resolve("event", int(event_id))
        return None if live is None else summarise_event(self.store, live)

    def detail(self, story_id: int, corrections: Corrections) -> dict | None:
        story = self.story(story_id)
        if story is None:
            return None
        return story_detail(story, self.store.briefs(story.article_ids), corrections, story_id)
