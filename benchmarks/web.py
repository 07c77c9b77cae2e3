"""Latency of the web pages and the search over loopback, with the 6,880 Turkish and
Arabic articles loaded.

Starts `tidings serve` in a subprocess on a free port over a cached database (built
on first use with `tidings ingest`, which takes several minutes), then requests each
page many times and prints the median and 90th percentile. Targets: the stories page
and a story page under 300 ms, a search under 200 ms (medians).

    python benchmarks/web.py [--data ../shared/data] [--cache FILE] [--runs 30]
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from tidings.store.migrations import SCHEMA_VERSION

CORPORA = ("ttc3600-tr-news.jsonl", "hespress-ar-news.jsonl")
DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
DEFAULT_CACHE = Path(f"/tmp/tidings-web-bench/corpus-schema{SCHEMA_VERSION}.db")
# Words an analyst of these corpora would search for, in both languages.
SEARCHES = ("Erdoğan", "ekonomi", "futbol", "Ankara", "المغرب", "الحكومة", "الرباط", "كورونا")
TIDINGS = [sys.executable, "-m", "tidings"]


def build_cache(data: Path, cache: Path) -> None:
    cache.parent.mkdir(parents=True, exist_ok=True)
    print(f"building {cache} (a few minutes: every article is analysed and embedded)…")
    start = time.perf_counter()
    paths = [str(data / name) for name in CORPORA]
    subprocess.run([*TIDINGS, "ingest", *paths, "--db", str(cache), "-q"], check=True)
    print(f"  built in {time.perf_counter() - start:.0f} s")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(cache: Path, port: int) -> subprocess.Popen:
    command = [*TIDINGS, "serve", "--db", str(cache), "--port", str(port)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL)


def wait_ready(client: httpx.Client, server: subprocess.Popen, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server stopped")
        try:
            if client.get("/api/articles", params={"limit": 1}).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise SystemExit("the server did not start")


def timed(client: httpx.Client, urls: Callable[[int], str], runs: int) -> list[float]:
    """Times of `runs` requests after three to warm up; the very first one is printed."""
    start = time.perf_counter()
    client.get(urls(0)).raise_for_status()
    print(f"    (first request {1000 * (time.perf_counter() - start):.0f} ms)")
    for i in range(1, 3):  # warm up
        client.get(urls(i)).raise_for_status()
    times = []
    for i in range(runs):
        start = time.perf_counter()
        client.get(urls(i)).raise_for_status()
        times.append(1000 * (time.perf_counter() - start))
    return times


def report(name: str, times: list[float], target: float | None = None) -> None:
    median = statistics.median(times)
    p90 = statistics.quantiles(times, n=10)[-1]
    verdict = "" if target is None else ("  ok" if median < target else f"  OVER {target:.0f} ms")
    print(f"  {name:<34} median {median:7.1f} ms   p90 {p90:7.1f} ms{verdict}")


def measure(client: httpx.Client, runs: int) -> None:
    articles = client.get("/api/articles", params={"limit": 50}).json()
    print(f"{articles['total']} articles stored; {runs} requests a page")
    ids = [a["id"] for a in articles["items"]]
    report("articles page /articles", timed(client, lambda i: "/articles", runs), 300)
    article_page = timed(client, lambda i: f"/articles/{ids[i % len(ids)]}", runs)
    report("article page /articles/{id}", article_page, 300)
    search = timed(client, lambda i: f"/api/articles?q={SEARCHES[i % len(SEARCHES)]}", runs)
    report("search /api/articles?q=", search, 200)
    page = timed(client, lambda i: f"/articles?q={SEARCHES[i % len(SEARCHES)]}", runs)
    report("search page /articles?q=", page, 200)
    stories = client.get("/api/stories", params={"limit": 50})
    if stories.status_code != 200:
        print("  (no stories in this version: stories pages not measured)")
        return
    report("stories page /", timed(client, lambda i: "/", runs), 300)
    sizes = largest_stories(client)
    print(f"  (story pages: the {len(sizes)} largest stories, {min(sizes.values())}"
          f"–{max(sizes.values())} articles)")  # fmt: skip
    ids = list(sizes)
    story = timed(client, lambda i: f"/stories/{ids[i % len(ids)]}", runs)
    report("story page /stories/{id}", story, 300)
    api_story = timed(client, lambda i: f"/api/stories/{ids[i % len(ids)]}", runs)
    report("story JSON /api/stories/{id}", api_story, 300)
    found = timed(client, lambda i: f"/?q={SEARCHES[i % len(SEARCHES)]}", runs)
    report("story search /?q=", found, 200)


def largest_stories(client: httpx.Client, pages: int = 10, keep: int = 10) -> dict[str, int]:
    """The ids and sizes of the largest stories among the first pages of the listing."""
    sizes: dict[str, int] = {}
    for page in range(pages):
        params = {"limit": 200, "offset": 200 * page}
        items = client.get("/api/stories", params=params, timeout=600).json()["items"]
        sizes.update({str(s["id"]): len(s["article_ids"]) for s in items})
        if len(items) < 200:
            break
    return dict(sorted(sizes.items(), key=lambda kv: -kv[1])[:keep])


def main(
    measure: Callable[[httpx.Client, int], None] = measure,
    doc: str = __doc__,
    runs: int = 30,
    timeout: float = 60,
) -> None:
    """Serve the cached store, run `measure` against it (benchmarks/export.py shares this)."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--runs", type=int, default=runs)
    args = parser.parse_args()
    if not args.cache.exists():
        build_cache(args.data, args.cache)
    port = free_port()
    server = serve(args.cache, port)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=timeout) as client:
            wait_ready(client, server)
            measure(client, args.runs)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
