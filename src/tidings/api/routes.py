"""The JSON API under /api: parse the request, call the facade, shape the answer."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse

from tidings.api import changes, render, writes
from tidings.api.reading import Sent
from tidings.api.security import require_write_access
from tidings.api.service import Service
from tidings.explore.query import MAX_LIMIT
from tidings.explore.stories import find_stories
from tidings.explore.story_page import story_page
from tidings.serve.requests import Filters, Reader

router = APIRouter(prefix="/api")


def service(request: Request) -> Service:
    return request.app.state.service


UpdatedSince = Annotated[
    str | None,
    Query(description="only what changed after this ISO 8601 time, or after an answer's "
          "`cursor`; oldest change first (see api/changes.py)"),
]  # fmt: skip


@router.get("/articles", summary="List and search articles")
def list_articles(
    tidings: Reader, filters: Filters, updated_since: UpdatedSince = None
) -> dict[str, Any]:
    """Newest first; with `q`, best match first. Every filter given must hold."""
    query = filters.resolved()
    try:
        if updated_since:
            return changes.changed_articles(tidings, query, updated_since)
        return render.hits_page(tidings.find(query))
    except ValueError as error:
        raise HTTPException(400, str(error)) from None


@router.post(
    "/articles",
    summary="Ingest articles",
    dependencies=[Depends(require_write_access)],
    openapi_extra={"requestBody": {"content": {
        "application/json": {"schema": {"type": "array", "items": {"type": "object"}}},
        "multipart/form-data": {"schema": {"type": "object", "properties": {
            "files": {"type": "array", "items": {"type": "string", "format": "binary"}}}}},
    }}},
)  # fmt: skip
async def ingest(request: Request) -> dict[str, Any]:
    """JSON records (an array, or {"articles": [...]}: `id`, `title`, `text`, `url`,
    `published`, `lang`, `source`) or uploaded files of any format the CLI reads."""
    state = request.app.state
    async with state.writes.slot():  # 503 while the queue is full, before any reading
        sent = await _sent(request)
        report = await writes.ingest(request, sent, service(request), state.uploads, state.writes)
    result = {
        "read": report.read, "new": report.new, "duplicates": report.duplicates,
        "failed": report.failed, "failures": [str(f) for f in report.failures],
        "warnings": [str(w) for w in report.warnings],
        "new_ids": report.new_ids,
    }  # fmt: skip
    for counted in ("new_events", "new_stories"):  # with the story model
        if hasattr(report, counted):
            result[counted] = getattr(report, counted)
    if report.read == 0 and report.failed:
        raise HTTPException(400, "; ".join(result["failures"]))
    return result


async def _sent(request: Request) -> Sent:
    """What the request carries, unparsed: parsing is the upload reader's (api/reading.py)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip()
    if kind == "multipart/form-data":
        form = await request.form()
        files = [f for f in form.getlist("files") if not isinstance(f, str)]
        if not files:
            raise HTTPException(400, "no files: upload them in the form field 'files'")
        return ("files", [(f.filename or "upload", await f.read()) for f in files])
    if kind == "application/json":
        return ("json", await request.body())
    raise HTTPException(
        400, f"send application/json or multipart/form-data, not {kind or 'nothing'!r}"
    )


@router.get("/articles/{article_id:path}", summary="One article, its analysis and nearest articles")
def get_article(
    tidings: Reader,
    article_id: str,
    similar: Annotated[int, Query(ge=0, le=50, description="how many similar articles")] = 5,
    languages: Annotated[str, Query(pattern="^(other|same|any)$")] = "other",
) -> dict[str, Any]:
    article = tidings.article(article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    near = tidings.similar(article_id, k=similar, languages=languages) if similar else []  # type: ignore[arg-type]
    record = render.article_detail(article)
    record["similar"] = [render.similar_item(s) for s in near]
    placed = tidings.placement(article_id)
    record["event_id"], record["story_id"] = placed if placed else (None, None)
    return record


@router.get("/compare", summary="Compare two stored articles on seven dimensions")
def compare(tidings: Reader, a: str, b: str) -> dict[str, Any]:
    """Scores from 1 (very similar) to 4 (very dissimilar), and the reasons."""
    try:
        result = tidings.compare_stored(a, b)
    except LookupError as error:
        raise HTTPException(404, str(error)) from None
    return render.comparison(result, tidings.article(a), tidings.article(b))  # type: ignore[arg-type]


@router.get("/stories", summary="List and search stories")
def list_stories(
    request: Request, tidings: Reader, filters: Filters, updated_since: UpdatedSince = None
) -> JSONResponse:
    """Newest and largest first; with `q`, the stories of the best-matching articles."""
    query = filters.resolved()
    try:
        if updated_since:
            return JSONResponse(changes.changed_stories(tidings, query, updated_since))
        page = service(request).cached(("stories", query), lambda: find_stories(tidings, query))
    except ValueError as error:
        raise HTTPException(400, str(error)) from None
    # Plain JSON values already: straight to the encoder, not walked by FastAPI's first.
    return JSONResponse(render.page_json(page, [render.story_summary(s) for s in page.items]))


@router.get("/stories/{story_id}", summary="One story: events, timeline, articles")
def get_story(
    tidings: Reader,
    story_id: int,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="articles a page")] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    found = story_page(tidings, story_id, limit, offset)
    if found is None:
        raise HTTPException(404, f"no story with id {story_id}")
    record = render.jsonable(found.story)
    record.update(found.extras)  # reasons, log
    record["articles"] = render.hits_page(found.articles)
    return record
