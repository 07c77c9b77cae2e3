"""Watching feeds, news sitemaps and folders: polled politely, new articles ingested.

`Tidings.watcher()` gives the `Watcher` of the sources listed in a store; the CLI
(`tidings watch`, `tidings sources`) lives in `tidings.cli_watch`.
"""

from __future__ import annotations

from tidings.config import Settings
from tidings.watch.fetch import USER_AGENT, Fetcher, FetchError, FetchLimits
from tidings.watch.sources import Source, SourceError, parse_every, read_sources
from tidings.watch.watcher import PollSummary, Watcher


def limits_from(settings: Settings, allow_private: bool | None = None) -> FetchLimits:
    """The fetch limits the settings give (`watch_*`); `allow_private` overrides theirs."""
    return FetchLimits(
        timeout=settings.watch_timeout,
        max_bytes=settings.watch_max_bytes,
        delay=settings.watch_delay,
        allow_private=settings.watch_allow_private if allow_private is None else allow_private,
    )


__all__ = [
    "USER_AGENT",
    "FetchError",
    "FetchLimits",
    "Fetcher",
    "PollSummary",
    "Source",
    "SourceError",
    "Watcher",
    "limits_from",
    "parse_every",
    "read_sources",
]
