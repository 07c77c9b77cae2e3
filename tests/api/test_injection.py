"""SQL and full-text query syntax in every parameter is taken as a value: no error,
no extra rows, nothing changed in the store."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow  # the shared live server

PAYLOADS = (
    "' OR '1'='1",
    "x' OR 1=1 --",
    '"; DROP TABLE articles; --',
    "1) UNION SELECT id, id, id FROM articles --",
    "NEAR(libya turkey)",
    "title: libya OR body: *",
    '"unbalanced',
)


@pytest.fixture(scope="module")
def client(live_server):
    with live_server.client() as client:
        yield client


def _total(client) -> int:
    return client.get("/api/articles", params={"limit": 1}).json()["total"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_filters_take_payloads_as_values(client, payload):
    before = _total(client)
    answer = client.get("/api/articles", params={"lang": payload})
    assert answer.status_code == 200, answer.text
    assert answer.json()["total"] == 0  # no article has such a value
    for name in ("entity", "place"):  # names: none is known as such a value
        answer = client.get("/api/articles", params={name: payload})
        assert answer.status_code == 400, (name, answer.text)
        assert "known as" in answer.json()["error"] or "may be any of" in answer.json()["error"]
    search = client.get("/api/articles", params={"q": payload})
    assert search.status_code in (200, 400), search.text
    if search.status_code == 400:
        assert "error" in search.json()
    assert client.get(f"/api/articles/{payload}").status_code == 404
    compare = client.get("/api/compare", params={"a": payload, "b": payload})
    assert compare.status_code == 404
    assert client.get("/articles", params={"q": payload, "lang": payload}).status_code in (200, 400)
    assert _total(client) == before  # nothing dropped, nothing added
