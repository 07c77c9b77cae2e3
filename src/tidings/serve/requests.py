"""The reader of a request and the filters of a listing, as FastAPI dependencies.

The filters take what a person types: an entity or place by its name in any
script or language (`explore.resolve`), search words that find a name's other
spellings through its keys.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request

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


@dataclass(frozen=True)
class TypedFilters:
    """The filters of a listing as the request typed them. `resolved()` turns their
    names into keys in the endpoint's own pool thread: resolving reads the store,
    and a second trip to the pool for it, under load, made searches wait ~12 ms
    longer at the median (each trip waits for the interpreter's lock)."""

    typed: ArticleQuery
    request: Request
    tidings: Tidings

    def resolved(self) -> ArticleQuery:
        """The query with its names resolved (`explore.resolve`); 400 for an unknown
        or ambiguous name."""
        query = self.typed
        if not (query.entity or query.place or query.text):
            return query
        try:
            names = self._names(replace(query, limit=DEFAULT_LIMIT, offset=0, ids=None))
        except ValueError as error:
            raise HTTPException(400, str(error)) from None
        return replace(query, entity=names.entity, place=names.place, aliases=names.aliases)

    def _names(self, typed: ArticleQuery) -> ArticleQuery:
        state = self.request.app.state
        resolver = Resolver(self.tidings.store, state.place_names)
        key = (typed.entity, typed.place, typed.text)
        return state.names.get(key, lambda: resolved(resolver, typed))


class RecentNames:
    """Typed names as resolved, each kept `seconds` (the same few names come again and
    again), the `size` most recently used.

    Not dropped when an article is stored, as listings are: under a steady stream of
    ingests (the load benchmark's 5 a second) none would be used twice, and resolving
    was then what made searches slower (median 82 ms against 69 ms with names kept).
    So a name's spelling first stored in the last `seconds` may be missed as another
    spelling of a search word, or as a candidate, for that long; its text is found."""

    def __init__(self, seconds: float = 10.0, size: int = 1024):
        self.seconds, self.size = seconds, size
        self._lock = threading.Lock()
        self._kept: OrderedDict[Hashable, tuple[float, ArticleQuery]] = OrderedDict()

    def get(self, key: Hashable, resolve: Callable[[], ArticleQuery]) -> ArticleQuery:
        """The kept answer for `key`, else `resolve()`'s (a ValueError is not kept)."""
        now = time.monotonic()
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None and now - kept[0] < self.seconds:
                self._kept.move_to_end(key)
                return kept[1]
        answer = resolve()
        with self._lock:
            self._kept[key] = (now, answer)
            self._kept.move_to_end(key)
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return answer


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
) -> TypedFilters:
    """The filters of a listing; an empty value (as a web form sends) is no filter.
    Parsed here, on the event loop; names are resolved by the endpoint."""
    try:
        query = ArticleQuery(lang=lang or None, since=_day("since", since),
                             until=_day("until", until), entity=entity or None,
                             place=place or None, text=q or None, limit=limit, offset=offset)  # fmt: skip
    except ValueError as error:
        raise HTTPException(400, str(error)) from None
    return TypedFilters(query, request, tidings)


Filters = Annotated[TypedFilters, Depends(article_query)]


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
