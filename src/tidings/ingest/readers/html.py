"""HTML pages: trafilatura finds the main text, the headline and the date."""

from __future__ import annotations

import re
from collections.abc import Iterator

import lxml.html
import trafilatura
from lxml.etree import ParserError

from tidings.ingest.dates import parse_published
from tidings.ingest.errors import ReadFailure
from tidings.model import Article, input_id

_BLOCK_END = re.compile(r"</(p|div|li|h[1-6]|ld|tr|blockquote|section|article)\s*>|<br\s*/?>", re.I)


def read_html(source: str, text: str) -> Iterator[Article | ReadFailure]:
    try:
        doc = trafilatura.bare_extraction(text, with_metadata=True, url=_url(source))
    except (ValueError, ParserError) as error:
        yield ReadFailure(source, f"unreadable HTML: {error}")
        return
    if doc is None or not (doc.text or "").strip():
        yield ReadFailure(source, "HTML page without article text")
        return
    yield Article(
        id=input_id(text),
        source=source,
        raw=text,
        text=doc.text,
        url=doc.url or _url(source),
        title=doc.title or None,
        published=parse_published(doc.date),
    )


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry, a record with markup), one block a line."""
    if "<" not in fragment:
        return fragment
    marked = _BLOCK_END.sub("\n", fragment)
    try:
        return lxml.html.fromstring(f"<div>{marked}</div>").text_content()
    except (ValueError, ParserError):
        return re.sub(r"<[^>]+>", " ", marked)


def _url(source: str) -> str | None:
    return source if source.startswith(("http://", "https://")) else None
