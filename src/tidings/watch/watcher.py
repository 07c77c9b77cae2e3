"""The watcher: polls its sources when they are due, and stores what is new.

Fetching runs in threads, one per host (each host gets one request at a time
anyway, see `polite.HostGate`); storing runs in the watcher's own thread, in
batches through the same ingest as files (`Tidings.ingest_read`: clean, analyse,
embed, store and place, one transaction a batch). An entry is remembered as seen
only after its article is stored, and a feed's validators only after all its
entries are, so a watcher killed at any moment and started again fetches what it
had not stored, and skips (without fetching it) each page stored already.
"""

from __future__ import annotations

import queue
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from tidings.store import open_store
from tidings.store.watch_state import SourceRow, WatchState
from tidings.watch.fetch import Fetcher, FetchLimits
from tidings.watch.poller import Claims, Event, Failure, Page, Polled, Poller
from tidings.watch.sources import Source

if TYPE_CHECKING:
    from tidings.app import Tidings

# Hosts fetched from at once (each one request at a time).
MAX_HOSTS = 8
_END = object()


@dataclass
class PollSummary:
    """What one poll of one source did."""

    url: str
    name: str
    status: str = "new"  # "new", "unchanged" or "failed"
    new: int = 0
    entries: int = 0  # entries done with (new, stored already, or failed)
    failures: list[str] = field(default_factory=list)


class Watcher:
    """Watches the sources listed in the store of `tidings` (see `add`)."""

    def __init__(
        self,
        tidings: Tidings,
        limits: FetchLimits,
        every: float = 600.0,
        batch_size: int = 32,
        on_poll: Callable[[PollSummary], None] | None = None,
    ):
        self.tidings = tidings
        self.limits = limits
        self.every = every
        self.batch_size = batch_size
        self.on_poll = on_poll
        self.state = WatchState(tidings.store)
        # Kept from round to round: its hosts' turns, delays and robots.txt rules.
        self._fetcher: Fetcher | None = None

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None

    def add(self, sources: Iterable[Source]) -> None:
        for s in sources:
            self.state.add_source(s.url, s.name, s.lang, s.every_seconds, s.max_entries)

    def due(self, now: float | None = None) -> list[SourceRow]:
        """The sources whose interval has passed since their last poll."""
        now = time.time() if now is None else now
        return [s for s in self.state.sources() if self._next_poll(s) <= now]

    def run(self, stop: threading.Event, once: bool = False) -> list[PollSummary]:
        """Poll what is due, again and again until `stop` is set (or once)."""
        done: list[PollSummary] = []
        while not stop.is_set():
            done = self.poll(self.due())
            if once:
                break
            sources = self.state.sources()
            wake = min((self._next_poll(s) for s in sources), default=time.time() + self.every)
            # At least once a minute: a source added meanwhile (`tidings sources add`) is due.
            stop.wait(min(60.0, max(1.0, wake - time.time())))
        return done

    def poll(self, sources: list[SourceRow]) -> list[PollSummary]:
        """Poll `sources` once each; folders are read as `ingest` reads them."""
        summaries = {s.url: PollSummary(s.url, s.name) for s in sources}
        for folder in (s for s in sources if _is_folder(s.url)):
            self._poll_folder(folder, summaries[folder.url])
        feeds = [s for s in sources if not _is_folder(s.url)]
        if feeds:
            self._poll_feeds(feeds, summaries)
        return list(summaries.values())

    def _poll_feeds(self, feeds: list[SourceRow], summaries: dict[str, PollSummary]) -> None:
        events: queue.Queue = queue.Queue(maxsize=4 * self.batch_size)
        by_host: dict[str, list[SourceRow]] = defaultdict(list)
        for source in feeds:
            by_host[urlsplit(source.url).netloc].append(source)
        seen = {s.url: self.state.seen(s.url) for s in feeds}
        if self._fetcher is None:
            self._fetcher = Fetcher(self.limits)
        claims = Claims()
        cancel = threading.Event()
        with ThreadPoolExecutor(min(MAX_HOSTS, len(by_host))) as pool:
            for group in by_host.values():
                sink = _Sink(events, cancel)
                pool.submit(self._fetch_group, self._fetcher, claims, group, seen, sink)
            try:
                self._store_events(events, len(by_host), summaries)
            except BaseException:
                cancel.set()  # the fetching threads stop rather than wait to be heard
                raise

    def _fetch_group(
        self,
        fetcher: Fetcher,
        claims: Claims,
        group: list[SourceRow],
        seen: dict[str, set[str]],
        out: _Sink,
    ) -> None:
        """One host's sources, polled in turn (in a thread, with a store reader of its own)."""
        done: set[str] = set()
        try:
            with open_store(self.tidings.settings.db) as reader:
                poller = Poller(fetcher, reader.known_ids, claims)
                for source in group:
                    for event in poller.poll(source, seen[source.url]):
                        out.put(event)
                    done.add(source.url)
        except _Cancelled:
            return
        except Exception as error:  # a bug must not hang the storing side, nor stop the rest
            for source in (s for s in group if s.url not in done):
                out.put(Failure(source.url, source.url, f"{type(error).__name__}: {error}"))
                out.put(Polled(source.url, "failed"))
        out.put(_END)

    def _store_events(
        self, events: queue.Queue, workers: int, summaries: dict[str, PollSummary]
    ) -> None:
        pending: dict[str, list[Page]] = defaultdict(list)
        while workers:
            event: Event | object = events.get()
            if event is _END:
                workers -= 1
            elif isinstance(event, Page):
                pending[event.source].append(event)
                if len(pending[event.source]) >= self.batch_size:
                    self._store_pages(pending.pop(event.source), summaries[event.source])
            elif isinstance(event, Failure):
                self._failed(event, summaries[event.source])
            elif isinstance(event, Polled):
                self._store_pages(pending.pop(event.source, []), summaries[event.source])
                self._polled(event, summaries[event.source])
        for source, pages in pending.items():  # a worker that failed before its end
            self._store_pages(pages, summaries[source])

    def _store_pages(self, pages: list[Page], summary: PollSummary) -> None:
        if not pages:
            return
        articles = [p.article for p in pages if p.article is not None]
        report = self.tidings.ingest_read(articles) if articles else None
        failed = {f.source for f in report.failures} if report else set()
        for failure in report.failures if report else []:
            self._failed(Failure(summary.url, failure.source, failure.reason), summary)
        summary.new += len(report.new_ids) if report else 0
        summary.entries += len(pages)
        self.state.mark_seen(summary.url, [(p.entry, _stored_id(p, failed)) for p in pages])

    def _failed(self, failure: Failure, summary: PollSummary) -> None:
        summary.failures.append(failure.reason)
        self.state.record_failure(failure.source, failure.url, failure.reason)
        if failure.entry is not None:
            summary.entries += 1
            self.state.mark_seen(failure.source, [(failure.entry, None)])

    def _polled(self, polled: Polled, summary: PollSummary) -> None:
        summary.status = polled.status
        self.state.record_poll(
            polled.source, polled.status, summary.new, polled.etag, polled.last_modified
        )
        if self.on_poll is not None:
            self.on_poll(summary)

    def _poll_folder(self, source: SourceRow, summary: PollSummary) -> None:
        try:
            report = self.tidings.ingest([source.url])
        except (OSError, ValueError) as error:  # the folder is gone, or unreadable
            self._failed(Failure(source.url, source.url, f"{source.url}: {error}"), summary)
            summary.status = "failed"
            self.state.record_poll(source.url, "failed", 0)
            return
        for failure in report.failures:
            self._failed(Failure(source.url, failure.source, failure.reason), summary)
        summary.new = len(report.new_ids)
        summary.entries = report.read
        summary.status = "new" if report.new_ids else "unchanged"
        self.state.record_poll(source.url, summary.status, summary.new)
        if self.on_poll is not None:
            self.on_poll(summary)

    def _next_poll(self, source: SourceRow) -> float:
        if source.last_poll is None:
            return 0.0
        every = source.every_seconds or self.every
        return datetime.fromisoformat(source.last_poll).timestamp() + every


class _Sink:
    """The fetching threads' side of the queue: it waits for room, unless told to stop."""

    def __init__(self, events: queue.Queue, cancel: threading.Event):
        self.events = events
        self.cancel = cancel

    def put(self, event: object) -> None:
        while not self.cancel.is_set():
            try:
                self.events.put(event, timeout=0.5)
                return
            except queue.Full:
                continue
        raise _Cancelled


class _Cancelled(Exception):
    pass


def _stored_id(page: Page, failed: set[str]) -> str | None:
    if page.article is None:
        return page.known_id
    return None if page.article.source in failed else page.article.id


def _is_folder(url: str) -> bool:
    return not url.startswith(("http://", "https://"))
