"""The issue's facts on the seeds: the Moscow talks of 13 January 2020 (001 Turkish,
003 Arabic) are one event; 000 joins their story; 004 (June 2020) is another event."""

from __future__ import annotations

import pytest

import tidings
from tests.stories.conftest import by_seed

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def placed(seeded_db):
    with tidings.open(str(seeded_db)) as app:
        ids = by_seed(app)
        yield app, ids, {seed: app.placement(aid) for seed, aid in ids.items()}


def test_every_seed_is_placed(placed):
    _, ids, where = placed
    assert sorted(ids) == ["000", "001", "002", "003", "004"]
    assert all(where[seed] is not None for seed in ids)


def test_moscow_talks_turkish_and_arabic_are_one_event(placed):
    _, _, where = placed
    assert where["001"][0] == where["003"][0]


def test_000_joins_their_story(placed):
    _, _, where = placed
    assert where["000"][1] == where["001"][1]


def test_june_article_is_not_in_their_event(placed):
    _, _, where = placed
    assert where["004"][0] != where["001"][0]


def test_story_of_the_talks_through_the_python_api(placed):
    app, ids, where = placed
    story = next(s for s in app.stories() if s.id == where["001"][1])
    assert {ids["000"], ids["001"], ids["003"]} <= set(story.article_ids)
    assert set(story.languages) == {"tr", "ar"}
    assert set(story.titles) == {"tr", "ar"} and story.title in story.titles.values()
    assert where["001"][0] in story.event_ids
    assert "hftr" in {e["key"] for e in story.entities}  # Haftar, in both languages
    assert "country:LY" in {p["id"] for p in story.places}
    assert sum(row["count"] for row in story.timeline) == len(story.article_ids)
