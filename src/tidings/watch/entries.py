"""The entries of a feed (RSS, Atom, with feedparser) or a news sitemap: links to pages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urldefrag, urljoin

import lxml.etree

from tidings.ingest.dates import parse_published
from tidings.ingest.readers.feeds import FeedError, parse_feed
from tidings.ingest.vet import is_http_url

_SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


class EntriesError(ValueError):
    """A feed or sitemap that gives no entries; the message says why."""


@dataclass(frozen=True)
class Entry:
    url: str  # absolute, without its #fragment: the key an entry is remembered by
    title: str | None = None
    published: datetime | None = None


def entries_of(body: bytes, url: str) -> list[Entry]:
    """The entries `body` (fetched from `url`) lists, newest first where dated."""
    head = body[:2048].lstrip()
    if b"<urlset" in head or b"<sitemapindex" in head:
        entries = _sitemap_entries(body, url)
    else:
        entries = _feed_entries(body, url)
    return newest_first(entries)


def sitemaps_listed(body: bytes, url: str) -> list[Entry] | None:
    """The sitemaps a sitemap index lists (`lastmod` as their time), newest first where
    dated; None if `body` is no sitemap index."""
    if b"<sitemapindex" not in body[:2048]:
        return None
    root = _sitemap_root(body)
    if root.tag != f"{_SITEMAP}sitemapindex":
        return None
    found: dict[str, Entry] = {}
    for item in root.iter(f"{_SITEMAP}sitemap"):
        key = _key_or_unsafe(item.findtext(f"{_SITEMAP}loc") or "", url)
        day = item.findtext(f"{_SITEMAP}lastmod")
        found.setdefault(key, Entry(key, None, parse_published(day) if day else None))
    if not found:
        raise EntriesError("the sitemap index lists no sitemaps")
    return newest_first(found.values())


def newest_first(entries: Iterable[Entry]) -> list[Entry]:
    """Each entry once (the first listed), the dated newest first, then the undated."""
    once = list({e.url: e for e in reversed(list(entries))}.values())[::-1]
    dated = sorted((e for e in once if e.published), key=lambda e: e.published, reverse=True)
    return dated + [e for e in once if e.published is None]


def entry_key(link: str, base: str) -> str | None:
    """The absolute http(s) URL of a link, without its fragment (None if it is no such URL)."""
    if not link.strip():
        return None  # not the page it is on
    absolute = urldefrag(urljoin(base, link.strip())).url
    return absolute if is_http_url(absolute) else None


def _feed_entries(body: bytes, url: str) -> list[Entry]:
    try:
        feed = parse_feed(body)
    except FeedError as error:
        raise EntriesError(f"not a readable feed: {error}") from None
    if not feed.entries:
        if feed.bozo:
            raise EntriesError(f"not a readable feed: {feed.bozo_exception}")
        raise EntriesError("the feed has no entries")
    found: dict[str, Entry] = {}
    for entry in feed.entries:
        link = (entry.get("link") or "").strip()
        if not link:
            continue  # nothing to fetch
        key = _key_or_unsafe(link, url)
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        published = datetime(*parsed[:6], tzinfo=UTC) if parsed else None
        title = (entry.get("title") or "").strip() or None
        found.setdefault(key, Entry(key, title, published))
    if not found:
        broken = f": {feed.bozo_exception}" if feed.bozo else ""
        raise EntriesError(f"not a readable feed: no entry links to a page{broken}")
    return list(found.values())


def _key_or_unsafe(link: str, base: str) -> str:
    """The entry's key; a link that is no http(s) URL is kept as written, so that the
    fetcher refuses it and the refusal is recorded (never read as a local file)."""
    return entry_key(link, base) or link.strip() or "(an entry without a link)"


def _sitemap_root(body: bytes) -> lxml.etree._Element:
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return lxml.etree.fromstring(body, parser)
    except lxml.etree.XMLSyntaxError as error:
        raise EntriesError(f"not a readable sitemap: line {error.lineno}: {error.msg}") from None


def _sitemap_entries(body: bytes, url: str) -> list[Entry]:
    root = _sitemap_root(body)
    if root.tag == f"{_SITEMAP}sitemapindex":  # a watched index's sitemaps are read, one level
        raise EntriesError("a sitemap index inside a sitemap index: not followed")
    found: dict[str, Entry] = {}
    for item in root.iter(f"{_SITEMAP}url"):
        loc = item.findtext(f"{_SITEMAP}loc") or ""
        key = _key_or_unsafe(loc, url)
        day = item.findtext(f".//{_NEWS}publication_date") or item.findtext(f"{_SITEMAP}lastmod")
        title = (item.findtext(f".//{_NEWS}title") or "").strip() or None
        found.setdefault(key, Entry(key, title, parse_published(day) if day else None))
    if not found:
        raise EntriesError("the sitemap lists no pages")
    return list(found.values())
