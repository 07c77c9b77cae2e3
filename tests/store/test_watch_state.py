"""The watcher's state in the store, alike on SQLite and PostgreSQL (`store.watch_state`)."""

from __future__ import annotations

from tidings.model import Article
from tidings.store.watch_state import KEEP_FAILURES, WatchState

FEED = "https://example.org/feed.xml"


def test_sources_are_added_changed_and_removed_with_all_they_kept(store):
    state = WatchState(store)
    state.add_source(FEED, "Example", "tr", 600.0, 20)
    state.add_source("https://example.net/b.rss", "B")
    state.mark_seen(FEED, [("https://example.org/1", "id1")])
    state.record_failure(FEED, "https://example.org/2", "HTTP 500")

    state.add_source(FEED, "Example again", None, None, None)  # its state stays

    row = state.source(FEED)
    assert (row.name, row.lang, row.every_seconds, row.failures) == ("Example again", None, None, 1)
    assert [s.name for s in state.sources()] == ["B", "Example again"]
    assert state.remove_source(FEED) and not state.remove_source(FEED)
    assert state.seen(FEED) == set() and state.failures(FEED) == []
    assert [s.url for s in state.sources()] == ["https://example.net/b.rss"]


def test_a_poll_keeps_its_validators_entries_and_counts(store):
    state = WatchState(store)
    state.add_source(FEED, "Example")
    state.mark_seen(FEED, [("https://example.org/1", "id1"), ("https://example.org/2", None)])
    state.mark_seen(FEED, [("https://example.org/2", "id2"), ("https://example.org/1", None)])
    state.record_poll(FEED, "new", 2, '"v1"', "Mon, 06 Jan 2020 10:00:00 GMT")
    state.record_poll(FEED, "unchanged", 0)  # a 304 gives no new validators: kept

    row = state.source(FEED)
    assert (row.last_status, row.last_new, row.new_articles, row.polls) == ("unchanged", 0, 2, 2)
    assert (row.etag, row.last_modified) == ('"v1"', "Mon, 06 Jan 2020 10:00:00 GMT")
    assert row.last_poll is not None
    assert state.seen(FEED) == {"https://example.org/1", "https://example.org/2"}
    assert state.entries_seen(FEED) == 2
    ids = store.db.execute("SELECT article_id FROM watch_entries ORDER BY entry").fetchall()
    assert [r[0] for r in ids] == ["id1", "id2"]  # a known id is never forgotten


def test_failures_are_kept_newest_first_and_only_the_latest(store):
    state = WatchState(store)
    state.add_source(FEED, "Example")
    for n in range(KEEP_FAILURES + 5):
        state.record_failure(FEED, f"https://example.org/{n}", f"HTTP 50{n % 10}")

    latest = state.failures(FEED, limit=2)
    assert [f.url for f in latest] == [f"https://example.org/{KEEP_FAILURES + 4}",
                                       f"https://example.org/{KEEP_FAILURES + 3}"]  # fmt: skip
    assert len(state.failures(FEED, limit=10_000)) == KEEP_FAILURES
    assert state.source(FEED).failures == KEEP_FAILURES + 5  # the count is of all


def test_arrivals_count_the_articles_stored_after_a_number(store):
    state = WatchState(store)
    assert (state.last_article(), state.arrived_after(0)) == (0, 0)
    store.add([_article(f"a{n}") for n in range(3)])
    mark = state.last_article()
    store.add([_article(f"b{n}") for n in range(2)])
    assert state.arrived_after(mark) == 2 and state.arrived_after(0) == 5
    assert state.arrived_after(state.last_article()) == 0


def _article(id_: str) -> Article:
    text = f"Story {id_}."
    return Article(id=id_, source=f"{id_}.txt", raw=text, text=text, body=text)
