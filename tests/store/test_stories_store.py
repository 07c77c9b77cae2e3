"""The story half of the store contract (events, placements, merges, listings), on a
real SQLite file and a real PostgreSQL database (see conftest.py)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import numpy as np

from tidings.model import Article, Entity, Place
from tidings.store import ArticleStore, SQLiteStore
from tidings.store.migrations import MIGRATIONS
from tidings.store.story_rows import EventRow, PlacementRow, StoryFilter


def _article(id_: str, lang: str, **fields) -> Article:
    body = f"Body of {id_}."
    vector = np.zeros(4, np.float32)
    vector[ord(id_[0]) % 4] = 1.0
    return Article(id=id_, source=f"{id_}.txt", raw=body, text=body, body=body, lang=lang,
                   title=f"Title {id_}", embeddings={"body": vector}, **fields)  # fmt: skip


def _event(store: ArticleStore, story: int, day: str, *ids: str, fits=None) -> int:
    vec = np.ones(4, np.float32)
    event = store.new_event(EventRow(0, story, day, day, True, len(ids), vec))
    fits = fits or [1.0] * len(ids)
    store.place([PlacementRow(i, event, f, day, True) for i, f in zip(ids, fits, strict=True)])
    return event


def test_events_round_trip_and_representatives_by_fit(store):
    story = store.new_story("2020-01-13", "2020-01-13")
    event = _event(store, story, "2020-01-13", "a", "b", "c", fits=[0.5, 0.9, 0.7])
    row = store.events([event])[event]
    assert (row.story_id, row.first, row.size, row.dated) == (story, "2020-01-13", 3, True)
    assert np.allclose(row.centroid, 0.5)
    row.last, row.size = "2020-01-15", 4
    store.save_event(row)
    assert store.events([event])[event].last == "2020-01-15"
    assert store.representatives(event, 2) == ["b", "c"]
    assert [r.id for r in store.live_events()] == [event]


def test_unplaced_lists_stored_articles_without_an_event(store):
    store.add([_article("a", "tr"), _article("b", "ar")])
    story = store.new_story("2020-01-13", "2020-01-13")
    _event(store, story, "2020-01-13", "a")
    assert store.unplaced() == ["b"]
    assert store.placement("a") == (1, story) and store.placement("b") is None
    assert store.placements(["a", "b"]) == {"a": (1, story)}


def test_merges_move_members_and_are_logged(store):
    s1, s2 = (
        store.new_story("2020-01-13", "2020-01-13"),
        store.new_story("2020-01-14", "2020-01-14"),
    )
    e1, e2 = _event(store, s1, "2020-01-13", "a"), _event(store, s2, "2020-01-14", "b")
    store.merge_stories(s2, s1, {"article": "c"})
    store.merge_events(e2, e1, {"article": "c", "overall": {"1": 1.2}})
    assert store.placement("b") == (e1, s1)
    assert store.resolve("event", e2) == e1 and store.resolve("story", s2) == s1
    assert store.resolve("event", 99) is None
    assert list(store.events([e1, e2])) == [e1]
    assert [(m.kind, m.from_id, m.into_id) for m in store.merges()] == [
        ("story", s2, s1),
        ("event", e2, e1),
    ]
    assert store.merges()[1].evidence["overall"] == {"1": 1.2}


def test_story_listing_filters_and_order(store):
    libya = Entity(key="hftr", type="person", name="Haftar", mentions=2)
    tripoli = Place(id="geonames:2210247", name="Tripoli", country="LY", mentions=1)
    store.add([
        _article("a", "tr", entities=[libya], places=[tripoli]),
        _article("b", "ar", published=datetime(2020, 1, 13, tzinfo=UTC)),
        _article("c", "de"),
    ])  # fmt: skip
    old = store.new_story("2020-01-13", "2020-01-14")
    new = store.new_story("2020-06-08", "2020-06-08")
    for story, size in ((old, 2), (new, 1)):
        row = store.story_row(story)
        row.size = size
        store.save_story(row)
    _event(store, old, "2020-01-13", "a", "b")
    _event(store, new, "2020-06-08", "c")
    assert store.story_ids(StoryFilter()) == [new, old]  # newest first
    assert store.story_ids(StoryFilter(lang="ar")) == [old]
    assert store.story_ids(StoryFilter(entity="hftr")) == [old]
    assert store.story_ids(StoryFilter(place="LY")) == [old]
    assert store.story_ids(StoryFilter(place="geonames:2210247")) == [old]
    assert store.story_ids(StoryFilter(since="2020-02-01")) == [new]
    assert store.story_ids(StoryFilter(until="2020-01-13")) == [old]
    assert store.story_ids(StoryFilter(limit=1, offset=1)) == [old]
    assert store.story_events(old) == [1]
    briefs = store.briefs(["a", "b"])
    assert briefs["a"].entities == [libya] and briefs["a"].raw == ""
    assert briefs["b"].published == datetime(2020, 1, 13, tzinfo=UTC)
    assert briefs["a"].embeddings["body"].shape == (4,)


def test_step_4_migrates_a_version_3_file(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript("".join(MIGRATIONS[:3]) + "; PRAGMA user_version = 3;")
    db.close()
    with SQLiteStore(path) as store:
        assert store.story_ids(StoryFilter()) == []
        assert store.unplaced() == []


def _raised(store: SQLiteStore, write, *touched: int):
    """Run `write()`; check that it raised the revisions of the stories `touched` only."""
    revisions = "SELECT id, revision FROM stories"  # merged stories too
    before = dict(store.db.execute(revisions).fetchall())
    result = write()
    after = dict(store.db.execute(revisions).fetchall())
    assert {s for s in after if after[s] > before[s]} == set(touched)
    return result


def test_every_write_raises_the_revision_of_the_stories_it_touches_only(store):
    s1, s2, s3 = (store.new_story("2020-01-13", "2020-01-13") for _ in range(3))
    assert store.story_revisions([s1, s2, s3]) == {s1: 0, s2: 0, s3: 0}
    e1 = _raised(store, lambda: _event(store, s1, "2020-01-13", "a"), s1)  # event, placement
    e2 = _raised(store, lambda: _event(store, s2, "2020-01-13", "b"), s2)
    row = store.events([e1])[e1]
    row.size = 2
    _raised(store, lambda: store.save_event(row), s1)
    _raised(store, lambda: store.place([PlacementRow("c", e1, 0.5, "2020-01-14", True)]), s1)
    story = store.story_row(s3)
    story.last = "2020-01-20"
    _raised(store, lambda: store.save_story(story), s3)
    _raised(store, lambda: _event(store, s3, "2020-01-20", "d"), s3)
    _raised(store, lambda: store.merge_events(e2, e1, {}), s1, s2)  # b leaves s2 for s1
    _raised(store, lambda: store.merge_stories(s3, s1, {}), s1, s3)  # d's event moves
    assert store.story_revisions([s1, s3]).keys() == {s1}  # a merged story has none


def test_step_7_upgrades_a_version_5_file_keeping_its_stories(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript("".join(MIGRATIONS[:5]) + "; PRAGMA user_version = 5;")
    db.execute("INSERT INTO stories (first, last, size) VALUES ('2020-01-13', '2020-01-13', 1)")
    db.commit()
    db.close()
    with SQLiteStore(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        # step 8 wrote it once: its days, backed by no dated event, became unknown
        assert store.story_revisions([1]) == {1: 1} and store.story_row(1).first is None
        _event(store, 1, "2020-01-13", "a")
        assert store.story_revisions([1]) == {1: 3}  # the event, then its placement


def test_unplaced_keeps_the_order_articles_were_stored_in(store):
    store.add([_article(i, "tr") for i in ("d", "b", "e", "a", "c")])
    story = store.new_story("2020-01-13", "2020-01-13")
    _event(store, story, "2020-01-13", "e")
    assert store.unplaced() == ["d", "b", "a", "c"]
