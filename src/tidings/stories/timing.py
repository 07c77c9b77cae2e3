"""When an article happened, for the tracker's time windows.

The time is the publication day, else the event date the analysis found, else
the ingest day. Only the first two are *dated*: an ingest day says when we read
the article, not when the thing it reports happened, so story links (weeks)
ignore the window for undated articles and events, while event placement
(days) still keeps them near their ingest day: a stream's articles mostly
report what happened just before they arrived.
"""

from __future__ import annotations

from datetime import date, timedelta

from tidings.model import Article
from tidings.store.story_rows import EventRow


def article_day(article: Article) -> tuple[str, bool]:
    """(ISO day, dated) of an article."""
    if article.published is not None:
        return article.published.date().isoformat(), True
    if article.event_date is not None:
        return article.event_date.isoformat(), True
    return article.ingested.date().isoformat(), False


def within(event: EventRow, day: str, days: int) -> bool:
    """Whether `day` lies within `days` of the event's first..last days."""
    moment = date.fromisoformat(day)
    first, last = date.fromisoformat(event.first), date.fromisoformat(event.last)
    return first - timedelta(days=days) <= moment <= last + timedelta(days=days)


def extend(event: EventRow, day: str, dated: bool) -> None:
    """Widen the event's days to cover a new member. Undated members do not move a
    dated event's days; the first dated member replaces an undated event's days."""
    if dated and not event.dated:
        event.first, event.last, event.dated = day, day, True
    elif dated or not event.dated:
        event.first, event.last = min(event.first, day), max(event.last, day)
