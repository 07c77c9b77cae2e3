"""`tidings migrate`: a real store (the seeds, ingested and placed) copied from SQLite to
PostgreSQL and back, with everything the front ends read coming out the same."""

from __future__ import annotations

import shutil

import tidings
from tidings.app import migrate
from tidings.store.watch_state import WatchState

FEED = "https://example.org/feed.xml"


def _snapshot(db: str) -> dict:
    with tidings.open(db) as app:
        articles = list(app.articles())
        ids = [a.id for a in articles]
        store = app.store
        return {
            "articles": articles,
            "vectors": {i: {v: x.tolist() for v, x in e.items()}
                        for i, e in store.embeddings(ids).items()},
            "placements": app.placements(ids),
            "events": {e.id: (e.story_id, e.first, e.last, e.size, e.vector_sum.tolist())
                       for e in store.live_events()},
            "stories": [(s.id, s.size, s.first, s.last) for s in app.stories()],
            "merges": [(m.kind, m.from_id, m.into_id, m.evidence) for m in store.merges()],
            "counts": dict(store.db.execute("SELECT key, docs FROM line_counts").fetchall()),
            "reasons": store.reasons(ids),
            "watch": _watch_rows(store),
        }  # fmt: skip


def _watch_rows(store) -> dict:
    """The watcher's tables, whole (each row as the store reads it)."""
    return {table: sorted(tuple(r) for r in store.db.execute(f"SELECT * FROM {table}"))
            for table in ("watch_sources", "watch_entries", "watch_failures")}  # fmt: skip


def _watched(seeded_db, tmp_path):
    """A copy of the seeded store with a watched feed: sources, entries seen (more than
    a batch, some of one source, so the copy pages on both key columns), failures."""
    db = tmp_path / "watched.db"
    shutil.copy(seeded_db, db)
    with tidings.open(str(db)) as app:
        state = WatchState(app.store)
        with app.store.transaction():
            state.add_source(FEED, "Example", "tr", 600.0, 20)
            state.add_source("https://example.net/b.rss", "B")
            state.mark_seen(FEED, [(f"https://example.org/{i}", None) for i in range(5)])
            state.mark_seen("https://example.net/b.rss", [("https://example.org/0", None)])
        state.record_poll(FEED, "new", 5, '"v1"', "Mon, 06 Jan 2020 10:00:00 GMT")
        state.record_failure(FEED, "https://example.org/9", "HTTP 500")
        state.record_failure(FEED, "https://example.org/8", "timed out")
    return db


def test_migrate_sqlite_to_postgres_and_back(seeded_db, pg_url, tmp_path):
    source = _watched(seeded_db, tmp_path)
    before = _snapshot(str(source))
    report = migrate(f"sqlite:///{source}", pg_url, batch_size=2)
    assert report.articles == len(before["articles"]) == 5
    assert report.rows["events"] == len(before["events"]) and before["counts"]
    assert (report.rows["watch_sources"], report.rows["watch_entries"]) == (2, 6)
    assert report.rows["watch_failures"] == 2
    assert _snapshot(pg_url) == before
    again = migrate(f"sqlite:///{source}", pg_url, batch_size=2)
    assert (again.articles, again.already) == (0, 5)
    assert _snapshot(pg_url) == before
    back = tmp_path / "back.db"
    migrate(pg_url, str(back))
    assert _snapshot(str(back)) == before
    with tidings.open(pg_url) as app:  # new ids continue after the copied ones
        story = app.store.new_story("2021-01-01", "2021-01-01")
        assert story > max(s[0] for s in before["stories"])
        WatchState(app.store).record_failure(FEED, "https://example.org/7", "HTTP 503")
        assert len(WatchState(app.store).failures(FEED)) == 3
