"""How each watched source is doing, as JSON: for `tidings sources list`, `/api/sources`
and the status page alike."""

from __future__ import annotations

from typing import Any

from tidings.store.watch_state import WatchState

# Failures shown with each source, newest first.
RECENT_FAILURES = 5


def source_statuses(store: Any, failures: int = RECENT_FAILURES) -> list[dict[str, Any]]:
    """Each source's settings and state: last poll and status, articles it brought (in
    all, and at the last poll), entries seen, failures (a count, and the latest)."""
    state = WatchState(store)
    found = []
    for row in state.sources():
        recent = state.failures(row.url, limit=failures)
        found.append(
            {
                **row.as_json(),
                "entries_seen": state.entries_seen(row.url),
                "last_failure": recent[0].reason if recent else None,
                "recent_failures": [{"url": f.url, "at": f.at, "reason": f.reason} for f in recent],
            }
        )
    return found


def arrivals(store: Any, after: int | None) -> dict[str, int]:
    """The store's newest article number, and how many articles came after `after`
    (the number a page was given when it was loaded; none: 0)."""
    state = WatchState(store)
    last = state.last_article()
    return {"last": last, "new": 0 if after is None else state.arrived_after(after)}
