"""JSON shapes: a story in a listing is its summary without its events."""

from __future__ import annotations

from dataclasses import asdict

from tidings.api import render
from tidings.stories import EventSummary, StorySummary


def _facts(**fields) -> dict:
    return {"title": "Başlık", "titles": {"tr": "Başlık"}, "languages": {"tr": 2},
            "first": "2020-01-13", "last": "2020-01-14",
            "entities": [{"key": "hftr", "name": "Hafter", "count": 2}],
            "places": [{"id": "country:LY", "name": "Libya", "country": "LY", "count": 1}],
            "article_ids": ["a", "b"],
            "timeline": [{"day": "2020-01-13", "lang": "tr", "count": 2}], **fields}  # fmt: skip


def test_story_summary_is_the_whole_summary_but_its_events():
    event = EventSummary(id=7, **_facts())
    story = StorySummary(id=3, event_ids=[7], events=[event], **_facts())
    expected = asdict(story)
    del expected["events"]
    assert render.story_summary(story) == expected
    assert "events" in render.jsonable(story)  # one story's page keeps them
