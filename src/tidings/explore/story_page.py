"""One story as its page and its API answer show it: the story, a page of its
articles and what the placements say (reasons, corrections). Written once, for
`GET /api/stories/{id}` and the story page alike."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tidings.explore.query import ArticleQuery, Hit, Page
from tidings.stories.detail import story_extras


@dataclass
class StoryPage:
    story: Any  # StorySummary
    articles: Page[Hit]
    extras: dict[str, Any]  # reasons, corrections, merged


def story_page(tidings: Any, story_id: int, limit: int, offset: int = 0) -> StoryPage | None:
    """The story (the one it merged into, for a merged id) and a page of its articles;
    None when there is no such story. `limit` is capped by the story's size."""
    story = tidings.story(story_id)
    if story is None:
        return None
    ids = tuple(story.article_ids)
    page = ArticleQuery(ids=ids, limit=max(1, min(limit, len(ids))), offset=offset)
    extras = story_extras(story, tidings.corrections(), int(story_id))
    return StoryPage(story, tidings.find(page), extras)
