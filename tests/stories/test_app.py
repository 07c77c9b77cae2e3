"""The facade's story methods and the summaries, on the seeded database."""

from __future__ import annotations

import numpy as np
import pytest

import tidings
from tests.stories.conftest import by_seed
from tidings.stories import EventSummary, StorySummary

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def app(seeded_db):
    with tidings.open(str(seeded_db)) as app:
        yield app


def test_stories_are_listed_newest_first_and_filtered(app):
    stories = app.stories()
    assert stories and all(isinstance(s, StorySummary) for s in stories)
    lasts = [s.last or "" for s in stories]  # the seeds give no year: no story has a day
    assert lasts == sorted(lasts, reverse=True)
    placed = sorted(i for s in stories for i in s.article_ids)
    assert placed == sorted(a.id for a in app.articles())  # every article in one story
    assert all("tr" in s.languages for s in app.stories(lang="tr"))
    assert all(any(e["key"] == "hftr" for e in s.entities) for s in app.stories(entity="hftr"))
    assert app.stories(since="2999-01-01") == []
    assert len(app.stories(limit=1)) == 1
    assert app.stories(limit=1, offset=1) == stories[1:2]


def test_story_event_and_placement_agree(app):
    ids = by_seed(app)
    event_id, story_id = app.placement(ids["001"])
    story = app.story(story_id)
    event = app.event(event_id)
    assert isinstance(event, EventSummary) and event.id in story.event_ids
    assert {ids["001"], ids["003"]} <= set(event.article_ids)
    assert set(event.article_ids) <= set(story.article_ids)
    assert {"tr", "ar"} <= set(event.languages)
    assert sum(event.languages.values()) == event.size
    # undated texts ("8 Ocak", no year): no day is shown, not the ingest day nor a guess
    assert (event.first, event.last, story.first, story.last) == (None, None, None, None)
    assert story.span_days is None
    assert [e.id for e in story.events] == story.event_ids
    assert app.story(10**6) is None and app.event(10**6) is None
    assert app.placement("no-such-article") is None


def test_title_is_the_headline_closest_to_the_centroid(app):
    story = app.stories()[0]
    briefs = app.store.briefs(story.article_ids)
    vectors = {i: b.embeddings["body"] for i, b in briefs.items()}
    centroid = np.mean(list(vectors.values()), axis=0)
    best = max(vectors, key=lambda i: float(vectors[i] @ centroid))
    assert story.title == briefs[best].title
    assert set(story.titles) == {b.lang for b in briefs.values()}
    assert all(r["day"] is None for r in story.timeline)  # date unknown
    assert sum(r["count"] for r in story.timeline) == len(story.article_ids)
