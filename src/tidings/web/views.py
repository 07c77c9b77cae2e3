"""The web pages: parse the request, call the facade, render a template."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from tidings.explore import labels
from tidings.explore.stories import find_stories
from tidings.explore.story_page import story_page
from tidings.serve.requests import Filters, Reader, display_lang
from tidings.web import present
from tidings.web.correcting import correcting
from tidings.web.map import story_map

# The languages the page's switch offers for titles and names.
DISPLAY_LANGS = ("en", "tr", "ar", "ru", "de", "fr")
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.globals.update(present.GLOBALS)
templates.env.filters.update(present.FILTERS)
templates.env.globals.update(story_title=labels.story_title, entity_label=labels.entity_label,
                             place_label=labels.place_label, display_langs=DISPLAY_LANGS)  # fmt: skip

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
# Articles of a story shown on its page, at most, before "more" links to the listing.
STORY_ARTICLES = 200


def page(request: Request, name: str, **context: Any) -> Response:
    return templates.TemplateResponse(
        request, name, {"display_lang": display_lang(request), **context}
    )


def error_page(request: Request, status: int, message: str) -> Response:
    return templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status
    )


def _checked(find: Any, *args: Any) -> Any:
    try:
        return find(*args)
    except ValueError as error:
        raise HTTPException(400, str(error)) from None


@router.get("/")
def home(request: Request, tidings: Reader, filters: Filters) -> Response:
    """The stories, newest and largest first."""
    query = filters.resolved()
    service = request.app.state.service
    stories = _checked(service.cached, ("stories", query), lambda: find_stories(tidings, query))
    return page(request, "stories.html", stories=stories, query=query)


@router.get("/articles")
def articles(request: Request, tidings: Reader, filters: Filters) -> Response:
    query = filters.resolved()
    hits = _checked(tidings.find, query)
    return page(request, "articles.html", hits=hits, query=query)


@router.get("/stories/{story_id}")
def story(request: Request, tidings: Reader, story_id: int) -> Response:
    found = story_page(tidings, story_id, STORY_ARTICLES)
    if found is None:
        raise HTTPException(404, f"no story with id {story_id}")
    briefs = tidings.store.briefs(found.story.article_ids)
    return page(request, "story.html", story=found.story, articles=found.articles,
                extras=found.extras, briefs=briefs, map=story_map(briefs.values()),
                **correcting(request))  # fmt: skip


@router.get("/articles/{article_id:path}")
def article(request: Request, tidings: Reader, article_id: str) -> Response:
    found = tidings.article(article_id)
    if found is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    similar = tidings.similar(article_id, k=5, languages="other")
    same = [] if similar else tidings.similar(article_id, k=5, languages="same")
    placed = tidings.placement(article_id)
    story_found = tidings.story(placed[1]) if placed else None
    reason = tidings.corrections().reasons([article_id]).get(article_id) if placed else None
    return page(request, "article.html", article=found, mentions=tidings.mentions(found),
                similar=similar, same=same, story=story_found, reason=reason,
                **correcting(request))  # fmt: skip


@router.get("/compare")
def compare(request: Request, tidings: Reader, a: str = "", b: str = "") -> Response:
    if not (a and b):
        return page(request, "compare.html", result=None, a=a, b=b, left=None, right=None)
    try:
        result = tidings.compare_stored(a, b)
    except LookupError as error:
        raise HTTPException(404, str(error)) from None
    left, right = tidings.article(a), tidings.article(b)
    return page(request, "compare.html", result=result, a=a, b=b, left=left, right=right)
