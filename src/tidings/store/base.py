"""The store interface every backend implements (SQLite now, PostgreSQL later).

Kept small on purpose, like httpx's transport: the pipeline and the front ends
talk only to these methods, and the same contract tests run on every backend.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from enum import StrEnum
from types import TracebackType
from typing import Protocol

import numpy as np

from tidings.explore.query import ArticleQuery, Hit, Page
from tidings.model import Article


class Outcome(StrEnum):
    """What storing one article did."""

    NEW = "new"
    SAME_INPUT = "same-input"  # this id was stored before with this content
    DUPLICATE = "duplicate"  # another article with the same cleaned text is stored
    ID_CONFLICT = "id-conflict"  # this id is stored with different content


class StoreError(RuntimeError):
    pass


class ArticleStore(Protocol):
    def add(
        self, articles: Sequence[Article], line_keys: Sequence[Iterable[str]] | None = None
    ) -> list[Outcome]:
        """Store new articles in one transaction; report each one's outcome. With
        `line_keys` (the cleaner's line keys of each article), the counts of the
        articles stored new are added in the same transaction."""

    def get(self, article_id: str) -> Article | None:
        """One article, with its embedding vectors."""

    def embeddings(self, ids: Iterable[str]) -> dict[str, dict[str, np.ndarray]]:
        """Article id -> view ("title", "lead", "body") -> unit vector."""

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """The subset of `ids` already stored (to skip re-reading them)."""

    def articles(
        self, *, lang: str | None = None, limit: int | None = None, offset: int = 0
    ) -> Iterator[Article]:
        """Stored articles in the order they were stored."""

    def count(self) -> int: ...

    def find(self, query: ArticleQuery) -> Page[Hit]:
        """A page of the articles passing the query's filters, best match or newest first."""

    def vectors_after(
        self, seq: int, view: str = "body"
    ) -> Iterator[tuple[int, str, str | None, np.ndarray]]:
        """(seq, id, lang, vector) of one embedding view, for articles stored after `seq`."""

    def last_seq(self) -> int:
        """Sequence number of the newest stored article; 0 when none."""

    def line_counts(self, keys: Iterable[str]) -> Mapping[str, int]:
        """In how many stored articles each line key occurs (for the cleaner)."""

    def add_line_counts(self, counts: Mapping[str, int]) -> None: ...

    def close(self) -> None: ...

    def __enter__(self) -> ArticleStore: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
