"""The watcher's side of the API: `/api/sources` (each watched source's last poll, new
articles and failures) and `/api/arrivals` (how many articles came after a given one:
what the stories page polls to say that news arrived since it was loaded)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from tidings.api.routes import Reader
from tidings.watch.status import arrivals, source_statuses

router = APIRouter(prefix="/api")


@router.get("/sources")
def sources(tidings: Reader) -> list[dict[str, Any]]:
    """The sources `tidings watch` polls: settings, last poll and its status, articles
    brought (at the last poll and in all), entries seen, failures and the latest reasons."""
    return source_statuses(tidings.store)


@router.get("/arrivals")
def arrived(
    tidings: Reader,
    after: Annotated[
        int | None, Query(ge=0, le=2**62, description="the `last` an earlier answer gave")
    ] = None,
) -> dict[str, int]:
    """`last`: the newest article's number; `new`: how many articles were stored after
    the one numbered `after` (ask once without it, then with the `last` it gave)."""
    return arrivals(tidings.store, after)
