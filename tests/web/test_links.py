"""Only http(s) URLs become links (issue 13, D10): ingest drops the others, and the
pages link none even when one is in the store (stored before that rule)."""

from __future__ import annotations

import pytest

from tidings.model import Article
from tidings.store import open_store
from tidings.web.present import http_url

pytestmark = pytest.mark.slow  # the shared live server

TEXT = "The harbour of Derna reopened on Tuesday after the storm, the port authority said."


def test_only_http_urls_pass_the_filter():
    assert http_url("https://example.org/a") == "https://example.org/a"
    for url in ("javascript:alert(1)", " javascript:alert(1)", "data:text/html,x", "/a", None):
        assert http_url(url) is None


def test_a_javascript_url_in_the_store_is_not_rendered_as_a_link(live_server):
    article = Article(id="js-link-1", source="old.jsonl:1", raw=TEXT, text=TEXT, body=TEXT,
                      title="Derna harbour", url="javascript:alert(document.domain)")  # fmt: skip
    with open_store(str(live_server.db)) as store:
        store.add([article])
    with live_server.client() as client:
        html = client.get("/articles/js-link-1").text
    assert "Derna harbour" in html
    assert "javascript:" not in html


def test_ingest_through_the_api_drops_a_javascript_url_with_a_warning(live_server):
    record = {"id": "js-link-2", "text": TEXT + " Again.", "url": "javascript:alert(1)"}
    with live_server.client() as client:
        answer = client.post("/api/articles", json=[record]).json()
        stored = client.get("/api/articles/js-link-2", params={"similar": 0}).json()
    assert answer["new"] == 1 and stored["url"] is None
    assert answer["warnings"] == [
        "request.jsonl:1: field 'url': 'javascript:alert(1)' is not an http(s) URL; "
        "stored without it"
    ]
