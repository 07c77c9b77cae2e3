"""One poll of one feed or sitemap: what is new in it, each new page fetched and read.

The poll says what it found as a stream of events, which the watcher stores in
order: the pages' articles (`Page`), what failed (`Failure`), and at the end the
feed's validators (`Polled`), saved only once every entry before is stored, so
that a poll cut short (a crash, a kill) is done again, not skipped.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from tidings.ingest.errors import InputError
from tidings.model import Article
from tidings.store.watch_state import SourceRow
from tidings.watch.entries import EntriesError, Entry, entries_of, newest_first, sitemaps_listed
from tidings.watch.fetch import Fetcher, FetchError
from tidings.watch.pages import article_id, page_article

# How many of a sitemap index's sitemaps each poll reads, newest first (by `lastmod`): a
# news site lists one a day or a section, and the newest hold what is new.
INDEX_SITEMAPS = 3


@dataclass(frozen=True)
class Page:
    """An entry done: the article read from its page, or the id of the one stored already."""

    source: str
    entry: str
    article: Article | None = None
    known_id: str | None = None


@dataclass(frozen=True)
class Failure:
    source: str
    url: str  # the feed, or one entry's page
    reason: str
    entry: str | None = None  # the entry it ends (remembered as seen), if a page's


@dataclass(frozen=True)
class Polled:
    """The end of a poll: "new" (the feed was read) or "unchanged" (a 304), or "failed"."""

    source: str
    status: str
    etag: str | None = None
    last_modified: str | None = None


Event = Page | Failure | Polled


class Claims:
    """The pages one round of polls has fetched (or is fetching), across its threads: a
    page two feeds link is fetched once, before either has stored it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._urls: set[str] = set()

    def claim(self, url: str) -> bool:
        """True for the first to ask for `url`."""
        with self._lock:
            first = url not in self._urls
            self._urls.add(url)
            return first


class Poller:
    """Polls feeds with `fetcher`; `stored(ids)` says which article ids are stored already."""

    def __init__(
        self,
        fetcher: Fetcher,
        stored: Callable[[Iterable[str]], set[str]],
        claims: Claims | None = None,
    ):
        self.fetcher = fetcher
        self.stored = stored
        self.claims = claims or Claims()

    def poll(self, source: SourceRow, seen: set[str]) -> Iterator[Event]:
        url = source.url
        validators = {}
        if source.etag:
            validators["If-None-Match"] = source.etag
        if source.last_modified:
            validators["If-Modified-Since"] = source.last_modified
        failures: list[Failure] = []
        try:
            fetched = self.fetcher.get(url, validators)
            if fetched.status == 304:
                yield Polled(url, "unchanged")
                return
            sitemaps = sitemaps_listed(fetched.body, fetched.url)
            if sitemaps is None:
                entries = entries_of(fetched.body, fetched.url)
            else:
                entries = self._index_entries(url, sitemaps, failures)
        except (FetchError, EntriesError) as error:
            reason = error.reason if isinstance(error, FetchError) else f"{url}: {error}"
            yield Failure(url, url, reason)
            yield Polled(url, "failed")
            return
        yield from failures
        fresh = [e for e in entries if e.url not in seen][: source.max_entries]
        yield from self._pages(source, fresh)
        if sitemaps is not None:  # an unchanged index may list a changed sitemap: no 304s
            yield Polled(url, "new")
            return
        etag = fetched.headers.get("etag")
        yield Polled(url, "new", etag, fetched.headers.get("last-modified"))

    def _index_entries(
        self, url: str, sitemaps: list[Entry], failures: list[Failure]
    ) -> list[Entry]:
        """The entries of a sitemap index's `INDEX_SITEMAPS` newest sitemaps; a sitemap that
        cannot be read adds to `failures`, and the poll fails only if none can."""
        entries: list[Entry] = []
        for sitemap in sitemaps[:INDEX_SITEMAPS]:
            try:
                fetched = self.fetcher.get(sitemap.url)
                entries += entries_of(fetched.body, fetched.url)
            except (FetchError, EntriesError) as error:
                reason = (
                    error.reason if isinstance(error, FetchError) else f"{sitemap.url}: {error}"
                )
                failures.append(Failure(url, sitemap.url, reason))
        if not entries and failures:
            raise EntriesError(f"no sitemap it lists could be read ({failures[0].reason})")
        return newest_first(entries)

    def _pages(self, source: SourceRow, entries: list[Entry]) -> Iterator[Event]:
        stored = self.stored([article_id(e.url) for e in entries])
        for entry in entries:
            known = article_id(entry.url)
            # Stored by a poll cut short, or linked from another feed too.
            if known in stored or not self.claims.claim(entry.url):
                yield Page(source.url, entry.url, known_id=known)
                continue
            try:
                page = self.fetcher.get(entry.url)
                article = page_article(entry, page.url, page.body, source.lang)
            except (FetchError, InputError) as error:
                yield Failure(source.url, entry.url, error.reason, entry=entry.url)
                continue
            except Exception as error:  # a reader's bug ends this entry, not the poll
                reason = f"{entry.url}: {type(error).__name__}: {error}"
                yield Failure(source.url, entry.url, reason, entry=entry.url)
                continue
            yield Page(source.url, entry.url, article=article)
