"""Several processes opening the same new SQLite file at once: one creates the schema,
the others wait for it and find it made (no `table articles already exists`)."""

from __future__ import annotations

import subprocess
import sys
import time

from tests.conftest import ROOT
from tidings.store import SQLiteStore
from tidings.store.migrations import SCHEMA_VERSION

PROCESSES = 4
FILES = 12
# Each process opens file i at start + i * STEP: the processes meet on every file.
STEP = 0.25
_OPEN_IN_STEP = """
import sys, time
from tidings.store import SQLiteStore
start, step, paths = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3:]
for i, path in enumerate(paths):
    time.sleep(max(0.0, start + i * step - time.time()))
    SQLiteStore(path).open().close()
"""


def test_processes_opening_one_new_file_at_once_all_succeed(tmp_path):
    paths = [str(tmp_path / f"new-{i}.db") for i in range(FILES)]
    start = time.time() + 3.0  # after every process has imported tidings
    command = [sys.executable, "-c", _OPEN_IN_STEP, str(start), str(STEP), *paths]
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}
    openers = [subprocess.Popen(command, cwd=ROOT, **pipes) for _ in range(PROCESSES)]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in openers]
    assert results == [(0, "")] * PROCESSES
    for path in paths:
        with SQLiteStore(path) as store:
            assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
