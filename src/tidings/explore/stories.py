"""Stories found by the same filters as articles, and by full-text search.

The story model lives in `tidings.stories` (its facade methods `stories`,
`story` and `placement`); this module only pages it and, for a search, ranks
stories by their best-matching article.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tidings.explore.query import ArticleQuery, Page

# How many matching articles a story search looks through.
SEARCH_DEPTH = 200


def find_stories(tidings: Any, query: ArticleQuery) -> Page[Any]:
    """A page of story summaries, newest and largest first; with `query.text`, the
    stories of the best-matching articles first (other filters apply to those articles)."""
    if not query.terms:
        if query.text:
            raise ValueError("search terms need at least 3 characters each")
        found = tidings.stories(
            lang=query.lang, since=query.since, until=query.until, entity=query.entity,
            place=query.place, limit=query.limit + 1, offset=query.offset,
        )  # fmt: skip
        first = found[: query.limit]
        return Page(first, None, query.limit, query.offset, more=len(found) > query.limit)
    hits = tidings.find(replace(query, limit=SEARCH_DEPTH, offset=0)).items
    ids = [hit.article.id for hit in hits]
    placed = tidings.placements(ids)  # one query for them all
    ranked: dict[Any, None] = {}
    for article_id in ids:  # in the order of the search's ranking
        if article_id in placed:
            ranked.setdefault(placed[article_id][1], None)
    page = list(ranked)[query.offset : query.offset + query.limit]
    stories = [s for s in map(tidings.story, page) if s is not None]
    return Page(stories, len(ranked), query.limit, query.offset)
