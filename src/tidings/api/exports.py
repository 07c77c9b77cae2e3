"""Downloads of a listing for its filter: `/api/export/articles.csv`, `…/stories.jsonl`,
a story's articles (`/api/export/stories/{id}.csv`), with the CLI's records
(`tidings.explore.export`). The whole filter is exported, not the page shown."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response

from tidings.explore.export import (
    ARTICLE_COLUMNS,
    STORY_ARTICLE_COLUMNS,
    STORY_COLUMNS,
    Format,
    article_row,
    found_articles,
    lines,
    story_articles,
    story_row,
)
from tidings.explore.query import MAX_LIMIT
from tidings.explore.stories import find_stories
from tidings.serve.requests import Filters, Reader

router = APIRouter(prefix="/api/export", tags=["export"])
MEDIA = {Format.csv: "text/csv; charset=utf-8", Format.jsonl: "application/x-ndjson"}


def _format(value: str) -> Format:
    if value not in ("csv", "jsonl"):
        raise HTTPException(404, f"no export as {value!r}: csv or jsonl")
    return Format(value)


def download(rows: Iterable[dict[str, Any]], output: Format, columns: Any, name: str) -> Response:
    """The rows as a file to save (made whole before it is sent: the store's reader
    belongs to the thread that answers)."""
    body = "".join(lines(rows, output, columns)).encode("utf-8")
    disposition = f'attachment; filename="{name}.{output.value}"'
    return Response(body, media_type=MEDIA[output],
                    headers={"Content-Disposition": disposition})  # fmt: skip


@router.get("/articles.{fmt}", summary="The articles of a filter as CSV or JSON Lines")
def export_articles(tidings: Reader, filters: Filters, fmt: str) -> Response:
    query = filters.resolved()
    output = _format(fmt)
    try:
        articles = list(found_articles(tidings, replace(query, offset=0), None))
    except ValueError as error:
        raise HTTPException(400, str(error)) from None
    where = tidings.placements([a.id for a in articles])
    rows = (article_row(a, where.get(a.id)) for a in articles)
    return download(rows, output, ARTICLE_COLUMNS, "articles")


@router.get("/stories.{fmt}", summary="The stories of a filter as CSV or JSON Lines")
def export_stories(tidings: Reader, filters: Filters, fmt: str) -> Response:
    query = filters.resolved()
    output = _format(fmt)
    try:
        if query.text:
            found = find_stories(tidings, replace(query, limit=MAX_LIMIT, offset=0)).items
        else:
            found = tidings.stories(lang=query.lang, since=query.since, until=query.until,
                                    entity=query.entity, place=query.place, limit=None)  # fmt: skip
    except ValueError as error:
        raise HTTPException(400, str(error)) from None
    return download(map(story_row, found), output, STORY_COLUMNS, "stories")


@router.get("/stories/{story_id}.{fmt}", summary="A story's articles as CSV or JSON Lines")
def export_story(tidings: Reader, story_id: int, fmt: str) -> Response:
    output = _format(fmt)
    story = tidings.story(story_id)
    if story is None:
        raise HTTPException(404, f"no story with id {story_id}")
    rows = story_articles(story, tidings.store.briefs(story.article_ids))
    return download(rows, output, STORY_ARTICLE_COLUMNS, f"story-{story.id}")
