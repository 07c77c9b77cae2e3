"""Reading the filters of a listing from text (command line, HTTP query strings).

`ArticleQuery`, `Hit`, `Page` and the search-term helpers live in `tidings.query`
(the stores answer them and must not import this layer); the names this layer's
callers read are re-exported here, so that `tidings.explore.query` keeps serving them.
"""

from __future__ import annotations

import re
from datetime import date

from tidings.query import DEFAULT_LIMIT, MAX_LIMIT, ArticleQuery, Hit, Page, search_terms

__all__ = [
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "ArticleQuery",
    "Hit",
    "Page",
    "parse_day",
    "parse_lang",
    "search_terms",
]

# A day as the filters take it: the calendar form only (date.fromisoformat also reads
# 20261201 and 2026-W49-1, which nobody means by a day).
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# A language as the store holds it: an ISO 639-1 code.
_LANG = re.compile(r"[a-z]{2}")


def parse_day(name: str, value: str | None) -> date | None:
    """The day a filter's value gives (YYYY-MM-DD); empty is none. A ValueError names
    the filter and what it expects."""
    if not value:
        return None
    try:
        if _DAY.fullmatch(value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise ValueError(f"{name}: {value!r} is not a day (YYYY-MM-DD)")


def parse_lang(name: str, value: str | None) -> str | None:
    """The language code a filter's value gives (ISO 639-1, any case); empty is none."""
    if not value:
        return None
    code = value.strip().lower()
    if _LANG.fullmatch(code):
        return code
    raise ValueError(f"{name}: {value!r} is not a language code (ISO 639-1, such as ar, tr, en)")
