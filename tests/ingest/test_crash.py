"""Crash safety: `tidings ingest` killed with SIGKILL mid-run, then run again, ends
with the store an uninterrupted run makes, and nothing half-written on the way.

Every table the store has is compared (articles, keys, vectors, the cleaner's
line counts, and whatever later schema steps add, such as events and stories),
all columns but the ingest time, row for row; full-text shadow tables are
checked by FTS5's own integrity check instead, as their layout depends on the
order of commits, not on what was stored.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import tidings
from tidings.ingest.parallel import bulky
from tidings.ingest.sources import expand

pytestmark = pytest.mark.slow  # three runs of the real pipeline

# Turkish and Arabic articles of each corpus, interleaved: 120 make an input ingested in
# process, 140 one over 1 MiB, ingested with worker processes (`tidings.ingest.parallel`).
PER_CORPUS = {"in-process": 120, "workers": 140}
BATCH = 12  # small transactions, so that the kill lands between some of them
TIMESTAMP_COLUMNS = {"ingested", "created", "updated", "created_at", "updated_at"}
RUN_TIMEOUT = 600
SRC = Path(tidings.__file__).resolve().parents[1]


def _write_input(data_dir: Path, path: Path, per_corpus: int) -> int:
    corpora = [data_dir / "ttc3600-tr-news.jsonl", data_dir / "hespress-ar-news.jsonl"]
    handles = [p.open(encoding="utf-8") for p in corpora]
    try:
        heads = [list(itertools.islice(h, per_corpus)) for h in handles]
    finally:
        for handle in handles:
            handle.close()
    lines = [line for pair in zip(*heads, strict=True) for line in pair]
    path.write_text("".join(lines), encoding="utf-8")
    return len({json.loads(line)["id"] for line in lines})


def _ingest(source: Path, db: Path) -> subprocess.Popen:
    # The tidings under test, whatever the working folder (it is the db's).
    path = os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])
    env = {**os.environ, "TIDINGS_BATCH_SIZE": str(BATCH), "PYTHONPATH": path}
    command = [sys.executable, "-m", "tidings", "ingest", str(source), "--db", str(db), "-q"]
    return subprocess.Popen(
        command, env=env, cwd=db.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def _finish(process: subprocess.Popen) -> str:
    out, err = process.communicate(timeout=RUN_TIMEOUT)
    assert process.returncode == 0, err.decode()
    return out.decode()


def _stored(db: Path) -> int:
    """Articles committed so far, read without taking any lock the writer needs."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:  # not created yet, or the schema is still being made
        return 0


def _kill_midway(
    process: subprocess.Popen, db: Path, total: int, timeout: float = RUN_TIMEOUT
) -> int:
    deadline = time.monotonic() + timeout
    while _stored(db) < total // 3:
        assert process.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline, "no articles stored in time"
        time.sleep(0.05)
    time.sleep(0.7)  # into the next batch's work
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    return _stored(db)


def _tables(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    """Every ordinary table's rows (timestamps left out), in a stable order."""
    schema = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = tuple(name for name, sql in schema if sql.upper().startswith("CREATE VIRTUAL"))
    shadows = tuple(f"{name}_" for name in virtual)
    tables = {}
    for name, _ in schema:
        if name.startswith(("sqlite_", *shadows)) or name in virtual:
            continue
        # Table and column names come from the file's own schema, not from input.
        columns = [c[1] for c in conn.execute(f'PRAGMA table_info("{name}")')]
        kept = ", ".join(f'"{c}"' for c in columns if c not in TIMESTAMP_COLUMNS)
        rows = conn.execute(f'SELECT {kept} FROM "{name}"').fetchall()
        tables[name] = sorted(rows, key=repr)
    return tables


def _check_sound(conn: sqlite3.Connection) -> None:
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    no_vectors = conn.execute(
        "SELECT count(*) FROM articles a WHERE NOT EXISTS "
        "(SELECT 1 FROM article_vectors v WHERE v.article_id = a.id)"
    ).fetchone()[0]
    assert no_vectors == 0, f"{no_vectors} articles stored without their vectors"
    dup = conn.execute("SELECT count(*) - count(DISTINCT content_key) FROM articles").fetchone()[0]
    assert dup == 0


@pytest.mark.parametrize("engine", list(PER_CORPUS))
def test_killed_ingest_resumes_to_the_same_store(tmp_path, data_dir, engine):
    source = tmp_path / "big.jsonl"
    total = _write_input(data_dir, source, PER_CORPUS[engine])
    assert bulky(expand([str(source)])) == (engine == "workers")
    (tmp_path / "whole").mkdir()
    (tmp_path / "killed").mkdir()
    whole_db, killed_db = tmp_path / "whole" / "t.db", tmp_path / "killed" / "t.db"
    whole = _ingest(source, whole_db)  # the uninterrupted run, alongside
    victim = _ingest(source, killed_db)
    at_kill = _kill_midway(victim, killed_db, total)
    assert 0 < at_kill < total, f"the kill did not land mid-run ({at_kill} of {total} stored)"
    with sqlite3.connect(killed_db) as conn:  # what the crash left is sound
        _check_sound(conn)
    resumed = _finish(_ingest(source, killed_db))
    skipped = int(re.search(r"duplicates (\d+)", resumed).group(1))  # type: ignore[union-attr]
    assert skipped >= at_kill, resumed  # what was stored is not processed again
    _finish(whole)
    with sqlite3.connect(killed_db) as killed, sqlite3.connect(whole_db) as reference:
        _check_sound(killed)
        got, want = _tables(killed), _tables(reference)
    assert set(got) == set(want)
    assert len(want["articles"]) > total * 0.9
    differing = {
        name: (len(set(want[name]) - set(got[name])), len(set(got[name]) - set(want[name])))
        for name in want
        if got[name] != want[name]
    }
    assert not differing, f"tables that differ (rows missing, rows extra): {differing}"
