"""An article's day and the time windows the tracker uses."""

from __future__ import annotations

from datetime import UTC, date, datetime

import numpy as np

from tidings.model import Article, DateMention
from tidings.store.story_rows import EventRow
from tidings.stories.timing import When, article_day, extend, within


def _event(first: str, last: str, dated: bool = True) -> EventRow:
    return EventRow(1, 1, first, last, dated, 1, np.zeros(2, np.float32))


def test_day_is_published_else_event_date_else_ingest_day():
    base = Article(id="a", source="a", raw="x", text="x",
                   ingested=datetime(2026, 12, 1, 15, tzinfo=UTC))  # fmt: skip
    assert article_day(base) == When("2026-12-01", False)
    base.event_date, base.event_date_estimated = date(2026, 1, 12), True
    base.dates = [DateMention("12 يناير", "2026-01-12", year_known=False)]
    assert article_day(base) == When("2026-01-12", True, any_year=True)
    base.dates = [DateMention("12 يناير 2026", "2026-01-12")]  # the text gave the year
    assert article_day(base) == When("2026-01-12", True)
    base.published = datetime(2020, 1, 13, 9, tzinfo=UTC)
    assert article_day(base) == When("2020-01-13", True)


def test_window_around_the_events_days():
    event = _event("2020-01-08", "2020-01-12")
    assert within(event, When("2020-01-19", True), 7)
    assert not within(event, When("2020-01-20", True), 7)
    assert not within(event, When("2021-01-10", True), 7)
    # a date the text gave without a year (guessed) matches the same days in any year
    assert within(event, When("2026-01-10", True, any_year=True), 7)
    assert not within(event, When("2026-01-10", True, any_year=True), 7, exact=True)
    assert within(_event("2019-12-30", "2019-12-30"), When("2026-01-03", True, True), 7)
    assert not within(event, When("2026-06-10", True, any_year=True), 7)


def test_undated_members_do_not_move_a_dated_event():
    event = _event("2026-12-01", "2026-12-01", dated=False)
    extend(event, "2020-01-13", True)  # the first dated member sets the days
    assert (event.first, event.last, event.dated) == ("2020-01-13", "2020-01-13", True)
    extend(event, "2026-12-01", False)
    assert (event.first, event.last) == ("2020-01-13", "2020-01-13")
    extend(event, "2020-01-15", True)
    assert event.last == "2020-01-15"
