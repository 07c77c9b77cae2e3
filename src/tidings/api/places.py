"""GeoJSON of places: those of a filter's articles and those of a story's, with mentions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import JSONResponse

from tidings.explore.geo import FILTER_ARTICLES, filter_places, geojson, story_places
from tidings.serve.requests import Filters, Reader

router = APIRouter(prefix="/api", tags=["places"])
GEOJSON = "application/geo+json"


@router.get("/places.geojson", summary="The places of a filter's articles, as GeoJSON")
def places_of_filter(tidings: Reader, filters: Filters) -> JSONResponse:
    """Points with `mentions` and `articles` counted over the newest articles that pass
    (`counted`, at most 2,000), each with the link to its filter."""
    query = filters.resolved()
    try:
        places, counted = filter_places(tidings, query)
    except ValueError as error:
        raise HTTPException(400, str(error)) from None
    body: dict[str, Any] = {**geojson(places), "counted": counted, "most": FILTER_ARTICLES}
    return JSONResponse(body, media_type=GEOJSON)


@router.get("/stories/{story_id}/places.geojson", summary="A story's places, as GeoJSON")
def places_of_story(tidings: Reader, story_id: int) -> JSONResponse:
    places = story_places(tidings, story_id)
    if places is None:
        raise HTTPException(404, f"no story with id {story_id}")
    return JSONResponse(geojson(places), media_type=GEOJSON)
