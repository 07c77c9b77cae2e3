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

from tidings.folding import spellings
from tidings.model import Article

T = TypeVar("T")

DEFAULT_LIMIT = 20
MAX_LIMIT = 200
# The full-text index holds trigrams: a shorter term cannot be looked up in it, and
# is matched instead as the start of a word (AB, BM, UN), by a scan.
MIN_TERM = 3
# A word: an apostrophe inside one stays (Libya'daki, İstanbul'da), quotes around go.
_TERM = re.compile(r"[^\s\"]+")


@dataclass(frozen=True)
class ArticleQuery:
    """Filters over stored articles; every one given must hold.

    `since` and `until` bound the publication day (or, without one, the event
    day) inclusively. `ids`, when given, keeps only those articles. `place` is a place id (`country:LY`, `geonames:…`) or a
    country code (`LY`: any place in that country). `text` is searched in
    titles and bodies: every term must occur (as a substring, in any case; a term
    shorter than `MIN_TERM` as the start of a word). `aliases` gives some terms the
    entity or place keys they name (`explore.resolve`): such a term is found in the
    text or through its keys, so a name typed in one script finds the others.
    """

    lang: str | None = None
    since: date | None = None
    until: date | None = None
    entity: str | None = None
    place: str | None = None
    text: str | None = None
    ids: tuple[str, ...] | None = None  # only these (a story's articles)
    aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (term, its keys)
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

    @property
    def indexed_terms(self) -> list[str]:
        """The terms the full-text index must find: long enough, and with no keys."""
        aliased = {term for term, _ in self.aliases}
        return [t for t in self.terms if len(t) >= MIN_TERM and t not in aliased]

    @property
    def other_terms(self) -> list[tuple[str, tuple[str, ...]]]:
        """Each term that is short or has keys, with its keys (maybe none)."""
        keys = dict(self.aliases)
        indexed = set(self.indexed_terms)
        return [(t, keys.get(t, ())) for t in self.terms if t not in indexed]

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
    """The terms of a search box's text, in order, once each."""
    terms = [t.strip("'’") for t in _TERM.findall(text)]
    terms = [t for t in terms if t]
    return list(dict.fromkeys(terms))


def fts_expression(terms: list[str]) -> str:
    """An FTS5 MATCH expression needing every term, each in any of its spellings
    (`tidings.folding`): each quoted, so none is an operator."""
    return " AND ".join(
        "(" + " OR ".join('"' + s.replace('"', '""') + '"' for s in _uncased(spellings(t))) + ")"
        for t in terms
    )


def _uncased(words: tuple[str, ...]) -> list[str]:
    """Once each regardless of case: the index folds case (`trigram case_sensitive 0`,
    Unicode letters too), and each spelling is one more lookup ("Erdoğan" looked up
    in four spellings, not five: 0.7 ms, not 1.0)."""
    first: dict[str, str] = {}
    for word in words:
        first.setdefault(word.casefold(), word)
    return list(first.values())


def word_start_patterns(term: str) -> tuple[str, str, str]:
    """LIKE patterns of a word starting with `term`: at the start of the text, after a
    space, after a line break (wildcards in the term escaped with backslash)."""
    bare = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{bare}%", f"% {bare}%", f"%\n{bare}%"


def word_start_expression(term: str) -> str:
    """An FTS5 MATCH expression for `term` after a space or a line break: the trigram
    index holds those characters too, so a short word is looked up, not scanned."""
    quoted = term.replace('"', '""')
    return f'" {quoted}" OR "\n{quoted}"'


def hit_snippet(article: Article, query: ArticleQuery) -> str | None:
    """The snippet of an article found by a search: around a term, or around how the
    article writes an entity that a term named through its keys."""
    keys = {k for _, ks in query.aliases for k in ks}
    written = [e.name for e in article.entities if e.key in keys]
    written += [p.name for p in article.places if p.id in keys]  # a city, in English
    return snippet(article.body, [s for t in query.terms for s in spellings(t)] + written)


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
