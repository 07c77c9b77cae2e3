"""Precision and cost of the analysis on 6,880 Turkish and Arabic news articles.

Prints the 30 most frequent place ids and entity keys per language (a reader
should find no common word among them) and the time the analysis stages add
per article, apart from reading and cleaning.

    python benchmarks/analysis_precision.py [--data ../shared/data] [--top 30]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter, defaultdict
from pathlib import Path

from tidings.ingest.runner import read_input
from tidings.ingest.sources import Input
from tidings.model import Article
from tidings.registry import analysis_pipeline

CORPORA = ("ttc3600-tr-news.jsonl", "hespress-ar-news.jsonl")
DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()

    pipeline = analysis_pipeline()
    reading, analysis = pipeline.stages[:2], pipeline.stages[2:]
    articles = [
        a
        for name in CORPORA
        for a in read_input(Input(name=name, path=args.data / name), max_bytes=2**30)
        if isinstance(a, Article)
    ]
    for stage in reading:
        articles = [stage(a) for a in articles]
    for stage in analysis:  # first use loads gazetteers and tables: not per-article cost
        stage(Article(id="warm", source="-", raw="x", text="x", body="Ankara", lang="tr"))

    seconds: Counter[str] = Counter()
    for stage in analysis:
        start = time.perf_counter()
        articles = [stage(a) for a in articles]
        seconds[stage.name] = time.perf_counter() - start

    places: dict[str, Counter[str]] = defaultdict(Counter)
    entities: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for article in articles:
        for p in article.places:
            places[article.lang or "?"][f"{p.id} {p.name} ({p.country})"] += 1
        for e in article.entities:
            entities[article.lang or "?"][e.key] += 1
            names[(article.lang or "?", e.key)][e.name] += 1

    for lang in sorted(places.keys() | entities.keys()):
        print(f"\n== {lang}: top {args.top} places (articles)")
        for label, n in places[lang].most_common(args.top):
            print(f"  {n:5}  {label}")
        print(f"== {lang}: top {args.top} entity keys (articles), most common form")
        for key, n in entities[lang].most_common(args.top):
            print(f"  {n:5}  {key:<20} {names[(lang, key)].most_common(1)[0][0]}")

    n = len(articles)
    print(f"\nanalysis time per article over {n} articles:")
    for name, total in seconds.items():
        print(f"  {name:<24} {1000 * total / n:6.2f} ms")
    print(f"  {'total':<24} {1000 * sum(seconds.values()) / n:6.2f} ms (target <= 5 ms)")


if __name__ == "__main__":
    main()
