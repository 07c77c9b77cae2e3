"""What the watcher (`tidings.watch`) keeps in the store, for SQLite and PostgreSQL alike.

Per source: its settings, the last poll and how it went, the validators for the next
conditional GET (ETag, Last-Modified), the entries seen (each with the article it
gave, or none), and every failure with its reason. The statements are written once
with `?` marks and given the driver's mark, as `store.story_queries` does.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

# A source keeps its latest failures; older ones are dropped as new ones come.
KEEP_FAILURES = 200


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class SourceRow:
    """A watched source as the store holds it."""

    url: str  # a feed or sitemap URL, or a folder
    name: str
    lang: str | None = None  # a hint for pages too short to tell
    every_seconds: float | None = None  # None: the watcher's interval
    max_entries: int | None = None  # the newest this many entries of a poll, at most
    added: str = ""
    last_poll: str | None = None
    last_status: str | None = None  # "new", "unchanged" or "failed"
    etag: str | None = None
    last_modified: str | None = None
    last_new: int = 0  # articles the last poll stored
    new_articles: int = 0  # articles stored from it in all
    polls: int = 0
    failures: int = 0  # failures recorded in all

    def as_json(self) -> dict[str, Any]:
        return {f: getattr(self, f) for f in self.__dataclass_fields__}


@dataclass(frozen=True)
class FailureRow:
    source: str
    url: str  # what failed: the feed itself or one of its pages
    at: str
    reason: str


_COLUMNS = tuple(SourceRow.__dataclass_fields__)


class WatchState:
    """The watcher's tables in one store (through the store's own connection)."""

    def __init__(self, store: Any):
        self.store = store
        self.placeholder: str = getattr(store, "placeholder", "?")

    def _run(self, statement: str, params: Sequence[Any] = ()) -> Any:
        sql = statement if self.placeholder == "?" else statement.replace("?", self.placeholder)
        return self.store.db.execute(sql, tuple(params))

    # -- the list of sources ----------------------------------------------
    def add_source(
        self,
        url: str,
        name: str,
        lang: str | None = None,
        every_seconds: float | None = None,
        max_entries: int | None = None,
    ) -> None:
        """Add a source, or change the settings of one listed (its state stays)."""
        self._run(
            "INSERT INTO watch_sources (url, name, lang, every_seconds, max_entries, added) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET name = excluded.name, "
            "lang = excluded.lang, every_seconds = excluded.every_seconds, "
            "max_entries = excluded.max_entries",
            (url, name, lang, every_seconds, max_entries, now_iso()),
        )

    def remove_source(self, url: str) -> bool:
        """Forget a source and all it kept; False if it was not listed."""
        with self.store.transaction():
            found = self.source(url) is not None
            for table, column in (
                ("watch_entries", "source"),
                ("watch_failures", "source"),
                ("watch_sources", "url"),
            ):
                self._run(f"DELETE FROM {table} WHERE {column} = ?", (url,))  # fixed names
        return found

    def sources(self) -> list[SourceRow]:
        rows = self._run(f"SELECT {', '.join(_COLUMNS)} FROM watch_sources ORDER BY name, url")
        return [SourceRow(*row) for row in rows.fetchall()]

    def source(self, url: str) -> SourceRow | None:
        row = self._run(
            f"SELECT {', '.join(_COLUMNS)} FROM watch_sources WHERE url = ?", (url,)
        ).fetchone()
        return SourceRow(*row) if row else None

    # -- what a poll found ------------------------------------------------
    def seen(self, url: str) -> set[str]:
        """The entries of the source seen already (their normalised URLs)."""
        rows = self._run("SELECT entry FROM watch_entries WHERE source = ?", (url,))
        return {row[0] for row in rows.fetchall()}

    def entries_seen(self, url: str) -> int:
        row = self._run("SELECT count(*) FROM watch_entries WHERE source = ?", (url,)).fetchone()
        return int(row[0])

    def mark_seen(self, url: str, entries: Iterable[tuple[str, str | None]]) -> None:
        """Entries done with: (entry, the id of the article it gave or None)."""
        at = now_iso()
        for entry, article_id in entries:
            self._run(
                "INSERT INTO watch_entries (source, entry, article_id, seen) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (source, entry) DO UPDATE SET article_id = "
                "coalesce(excluded.article_id, watch_entries.article_id)",
                (url, entry, article_id, at),
            )

    def record_poll(
        self,
        url: str,
        status: str,
        new: int,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> None:
        """A poll done: its time and status, the articles it stored, and the validators
        for the next one (kept as they were when the answer gave none)."""
        self._run(
            "UPDATE watch_sources SET last_poll = ?, last_status = ?, last_new = ?, "
            "new_articles = new_articles + ?, polls = polls + 1, "
            "etag = coalesce(?, etag), last_modified = coalesce(?, last_modified) WHERE url = ?",
            (now_iso(), status, new, new, etag, last_modified, url),
        )

    def record_failure(self, source: str, url: str, reason: str) -> None:
        with self.store.transaction():
            self._run(
                "INSERT INTO watch_failures (source, url, at, reason) VALUES (?, ?, ?, ?)",
                (source, url, now_iso(), reason),
            )
            self._run("UPDATE watch_sources SET failures = failures + 1 WHERE url = ?", (source,))
            self._run(
                "DELETE FROM watch_failures WHERE source = ? AND seq <= "
                "(SELECT max(seq) FROM watch_failures WHERE source = ?) - ?",
                (source, source, KEEP_FAILURES),
            )

    def failures(self, source: str, limit: int = 20) -> list[FailureRow]:
        """The source's latest failures, newest first."""
        rows = self._run(
            "SELECT source, url, at, reason FROM watch_failures WHERE source = ? "
            "ORDER BY seq DESC LIMIT ?",
            (source, limit),
        )
        return [FailureRow(*row) for row in rows.fetchall()]

    # -- what arrived -----------------------------------------------------
    def last_article(self) -> int:
        """The store's newest article's sequence number (0 when empty)."""
        row = self._run("SELECT max(seq) FROM articles").fetchone()
        return int(row[0] or 0)

    def arrived_after(self, seq: int) -> int:
        """How many articles were stored after the one numbered `seq`."""
        row = self._run("SELECT count(*) FROM articles WHERE seq > ?", (seq,)).fetchone()
        return int(row[0])
