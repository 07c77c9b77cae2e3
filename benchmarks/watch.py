"""The watcher end to end: 20 local feeds with 1,000 entries in all, on 5 hosts.

The sites run in a process of their own (tests/watch/site.py: real HTTP on 127.0.0.1,
one port a host) and answer each request after `--latency` seconds; their pages are
made from the Turkish and Arabic news corpora (half each). One poll of all the feeds
by `Watcher` (fetch, extract, clean, analyse, embed, store, place) into a fresh
SQLite file. Prints articles per second end to end (the model's loading included),
the most requests any host served at once (the watcher must never send more than
one), and the watcher process's peak memory.

    python benchmarks/watch.py [--data ../shared/data] [--latency 0.1] [--delay 0.2]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.watch.site

from tests.watch.site import Site

from tidings.app import Tidings
from tidings.config import Settings
from tidings.watch import FetchLimits, Source, Watcher

CORPORA = ("ttc3600-tr-news.jsonl", "hespress-ar-news.jsonl")
DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def articles(data: Path, count: int) -> list[tuple[str, str]]:
    """(title, text) of `count` articles, half from each corpus: the first line is the
    title (Hespress), or else the first sentence (TTC-3600 gives no title)."""
    found: list[tuple[str, str]] = []
    for name in CORPORA:
        taken = 0
        with (data / name).open(encoding="utf-8") as lines:
            for line in lines:
                whole = json.loads(line)["text"].strip()
                title, _, text = whole.partition("\n")
                if not text:
                    title, text = whole.split(". ", 1)[0], whole
                if len(text) < 300:
                    continue
                found.append((title.strip()[:200], text))
                taken += 1
                if taken == count // len(CORPORA):
                    break
    return found


def serve(pipe, data: Path, hosts: int, feeds: int, entries: int, latency: float) -> None:
    """The sites, in their own process: sends the feeds' URLs, waits, sends the counts."""
    sites = [Site().__enter__() for _ in range(hosts)]
    texts = articles(data, entries)
    per_feed = len(texts) // feeds
    urls = []
    for feed in range(feeds):
        site = sites[feed % hosts]
        items = []
        for n in range(feed * per_feed, (feed + 1) * per_feed):
            path = f"/f{feed}/a{n}"
            site.add_article(path, *texts[n])
            site.routes[path].delay = latency
            items.append((site.url(path), texts[n][0], None))
        site.set_feed(f"/f{feed}.xml", items)
        site.routes[f"/f{feed}.xml"].delay = latency
        urls.append(site.url(f"/f{feed}.xml"))
    pipe.send(urls)
    pipe.recv()
    hits = [h for s in sites for h in s.hits]
    span = max(h.end for h in hits) - min(h.start for h in hits) if hits else 0.0
    pipe.send(([(s.most_at_once, len(s.hits)) for s in sites], span))
    for site in sites:
        site.__exit__()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--hosts", type=int, default=5)
    parser.add_argument("--entries", type=int, default=1000, help="in all feeds together")
    parser.add_argument("--latency", type=float, default=0.1, help="seconds a site takes")
    parser.add_argument("--delay", type=float, default=0.2, help="seconds between requests")
    args = parser.parse_args()

    ours, theirs = multiprocessing.Pipe()
    sites = multiprocessing.Process(
        target=serve,
        args=(theirs, args.data, args.hosts, args.feeds, args.entries, args.latency),
        daemon=True,
    )
    sites.start()
    urls = ours.recv()
    limits = FetchLimits(timeout=30.0, delay=args.delay, allow_private=True)
    folder = tempfile.mkdtemp(prefix="watch-bench-")
    with Tidings.open(str(Path(folder) / "watch.db"), Settings()) as app:
        watcher = Watcher(app, limits, batch_size=32)
        watcher.add([Source(url, f"feed {n}") for n, url in enumerate(urls)])
        start = time.perf_counter()
        summaries = watcher.poll(watcher.due())
        seconds = time.perf_counter() - start
        stored = app.store.count()
    shutil.rmtree(folder)
    ours.send("stop")
    counts, span = ours.recv()
    sites.join(timeout=30)

    new = sum(s.new for s in summaries)
    failed = sum(len(s.failures) for s in summaries)
    repeats = sum(s.entries for s in summaries) - new - failed  # the same text at two URLs
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(urls)} feeds on {args.hosts} hosts, {sum(s.entries for s in summaries):,} "
          f"entries; site latency {args.latency:g} s, delay between requests to a host "
          f"{args.delay:g} s")  # fmt: skip
    print(f"stored {stored:,} articles ({new:,} new, {repeats} repeating a stored text, "
          f"{failed} failures) in {seconds:.1f} s: "
          f"{new / seconds:.1f} articles/s end to end (model loading included)")  # fmt: skip
    print(f"requests {sum(n for _, n in counts):,}, served from the first to the last in "
          f"{span:.1f} s; most at once to one host: "
          f"{max(m for m, _ in counts)} (per host: {[m for m, _ in counts]})")  # fmt: skip
    print(f"peak memory of the watcher process: {peak_mib:,.0f} MiB")


if __name__ == "__main__":
    main()
