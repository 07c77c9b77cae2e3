"""Ingest throughput on the Turkish and Arabic news corpora (6,880 articles).

Prints articles/s for reading + cleaning + language id (the stage the target
of 300 articles/s on 2 cores is for), and for the whole `ingest` into a fresh
SQLite file, with corpus-wide repeated-line counts.

    python benchmarks/ingest_speed.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from tidings.analyze.language import LanguageDetector
from tidings.app import Tidings
from tidings.config import Settings
from tidings.ingest.clean import MemoryLineCounts, RepeatedLines, TextCleaner
from tidings.ingest.runner import read_input
from tidings.ingest.sources import Input
from tidings.model import Article
from tidings.pipeline import Pipeline

CORPORA = ("ttc3600-tr-news.jsonl", "hespress-ar-news.jsonl")
DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def read_clean_detect(paths: list[Path]) -> tuple[int, float]:
    pipeline = Pipeline(
        [
            LanguageDetector(field="text"),
            TextCleaner(repeated=RepeatedLines(MemoryLineCounts())),
        ]
    )
    pipeline.stages[0].detect("warm up the model")  # loading is not throughput
    start = time.perf_counter()
    articles = [
        a
        for p in paths
        for a in read_input(Input(name=str(p), path=p), max_bytes=2**30)
        if isinstance(a, Article)
    ]
    done = sum(1 for _ in pipeline.pipe(articles, batch_size=256))
    return done, time.perf_counter() - start


def full_ingest(paths: list[Path]) -> tuple[int, int, float]:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings().updated({"db": str(Path(folder) / "bench.db")})
        with Tidings.open(settings=settings) as app:
            app.pipeline.stages[0].detect("warm up the model")
            start = time.perf_counter()
            report = app.ingest([str(p) for p in paths])
            return report.read, report.new, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    paths = [args.data / name for name in CORPORA]

    done, seconds = read_clean_detect(paths)
    print(
        f"read + clean + language id: {done} articles in {seconds:.2f} s "
        f"= {done / seconds:,.0f} articles/s (target >= 300)"
    )
    read, new, seconds = full_ingest(paths)
    print(
        f"full ingest into SQLite:    {read} read, {new} new in {seconds:.2f} s "
        f"= {read / seconds:,.0f} articles/s"
    )


if __name__ == "__main__":
    main()
