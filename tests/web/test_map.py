"""The offline map and GeoJSON of places, on a real server with the seeds (all about
Libya, talks in Moscow): points from GeoNames and Natural Earth, sized by mentions."""

from __future__ import annotations

import re

import pytest

from tidings.explore.geo import PlaceCount, country_shapes, point_of
from tidings.web.map import WIDTH, spots

pytestmark = pytest.mark.slow


def test_points_come_from_the_sources_and_sizes_from_mentions():
    lon, lat = point_of("country:LY")
    assert 9 < lon < 25 and 19 < lat < 33  # inside Libya's borders
    moscow = point_of("geonames:524901")
    assert moscow == pytest.approx((37.6, 55.75), abs=0.1)
    lon, lat = point_of("country:RU")  # cut at the antimeridian, made whole
    assert 60 < lon < 140 and 50 < lat < 70
    assert point_of("geonames:0") is None and point_of("country:ZZ") is None
    for code in country_shapes():  # Antarctica circles the pole: no endless unwrapping
        lon, lat = point_of(f"country:{code}")
        assert -180 <= lon <= 180 and -90 <= lat <= 90, code
    drawn = spots([PlaceCount("country:LY", "Libya", "LY", "country", 9, 3),
                   PlaceCount("geonames:524901", "Moscow", "RU", "city", 1, 1),
                   PlaceCount("geonames:0", "Nowhere", "", "city", 5, 1)])  # fmt: skip
    assert [s.id for s in drawn] == ["country:LY", "geonames:524901"]
    assert drawn[0].r > drawn[1].r and 0 < drawn[1].x < WIDTH
    assert drawn[0].href == "/?place=country%3ALY"


def test_geojson_of_a_filter_and_of_a_story(live_server):
    with live_server.client() as client:
        answer = client.get("/api/places.geojson", params={"place": "LY"})
        assert answer.status_code == 200
        assert answer.headers["content-type"].startswith("application/geo+json")
        found = answer.json()
        assert found["type"] == "FeatureCollection"
        assert (
            found["counted"] == client.get("/api/articles", params={"place": "LY"}).json()["total"]
        )
        by_id = {f["id"]: f for f in found["features"]}
        libya = by_id["country:LY"]
        assert libya["geometry"]["type"] == "Point" and libya["properties"]["mentions"] >= 5
        assert libya["properties"]["filter"] == "/?place=country%3ALY"
        assert "geonames:524901" in by_id  # Moscow
        stories = client.get("/api/stories").json()["items"]
        story = max(stories, key=lambda s: len(s["article_ids"]))
        of_story = client.get(f"/api/stories/{story['id']}/places.geojson").json()
        assert {f["id"] for f in of_story["features"]} <= set(by_id) | set(of_story["unplaced"])
        assert {p["id"] for p in story["places"]} <= {f["id"] for f in of_story["features"]} | set(
            of_story["unplaced"]
        )
        assert client.get("/api/stories/999999/places.geojson").status_code == 404


def test_map_pages_draw_countries_and_linked_places(live_server):
    with live_server.client() as client:
        page = client.get("/map", params={"lang": "tr"}).text
        assert page.count("<path d=") > 150  # the countries, from the shipped shapes
        links = re.findall(r'<a href="([^"]+)" class="spot" data-place="([^"]+)">', page)
        assert ("/?place=country%3ALY", "country:LY") in links
        assert "tile" not in page and "https://" not in page.split("<main>")[1]
        stories = client.get("/api/stories").json()["items"]
        story_page = client.get(f"/stories/{stories[0]['id']}").text
        assert 'id="map"' in story_page and 'class="spot"' in story_page
        assert 'href="/map?place=LY"' in client.get("/", params={"place": "LY"}).text


def test_no_shape_is_drawn_across_the_map():
    """Russia's and Fiji's rings, cut at the antimeridian, are not lines across the map."""
    from tidings.web.map import country_paths

    paths = country_paths()
    assert "AQ" not in paths and len(paths) > 150
    for code in ("RU", "FJ"):
        xs = [float(p.split(",")[0]) for p in re.split(r"[MLZ]", paths[code]) if p]
        assert min(xs) > WIDTH / 2, code  # all east of the middle (past the edge is clipped)
