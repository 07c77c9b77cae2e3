"""Shared fixtures: the seeds and data in ../shared, real stores in tmp_path."""

from __future__ import annotations

import os
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
