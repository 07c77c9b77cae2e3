"""Request size (413), rate (429 with Retry-After) and the headers on every answer.

Refused requests never reach a handler, so the app runs without its service."""

from __future__ import annotations

import pytest

from tests.live import TestClient, local_client
from tidings.api import create_app
from tidings.api.limits import CSP, MAX_CLIENTS, TokenBuckets
from tidings.config import Settings

LIMIT = 4096


def client(tmp_path, **settings) -> TestClient:
    app = create_app(Settings(db=str(tmp_path / "t.db"), **settings))
    return local_client(app)


def test_body_over_the_limit_by_content_length(tmp_path):
    api = client(tmp_path, max_request_bytes=LIMIT)
    answer = api.post("/api/articles", content=b"[" + b" " * LIMIT + b"]",
                      headers={"content-type": "application/json"})  # fmt: skip
    assert answer.status_code == 413
    assert answer.json()["error"] == f"request body over the limit of {LIMIT:,} bytes"
    assert not (tmp_path / "t.db").exists()


def test_body_over_the_limit_while_streaming(tmp_path):
    """No Content-Length (chunked): counted as it arrives, refused once past the limit."""
    sent: list[int] = []

    def chunks():
        for _ in range(64):
            sent.append(1)
            yield b" " * 512

    api = client(tmp_path, max_request_bytes=LIMIT)
    answer = api.post(
        "/api/articles", content=chunks(), headers={"content-type": "application/json"}
    )
    assert answer.status_code == 413
    assert "over the limit" in answer.json()["error"]
    assert not (tmp_path / "t.db").exists()


def test_bad_content_length_is_refused(tmp_path):
    api = client(tmp_path, max_request_bytes=LIMIT)
    answer = api.post("/api/articles", content=b"[]", headers={"content-length": "-1"})
    assert answer.status_code == 413


def test_rate_limit_answers_429_with_retry_after(tmp_path):
    # Read-only (beyond loopback, no token): allowed requests get a quick 403.
    api = client(tmp_path, host="0.0.0.0", rate_limit=0.5, rate_burst=5)
    codes = [api.post("/api/articles", json=[]).status_code for _ in range(8)]
    assert codes == [403] * 5 + [429] * 3
    refused = api.post("/api/articles", json=[])
    assert refused.status_code == 429
    # One request at 0.5 a second: 2 s, less what refilled while the nine requests ran
    # (over a second on a loaded machine: 1 s).
    assert 1 <= int(refused.headers["retry-after"]) <= 2
    assert "too many requests" in refused.json()["error"]
    assert api.get("/static/tidings.css").status_code == 200  # assets are not counted


def test_no_rate_limit_when_zero(tmp_path):
    api = client(tmp_path, host="0.0.0.0", rate_limit=0, rate_burst=1)
    assert {api.post("/api/articles", json=[]).status_code for _ in range(20)} == {403}


def test_token_bucket_refills_at_the_rate():
    now = [0.0]
    buckets = TokenBuckets(rate=2.0, burst=3, clock=lambda: now[0])
    assert [buckets.take("a") for _ in range(3)] == [0, 0, 0]
    assert buckets.take("a") == pytest.approx(0.5)
    assert buckets.take("b") == 0  # another client has its own bucket
    now[0] = 0.5
    assert buckets.take("a") == 0
    assert buckets.take("a") > 0
    now[0] = 100.0  # a long pause refills to the burst, no more
    assert [buckets.take("a") for _ in range(4)][-1] > 0


def test_token_buckets_stay_bounded():
    buckets = TokenBuckets(rate=1.0, burst=1)
    for i in range(MAX_CLIENTS + 50):
        buckets.take(f"10.0.{i // 256}.{i % 256}")
    assert len(buckets.buckets_) == MAX_CLIENTS


def test_security_headers(tmp_path):
    api = client(tmp_path)
    css = api.get("/static/tidings.css")
    assert css.headers["x-content-type-options"] == "nosniff"
    assert css.headers["content-security-policy"] == CSP
    assert (
        "script-src 'self'" in CSP
        and "unsafe-inline" not in CSP.split("script-src")[1].split(";")[0]
    )
    assert api.get("/docs").headers["content-security-policy"] == CSP  # Swagger UI served here


@pytest.mark.parametrize("path", ["/docs", "/docsfoo", "/redoc", "/docs/x", "/docs.html"])
def test_every_path_gets_the_content_policy(tmp_path, path):
    answer = client(tmp_path).get(path)
    assert answer.headers["content-security-policy"] == CSP


def test_api_docs_load_only_this_servers_files(tmp_path):
    """/docs works offline: Swagger UI's files come from this server, none from elsewhere."""
    import re

    api = client(tmp_path)
    page = api.get("/docs")
    assert page.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources and all(s.startswith("/") and not s.startswith("//") for s in sources)
    for source in sources:
        assert api.get(source).status_code == 200, source
    assert api.get("/redoc").status_code == 404  # no ReDoc package: no link, no page
