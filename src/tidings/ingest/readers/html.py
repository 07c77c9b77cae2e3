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
# trafilatura takes about 0.8 s a megabyte of HTML; real pages, scripts and all,
# stay under a few megabytes. Larger ones are refused before parsing.
MAX_HTML_CHARS = 5_000_000
# libxml2 drops elements nested deeper than this (without its "huge" option).
_PARSER_MAX_DEPTH = 256
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^<>]*?(/?)>")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)


def read_html(source: str, text: str) -> Iterator[Article | ReadFailure]:
    if len(text) > MAX_HTML_CHARS:
        yield ReadFailure(
            source, f"HTML page of {len(text):,} characters, over the limit of {MAX_HTML_CHARS:,}"
        )
        return
    try:
        doc = trafilatura.bare_extraction(text, with_metadata=True, url=_url(source))
    except (ValueError, ParserError) as error:
        yield ReadFailure(source, f"unreadable HTML: {error}")
        return
    if doc is None or not (doc.text or "").strip():
        yield ReadFailure(source, _why_no_text(text))
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


def _why_no_text(text: str) -> str:
    depth = nesting_depth(text)
    if depth >= _PARSER_MAX_DEPTH:
        return (
            f"HTML page without article text: elements nested {depth:,} deep, "
            f"and the parser reads {_PARSER_MAX_DEPTH} levels"
        )
    return "HTML page without article text"


def nesting_depth(text: str) -> int:
    """How deep the tags of `text` nest, counted from the tags alone (one pass,
    no parse): unclosed tags count as open, so this is an upper bound."""
    depth = deepest = 0
    for match in _TAG.finditer(text):
        closing, name, self_closing = match.groups()
        if self_closing or name.lower() in _VOID:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def _url(source: str) -> str | None:
    return source if source.startswith(("http://", "https://")) else None
