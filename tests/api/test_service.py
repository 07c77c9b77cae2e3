"""The service's listing cache: re-used until an article is stored."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_cached_listing_is_dropped_when_an_article_is_stored(live_server):
    service = live_server.server.config.app.state.service
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert service.cached(("test", 1), compute) == 1
    assert service.cached(("test", 1), compute) == 1  # re-used
    assert service.cached(("test", 2), compute) == 2  # another key
    record = {"id": "cache-1", "title": "Cache", "text": "An article stored to change the store."}
    with live_server.client() as client:
        assert client.post("/api/articles", json=[record]).json()["new"] == 1
    assert service.cached(("test", 1), compute) == 3
