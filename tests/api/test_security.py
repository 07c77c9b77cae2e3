"""Who may write: loopback by default, the token beyond it, read-only without one.

These requests are all refused before any handler touches the store, so the app
is driven without starting its service (no lifespan: no store, no models)."""

from __future__ import annotations

import pytest
from fastapi.routing import APIRoute

from tests.live import TestClient, local_client
from tidings.api import corrections as corrections_api
from tidings.api import create_app
from tidings.api import routes as api_routes
from tidings.api.security import MIN_TOKEN_CHARS, WriteAccess, WriteMode, is_loopback
from tidings.config import Settings
from tidings.web import views

TOKEN = "t0ken-for-tests-" + "x" * 16
RECORD = [{"id": "w-1", "title": "A title", "text": "A body long enough to be an article."}]


def client(tmp_path, **settings) -> TestClient:
    app = create_app(Settings(db=str(tmp_path / "t.db"), **settings))
    return local_client(app)


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.3.4.5", True), ("::1", True), ("[::1]", True),
     ("localhost", True), ("0.0.0.0", False), ("::", False), ("192.0.2.7", False),
     ("example.org", False), ("", False)],
)  # fmt: skip
def test_loopback_addresses(host, loopback):
    assert is_loopback(host) is loopback


def test_serve_listens_on_loopback_by_default():
    assert is_loopback(Settings().host)
    assert Settings.load(env={}).host == "127.0.0.1"
    assert WriteAccess.from_settings(Settings()).mode is WriteMode.OPEN


def test_token_comes_from_the_environment_and_is_not_shown():
    settings = Settings.load(env={"TIDINGS_API_TOKEN": TOKEN, "TIDINGS_HOST": "0.0.0.0"})
    assert settings.api_token == TOKEN and settings.host == "0.0.0.0"
    assert TOKEN not in repr(settings)
    assert WriteAccess.from_settings(settings).mode is WriteMode.TOKEN


def test_short_token_is_refused(tmp_path):
    with pytest.raises(ValueError, match=f"at least {MIN_TOKEN_CHARS}"):
        create_app(Settings(db=str(tmp_path / "t.db"), api_token="secret"))


@pytest.mark.parametrize(
    "token",
    [
        "ümlaut-token-" + "x" * 16,
        "tab\there-token-" + "x" * 16,
        "space inside token-" + "x" * 16,
        "x" * 20 + "\u200b",
    ],
)
def test_token_that_no_header_can_carry_is_refused(tmp_path, token):
    with pytest.raises(ValueError, match="visible ASCII at position") as refused:
        create_app(Settings(db=str(tmp_path / "t.db"), api_token=token))
    assert token.strip() not in str(refused.value)


def test_beyond_loopback_without_token_is_read_only(tmp_path):
    answer = client(tmp_path, host="0.0.0.0").post("/api/articles", json=RECORD)
    assert answer.status_code == 403
    assert "read-only" in answer.json()["error"]
    assert not (tmp_path / "t.db").exists()  # refused before the store was opened


@pytest.mark.parametrize("host", ["127.0.0.1", "0.0.0.0"])
def test_token_is_required_once_set(tmp_path, host):
    api = client(tmp_path, host=host, api_token=TOKEN)
    missing = api.post("/api/articles", json=RECORD)
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"].startswith("Bearer")
    assert "Authorization: Bearer" in missing.json()["error"]
    for wrong in (TOKEN[:-1], TOKEN + "x", "x" * len(TOKEN), "ümlaut-" * 4):
        answer = api.post(
            "/api/articles", json=RECORD, headers={"Authorization": f"Bearer {wrong}".encode()}
        )
        assert (answer.status_code, answer.json()["error"]) == (403, "wrong API token")
    other_scheme = api.post(
        "/api/articles", json=RECORD, headers={"Authorization": f"Basic {TOKEN}"}
    )
    assert other_scheme.status_code == 401
    assert not (tmp_path / "t.db").exists()


def test_every_write_endpoint_checks_access():
    """A new POST/PUT/PATCH/DELETE route without the check fails here."""
    routes = [*api_routes.router.routes, *views.router.routes, *corrections_api.router.routes]
    writes = [r for r in routes if isinstance(r, APIRoute) and r.methods - {"GET", "HEAD"}]
    assert len({r.path for r in writes}) >= 5, "ingest and the four corrections are writes"
    for route in writes:
        calls = {d.call.__name__ for d in route.dependant.dependencies}
        assert "require_write_access" in calls, f"{route.path} {route.methods} writes unchecked"


def test_openapi_declares_the_token(tmp_path):
    schema = client(tmp_path).get("/openapi.json").json()
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert schema["paths"]["/api/articles"]["post"]["security"]
