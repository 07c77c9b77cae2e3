"""Records a client can send that the stores cannot hold (issue 13, D3/D3b): never a
500; the bad record fails alone, named, and the others of the request are stored."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.slow  # the shared live server

TEXT = "Fishing boats returned to the harbour of Misrata on Wednesday, officials said."


def _post_json(client, body: str):
    return client.post(
        "/api/articles", content=body.encode(), headers={"Content-Type": "application/json"}
    )


@pytest.mark.parametrize("field", ["id", "title", "url", "source", "text", "extra"])
def test_a_surrogate_in_a_json_body_fails_its_record_alone(live_server, field):
    good = {"id": f"sur-ok-{field}", "text": f"{TEXT} ({field})"}
    bad = {"id": f"sur-bad-{field}", "text": f"{TEXT} Bad {field}.", field: "x\udc00"}
    with live_server.client() as client:
        answer = _post_json(client, json.dumps([bad, good]))  # \udc00 as a JSON escape
        assert answer.status_code == 200, answer.text
        result = answer.json()
        assert result["new_ids"] == [good["id"]]
        [failure] = result["failures"]
        assert failure.startswith("request.jsonl:1: field ") and "lone surrogate" in failure
        assert client.get(f"/api/articles/{good['id']}").status_code == 200


def test_a_body_of_only_bad_records_is_a_400_not_a_500(live_server):
    with live_server.client() as client:
        answer = _post_json(client, json.dumps({"articles": [{"id": "\udc00", "text": TEXT}]}))
    assert answer.status_code == 400 and "lone surrogate" in answer.json()["error"]


def test_a_multipart_upload_keeps_its_valid_records(live_server):
    lines = [
        json.dumps({"id": "up-1", "text": TEXT + " One."}),
        json.dumps({"id": "up-2", "url": "\udc00", "text": TEXT + " Two."}),
        json.dumps({"id": "up-3\u0000", "text": TEXT + " Three."}),
        json.dumps({"id": "up-4", "title": "Nul\u0000 title", "text": TEXT + " Four.\u0000"}),
    ]
    files = [("files", ("up.jsonl", "\n".join(lines).encode(), "application/json"))]
    with live_server.client() as client:
        result = client.post("/api/articles", files=files).json()
        stored = client.get("/api/articles/up-4", params={"similar": 0})
    assert result["new_ids"] == ["up-1", "up-4"]
    assert [f.split(": ")[0] for f in result["failures"]] == ["up.jsonl:2", "up.jsonl:3"]
    assert stored.json()["title"] == "Nul title" and "\\u0000" not in stored.text
