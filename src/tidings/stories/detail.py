"""A story as one JSON record for people and programs: its summary, each event with its
articles (language, headline) and the reason each article is where it is, whether it is
locked, and the corrections made to it (`tidings story ID --format json`, the API)."""

from __future__ import annotations

from typing import Any

from tidings.model import Article
from tidings.stories.corrections import Corrections
from tidings.stories.summary import StorySummary


def story_detail(
    summary: StorySummary,
    briefs: dict[str, Article],
    corrections: Corrections,
    requested: int | None = None,
) -> dict[str, Any]:
    """`summary` with its events' articles and their reasons; `requested`, an id that was
    merged into this story, is named under `merged`."""
    extras = story_extras(summary, corrections, requested)
    reasons = extras.pop("reasons")
    record = summary.to_dict()
    record["events"] = [
        {**{k: v for k, v in event.to_dict().items() if k != "article_ids"},
         "articles": [_article(i, briefs.get(i), reasons.get(i)) for i in event.article_ids]}
        for event in summary.events
    ]  # fmt: skip
    return {**record, **extras}


def story_extras(
    summary: StorySummary, corrections: Corrections, requested: int | None = None
) -> dict[str, Any]:
    """What corrections add to a story: each article's placement reason (`reasons`, by
    article id), `locked`, the `corrections` log, and `merged` when `requested` is an id
    that was merged into this story."""
    extras: dict[str, Any] = {
        "reasons": corrections.reasons(summary.article_ids),
        "locked": corrections.is_locked(summary.id),
        "corrections": [c.to_dict() for c in corrections.log(summary.id)],
    }
    if requested is not None and requested != summary.id:
        extras["merged"] = {"from": requested, "into": summary.id}
    return extras


def _article(article_id: str, brief: Article | None, reason: dict | None) -> dict[str, Any]:
    return {
        "id": article_id,
        "lang": brief.lang if brief else None,
        "title": brief.title if brief else None,
        "published": brief.published.isoformat() if brief and brief.published else None,
        "reason": reason,
    }
