"""Articles as flat rows and back, for the SQL stores.

Lists of value objects (entities, places, dates, boilerplate lines) are stored
as JSON text; times as ISO 8601 text, so that they sort and compare as text.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

import numpy as np

from tidings.model import Article, DateMention, Entity, Place

COLUMNS = (
    "id", "content_key", "source", "url", "lang", "title", "body", "boilerplate", "raw", "text",
    "published", "ingested", "entities", "places", "dates", "event_date",
    "event_date_estimated", "extras",
)  # fmt: skip


def to_row(article: Article, content_key: str) -> tuple[Any, ...]:
    return (
        article.id,
        content_key,
        article.source,
        article.url,
        article.lang,
        article.title,
        article.body,
        _json(article.boilerplate),
        article.raw,
        None if article.text == article.raw else article.text,  # plain text: stored once
        _iso(article.published),
        _iso(article.ingested),
        _json([asdict(e) for e in article.entities]),
        _json([asdict(p) for p in article.places]),
        _json([asdict(d) for d in article.dates]),
        _iso(article.event_date),
        int(article.event_date_estimated),
        _json(article.extras),
    )


def from_row(row: tuple[Any, ...]) -> Article:
    values = dict(zip(COLUMNS, row, strict=True))
    return Article(
        id=values["id"],
        source=values["source"],
        url=values["url"],
        lang=values["lang"],
        title=values["title"],
        body=values["body"],
        boilerplate=json.loads(values["boilerplate"]),
        raw=values["raw"],
        text=values["raw"] if values["text"] is None else values["text"],
        published=_datetime(values["published"]),
        ingested=_datetime(values["ingested"]),
        entities=[Entity(**e) for e in json.loads(values["entities"])],
        places=[Place(**p) for p in json.loads(values["places"])],
        dates=[DateMention(**d) for d in json.loads(values["dates"])],
        event_date=date.fromisoformat(values["event_date"]) if values["event_date"] else None,
        event_date_estimated=bool(values["event_date_estimated"]),
        extras=json.loads(values["extras"]),
    )


def key_rows(article: Article) -> list[tuple[str, str, str, int]]:
    """(article id, kind, key, mentions) for the index of entity, place and country keys."""
    rows = {("entity", e.key): e.mentions for e in article.entities}
    for place in article.places:
        rows[("place", place.id)] = rows.get(("place", place.id), 0) + place.mentions
        country = ("country", place.country)
        rows[country] = rows.get(country, 0) + place.mentions
    return [(article.id, kind, key, n) for (kind, key), n in rows.items()]


def vector_from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<f4").astype(np.float32)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _iso(moment: date | None) -> str | None:
    return moment.isoformat() if moment else None


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
