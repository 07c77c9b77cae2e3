"""Hypothesis against every route of the app, over a real server with a real store:
whatever a client sends in a route's parameters or body, the answer is never a 500,
errors are JSON `{"error": ...}` on the JSON routes and the error page on the pages,
and every answer carries the security headers.

The routes are enumerated from the app itself, so a new route is fuzzed without a
line here."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import httpx
import pytest
from fastapi.routing import APIRoute, RouteContext, iter_route_contexts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.routing import Mount

from tests.live import LiveServer
from tidings.api import create_app
from tidings.config import Settings

pytestmark = pytest.mark.slow  # a server of its own, with the real models

SEED = [
    {"id": "fuzz-1", "title": "Harbour reopens after the storm", "lang": "en",
     "text": "The harbour of Tripoli in Libya reopened on Monday after the storm."},
    {"id": "fuzz-2", "title": "Liman fırtınadan sonra yeniden açıldı", "lang": "tr",
     "text": "Libya'daki Trablus limanı fırtınanın ardından pazartesi yeniden açıldı."},
]  # fmt: skip
GET_EXAMPLES = 60
WRITE_EXAMPLES = 25

# Values a parameter may be sent: any text, numbers at and past the stores' range,
# digits of other scripts, control characters, the ids that exist.
HOSTILE = st.sampled_from(["", "0", "-1", "³", "٣", "1_0", "1e3", "\x00", "a\x00b", "%00",
                          "..", "fuzz-1", "fuzz-2", "1", "2020-02-30", "country:LY",
                          "hftr", "other", "'\"; --", "NEAR(a b)", "*", "\t\n", str(2**63),
                          str(2**63 - 1), "9" * 5000])  # fmt: skip
VALUES = st.one_of(  # the hostile values drawn about half the time
    HOSTILE,
    HOSTILE,
    st.text(st.characters(codec="utf-8"), max_size=24),
    st.integers(-(2**70), 2**70).map(str),
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
RECORD = st.fixed_dictionaries(
    {}, optional={key: JSON_VALUES | st.text(max_size=60)
                  for key in ("id", "title", "text", "url", "published", "lang", "source")},
)  # fmt: skip
BODIES = st.one_of(
    st.tuples(st.just("application/json"), st.lists(RECORD, max_size=4).map(json.dumps)),
    st.tuples(st.just("application/json"), JSON_VALUES.map(json.dumps)),
    st.tuples(st.just("application/json"), st.binary(max_size=64)),
    st.tuples(st.just("multipart"), st.lists(st.tuples(st.text(max_size=12), st.binary(max_size=300)), max_size=3)),
    st.tuples(st.sampled_from(["text/plain", "", "application/x-www-form-urlencoded"]), st.binary(max_size=64)),
)  # fmt: skip


def _contexts(app) -> dict[tuple[str, str], RouteContext]:
    """Every route of the app by (method, path), documented or not, included routers'
    with their prefixes; the static files as one GET with a path."""
    found = {}
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if isinstance(route, Mount):
            found["GET", route.path + "/{rest:path}"] = context
        for method in sorted(context.methods or ()):
            if method != "HEAD":
                found[method, context.path] = context
    return found


def _routes() -> list[tuple[str, str]]:
    return sorted(_contexts(create_app(Settings())))


def _query_names(context: RouteContext) -> list[str]:
    def walk(dependant) -> list[str]:
        names = [p.alias for p in dependant.query_params]
        return names + [n for sub in dependant.dependencies for n in walk(sub)]

    return walk(context.dependant) if isinstance(context.original_route, APIRoute) else []


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    live = LiveServer(tmp_path_factory.mktemp("fuzz") / "t.db", Settings(rate_limit=0)).start()
    with live.client() as client:
        assert client.post("/api/articles", json=SEED).status_code == 200
    yield live
    live.stop()


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server.url, timeout=120) as client:
        yield client


def test_every_route_is_fuzzed():
    paths = {path for _, path in _routes()}
    assert {"/api/articles", "/api/articles/{article_id:path}", "/api/stories/{story_id}",
            "/", "/stories/{story_id}", "/compare", "/openapi.json"} <= paths  # fmt: skip
    assert ("POST", "/api/articles") in _routes()


@pytest.mark.parametrize(("method", "path"), _routes())
@settings(max_examples=GET_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip
@given(data=st.data())
def test_no_route_answers_500(server, client, method, path, data):
    context = _contexts(server.server.config.app)[method, path]
    route = context.original_route
    if method != "GET" and data.draw(st.integers(0, GET_EXAMPLES)) > WRITE_EXAMPLES:
        return  # a write runs the whole pipeline: fewer of them
    url = re.sub(r"{(\w+)(:path)?}", lambda m: _path_value(data, m.group(2) is not None), path)
    names = [*_query_names(context), "zz"]  # and one no route declares
    query = data.draw(
        st.dictionaries(st.sampled_from(names), VALUES, min_size=1, max_size=4), label="query"
    )
    request = {"params": query}
    if method != "GET":
        kind, body = data.draw(BODIES, label="body")
        if kind == "multipart":
            request["files"] = [("files", (name or "f", content)) for name, content in body]
        else:
            request["content"] = body.encode() if isinstance(body, str) else body
            request["headers"] = {"content-type": kind} if kind else {}
    answer = client.request(method, url, **request)
    assert answer.status_code < 500, (method, url, query, answer.text[:300])
    assert answer.headers["x-content-type-options"] == "nosniff"
    if answer.status_code >= 400 and not isinstance(route, Mount):
        if path.startswith("/api/") or path == "/openapi.json":
            assert "error" in answer.json(), answer.text
        else:
            assert 'id="error-message"' in answer.text


def _path_value(data, slashes: bool) -> str:
    value = data.draw(VALUES.filter(bool), label="path")
    return quote(value, safe="/" if slashes else "")
