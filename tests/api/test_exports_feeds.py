"""Downloads of a listing's filter (CSV, JSON Lines) and Atom feeds, from a real server on
loopback with the seeds uploaded; a feed parsed with feedparser gains an entry when a new
article joins its story."""

from __future__ import annotations

import csv
import io
import json

import feedparser
import pytest

from tests.api.conftest import AUTH
from tests.conftest import seed_file

pytestmark = pytest.mark.slow


def _biggest_story(client) -> dict:
    stories = client.get("/api/stories", params={"limit": 50}).json()["items"]
    return max(stories, key=lambda s: len(s["article_ids"]))


def test_articles_and_stories_download_for_their_filter(own_server):
    with own_server.client() as client:
        answer = client.get("/api/export/articles.csv", params={"place": "US"})
        assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
        assert "attachment" in answer.headers["content-disposition"]
        rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8"))))
        listed = client.get("/api/articles", params={"place": "US", "limit": 200}).json()
        assert sorted(r["id"] for r in rows) == sorted(a["id"] for a in listed["items"])
        assert {r["title"] for r in rows} == {a["title"] for a in listed["items"]}
        everything = client.get("/api/export/articles.jsonl").text.splitlines()
        assert len(everything) == client.get("/api/articles").json()["total"] > len(rows)
        stories = client.get("/api/export/stories.jsonl", params={"lang": "ar"}).text
        records = [json.loads(line) for line in stories.splitlines()]
        assert records and all("ar" in r["languages"] for r in records)
        assert all(r["first"] is None for r in records)  # the seeds give no day
        story = _biggest_story(client)
        members = client.get(f"/api/export/stories/{story['id']}.csv").content.decode()
        assert sorted(r["id"] for r in csv.DictReader(io.StringIO(members))) == sorted(
            story["article_ids"]
        )
        assert client.get("/api/export/articles.xlsx").status_code == 404
        assert client.get("/api/export/stories/999999.csv").status_code == 404


def test_pages_link_their_downloads_and_announce_their_feed(own_server):
    with own_server.client() as client:
        page = client.get("/", params={"place": "LY"}).text
        assert 'href="/api/export/stories.csv?place=LY"' in page
        assert 'href="/api/export/stories.jsonl?place=LY"' in page
        assert (
            '<link rel="alternate" type="application/atom+xml" title="Articles of this filter" '
            'href="/feeds/articles.atom?place=LY">' in page
        )
        listing = client.get("/articles", params={"entity": "hftr"}).text
        assert 'href="/api/export/articles.csv?entity=hftr"' in listing
        assert 'type="application/atom+xml"' in listing
        story = _biggest_story(client)
        story_page = client.get(f"/stories/{story['id']}").text
        assert f'href="/feeds/stories/{story["id"]}.atom"' in story_page


def test_feeds_parse_and_a_story_feed_gains_an_article_that_joins(own_server):
    with own_server.client() as client:
        for params in ({"q": "Moskova"}, {"entity": "hftr"}, {"place": "country:LY"}):
            feed = feedparser.parse(client.get("/feeds/articles.atom", params=params).content)
            assert not feed.bozo, feed.bozo_exception
            assert feed.entries and all(e.id.startswith("tag:tidings,2026:") for e in feed.entries)
            assert all(e.updated_parsed for e in feed.entries)
        story = _biggest_story(client)
        url = f"/feeds/stories/{story['id']}.atom"
        before = feedparser.parse(client.get(url).content)
        assert not before.bozo and len(before.entries) == len(story["article_ids"])
        again = feedparser.parse(client.get(url).content)
        assert [e.id for e in again.entries] == [e.id for e in before.entries]  # stable ids
        text = seed_file("003").read_text(encoding="utf-8").replace("الاثنين", "الثلاثاء")
        record = {"id": "follow-up-1", "title": "انتهاء مفاوضات موسكو حول ليبيا", "text": text}
        sent = client.post("/api/articles", json=[record], headers=AUTH)
        assert sent.status_code == 200 and sent.json()["new"] == 1, sent.text
        placed = client.get("/api/articles/follow-up-1", params={"similar": 0}).json()
        assert placed["story_id"] == story["id"]
        after = feedparser.parse(client.get(url).content)
        new = {e.id for e in after.entries} - {e.id for e in before.entries}
        assert new == {"tag:tidings,2026:article/follow-up-1"}
        assert after.feed.updated_parsed >= before.feed.updated_parsed
