"""Atom feeds to follow a story, a search, an entity or a place (feedgen writes them).

`/feeds/articles.atom` takes the listings' filters (`q`, `entity`, `place`, `lang`,
`since`, `until`): a search's feed, an entity's (`?entity=hftr`) and a place's
(`?place=country:LY`); `/feeds/stories/{id}.atom` holds a story's articles. An entry is an
article: its id is the article's and never changes, its `updated` is when the article was
stored (the moment it could join), its `published` the day the article gives, if any.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from feedgen.feed import FeedGenerator

from tidings.model import Article
from tidings.serve.requests import Filters, Reader

router = APIRouter(prefix="/feeds", tags=["feeds"])
ATOM = "application/atom+xml; charset=utf-8"
# Entries a feed holds: the latest articles.
ENTRIES = 50
# The authority and day of the entries' tag URIs (RFC 4151): fixed, so ids stay the same.
TAG = "tag:tidings,2026"


def entry_id(article_id: str) -> str:
    return f"{TAG}:article/{quote(article_id, safe='')}"


def atom(request: Request, title: str, articles: Iterable[Article]) -> Response:
    """The feed of `articles`, newest stored first, at the request's URL."""
    feed = FeedGenerator()
    self_url = str(request.url)
    feed.id(f"{TAG}:{request.url.path}" + (f"?{request.url.query}" if request.url.query else ""))
    feed.title(title)
    feed.link(href=self_url, rel="self", type="application/atom+xml")
    feed.author({"name": "tidings"})
    chosen = sorted(articles, key=lambda a: (a.ingested, a.id), reverse=True)[:ENTRIES]
    for article in reversed(chosen):  # feedgen puts each new entry first
        entry = feed.add_entry()
        entry.id(entry_id(article.id))
        entry.title(article.title or article.id)
        entry.link(href=str(request.base_url) + f"articles/{quote(article.id, safe='')}")
        entry.updated(_utc(article.ingested))
        if article.published:
            entry.published(_utc(article.published))
        summary = " · ".join(x for x in (article.lang, article.source, article.url) if x)
        entry.summary(summary or article.id)
    # The feed changed when its newest entry came; an empty one, now.
    feed.updated(_utc(chosen[0].ingested) if chosen else datetime.now(UTC))
    return Response(feed.atom_str(pretty=True), media_type=ATOM)


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@router.get("/articles.atom", summary="Feed of a search, an entity or a place")
def articles_feed(request: Request, tidings: Reader, filters: Filters) -> Response:
    from dataclasses import replace

    from tidings.explore.query import MAX_LIMIT

    query = filters.resolved()
    try:
        page = tidings.find(replace(query, limit=MAX_LIMIT, offset=0))
    except ValueError as error:
        raise HTTPException(400, str(error)) from None
    named = [f"{k} {v}" for k, v in (("search", query.text), ("entity", query.entity),
             ("place", query.place), ("language", query.lang)) if v]  # fmt: skip
    title = "tidings: " + (", ".join(named) or "all articles")
    return atom(request, title, (hit.article for hit in page.items))


@router.get("/stories/{story_id}.atom", summary="Feed of a story's articles")
def story_feed(request: Request, tidings: Reader, story_id: int) -> Response:
    story = tidings.story(story_id)
    if story is None:
        raise HTTPException(404, f"no story with id {story_id}")
    briefs = tidings.store.briefs(story.article_ids)
    merged = f" (story {story_id} was merged into it)" if story.id != story_id else ""
    return atom(request, f"tidings story {story.id}{merged}: {story.title}", briefs.values())
