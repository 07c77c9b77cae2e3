"""A real server as it runs beyond loopback: writes with the token only, reads open,
bodies and rates limited, over HTTP through uvicorn."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.live import LiveServer
from tidings.config import Settings

pytestmark = pytest.mark.slow  # a server of its own, with the real models

TOKEN = "guarded-test-token-" + "k" * 20
LIMIT = 64 * 1024
BURST = 40
RECORD = {
    "id": "guarded-1",
    "title": "Harbour reopens after the storm",
    "text": "The harbour reopened on Monday after the storm closed it for a week.",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    # The app is told it listens on every address (the socket stays on loopback).
    settings = Settings(host="0.0.0.0", api_token=TOKEN, max_request_bytes=LIMIT,
                        rate_limit=1.0, rate_burst=BURST)  # fmt: skip
    live = LiveServer(tmp_path_factory.mktemp("guarded") / "t.db", settings).start()
    yield live
    live.stop()


def _count(client) -> int:
    return client.get("/api/articles", params={"limit": 1}).json()["total"]


def test_writes_need_the_token_reads_do_not(server):
    with server.client() as client:
        assert client.post("/api/articles", json=[RECORD]).status_code == 401
        wrong = {"Authorization": "Bearer " + "k" * len(TOKEN)}
        assert client.post("/api/articles", json=[RECORD], headers=wrong).status_code == 403
        assert _count(client) == 0
        good = {"Authorization": f"Bearer {TOKEN}"}
        answer = client.post("/api/articles", json=[RECORD], headers=good)
        assert answer.status_code == 200, answer.text
        assert answer.json()["new_ids"] == ["guarded-1"]
        assert client.get("/api/articles/guarded-1").json()["title"] == RECORD["title"]
        assert client.get("/articles/guarded-1").status_code == 200  # pages are reads


def test_large_bodies_are_refused_as_they_stream(server):
    good = {"Authorization": f"Bearer {TOKEN}", "content-type": "application/json"}
    record = {**RECORD, "id": "guarded-big", "text": "word " * LIMIT}
    body = json.dumps([record]).encode()
    with server.client() as client:
        before = _count(client)
        declared = _post_refused(client, body, good)
        chunks = (body[i : i + 8192] for i in range(0, len(body), 8192))  # chunked, no length
        streamed = _post_refused(client, chunks, good)
        assert declared or streamed, "at least one 413 was read before the server closed"
        assert _count(client) == before


def _post_refused(client, content, headers) -> bool:
    """Post a body over the limit: True when the 413 was read. The server answers and
    closes while the client may still be sending; whether the client reads that answer
    before the reset is a race (seen on an idle machine), so a reset is taken too."""
    try:
        answer = client.post("/api/articles", content=content, headers=headers)
    except (httpx.ReadError, httpx.WriteError):
        return False
    assert answer.status_code == 413 and "over the limit" in answer.json()["error"]
    return True


def test_rate_limit_last(server):
    """Runs last in this module: it spends the client's whole burst."""
    with server.client() as client:
        codes = [client.get("/api/articles", params={"limit": 1}).status_code for _ in range(BURST)]
        assert codes[-1] == 429 and set(codes) == {200, 429}
        refused = client.get("/api/articles")
        assert refused.status_code == 429
        assert 1 <= int(refused.headers["retry-after"]) <= 2
        assert refused.json()["error"].startswith("too many requests")
        assert client.get("/static/tidings.css").status_code == 200
