"""Fixtures of the watcher's tests: a site on 127.0.0.1 and a store with the real model."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.watch.site import Site, seed_articles
from tidings.app import Tidings
from tidings.config import Settings
from tidings.watch import FetchLimits, Watcher

# Quick limits for a local site: the tests need the allowance for 127.0.0.1.
LIMITS = FetchLimits(timeout=1.0, delay=0.05, retries=2, backoff=0.1, allow_private=True)
DAY = datetime(2020, 1, 14, 9, 0, tzinfo=UTC)


@pytest.fixture
def site(seeds_dir):
    """The seeds as pages /news/0 … /news/4, and a feed /feed.xml of the first three."""
    with Site() as site:
        for n, (title, text) in enumerate(seed_articles(seeds_dir)):
            site.add_article(f"/news/{n}", title, text)
        site.set_feed("/feed.xml", feed_items(site, range(3)))
        yield site


def feed_items(site: Site, numbers) -> list:
    return [(site.url(f"/news/{n}"), f"item {n}", DAY + timedelta(hours=n)) for n in numbers]


@pytest.fixture
def app(tmp_path):
    with Tidings.open(str(tmp_path / "watch.db"), Settings()) as tidings:
        yield tidings


def watcher(app: Tidings, limits: FetchLimits = LIMITS) -> Watcher:
    return Watcher(app, limits, every=600.0)
