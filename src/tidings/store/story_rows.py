"""Value types the story tracker reads from and writes to a store.

Times are ISO 8601 text (they sort as text); a day that is not known is None here
and stored as '' (the columns predate unknown days and are NOT NULL; '' sorts first).
Vectors are float32 numpy arrays.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import numpy as np

from tidings.model import Article, Entity, Place


@dataclass
class EventRow:
    """One event as stored: where it lies in time and the sum of its members' vectors."""

    id: int
    story_id: int
    first: str | None  # the members' known days; None: date unknown
    last: str | None
    dated: bool
    size: int
    vector_sum: np.ndarray = field(repr=False)

    @property
    def centroid(self) -> np.ndarray:
        norm = float(np.linalg.norm(self.vector_sum))
        return (self.vector_sum / norm if norm > 0 else self.vector_sum).astype(np.float32)


@dataclass
class StoryRow:
    id: int
    first: str | None  # None: no member's day is known
    last: str | None
    size: int


@dataclass(frozen=True)
class PlacementRow:
    """Where one article was placed: its event, its fit to the event and its time."""

    article_id: str
    event_id: int
    fit: float
    at: str | None  # the article's known day; None: date unknown
    dated: bool


@dataclass(frozen=True)
class MergeRow:
    kind: str  # "event" | "story"
    from_id: int
    into_id: int
    at: str
    evidence: dict[str, Any]


@dataclass(frozen=True)
class StoryFilter:
    """Which stories a listing wants; every field narrows it, None keeps all."""

    lang: str | None = None
    since: str | None = None  # ISO date or time: stories whose last time is on or after
    until: str | None = None  # stories whose first time is on or before
    entity: str | None = None  # entity key some member article names
    place: str | None = None  # place id ("country:LY", "geonames:…") or country code
    limit: int | None = None
    offset: int = 0


def day_column(day: str | None) -> str:
    """A day as stored: '' for unknown."""
    return day or ""


def day_of(column: str | None, dated: bool = True) -> str | None:
    """A stored day: None for '' (or a row not dated: an older store kept ingest days)."""
    return column if column and dated else None


def event_from_row(row: tuple, vector: np.ndarray) -> EventRow:
    """An event from (id, story_id, first, last, dated, size, …) as both stores select it."""
    eid, story, first, last, dated, size = row[:6]
    return EventRow(
        eid, story, day_of(first, dated), day_of(last, dated), bool(dated), size, vector
    )


def brief_from_row(row: tuple, vector: np.ndarray | None) -> Article:
    """An article without its text from (id, source, lang, title, published, ingested,
    entities, places, event_date), as both stores select it for `briefs`."""
    aid, source, lang, title, published, ingested, entities, places, event_date = row[:9]
    return Article(
        id=aid,
        source=source,
        raw="",
        text="",
        lang=lang,
        title=title,
        published=datetime.fromisoformat(published) if published else None,
        ingested=datetime.fromisoformat(ingested),
        entities=[Entity(**e) for e in json.loads(entities)],
        places=[Place(**p) for p in json.loads(places)],
        event_date=date.fromisoformat(event_date) if event_date else None,
        embeddings={"body": vector} if vector is not None else {},
    )


def end_of(moment: str) -> str:
    """A bare date as an upper bound includes that whole day."""
    return moment + "T99" if len(moment) == 10 else moment
