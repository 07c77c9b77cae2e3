"""Many clients at once: every request answered, none crossing SQLite's thread rule.

FastAPI runs a dependency and its endpoint on two calls into its thread pool; under
concurrent requests they land on different threads, and a reader's connection must
stay in its thread (this failed with "SQLite objects created in a thread can only be
used in that same thread" before readers were resolved at use)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

pytestmark = pytest.mark.slow  # the shared live server

CLIENTS = 16
ROUNDS = 6


def test_concurrent_reads_all_succeed(live_server):
    with live_server.client() as client:
        ids = [i["id"] for i in client.get("/api/articles", params={"limit": 5}).json()["items"]]
    assert ids

    def user(n: int) -> list[int]:
        codes = []
        with live_server.client() as client:
            for r in range(ROUNDS):
                article = ids[(n + r) % len(ids)]
                codes.append(client.get(f"/api/articles/{article}").status_code)
                codes.append(client.get("/api/articles", params={"q": "Libya"}).status_code)
                codes.append(client.get(f"/articles/{article}").status_code)
        return codes

    with ThreadPoolExecutor(CLIENTS) as pool:
        codes = [c for result in pool.map(user, range(CLIENTS)) for c in result]
    assert len(codes) == CLIENTS * ROUNDS * 3
    assert set(codes) == {200}, {c: codes.count(c) for c in set(codes)}
