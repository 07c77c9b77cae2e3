"""RSS and Atom feeds: each entry an article, with its link and date."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import feedparser

from tidings.ingest.errors import ReadFailure
from tidings.ingest.readers.html import html_to_text
from tidings.model import Article, input_id


class FeedError(ValueError):
    """A feed feedparser could not read at all."""


def parse_feed(content: str | bytes) -> feedparser.FeedParserDict:
    """feedparser's reading of a feed; `FeedError` for input it fails on rather than
    reading what it can (feedparser 6 raises UnicodeEncodeError on a character reference
    to a lone surrogate, `&#xD800;`, found by hypothesis)."""
    try:
        return feedparser.parse(content)
    except (UnicodeError, ValueError) as error:
        raise FeedError(f"{type(error).__name__}: {error}") from None


def read_feed(source: str, text: str) -> Iterator[Article | ReadFailure]:
    try:
        feed = parse_feed(text)
    except FeedError as error:
        yield ReadFailure(source, f"not a readable feed: {error}")
        return
    if not feed.entries:
        reason = (
            f"not a readable feed: {feed.bozo_exception}" if feed.bozo else "feed has no entries"
        )
        yield ReadFailure(source, reason)
        return
    for number, entry in enumerate(feed.entries, start=1):
        body = _entry_body(entry)
        if not body.strip():
            # feedparser reads what it can of broken XML: say why it is empty.
            broken = f" (not well-formed XML: {feed.bozo_exception})" if feed.bozo else ""
            yield ReadFailure(source, f"entry {number} has no text{broken}")
            continue
        link = entry.get("link")
        yield Article(
            id=input_id(f"{entry.get('id') or link}\n{body}"),
            source=link or f"{source}#{number}",
            raw=body,
            text=html_to_text(body),
            url=link,
            title=html_to_text(entry.get("title", "")).strip() or None,
            published=_entry_date(entry),
        )


def _entry_body(entry: feedparser.FeedParserDict) -> str:
    contents = entry.get("content") or []
    if contents:
        return "\n".join(c.get("value", "") for c in contents)
    return entry.get("summary", "")


def _entry_date(entry: feedparser.FeedParserDict) -> datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return datetime(*parsed[:6], tzinfo=UTC) if parsed else None
