"""The reader of a request and the filters of a listing, as FastAPI dependencies.

The filters take what a person types: an entity or place by its name in any
script or language (`explore.resolve`), search words that find a name's other
spellings through its keys.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request
from starlette.concurrency import run_in_threadpool

from tidings.app import Tidings
from tidings.explore.query import DEFAULT_LIMIT, MAX_LIMIT, ArticleQuery, parse_lang
from tidings.explore.query import parse_day as _day
from tidings.explore.resolve import Resolver, resolved


class ThreadReader:
    """The facade of whichever thread uses it, resolved at each use.

    FastAPI runs a `def` dependency and its `def` endpoint as two calls into its
    thread pool, which under concurrent requests land on different threads; a
    thread's reader holds a SQLite connection that must stay in that thread.
    """

    def __init__(self, svc: Any):
        self._service = svc

    def __getattr__(self, name: str) -> Any:
        return getattr(self._service.read(), name)


async def reader(request: Request) -> Tidings:
    """A reader for the endpoint (async: made on the event loop, used in the pool)."""
    return ThreadReader(request.app.state.service)  # type: ignore[return-value]


Reader = Annotated[Tidings, Depends(reader)]


async def article_query(
    request: Request,
    tidings: Reader,
    lang: Annotated[str | None, Query(description="ISO 639-1 code")] = None,
    since: Annotated[str | None, Query(description="first day, YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="last day, YYYY-MM-DD")] = None,
    entity: Annotated[
        str | None, Query(description="a name in any script (Haftar, حفتر) or a key (hftr)")
    ] = None,
    place: Annotated[
        str | None, Query(description="a place name in any language (Libya, ليبيا) or id")
    ] = None,
    q: Annotated[str | None, Query(description="words searched in titles and bodies")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> ArticleQuery:
    """The filters of a listing; an empty value (as a web form sends) is no filter.
    Parsed on the event loop; names are resolved in the pool (they read the store)."""
    try:
        query = ArticleQuery(lang=lang or None, since=_day("since", since),
                             until=_day("until", until), entity=entity or None,
                             place=place or None, text=q or None, limit=limit, offset=offset)  # fmt: skip
    except ValueError as error:
        raise HTTPException(400, str(error)) from None
    if not (query.entity or query.place or query.text):
        return query
    names = request.app.state.place_names
    try:  # the store of the pool thread that resolves: a connection stays in its thread
        return await run_in_threadpool(lambda: resolved(Resolver(tidings.store, names), query))
    except ValueError as error:
        raise HTTPException(400, str(error)) from None


Filters = Annotated[ArticleQuery, Depends(article_query)]


def display_lang(request: Request) -> str | None:
    """The language to show titles and names in: `?display_lang=`, else the browser's
    first Accept-Language (its ISO 639-1 part), else none (the most common forms)."""
    asked = request.query_params.get("display_lang") or ""
    if not asked:
        first = request.headers.get("accept-language", "").split(",")[0]
        asked = first.split(";")[0].split("-")[0].strip()
    try:
        return parse_lang("display_lang", asked)
    except ValueError:
        return None
