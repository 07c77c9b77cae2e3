"""An article's day and the time windows the tracker uses: never the ingest time."""

from __future__ import annotations

from datetime import UTC, date, datetime

import numpy as np

from tidings.model import Article, DateMention
from tidings.store.story_rows import EventRow
from tidings.stories.timing import DateRules, When, article_day, extend, gap, within


def _event(first: str | None, last: str | None) -> EventRow:
    return EventRow(1, 1, first, last, first is not None, 1, np.zeros(2, np.float32))


def test_day_is_published_else_a_stated_event_day_else_unknown():
    base = Article(id="a", source="a", raw="x", text="x",
                   ingested=datetime(2026, 12, 1, 15, tzinfo=UTC))  # fmt: skip
    assert article_day(base) == When(None)  # the ingest day is never the article's day
    base.event_date, base.event_date_estimated = date(2026, 1, 12), True
    base.dates = [DateMention("12 يناير", "2026-01-12", year_known=False)]
    assert article_day(base) == When(None)  # a guessed year (an older store) is no day
    base.dates = [DateMention("12 يناير 2026", "2026-01-12")]  # the text gave the year
    assert article_day(base) == When("2026-01-12", firm=False)
    base.published = datetime(2020, 1, 13, 9, tzinfo=UTC)
    assert article_day(base) == When("2020-01-13", firm=True)


def test_window_around_the_events_days():
    event = _event("2020-01-08", "2020-01-12")
    assert gap(event.first, event.last, When("2020-01-10")) == 0
    assert within(event, When("2020-01-19"), 7)
    assert not within(event, When("2020-01-20"), 7)
    assert not within(event, When("2021-01-10"), 7)
    # unknown days are never held apart
    assert within(event, When(None), 7) and within(_event(None, None), When("2020-01-20"), 7)


def test_unknown_days_do_not_move_an_event():
    event = _event(None, None)
    extend(event, None)
    assert (event.first, event.last, event.dated) == (None, None, False)
    extend(event, "2020-01-13")  # the first known day sets the days
    assert (event.first, event.last, event.dated) == ("2020-01-13", "2020-01-13", True)
    extend(event, None)
    assert (event.first, event.last) == ("2020-01-13", "2020-01-13")
    extend(event, "2020-01-15")
    assert event.last == "2020-01-15"


def test_only_firm_days_hold_apart_by_default():
    rules = DateRules()
    assert rules.holds_apart(When("2020-01-13", firm=True))
    assert not rules.holds_apart(When("2020-01-13", firm=False))
    assert DateRules(text_window=True).holds_apart(When("2020-01-13"))
