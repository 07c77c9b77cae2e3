"""POST /api/corrections/*: guarded like ingest, JSON errors (400/404, never 500), and the
story endpoint's reasons, lock, log and merge pointer, over a real server holding the
seeds (ingested through the API with the token)."""

from __future__ import annotations

import json

import pytest

from tests.live import local_client, seeded_server
from tidings.api import create_app
from tidings.config import Settings

TOKEN = "corrections-token-" + "y" * 16
AUTH = {"Authorization": f"Bearer {TOKEN}"}
BODIES = {
    "move": {"article": "a", "new_story": True},
    "split": {"event": 1, "articles": ["a"]},
    "merge": {"story": 1, "other": 2},
    "lock": {"story": 1},
}


@pytest.mark.parametrize("kind", sorted(BODIES))
def test_corrections_need_the_token_and_are_refused_when_read_only(tmp_path, kind):
    """Refused before any handler runs: the store is never opened."""
    url, body = f"/api/corrections/{kind}", BODIES[kind]
    guarded = local_client(create_app(Settings(db=str(tmp_path / "t.db"), api_token=TOKEN)))
    assert guarded.post(url, json=body).status_code == 401
    wrong = guarded.post(url, json=body, headers={"Authorization": "Bearer " + "z" * 40})
    assert (wrong.status_code, wrong.json()) == (403, {"error": "wrong API token"})
    public = local_client(create_app(Settings(db=str(tmp_path / "t.db"), host="0.0.0.0")))
    answer = public.post(url, json=body)
    assert answer.status_code == 403 and "read-only" in answer.json()["error"]
    assert not (tmp_path / "t.db").exists()


@pytest.fixture(scope="module")
def server(tmp_path_factory, seeds_dir):
    server = seeded_server(tmp_path_factory.mktemp("corrections-api"), seeds_dir, TOKEN)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def client(server):
    with server.client() as client:
        client.headers.update(AUTH)
        yield client


@pytest.mark.slow
def test_story_endpoint_gives_each_article_its_reason(client):
    story = client.get("/api/stories/1").json()
    assert set(story["reasons"]) == set(story["article_ids"])
    assert {r["decision"] for r in story["reasons"].values()} >= {"new-story", "joined"}
    assert story["locked"] is False and story["corrections"] == []


@pytest.mark.slow
def test_move_lock_merge_over_http(client):
    story = client.get("/api/stories/1").json()
    article = story["events"][-1]["article_ids"][0]
    moved = client.post(
        "/api/corrections/move", json={"article": article, "new_story": True, "by": "ayşe"}
    )
    assert moved.status_code == 200, moved.text
    row = moved.json()["correction"]
    assert (row["kind"], row["who"], row["detail"]["article"]) == ("move", "ayşe", article)
    new_story = row["detail"]["to_story"]
    alone = client.get(f"/api/stories/{new_story}").json()
    assert alone["article_ids"] == [article]
    assert alone["reasons"][article]["decision"] == "moved"
    assert client.post("/api/corrections/lock", json={"story": new_story}).status_code == 200
    merged = client.post("/api/corrections/merge", json={"story": new_story, "other": 1})
    assert merged.json()["correction"]["story_id"] == 1
    old = client.get(f"/api/stories/{new_story}").json()
    assert old["merged"] == {"from": new_story, "into": 1} and old["locked"] is True
    assert [c["kind"] for c in old["corrections"]] == ["move", "lock", "merge"]
    listed = client.get("/api/stories").json()["items"]  # the listing is not stale
    assert [s["id"] for s in listed] == [1]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("kind", "body", "status", "message"),
    [
        ("move", {"article": "nope", "new_story": True}, 404, "no placed article with id 'nope'"),
        ("move", {"article": "nope"}, 400, "exactly one of"),
        ("move", {"article": "x", "to_event": 2**70}, 400, "to_event"),
        ("move", {"article": "x\u0000", "new_story": True}, 400, "NUL"),
        ("move", {"article": "x", "new_story": True, "by": "\ud800"}, 400, "by:"),
        ("move", {"article": "x", "new_story": True, "colour": "red"}, 400, "colour"),
        ("move", {"article": ["x"], "new_story": True}, 400, "article"),
        ("split", {"event": 99, "articles": ["x"]}, 404, "no event with id 99"),
        ("split", {"event": 1, "articles": []}, 400, "articles"),
        ("split", {"event": 1, "articles": ["not-in-it"]}, 400, "is not in event"),
        ("merge", {"story": 1, "other": 1}, 400, "same story"),
        ("merge", {"story": 1, "other": 99}, 404, "no story with id 99"),
        ("lock", {"story": 0}, 400, "story"),
        ("lock", {"story": "one"}, 400, "story"),
        ("lock", {}, 400, "story"),
    ],
)
def test_bad_corrections_are_json_errors(client, kind, body, status, message):
    sent = json.dumps(body)  # ASCII escapes: a lone surrogate travels as \\ud800
    answer = client.post(
        f"/api/corrections/{kind}", content=sent, headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == status, answer.text
    assert message in answer.json()["error"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("content", "kind"),
    [(b"{oops", "application/json"), (b"story=1", "application/x-www-form-urlencoded"),
     (b"\xff\xfe", "application/json"), (b"[1, 2]", "application/json"),
     (b'{"story": 1}', "text/plain")],  # what a cross-site form could send: refused
)  # fmt: skip
def test_bodies_that_are_not_json_objects_are_400(client, content, kind):
    answer = client.post("/api/corrections/lock", content=content, headers={"Content-Type": kind})
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"]
