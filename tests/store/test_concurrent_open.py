"""Several processes opening the same new store at once: one creates the schema, the
others wait for it and find it made (no `table articles already exists`). SQLite reads
the version under its write lock; PostgreSQL migrates under an advisory lock."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT
from tidings.store import migrations, open_store, postgres_migrations

PROCESSES = 4
FILES = 12
# Each process opens file i at start + i * STEP: the processes meet on every file.
STEP = 0.25
_OPEN_IN_STEP = """
import sys, time
from tidings.store import open_store
start, step, stores = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3:]
for i, store in enumerate(stores):
    time.sleep(max(0.0, start + i * step - time.time()))
    open_store(store).close()
"""


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_processes_opening_one_new_store_at_once_all_succeed(tmp_path, kind, request):
    if kind == "sqlite":
        stores = [str(tmp_path / f"new-{i}.db") for i in range(FILES)]
    else:
        from tidings.store.pg_embedded import create_database

        server = request.getfixturevalue("pg_server")
        stores = [create_database(server) for _ in range(FILES)]
    start = time.time() + 3.0  # after every process has imported tidings
    command = [sys.executable, "-c", _OPEN_IN_STEP, str(start), str(STEP), *stores]
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}
    openers = [subprocess.Popen(command, cwd=ROOT, **pipes) for _ in range(PROCESSES)]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in openers]
    assert results == [(0, "")] * PROCESSES
    steps = (migrations if kind == "sqlite" else postgres_migrations).SCHEMA_VERSION
    for location in stores:
        with open_store(location) as store:
            assert store.schema_version() == steps
