"""The contract fixtures: every store test here runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from tidings.store import ArticleStore, open_store


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path) -> str:
    """Where a fresh store lives: a SQLite file, or a new database on the test server."""
    if request.param == "sqlite":
        return str(tmp_path / "t.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(location) -> ArticleStore:
    with open_store(location) as store:
        yield store
