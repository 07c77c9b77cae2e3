"""The offline map: country shapes drawn as SVG on the server (no tiles, no script), the
places of a story or a filter as circles sized by their mentions, each a link to its filter."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from tidings.explore.geo import PlaceCount, country_shapes, filter_url, place_counts, point_of
from tidings.model import Article

WIDTH = 960
NORTH, SOUTH = 84.0, -58.0  # the latitudes shown (Antarctica and the far north left off)
SCALE = WIDTH / 360
HEIGHT = round((NORTH - SOUTH) * SCALE)
# Circle radii in pixels: the least and the most mentioned place.
SMALLEST, LARGEST = 3.0, 18.0


@dataclass
class Spot:
    id: str
    name: str
    mentions: int
    articles: int
    x: float
    y: float
    r: float
    href: str


def project(lon: float, lat: float) -> tuple[float, float]:
    """Equirectangular: longitude and latitude to pixels."""
    return (lon + 180) * SCALE, (NORTH - lat) * SCALE


# Not drawn: Antarctica lies below the latitudes shown.
HIDDEN = frozenset({"AQ"})


@cache
def country_paths() -> dict[str, str]:
    """Each country's SVG path data (made once: the shapes do not change). A ring cut at
    the antimeridian (Russia's, Fiji's) is drawn whole past the east edge, where the view
    clips it, not as a line across the map."""
    paths = {}
    for code, rings in country_shapes().items():
        if code in HIDDEN:
            continue
        parts = []
        for ring in rings:
            if max(p[0] for p in ring) - min(p[0] for p in ring) > 180:
                ring = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]
            points = [project(lon, lat) for lon, lat in ring]
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
        paths[code] = "".join(parts)
    return paths


def spots(places: list[PlaceCount]) -> list[Spot]:
    """The places with a point, largest first (so smaller circles are drawn on top)."""
    most = max((p.mentions for p in places), default=1) or 1
    found = []
    for place in places:
        point = point_of(place.id)
        if point is None:
            continue
        x, y = project(*point)
        r = SMALLEST + (LARGEST - SMALLEST) * math.sqrt(place.mentions / most)
        found.append(Spot(place.id, place.name, place.mentions, place.articles,
                          round(x, 1), round(y, 1), round(r, 1), filter_url(place.id)))  # fmt: skip
    return sorted(found, key=lambda s: -s.r)


def world_map(places: list[PlaceCount]) -> dict:
    """What `_map.html` draws."""
    mentioned = {p.country for p in places}
    return {"width": WIDTH, "height": HEIGHT, "countries": country_paths(),
            "mentioned": mentioned, "spots": spots(places),
            "unplaced": [p for p in places if point_of(p.id) is None]}  # fmt: skip


def story_map(briefs: Iterable[Article]) -> dict:
    """The map of a story's articles (their briefs carry their places)."""
    return world_map(place_counts(briefs))
