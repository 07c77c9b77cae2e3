"""Determinism at scale: one ingest, an ingest split in two runs, and one killed with
SIGKILL and resumed give the same store, events and stories included, table for
table, on over 2,000 real Turkish and Arabic articles.

A resumed run starts with the event index rebuilt from the store, where one run grew
it article by article; placements must not depend on which (see stories/index.py).
"""

from __future__ import annotations

import itertools
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.ingest.test_crash import SRC, _check_sound, _kill_midway, _tables

pytestmark = pytest.mark.slow  # four runs of the real pipeline over 2,100 articles

PER_CORPUS = 1050
SPLIT = 937  # the first run of the split ingest stops after this many lines
BATCH = 64
RUN_TIMEOUT = 3600  # a run on a busy shared machine
# Columns that say when something was done, not what: the merge log's wall-clock time.
WALL_CLOCK = {"merges": {"at"}}


def _write(data_dir: Path, path: Path, lines: int | None = None) -> int:
    corpora = [data_dir / "ttc3600-tr-news.jsonl", data_dir / "hespress-ar-news.jsonl"]
    handles = [p.open(encoding="utf-8") for p in corpora]
    try:
        heads = [list(itertools.islice(h, PER_CORPUS)) for h in handles]
    finally:
        for handle in handles:
            handle.close()
    mixed = [line for pair in zip(*heads, strict=True) for line in pair][:lines]
    path.write_text("".join(mixed), encoding="utf-8")
    return len(mixed)


def _ingest(source: Path, db: Path) -> subprocess.Popen:
    path = os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])
    env = {**os.environ, "TIDINGS_BATCH_SIZE": str(BATCH), "PYTHONPATH": path}
    # In process: the engines end with the same store (tests/ingest/test_parallel.py), and
    # three runs at once with two workers each would crowd a small machine.
    command = [sys.executable, "-m", "tidings", "ingest", str(source), "--db", str(db), "-q",
               "--engine", "inline"]  # fmt: skip
    return subprocess.Popen(
        command, env=env, cwd=db.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


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


def _differing(got: dict, want: dict) -> dict[str, tuple[int, int]]:
    assert set(got) == set(want)
    return {
        name: (len(set(want[name]) - set(got[name])), len(set(got[name]) - set(want[name])))
        for name in want
        if got[name] != want[name]
    }


def test_split_and_killed_ingests_equal_one_run(data_dir):
    # Not pytest's tmp_path: other pytest runs of the same user prune it within minutes.
    with tempfile.TemporaryDirectory(prefix="tidings-determinism-") as folder:
        _check_runs(Path(folder), data_dir)


def _check_runs(tmp_path: Path, data_dir: Path) -> None:
    whole = tmp_path / "whole.jsonl"
    total = _write(data_dir, whole)
    head = tmp_path / "head.jsonl"
    _write(data_dir, head, SPLIT)
    dbs = {}
    for name in ("one", "split", "killed"):
        (tmp_path / name).mkdir()
        dbs[name] = tmp_path / name / "t.db"
    # The split run's first part and the victim alongside the reference run.
    one, first_part = _ingest(whole, dbs["one"]), _ingest(head, dbs["split"])
    victim = _ingest(whole, dbs["killed"])
    at_kill = _kill_midway(victim, dbs["killed"], total, RUN_TIMEOUT)
    assert 0 < at_kill < total
    _finish(first_part)
    rest, resumed = _ingest(whole, dbs["split"]), _ingest(whole, dbs["killed"])
    for process in (one, rest, resumed):
        _finish(process)
    want = _contents(dbs["one"])
    assert len(want["articles"]) > 2000 and len(want["stories"]) > 100
    for name in ("split", "killed"):
        differing = _differing(_contents(dbs[name]), want)
        assert not differing, f"{name}: tables that differ (rows missing, extra): {differing}"
