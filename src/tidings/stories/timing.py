"""When an article's event happened, as far as the article says, for the tracker's windows.

An article's day is its publication day (from the input, the page, or the
`--published` default: *firm*), else the event day its text states with the
year (`event_date` with a mentioned date whose year is known: DateFinder keeps
only a plausible one), else unknown (`day` None). The ingest time orders the
stream but is never an event's day: an article of unknown date is held apart
from nothing by time and moves no event's or story's days.

Days move an event's first..last only when they agree with it (within the
join window), so a member that joined on content alone never stretches it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tidings.model import Article
from tidings.store.story_rows import EventRow, StoryRow


@dataclass(frozen=True)
class When:
    day: str | None  # ISO day of the article's event; None: date unknown
    firm: bool = False  # from a publication date, not from the text alone

    @property
    def dated(self) -> bool:
        return self.day is not None


UNKNOWN = When(None)


def article_day(article: Article) -> When:
    """When an article happened, as far as it says."""
    if article.published is not None:
        return When(article.published.date().isoformat(), firm=True)
    if article.event_date is not None:
        day = article.event_date.isoformat()
        # An older store may hold an event date from a guessed year: never a day.
        if any(m.year_known for m in article.dates if m.date == day):
            return When(day)
    return UNKNOWN


def gap(first: str | None, last: str | None, when: When) -> int | None:
    """Days between `when` and the span first..last (0 inside it); None if either is unknown."""
    if when.day is None or first is None or last is None:
        return None
    moment = date.fromisoformat(when.day)
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return max((start - moment).days, (moment - end).days, 0)


def within(event: EventRow | StoryRow, when: When, days: int) -> bool:
    """Whether the day lies within `days` of the span; unknown days are never held apart."""
    apart = gap(event.first, event.last, when)
    return apart is None or apart <= days


def span_after(first: str | None, last: str | None, when: When) -> int:
    """The span in days that first..last would have with `when` added (0 if unknown)."""
    days = [d for d in (first, last, when.day) if d is not None]
    if not days:
        return 0
    return (date.fromisoformat(max(days)) - date.fromisoformat(min(days))).days


def extend(event: EventRow, day: str | None) -> None:
    """Widen the event's days to cover a member's known day."""
    if day is None:
        return
    if event.first is None or event.last is None:
        event.first, event.last, event.dated = day, day, True
    else:
        event.first, event.last = min(event.first, day), max(event.last, day)


@dataclass(frozen=True)
class DateRules:
    """Which date rules the tracker applies; `benchmarks/stories.py` measures each.

    `firm_window`: a publication day more than `event_days` from an event's days
    forbids the join. `text_window`: so does a day only the text states (off: such a
    day is doubtful and neither forbids a join nor stretches an event).
    `strict_undated`: an article or event of unknown date joins only at the strict
    `merge` score (off: at `join`, like any other). `story_span`: a story never
    grows past `max_story_days` from its members' known days.
    """

    firm_window: bool = True
    text_window: bool = False
    strict_undated: bool = False
    story_span: bool = True

    def holds_apart(self, when: When) -> bool:
        """Whether this article's day may hold it apart from a distant event."""
        return self.firm_window if when.firm else self.text_window
