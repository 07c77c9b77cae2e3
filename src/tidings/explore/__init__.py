"""Exploring stored articles: filtered and full-text listings, nearest articles by
their vectors, and where an article's entities and places occur in its text."""

from tidings.explore.mentions import Mention, find_mentions
from tidings.explore.query import ArticleQuery, Hit, Page, search_terms
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
