"""The store interface every backend implements (SQLite and PostgreSQL).

In small parts, like httpx's transport: `ArticleTable` (articles, vectors, line
counts), `StoryTables` (what the tracker writes and the summaries read),
`CorrectionLog` and `TableRows` (copying a store); code types its store as the part it
uses, and `ArticleStore` is all of them. The pipeline, the front ends, `store.copy`
and the tracker talk only to these methods (never to a store's connection), and the
same contract tests run on every backend.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from enum import StrEnum
from types import TracebackType
from typing import Any, Protocol

import numpy as np

from tidings.model import Article, InputKey
from tidings.query import ArticleQuery, Hit, Page
from tidings.store.change_queries import StoredArticle, StoryChange
from tidings.store.correction_queries import CorrectionRow
from tidings.store.story_rows import EventRow, MergeRow, PlacementRow, StoryFilter, StoryRow


class Outcome(StrEnum):
    """What storing one article did."""

    NEW = "new"
    SAME_INPUT = "same-input"  # this id was stored before with this content
    DUPLICATE = "duplicate"  # another article with the same cleaned text is stored
    ID_CONFLICT = "id-conflict"  # this id is stored with different content


class StoreError(RuntimeError):
    pass


def new_line_counts(
    outcomes: Sequence[Outcome], line_keys: Sequence[Iterable[str]]
) -> Counter[str]:
    """The line counts a batch adds: the keys of its articles stored new, once each."""
    counts: Counter[str] = Counter()
    for outcome, keys in zip(outcomes, line_keys, strict=True):
        if outcome is Outcome.NEW:
            counts.update(set(keys))
    return counts


class ArticleTable(Protocol):
    """The articles, their vectors and profiles, and the cleaner's line counts: what
    ingesting, reading and searching need."""

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

    def save_profiles(self, items: Iterable[tuple[str, bytes]]) -> None:
        """Save (article id, comparison profile bytes) pairs, replacing earlier ones."""

    def profiles(self, ids: Iterable[str]) -> dict[str, bytes]:
        """Article id -> saved comparison profile bytes, for the ids that have one."""

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """The subset of `ids` already stored (to skip re-reading them)."""

    def input_keys(self, ids: Iterable[str]) -> dict[str, InputKey]:
        """Stored id -> its `Article.input_key`, for the ids of `ids` stored (to tell a
        repeated input from an updated article with the same id)."""

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

    def transaction(self) -> AbstractContextManager[None]:
        """Several calls in one transaction (storing a batch and placing it); nestable."""


class StoryTables(Protocol):
    """Events, stories, placements and merges: what the tracker writes (each call a few
    indexed statements) and the summaries and front ends read."""

    def new_story(self, first: str | None, last: str | None) -> int: ...

    def save_story(self, story: StoryRow) -> None: ...

    def story_row(self, story_id: int) -> StoryRow | None: ...

    def new_event(self, row: EventRow) -> int:
        """Insert an event (its `id` is ignored); the id it got."""

    def save_event(self, row: EventRow) -> None: ...

    def events(self, ids: Iterable[int]) -> dict[int, EventRow]:
        """The live (not merged) events among `ids`."""

    def live_events(self) -> Iterator[EventRow]:
        """Every live event, to rebuild the vector index when opened."""

    def events_version(self) -> int:
        """A number that differs once another writer has changed events (read inside a
        transaction, so that a tracker knows to rebuild its in-memory index)."""

    def place(self, rows: Sequence[PlacementRow]) -> None: ...

    def representatives(self, event_id: int, n: int) -> list[str]:
        """Ids of the `n` members that fitted the event best."""

    def unplaced(self) -> list[str]:
        """Stored articles in no event (to repair after a crash)."""

    def merge_events(self, from_id: int, into_id: int, evidence: dict[str, Any]) -> None: ...

    def merge_stories(self, from_id: int, into_id: int, evidence: dict[str, Any]) -> None: ...

    def placement(self, article_id: str) -> tuple[int, int] | None:
        """(event id, story id) of a placed article."""

    def placements(self, ids: Iterable[str]) -> dict[str, tuple[int, int]]: ...

    def resolve(self, kind: str, item_id: int) -> int | None:
        """The live id that an event or story id now lives on as, following merges."""

    def story_ids(self, where: StoryFilter) -> list[int]:
        """Live stories matching `where`, newest first, then largest."""

    def story_revisions(self, ids: Iterable[int]) -> dict[int, int]:
        """Live story id -> its revision, raised by every write to the story (a summary
        made at a revision is current while the revision stays)."""

    def story_events(self, story_id: int) -> list[int]: ...

    def event_members(self, event_id: int) -> list[PlacementRow]: ...

    def briefs(self, ids: Iterable[str]) -> dict[str, Article]:
        """Articles without their text, enough to summarise events and stories."""

    def merges(self) -> list[MergeRow]: ...


class CorrectionLog(Protocol):
    """Placement reasons and analysts' corrections (store/correction_queries.py)."""

    def save_reasons(self, items: Iterable[tuple[str, dict[str, Any]]]) -> None: ...

    def reasons(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]: ...

    def log_correction(
        self, kind: str, stories: tuple[int, int | None], who: str, detail: dict[str, Any]
    ) -> CorrectionRow: ...

    def corrections(self, story_ids: Iterable[int]) -> list[CorrectionRow]: ...

    def merged_into(self, story_id: int) -> list[int]: ...

    def mark_by_hand(self, kind: str, ids: Iterable[int]) -> None: ...

    def set_locked(self, story_id: int, locked: bool) -> None: ...

    def hand_marked(self, kind: str, ids: Iterable[int]) -> set[int]: ...

    def locked(self, story_ids: Iterable[int]) -> set[int]: ...


class TableRows(Protocol):
    """The story and count tables row for row, ids kept: what copying a store into
    another needs beyond the articles (store/copy.py)."""

    def table_rows(self, table: str, after: tuple[Any, ...], limit: int) -> list[tuple[Any, ...]]:
        """Up to `limit` rows of `table` (one of `store.table_rows.TABLES`) whose key (a
        tuple of its columns) is after `after`, in key order: the key columns first,
        then the others."""

    def put_rows(self, table: str, rows: Sequence[tuple[Any, ...]]) -> None:
        """Rows as `table_rows` gives them, upserted by their key (the log tables'
        rows kept as they are), in one transaction."""


class ChangeLog(Protocol):
    """What changed after a position, for `updated_since` cursors: a story's is (time,
    id), an article's its place in the storing order (store/change_queries.py)."""

    def stories_changed(self, after: tuple[str, int], limit: int) -> list[StoryChange]: ...

    def articles_stored(self, after: int, limit: int) -> list[StoredArticle]: ...

    def article_position(
        self, ingested: str, article_id: str = "", seq: int | None = None
    ) -> int: ...


class ArticleStore(ArticleTable, StoryTables, CorrectionLog, TableRows, ChangeLog, Protocol):
    """A whole store, as `open_store` gives it. Code that needs one part types its store
    as that part (`ArticleTable`, `StoryTables`, `CorrectionLog`, `TableRows`, `ChangeLog`)."""

    def close(self) -> None: ...

    def __enter__(self) -> ArticleStore: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
