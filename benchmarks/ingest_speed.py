"""Ingest throughput on the Turkish and Arabic news corpora (6,880 articles).

Prints articles/s for reading + cleaning + language id (the stage the target
of 300 articles/s on 2 cores is for), and for the whole `ingest` (read, clean,
analyse, embed, place in stories, store) into a fresh SQLite file, with worker
processes (the default for inputs of 1 MiB or more) and in one process, with the
peak memory of all processes.

    python benchmarks/ingest_speed.py [--data ../shared/data] [--workers 2 1]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from memory import TreePeak  # benchmarks/memory.py, beside this script
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


def full_ingest(paths: list[Path], workers: int) -> tuple[int, int, float, float]:
    """Articles read and stored new, seconds, and the peak memory (MiB) of all processes."""
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings().updated({"db": str(Path(folder) / "bench.db"), "workers": workers})
        with Tidings.open(settings=settings) as app, TreePeak() as peak:
            start = time.perf_counter()
            report = app.ingest([str(p) for p in paths])
            seconds = time.perf_counter() - start
        return report.read, report.new, seconds, peak.mib


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--workers",
        type=int,
        nargs="+",
        default=[2, 1],
        help="worker processes of each full ingest (1: all in one process)",
    )
    parser.add_argument("--full-only", action="store_true", help="one full ingest, here")
    args = parser.parse_args()
    paths = [args.data / name for name in CORPORA]
    if args.full_only:
        return print_full_ingest(paths, args.workers[0])

    done, seconds = read_clean_detect(paths)
    print(
        f"read + clean + language id: {done} articles in {seconds:.2f} s "
        f"= {done / seconds:,.0f} articles/s (target >= 300)"
    )
    for workers in args.workers:  # each in a fresh process, as a user runs it
        command = [sys.executable, __file__, "--data", str(args.data), "--full-only"]
        subprocess.run([*command, "--workers", str(workers)], check=True)


def print_full_ingest(paths: list[Path], workers: int) -> None:
    read, new, seconds, mib = full_ingest(paths, workers)
    print(
        f"full ingest into SQLite, {workers} worker(s): {read} read, {new} new in "
        f"{seconds:.1f} s = {read / seconds:,.1f} articles/s (target >= 100); "
        f"peak memory of all processes {mib:,.0f} MiB"
    )


if __name__ == "__main__":
    main()
