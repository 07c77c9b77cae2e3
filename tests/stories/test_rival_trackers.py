"""Two trackers in two connections to one PostgreSQL database (as two `tidings ingest`
processes have): the second one's index was built before the first placed anything, yet
it puts the Arabic report of the Moscow talks into the Turkish one's event, because it
refreshes its index inside the write lock. A stale index would open a second event."""

from __future__ import annotations

import pytest

import tidings
from tests.stories.conftest import by_seed
from tidings.store import open_store
from tidings.stories import StoryTracker

pytestmark = pytest.mark.slow


def _place(tracker: StoryTracker, article) -> tuple[int, bool]:
    with tracker.store.transaction():
        tracker.store.add([article])
        placed = tracker.update([article])[0]
    return placed.event_id, placed.new_event


def test_second_tracker_sees_the_first_ones_event(seeded_db, pg_url):
    with tidings.open(str(seeded_db)) as app:
        ids = by_seed(app)
        turkish, arabic = app.article(ids["001"]), app.article(ids["003"])
        scorer = app.tracker().setup().scorer_
    with open_store(pg_url) as first_store, open_store(pg_url) as second_store:
        first = StoryTracker(first_store, scorer).setup()
        second = StoryTracker(second_store, scorer).setup()  # empty index, built now
        event, new = _place(first, turkish)
        assert new
        joined, new = _place(second, arabic)
        assert (joined, new) == (event, False)
        assert len(list(second_store.live_events())) == 1
