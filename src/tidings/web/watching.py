"""The watcher's status page: each source's last poll, new articles and failures."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from tidings.serve.requests import Reader
from tidings.watch.status import source_statuses
from tidings.web.views import page

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


@router.get("/sources")
def sources(request: Request, tidings: Reader) -> Response:
    return page(request, "sources.html", sources=source_statuses(tidings.store))
