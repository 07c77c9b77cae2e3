"""`tidings migrate`: a real store (the seeds, ingested and placed) copied from SQLite to
PostgreSQL and back, with everything the front ends read coming out the same."""

from __future__ import annotations

import tidings
from tidings.app import migrate


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
        }  # fmt: skip


def test_migrate_sqlite_to_postgres_and_back(seeded_db, pg_url, tmp_path):
    before = _snapshot(str(seeded_db))
    report = migrate(f"sqlite:///{seeded_db}", pg_url, batch_size=2)
    assert report.articles == len(before["articles"]) == 5
    assert report.rows["events"] == len(before["events"]) and before["counts"]
    assert _snapshot(pg_url) == before
    again = migrate(f"sqlite:///{seeded_db}", pg_url, batch_size=2)
    assert (again.articles, again.already) == (0, 5)
    assert _snapshot(pg_url) == before
    back = tmp_path / "back.db"
    migrate(pg_url, str(back))
    assert _snapshot(str(back)) == before
    with tidings.open(pg_url) as app:  # new ids continue after the copied ones
        story = app.store.new_story("2021-01-01", "2021-01-01")
        assert story > max(s[0] for s in before["stories"])
