"""Rows for export: articles, stories, a story, an article, a comparison, as flat records.

The CLI's `--format jsonl|csv` and the HTTP downloads (`/api/export/…`) write the same
records, so a file made either way reads alike. JSON Lines keep nested values (lists,
objects); CSV cells hold one value each: lists are joined with "; " and a value the data
does not give (an unknown day) is an empty cell, never a made-up one.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # types only: the CLI imports this module before any model loads
    from tidings.compare import Comparison
    from tidings.model import Article
    from tidings.stories import StorySummary

# How many of a story's entities and places its row names.
TOP = 5
# Joins a list into one CSV cell.
LIST_JOIN = "; "
# What makes a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

ARTICLE_COLUMNS = ("id", "lang", "published", "title", "source", "url", "event_id", "story_id")
STORY_COLUMNS = ("id", "title", "first", "last", "span_days", "languages", "size", "events",
                 "entities", "places")  # fmt: skip
STORY_ARTICLE_COLUMNS = ("story_id", "event_id", "id", "lang", "published", "title", "url")
SHOW_COLUMNS = ("id", "lang", "published", "event_date", "title", "source", "url",
                "entities", "places", "dates", "body")  # fmt: skip


class Format(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


def article_row(article: Article, where: tuple[int, int] | None = None) -> dict[str, Any]:
    """An article as a listing exports it: no text; its event and story if placed."""
    event_id, story_id = where or (None, None)
    return {
        "id": article.id,
        "lang": article.lang,
        "published": article.published.isoformat() if article.published else None,
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "event_id": event_id,
        "story_id": story_id,
    }


def story_row(story: StorySummary) -> dict[str, Any]:
    """A story's row: its title, days (None: unknown), languages and sizes, and the entities
    and places most of its articles name (`TOP`)."""
    return {
        "id": story.id,
        "title": story.title,
        "first": story.first,
        "last": story.last,
        "span_days": story.span_days,
        "languages": dict(story.languages),
        "size": story.size,
        "events": len(story.event_ids),
        "entities": [_named(e, "key") for e in story.entities[:TOP]],
        "places": [_named(p, "id") for p in story.places[:TOP]],
    }


def _named(item: dict[str, Any], key: str) -> dict[str, Any]:
    return {key: item[key], "name": item["name"], "articles": item["count"]}


def story_articles(story: StorySummary, briefs: dict[str, Article]) -> Iterator[dict[str, Any]]:
    """One row an article of the story, event by event, with its headline and day."""
    for event in story.events:
        for article_id in event.article_ids:
            brief = briefs.get(article_id)
            published = brief.published if brief else None
            yield {
                "story_id": story.id,
                "event_id": event.id,
                "id": article_id,
                "lang": brief.lang if brief else None,
                "published": published.isoformat() if published else None,
                "title": brief.title if brief else None,
                "url": brief.url if brief else None,
            }


def article_record(article: Article) -> dict[str, Any]:
    """One article with its analysis, as `show` exports it (no raw input, no plain text)."""
    record = article.to_dict()
    record.pop("text", None)
    return record


def show_row(article: Article) -> dict[str, Any]:
    """`article_record` flattened to one CSV row: names with their keys, dates as found."""
    return {
        "id": article.id,
        "lang": article.lang,
        "published": article.published.isoformat() if article.published else None,
        "event_date": article.event_date.isoformat() if article.event_date else None,
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "entities": [f"{e.name} [{e.key}]" for e in article.entities],
        "places": [f"{p.name} [{p.id}]" for p in article.places],
        "dates": [f"{d.text} = {d.shown}" for d in article.dates],
        "body": article.body,
    }


def comparison_row(comparison: Comparison) -> dict[str, Any]:
    """The two ids and the seven scores, one column each (CSV); reasons in JSON Lines."""
    return {"a": comparison.a, "b": comparison.b, **comparison.scores}


def jsonl_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"


def csv_lines(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> Iterator[str]:
    """A header, then one line a row, quoted by the csv module wherever a cell needs it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(columns)
    yield flush()
    for row in rows:
        writer.writerow([csv_cell(row.get(column)) for column in columns])
        yield flush()


def csv_cell(value: Any) -> str:
    """One value as CSV text: unknown is empty; lists joined; a language count as `ar:3`;
    a named item (an entity, a place) by its name and key. Text that a spreadsheet would
    run as a formula (a scraped title "=HYPERLINK(…)") gets a leading apostrophe, as OWASP
    advises for CSV injection; numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dict):
        text = LIST_JOIN.join(f"{k}:{v}" for k, v in value.items())
    elif isinstance(value, list | tuple):
        text = LIST_JOIN.join(_item_text(v) for v in value)
    else:
        text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _item_text(value: Any) -> str:
    if isinstance(value, dict) and "name" in value:
        key = value.get("key") or value.get("id")
        return f"{value['name']} [{key}]" if key else str(value["name"])
    return str(value)


def lines(rows: Iterable[dict[str, Any]], output: Format, columns: Sequence[str]) -> Iterator[str]:
    """The rows as JSON Lines or CSV text."""
    if output is Format.csv:
        return csv_lines(rows, columns)
    return jsonl_lines(rows)


def found_articles(tidings: Any, query: Any, limit: int | None) -> Iterator[Article]:
    """The articles an `ArticleQuery` finds, a page at a time, `limit` at most (None: all)."""
    from dataclasses import replace

    from tidings.explore.query import MAX_LIMIT

    offset, left = query.offset, limit
    while left is None or left > 0:
        size = MAX_LIMIT if left is None else min(MAX_LIMIT, left)
        page = tidings.find(replace(query, limit=size, offset=offset))
        for hit in page.items:
            yield hit.article
        offset += len(page.items)
        left = None if left is None else left - len(page.items)
        if len(page.items) < size or page.next_offset is None:
            return
