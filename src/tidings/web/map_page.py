"""The map page (`/map`): the places of the current filter's articles on the offline map."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from tidings.explore.geo import filter_places
from tidings.serve.requests import Filters, Reader
from tidings.web.map import world_map

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


@router.get("/map")
def map_page(request: Request, tidings: Reader, filters: Filters) -> Response:
    query = filters.resolved()
    from tidings.web.views import page

    try:
        places, counted = filter_places(tidings, query)
    except ValueError as error:
        raise HTTPException(400, str(error)) from None
    return page(request, "map.html", map=world_map(places), places=places, counted=counted,
                query=query)  # fmt: skip
