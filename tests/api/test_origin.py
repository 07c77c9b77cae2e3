"""Other sites' pages cannot use the user's browser against a local server: a Host
that is not this server's (DNS rebinding) is a 400, a cross-site write a 403.

Refused requests never reach a handler, so most tests drive the app without its
service; `/openapi.json` (no store needed) shows a request that is let through."""

from __future__ import annotations

import pytest

from tests.live import local_client
from tidings.api import create_app
from tidings.api.limits import CSP
from tidings.api.origin import split_host
from tidings.config import Settings

RECORD = [{"id": "o-1", "title": "A title", "text": "A body long enough to be an article."}]
EVIL = {"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"}


def client(tmp_path, **settings):
    return local_client(create_app(Settings(db=str(tmp_path / "t.db"), **settings)))


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:8000", "127.0.0.1:9999",
                                  "localhost:80", "127.0.0.1:abc", "localhost.evil.example:8000"])  # fmt: skip
def test_a_host_not_this_servers_is_refused(tmp_path, host):
    api = client(tmp_path)
    for answer in (api.get("/openapi.json", headers={"Host": host}),
                   api.get("/api/articles", headers={"Host": host}),
                   api.get("/", headers={"Host": host}),
                   api.post("/api/articles", json=RECORD, headers={"Host": host})):  # fmt: skip
        assert answer.status_code == 400, (host, answer.request.url)
        assert "is not a name of this server" in answer.json()["error"]
        assert answer.headers["content-security-policy"] == CSP
    assert not (tmp_path / "t.db").exists()


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "LOCALHOST:8000",
                                  "[::1]:8000", "127.0.0.2:8000", "localhost.:8000"])  # fmt: skip
def test_loopback_names_with_the_port_are_this_server(tmp_path, host):
    assert client(tmp_path).get("/openapi.json", headers={"Host": host}).status_code == 200


def test_allowed_hosts_add_names(tmp_path):
    api = client(tmp_path, allowed_hosts="news.example, Proxy.Example")
    for host in ("news.example:8000", "proxy.example", "proxy.example:443", "127.0.0.1:8000"):
        assert api.get("/openapi.json", headers={"Host": host}).status_code == 200
    assert api.get("/openapi.json", headers={"Host": "other.example:8000"}).status_code == 400


def test_every_address_takes_any_host_unless_told_its_names(tmp_path):
    anyone = client(tmp_path, host="0.0.0.0")
    assert anyone.get("/openapi.json", headers={"Host": "news.example"}).status_code == 200
    named = client(tmp_path, host="0.0.0.0", allowed_hosts="news.example")
    assert named.get("/openapi.json", headers={"Host": "news.example:8000"}).status_code == 200
    assert named.get("/openapi.json", headers={"Host": "evil.example:8000"}).status_code == 400


@pytest.mark.parametrize(
    "headers",
    [EVIL, {"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"},
     {"Sec-Fetch-Site": "same-site"}, {"Origin": "null"}, {"Origin": "http://127.0.0.1:9999"},
     {"Origin": "http://127.0.0.1:8000.evil.example"}],
)  # fmt: skip
def test_cross_site_writes_are_refused(tmp_path, headers):
    api = client(tmp_path)
    files = [("files", ("a.txt", b"Headline\n\nText about Libya.", "text/plain"))]
    for answer in (api.post("/api/articles", files=files, headers=headers),
                   api.post("/api/articles", json=RECORD, headers=headers),
                   api.put("/api/articles", json=RECORD, headers=headers)):  # fmt: skip
        assert answer.status_code == 403, headers
        assert "cross-site write refused" in answer.json()["error"]
    assert not (tmp_path / "t.db").exists()


def test_same_origin_writes_and_cross_site_reads_go_through(tmp_path):
    """Read-only mode (beyond loopback, no token) answers a write that passed with its
    own 403, so the origin check is seen to let it by."""
    api = client(tmp_path, host="0.0.0.0")
    same = {"Origin": "http://127.0.0.1:8000", "Sec-Fetch-Site": "same-origin"}
    for headers in (same, {"Sec-Fetch-Site": "none"}, {}):
        answer = api.post("/api/articles", json=RECORD, headers=headers)
        assert answer.status_code == 403 and "read-only" in answer.json()["error"], headers
    assert api.get("/openapi.json", headers=EVIL).status_code == 200  # a link from elsewhere


@pytest.mark.parametrize(
    ("host", "split"),
    [("a.example:80", ("a.example", 80)), ("[::1]:8000", ("::1", 8000)), ("[::1]", ("::1", None)),
     ("a.example", ("a.example", None)), ("a:b", ("a", -1)), ("::1", ("::1", None))],
)  # fmt: skip
def test_split_host(host, split):
    assert split_host(host) == split


@pytest.mark.slow  # the shared live server: a real store that must stay as it was
def test_cross_site_upload_stores_nothing(live_server):
    with live_server.client() as api:
        before = api.get("/api/articles", params={"limit": 1}).json()["total"]
        files = [("files", ("x.txt", b"Cross-site headline\n\nText about Libya.", "text/plain"))]
        answer = api.post("/api/articles", files=files, headers=EVIL)
        assert answer.status_code == 403
        rebound = api.get("/api/articles", headers={"Host": "attacker.example"})
        assert rebound.status_code == 400
        assert api.get("/api/articles", params={"limit": 1}).json()["total"] == before
