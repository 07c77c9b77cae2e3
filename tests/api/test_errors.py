"""Every error answer: a 400 naming the parameter for anything a client can send, a 500
only for the server's own faults, and both in the route's shape (JSON under /api, the
error page elsewhere) with the security headers."""

from __future__ import annotations

import json

import pytest

from tests.live import local_client
from tidings.api import create_app
from tidings.api.limits import CSP
from tidings.config import Settings

BIG = str(2**63)  # one over the largest integer either store holds


def assert_secured(answer) -> None:
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["content-security-policy"] == CSP


def assert_error(answer, status: int, json_route: bool, says: str = "") -> None:
    assert answer.status_code == status, (answer.request.url, answer.text)
    assert_secured(answer)
    if json_route:
        assert answer.headers["content-type"] == "application/json"
        assert says in answer.json()["error"]
    else:
        assert answer.headers["content-type"].startswith("text/html")
        assert 'id="error-message"' in answer.text and says in answer.text


@pytest.mark.parametrize(("path", "json_route"), [("/api/articles", True), ("/articles", False)])
def test_unexpected_failure_is_a_500_in_the_routes_shape(tmp_path, path, json_route):
    """A server not started (no lifespan: no store) fails inside the handler."""
    app = create_app(Settings(db=str(tmp_path / "t.db")))
    answer = local_client(app).get(path)
    assert_error(answer, 500, json_route, "internal error")


NUL = "a\x00b"
BAD_REQUESTS = [
    *[("/api/articles", {name: NUL}, "NUL") for name in ("q", "lang", "entity", "place")],
    ("/api/stories", {"q": NUL}, "q"),
    ("/articles", {"q": NUL}, "q"),
    ("/", {"q": NUL}, "q"),
    ("/api/articles/x%00y", {}, "article_id"),
    ("/articles/x%00y", {}, "article_id"),
    ("/api/compare", {"a": NUL, "b": "x"}, "NUL"),
    ("/compare", {"a": NUL, "b": "x"}, "NUL"),
    ("/api/articles", {"offset": BIG}, "offset"),
    ("/api/stories", {"offset": BIG}, "offset"),
    ("/api/stories/1", {"offset": BIG}, "offset"),
    ("/api/stories/³", {}, "story_id"),
    ("/stories/³", {}, "story_id"),
    (f"/api/stories/{BIG}", {}, "story_id"),
    (f"/stories/{BIG}", {}, "story_id"),
    ("/api/articles", {"limit": "9" * 5000}, "limit"),
    ("/api/articles", {"lang\x01": "tr"}, "lang"),
    ("/api/articles?q=%ED%B2%80%FF", {}, ""),  # bytes that are not UTF-8: taken as U+FFFD
]


@pytest.mark.slow  # the shared live server: the real store behind every route
@pytest.mark.parametrize(("path", "params", "says"), BAD_REQUESTS)
def test_bad_parameters_are_400(live_server, path, params, says):
    says = "U+0000" if says == "NUL" else says
    with live_server.client() as client:
        answer = client.get(path, params=params)
    if not says:
        assert answer.status_code in (200, 400), answer.text
        return
    assert_error(answer, 400, path.startswith("/api"), says)


@pytest.mark.slow
def test_deeply_nested_json_body_is_400(live_server):
    record = {"id": "deep", "title": "Deep", "text": "Text about the harbour."}
    for depth in (1000, 100):
        body = "[" * depth + "]" * depth
        inside = json.dumps([{**record, "extra": None}]).replace("null", body)
        for sent in (body, inside):
            with live_server.client() as client:
                answer = client.post(
                    "/api/articles", content=sent, headers={"content-type": "application/json"}
                )
            assert_error(answer, 400, True, "nested deeper than")
