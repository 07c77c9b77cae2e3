"""Determinism at scale: one run, a run split in two, and one killed with SIGKILL and
resumed place over 2,000 real Turkish and Arabic articles into the same events and
stories, table for table.

A resumed run starts with the event index rebuilt from the store, where one run grew it
article by article; placements must not depend on which (see stories/index.py). The
articles are read, cleaned, analysed and embedded once, by the real pipeline; each run
then stores and places them as `tidings ingest` does (tests/stories/replay.py), so that
four runs cost placing, not the model. That the pipeline's part of an ingest resumes
exactly is tests/ingest/test_crash.py's.
"""

from __future__ import annotations

import itertools
import os
import pickle
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.ingest.test_crash import SRC, _check_sound, _kill_midway, _tables
from tidings.ingest.runner import read_input
from tidings.ingest.sources import Input
from tidings.registry import comparison_pipeline

pytestmark = pytest.mark.slow  # 2,100 articles through the real pipeline, four runs placing

PER_CORPUS = 1050
SPLIT = 937  # the first run of the split one stops after this many articles
RUN_TIMEOUT = 3600  # a run on a busy shared machine
ROOT = SRC.parent  # the repository, where `tests` is a package
# Columns that say when something was done, not what: the merge log's wall-clock time.
WALL_CLOCK = {"merges": {"at"}}


def _analysed(data_dir: Path, folder: Path) -> Path:
    corpora = [data_dir / "ttc3600-tr-news.jsonl", data_dir / "hespress-ar-news.jsonl"]
    heads = []
    for corpus in corpora:
        with corpus.open(encoding="utf-8") as handle:
            heads.append(list(itertools.islice(handle, PER_CORPUS)))
    source = folder / "mixed.jsonl"
    source.write_text("".join(x for pair in zip(*heads, strict=True) for x in pair), "utf-8")
    articles = list(read_input(Input(name=str(source), path=source), 2**30))
    done = list(comparison_pipeline(threads=1).pipe(articles, batch_size=64))
    path = folder / "articles.pkl"
    path.write_bytes(pickle.dumps(done))
    return path


def _replay(articles: Path, db: Path, limit: int) -> subprocess.Popen:
    path = os.pathsep.join([str(ROOT), str(SRC), os.environ.get("PYTHONPATH", "")])
    command = [sys.executable, "-m", "tests.stories.replay", str(articles), str(db), str(limit)]
    return subprocess.Popen(
        command, env={**os.environ, "PYTHONPATH": path}, cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


def _finish(process: subprocess.Popen) -> None:
    _, err = process.communicate(timeout=RUN_TIMEOUT)
    assert process.returncode == 0, err.decode()


def _contents(db: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(db) as conn:
        _check_sound(conn)
        tables = _tables(conn)
        for name, columns in WALL_CLOCK.items():
            names = [c[1] for c in conn.execute(f'PRAGMA table_info("{name}")')]
            keep = [i for i, c in enumerate(names) if c not in columns]
            tables[name] = sorted((tuple(row[i] for i in keep) for row in tables[name]), key=repr)
    return tables


def test_split_and_killed_runs_place_as_one_run(data_dir):
    # Not pytest's tmp_path: other pytest runs of the same user prune it within minutes.
    with tempfile.TemporaryDirectory(prefix="tidings-determinism-") as name:
        folder = Path(name)
        articles = _analysed(data_dir, folder)
        total = 2 * PER_CORPUS
        dbs = {run: folder / f"{run}.db" for run in ("one", "split", "killed")}
        one, first_part = (
            _replay(articles, dbs["one"], total),
            _replay(articles, dbs["split"], SPLIT),
        )
        victim = _replay(articles, dbs["killed"], total)
        at_kill = _kill_midway(victim, dbs["killed"], total, RUN_TIMEOUT)
        assert 0 < at_kill < total
        _finish(first_part)
        rest, resumed = (
            _replay(articles, dbs["split"], total),
            _replay(articles, dbs["killed"], total),
        )
        for process in (one, rest, resumed):
            _finish(process)
        want = _contents(dbs["one"])
        assert len(want["articles"]) > 2000 and len(want["stories"]) > 100
        for run in ("split", "killed"):
            got = _contents(dbs[run])
            assert set(got) == set(want)
            differing = {
                name: (len(set(want[name]) - set(got[name])), len(set(got[name]) - set(want[name])))
                for name in want
                if got[name] != want[name]
            }
            assert not differing, f"{run}: tables that differ (rows missing, extra): {differing}"
