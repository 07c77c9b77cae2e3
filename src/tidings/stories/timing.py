"""When an article happened, for the tracker's time windows.

The time is the publication day, else the event date the analysis found, else
the ingest day. Only the first two are *dated*: an ingest day says when we read
the article, not when the thing it reports happened, so story links (weeks)
ignore the window for undated articles and events, while event placement
(days) still keeps them near their ingest day: a stream's articles mostly
report what happened just before they arrived.

An event date from yearless mentions ("8 Ocak" in an undated text) has a guessed
year (`year_known` False on its mentions, `When.any_year` here): its windows are
the same days of any year, and it moves an event's days only where the guess
agrees with them. A year the text gives is compared as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tidings.model import Article
from tidings.store.story_rows import EventRow


@dataclass(frozen=True)
class When:
    day: str  # ISO day
    dated: bool  # from the publication or the text, not the ingest time
    any_year: bool = False  # the year is a guess (dates the text gives without one)


def article_day(article: Article) -> When:
    """When an article happened, as far as it says."""
    if article.published is not None:
        return When(article.published.date().isoformat(), True)
    if article.event_date is not None:
        day = article.event_date.isoformat()
        guessed = article.event_date_estimated and not any(
            m.year_known for m in article.dates if m.date == day
        )
        return When(day, True, guessed)
    return When(article.ingested.date().isoformat(), False)


def within(event: EventRow, when: When, days: int, *, exact: bool = False) -> bool:
    """Whether the day lies within `days` of the event's first..last days; for a
    day whose year is a guess (unless `exact`), of the same days in any year."""
    moment = date.fromisoformat(when.day)
    first, last = date.fromisoformat(event.first), date.fromisoformat(event.last)
    if exact or not when.any_year:
        return first - timedelta(days=days) <= moment <= last + timedelta(days=days)
    span = (last - first).days + 2 * days
    if span >= 365:
        return True
    start = (first - timedelta(days=days)).timetuple().tm_yday
    offset = (moment.timetuple().tm_yday - start) % 365
    return offset <= span


def extend(event: EventRow, day: str, dated: bool) -> None:
    """Widen the event's days to cover a new member. Undated members do not move a
    dated event's days; the first dated member replaces an undated event's days."""
    if dated and not event.dated:
        event.first, event.last, event.dated = day, day, True
    elif dated or not event.dated:
        event.first, event.last = min(event.first, day), max(event.last, day)
