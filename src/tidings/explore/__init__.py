"""Exploring stored articles: filtered and full-text listings, nearest articles by
their vectors, and where an article's entities and places occur in its text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tidings.explore.mentions import Mention, find_mentions
from tidings.explore.query import ArticleQuery, Hit, Page, search_terms

if TYPE_CHECKING:
    from tidings.explore.similar import Neighbour, Similar, VectorIndex

__all__ = [
    "ArticleQuery",
    "Hit",
    "Mention",
    "Neighbour",
    "Page",
    "Similar",
    "VectorIndex",
    "find_mentions",
    "search_terms",
]


def __getattr__(name: str) -> Any:
    """The vector search (numpy, the comparison model) loads on first use: the command
    line reads its filters from `explore.query` and must start without it."""
    if name in ("Neighbour", "Similar", "VectorIndex"):
        from tidings.explore import similar

        return getattr(similar, name)
    raise AttributeError(f"module 'tidings.explore' has no attribute {name!r}")
