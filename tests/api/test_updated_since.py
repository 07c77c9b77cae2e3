"""`updated_since` cursors on /api/articles and /api/stories, over a real server with the
seeds: a client that polls with the last cursor sees each new article once, the story it
joins, a lock (a correction that changes no row of the story), and a merge (the merged
story under `gone`, with where it went)."""

from __future__ import annotations

import json

import feedparser
import pytest

from tests.api.conftest import AUTH
from tests.conftest import DATA, seed_file

pytestmark = pytest.mark.slow


def _poll(client, path: str, cursor: str, **params) -> tuple[list[dict], list[dict], str]:
    """Every change after `cursor`, a page at a time; the cursor to poll with next."""
    items, gone = [], []
    for _ in range(100):  # bounded: a page a request
        answer = client.get(path, params={"updated_since": cursor, **params})
        assert answer.status_code == 200, answer.text
        page = answer.json()
        items += page["items"]
        gone += page.get("gone", [])
        cursor = page["cursor"]
        if not page["more"]:
            return items, gone, cursor
    raise AssertionError("the cursor never reached the end")


def test_polling_articles_pages_through_each_once(own_server):
    with own_server.client() as client:
        total = client.get("/api/articles").json()["total"]
        items, _, cursor = _poll(client, "/api/articles", "2000-01-01", limit=2)
        ids = [a["id"] for a in items]
        assert len(ids) == len(set(ids)) == total
        assert [a["stored"] for a in items] == sorted(a["stored"] for a in items)
        assert _poll(client, "/api/articles", cursor)[0] == []
        arabic, _, _ = _poll(client, "/api/articles", "2000-01-01", lang="ar")
        assert arabic and {a["lang"] for a in arabic} == {"ar"} and len(arabic) < total
        assert client.get("/api/articles", params={"updated_since": "yesterday"}).status_code == 400
        # The cursor names the last article and its place in the storing order; an older
        # version's cursor (time~id) still works, repeating rather than skipping.
        assert cursor.startswith(f"{items[-1]['stored']}~{ids[-1]}@")
        older = f"{items[1]['stored']}~{ids[1]}"
        again = [a["id"] for a in _poll(client, "/api/articles", older)[0]]
        assert set(ids[2:]) <= set(again)  # the seeds were read in one second: all again


def test_polling_stories_sees_a_join_a_lock_and_a_merge(own_server):
    with own_server.client() as client:
        stories, gone, cursor = _poll(client, "/api/stories", "2000-01-01T00:00:00Z", limit=3)
        listed = client.get("/api/stories", params={"limit": 200}).json()["items"]
        assert sorted(s["id"] for s in stories) == sorted(s["id"] for s in listed)
        assert gone == [] and all(s["updated"] for s in stories)
        assert _poll(client, "/api/stories", cursor)[:2] == ([], [])
        article_cursor = _poll(client, "/api/articles", "2000-01-01")[2]

        biggest = max(listed, key=lambda s: len(s["article_ids"]))
        text = seed_file("003").read_text(encoding="utf-8").replace("الاثنين", "الأربعاء")
        record = {"id": "poll-1", "title": "مفاوضات موسكو حول ليبيا", "text": text}
        assert client.post("/api/articles", json=[record], headers=AUTH).json()["new"] == 1
        new_articles, _, article_cursor = _poll(client, "/api/articles", article_cursor)
        assert [a["id"] for a in new_articles] == ["poll-1"]
        joined, _, cursor = _poll(client, "/api/stories", cursor)
        assert biggest["id"] in {s["id"] for s in joined}
        assert "poll-1" in next(s for s in joined if s["id"] == biggest["id"])["article_ids"]

        assert client.post("/api/corrections/lock", json={"story": biggest["id"]},
                           headers=AUTH).status_code == 200  # fmt: skip
        locked, _, cursor = _poll(client, "/api/stories", cursor)
        assert [s["id"] for s in locked] == [biggest["id"]]

        with (DATA / "ttc3600-tr-news.jsonl").open(encoding="utf-8") as lines:
            sport = json.loads(next(lines))  # nothing to do with Libya: a story of its own
        sent = client.post("/api/articles", json=[{"id": "poll-2", "text": sport["text"]}],
                           headers=AUTH).json()  # fmt: skip
        assert sent["new"] == 1 and sent["new_stories"] == 1
        made, _, cursor = _poll(client, "/api/stories", cursor)
        [other] = [s["id"] for s in made]
        merged = client.post("/api/corrections/merge",
                             json={"story": biggest["id"], "other": other}, headers=AUTH)  # fmt: skip
        assert merged.status_code == 200, merged.text
        into = merged.json()["correction"]["story_id"]
        away = other if into == biggest["id"] else biggest["id"]
        changed, gone, cursor = _poll(client, "/api/stories", cursor)
        assert into in {s["id"] for s in changed}
        assert {"id": away, "merged_into": into} == {k: gone[0][k] for k in ("id", "merged_into")}
        assert _poll(client, "/api/stories", cursor)[:2] == ([], [])
        feed = feedparser.parse(client.get(f"/feeds/stories/{away}.atom").content)
        assert f"story {away} was merged into it" in feed.feed.title
        assert feed.feed.title.startswith(f"tidings story {into} ")
