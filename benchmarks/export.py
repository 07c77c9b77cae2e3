"""Latency of the export, feed, map and change endpoints over loopback, on a store of the
Turkish and Arabic corpora (built like benchmarks/web.py's, or given with --cache).

    python benchmarks/export.py [--data ../shared/data] [--cache FILE] [--runs 10]

Prints, for each endpoint, its median and p90 in ms and the size of its answer, and the
figures the map and the downloads cover (articles counted, rows).
"""

from __future__ import annotations

import sys
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from web import main, report, timed


def measure(client: httpx.Client, runs: int) -> None:
    total = client.get("/api/articles", params={"limit": 1}).json()["total"]
    stories = client.get("/api/stories", params={"limit": 200}).json()["items"]
    biggest = max(stories, key=lambda s: len(s["article_ids"]))
    print(f"{total} articles; story {biggest['id']} has {len(biggest['article_ids'])} articles;"
          f" {runs} requests each")  # fmt: skip
    cases = {
        "map page /map (newest 2,000)": "/map",
        "map page /map?lang=tr": "/map?lang=tr",
        "GeoJSON /api/places.geojson?place=TR": "/api/places.geojson?place=TR",
        "story page with its map": f"/stories/{biggest['id']}",
        "story GeoJSON": f"/api/stories/{biggest['id']}/places.geojson",
        "CSV of all articles": "/api/export/articles.csv",
        "JSONL of Turkish articles": "/api/export/articles.jsonl?lang=tr",
        "CSV of all stories": "/api/export/stories.csv",
        "feed of a search ?q=Erdoğan": "/feeds/articles.atom?q=Erdoğan",
        "feed of the largest story": f"/feeds/stories/{biggest['id']}.atom",
        "stories changed since 2000": "/api/stories?updated_since=2000-01-01&limit=200",
        "articles stored since 2000": "/api/articles?updated_since=2000-01-01&limit=200",
    }
    for name, url in cases.items():
        size = len(client.get(url, timeout=600).content)
        report(f"{name} ({size / 1024:.0f} KiB)", timed(client, lambda i, u=url: u, runs))
    rows = client.get("/api/export/articles.csv", timeout=600).text.count("\n") - 1
    counted = client.get("/api/places.geojson", timeout=600).json()["counted"]
    print(f"  (CSV of all articles: {rows} rows; map without a filter: {counted} articles)")


if __name__ == "__main__":
    main(measure, __doc__, runs=10, timeout=600)
