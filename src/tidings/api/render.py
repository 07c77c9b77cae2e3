"""JSON shapes of what the facade returns: plain dicts, dates as ISO 8601."""

from __future__ import annotations

from dataclasses import asdict, fields, is_dataclass
from datetime import date
from typing import Any

from tidings.compare import Comparison
from tidings.explore import Hit, Page, Similar
from tidings.model import Article
from tidings.stories import StorySummary


def jsonable(value: Any) -> Any:
    """Dataclasses, dates, lists and dicts as JSON-ready values."""
    if is_dataclass(value) and not isinstance(value, type):
        return jsonable(asdict(value))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def article_summary(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "lang": article.lang,
        "title": article.title,
        "published": jsonable(article.published),
        "event_date": jsonable(article.event_date),
        "source": article.source,
        "url": article.url,
    }


def article_detail(article: Article) -> dict[str, Any]:
    """Everything but the raw input and the plain text before cleaning (large, and
    `body` plus `boilerplate` hold the same)."""
    record = article.to_dict()
    record.pop("text", None)
    return record


def hits_page(page: Page[Hit]) -> dict[str, Any]:
    items = [{**article_summary(h.article), "snippet": h.snippet} for h in page.items]
    return page_json(page, items)


def page_json(page: Page[Any], items: list[Any]) -> dict[str, Any]:
    """One page; `total` is null where counting everything would cost a full listing."""
    return {
        "total": page.total,
        "limit": page.limit,
        "offset": page.offset,
        "next_offset": page.next_offset,
        "items": items,
    }


def story_summary(story: StorySummary) -> dict[str, Any]:
    """A story without its events. Its fields are JSON values already (days as ISO text),
    so they are handed on as they are, not copied: a listing holds thousands of ids."""
    return {f.name: getattr(story, f.name) for f in fields(story) if f.name != "events"}


def similar_item(item: Similar) -> dict[str, Any]:
    scores = item.comparison.scores if item.comparison else None
    return {**article_summary(item.article), "cosine": item.cosine, "scores": scores}


def comparison(result: Comparison, a: Article, b: Article) -> dict[str, Any]:
    return {
        "a": article_summary(a),
        "b": article_summary(b),
        "scores": result.scores,
        "reasons": jsonable(result.reasons),
    }
