"""What a list of articles is filtered by, one page of the answer, and search terms.

The same `ArticleQuery` serves the Python API, the HTTP API and the web pages, so
that a filter means the same everywhere. It lives beside the model, below both the
stores (which answer it) and `tidings.explore` (which re-exports it), so that the
store does not import the layer that reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Generic, TypeVar

from tidings.model import Article

T = TypeVar("T")

DEFAULT_LIMIT = 20
MAX_LIMIT = 200
# The full-text index holds trigrams: a shorter term cannot be looked up in it.
MIN_TERM = 3
_TERM = re.compile(r"[^\s\"']+")


@dataclass(frozen=True)
class ArticleQuery:
    """Filters over stored articles; every one given must hold.

    `since` and `until` bound the publication day (or, without one, the event
    day) inclusively. `ids`, when given, keeps only those articles. `place` is a place id (`country:LY`, `geonames:…`) or a
    country code (`LY`: any place in that country). `text` is searched in
    titles and bodies: every term must occur (as a substring, in any case).
    """

    lang: str | None = None
    since: date | None = None
    until: date | None = None
    entity: str | None = None
    place: str | None = None
    text: str | None = None
    ids: tuple[str, ...] | None = None  # only these (a story's articles)
    limit: int = DEFAULT_LIMIT
    offset: int = 0

    def __post_init__(self) -> None:
        if not 1 <= self.limit <= MAX_LIMIT:
            raise ValueError(f"limit must be between 1 and {MAX_LIMIT}, not {self.limit}")
        if self.offset < 0:
            raise ValueError(f"offset must not be negative, not {self.offset}")
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"since {self.since} is after until {self.until}")

    @property
    def terms(self) -> list[str]:
        return search_terms(self.text or "")

    def page(self, offset: int) -> ArticleQuery:
        return replace(self, offset=max(0, offset))


@dataclass
class Hit:
    """One article of a listing, with the part of its text that matched the search."""

    article: Article
    snippet: str | None = None


@dataclass
class Page(Generic[T]):
    """One page of a longer answer: `total` items in all (None: not counted, and `more`
    says whether another page follows), these from `offset` on."""

    items: list[T]
    total: int | None
    limit: int
    offset: int = 0
    more: bool = False

    @property
    def next_offset(self) -> int | None:
        after = self.offset + len(self.items)
        if self.total is None:
            return after if self.more else None
        return after if after < self.total else None

    @property
    def previous_offset(self) -> int | None:
        return max(0, self.offset - self.limit) if self.offset > 0 else None


def search_terms(text: str) -> list[str]:
    """The terms of a search box's text that the index can look up, in order, once each."""
    terms = [t for t in _TERM.findall(text) if len(t) >= MIN_TERM]
    return list(dict.fromkeys(terms))


def fts_expression(terms: list[str]) -> str:
    """An FTS5 MATCH expression needing every term: each quoted, so none is an operator."""
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)


def snippet(text: str, terms: list[str], width: int = 180) -> str | None:
    """The stretch of `text` around the first term found, about `width` characters."""
    folded = text.casefold()
    found = [(folded.find(t.casefold()), t) for t in terms]
    found = [(at, t) for at, t in found if at >= 0]
    if not found:
        return None
    at, _ = min(found)
    start = max(0, at - width // 3)
    end = min(len(text), start + width)
    if start > 0:
        space = text.find(" ", start, at)
        start = space + 1 if space >= 0 else start
    piece = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")
