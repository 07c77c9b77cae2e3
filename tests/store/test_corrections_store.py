"""Placement reasons, the corrections log, hand marks and the corrections themselves
(move, split, merge, lock), on a real SQLite file and a real PostgreSQL database."""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest

from tidings.model import Article
from tidings.store import ArticleStore, SQLiteStore
from tidings.store.migrations import MIGRATIONS
from tidings.store.story_rows import EventRow, PlacementRow
from tidings.stories.corrections import CorrectionError, Corrections, Target


def _article(id_: str, axis: int) -> Article:
    vector = np.zeros(4, np.float32)
    vector[axis] = 1.0
    body = f"Body of {id_}."
    return Article(id=id_, source=f"{id_}.txt", raw=body, text=body, body=body, lang="tr",
                   title=f"Title {id_}", embeddings={"body": vector})  # fmt: skip


def _event(store: ArticleStore, story: int, members: dict[str, str]) -> int:
    """An event of the given members (article id -> day), its sum and days as the tracker
    would keep them."""
    vectors = store.embeddings(members)
    total = np.sum([vectors[a]["body"] for a in members], axis=0).astype(np.float32)
    days = sorted(members.values())
    event = store.new_event(EventRow(0, story, days[0], days[-1], True, len(members), total))
    store.place([PlacementRow(a, event, 0.9, d, True) for a, d in members.items()])
    row = store.story_row(story)
    row.size += len(members)
    row.first, row.last = min(row.first, days[0]), max(row.last, days[-1])
    store.save_story(row)
    return event


@pytest.fixture
def world(store):
    """Two stories: s1 with e1 {a, b, c} and e2 {d}; s2 with e3 {x}."""
    store.add([_article(i, n % 4) for n, i in enumerate("abcdx")])
    s1, s2 = (
        store.new_story("2020-01-10", "2020-01-10"),
        store.new_story("2020-03-01", "2020-03-01"),
    )
    e1 = _event(store, s1, {"a": "2020-01-10", "b": "2020-01-11", "c": "2020-01-14"})
    e2 = _event(store, s1, {"d": "2020-01-20"})
    e3 = _event(store, s2, {"x": "2020-03-01"})
    return store, {"s1": s1, "s2": s2, "e1": e1, "e2": e2, "e3": e3}


def test_reasons_round_trip_and_are_replaced(store):
    store.save_reasons([("a", {"decision": "joined", "scores": {"Overall": 1.5}}), ("b", {})])
    store.save_reasons([("a", {"decision": "moved", "name": "Hafter حفتر"})])
    assert store.reasons(["a", "b", "z"]) == {
        "a": {"decision": "moved", "name": "Hafter حفتر"},
        "b": {},
    }


def test_corrections_log_and_hand_marks(store):
    first = store.log_correction("move", (2, 1), "ayşe", {"article": "a"})
    store.log_correction("lock", (3, None), "omar", {})
    assert [c.seq for c in store.corrections([1])] == [first.seq]  # as the other story
    assert [(c.kind, c.who) for c in store.corrections([2, 3])] == [
        ("move", "ayşe"),
        ("lock", "omar"),
    ]
    assert store.corrections([2])[0].detail == {"article": "a"}
    assert store.corrections([2])[0].at.endswith("+00:00")
    store.mark_by_hand("event", [4, 5, 4])
    store.set_locked(7, True)
    assert store.hand_marked("event", [4, 5, 6]) == {4, 5}
    assert store.hand_marked("story", [7, 8]) == {7} and store.locked([7, 8]) == {7}
    store.set_locked(7, False)
    assert store.locked([7]) == set() and store.hand_marked("story", [7]) == {7}


def test_move_to_another_story_updates_both_sides(world):
    store, ids = world
    fixed = Corrections(store)
    before = store.story_revisions([ids["s1"], ids["s2"]])
    row = fixed.move("c", Target(event=ids["e3"]), by="ayşe", note="wrong story")
    after = store.story_revisions([ids["s1"], ids["s2"]])
    assert all(after[s] > before[s] for s in before)  # cached summaries of both are stale
    assert store.placement("c") == (ids["e3"], ids["s2"])
    rows = store.events([ids["e1"], ids["e3"]])
    e1, e3 = rows[ids["e1"]], rows[ids["e3"]]
    assert (e1.size, e1.first, e1.last) == (2, "2020-01-10", "2020-01-11")
    assert (e3.size, e3.first, e3.last) == (2, "2020-01-14", "2020-03-01")
    assert np.allclose(e1.vector_sum, [1, 1, 0, 0]) and np.allclose(e3.vector_sum, [1, 0, 1, 0])
    assert (store.story_row(ids["s1"]).size, store.story_row(ids["s2"]).size) == (3, 2)
    assert store.story_row(ids["s2"]).first == "2020-01-14"
    # The moved article ranks first among the event's representatives.
    assert store.representatives(ids["e3"], 1) == ["c"]
    reason = store.reasons(["c"])["c"]
    assert (reason["decision"], reason["by"], reason["event_id"]) == ("moved", "ayşe", ids["e3"])
    assert (
        [c.seq for c in fixed.log(ids["s1"])] == [c.seq for c in fixed.log(ids["s2"])] == [row.seq]
    )
    assert store.hand_marked("event", [ids["e1"], ids["e2"], ids["e3"]]) == {ids["e1"], ids["e3"]}


def test_moving_the_last_member_leaves_a_pointer(world):
    store, ids = world
    Corrections(store).move("d", Target(new_story=True), by="omar")
    event, story = store.placement("d")
    assert story not in (ids["s1"], ids["s2"]) and store.story_row(story).size == 1
    assert store.resolve("event", ids["e2"]) == event  # the emptied event points on
    assert store.story_events(ids["s1"]) == [ids["e1"]]
    assert store.story_row(ids["s1"]).last == "2020-01-14"
    Corrections(store).move("x", Target(story=story), by="omar")
    assert store.resolve("story", ids["s2"]) == story  # so does the emptied story
    assert store.story_row(story).size == 2


def test_split_merge_and_lock(world):
    store, ids = world
    fixed = Corrections(store)
    fixed.split(ids["e1"], ["b", "c"], by="ayşe")
    new_event, story = store.placement("b")
    assert story == ids["s1"] and new_event not in ids.values()
    assert store.placement("c")[0] == new_event and store.placement("a")[0] == ids["e1"]
    assert store.story_row(ids["s1"]).size == 4
    fixed.lock(ids["s2"], by="ayşe")
    merged = fixed.merge(ids["s2"], ids["s1"], by="omar")
    assert (merged.story_id, merged.other_story_id) == (ids["s1"], ids["s2"])  # the older stays
    assert store.resolve("story", ids["s2"]) == ids["s1"]
    assert store.story_row(ids["s1"]).size == 5 and store.story_row(ids["s1"]).last == "2020-03-01"
    assert fixed.is_locked(ids["s1"])  # a locked story merged in keeps the lock
    assert [c.kind for c in fixed.log(ids["s1"])] == ["split", "lock", "merge"]
    assert store.merges()[-1].evidence["correction"] == merged.seq


def test_bad_corrections_name_the_problem_and_change_nothing(world):
    store, ids = world
    fixed = Corrections(store)
    before = (store.placements("abcdx"), store.corrections([ids["s1"], ids["s2"]]))
    with pytest.raises(LookupError, match="'nope'"):
        fixed.move("nope", Target(new_event=True), by="me")
    with pytest.raises(LookupError, match="no event with id 99"):
        fixed.move("a", Target(event=99), by="me")
    with pytest.raises(LookupError, match="no story with id 99"):
        fixed.move("a", Target(story=99), by="me")
    with pytest.raises(CorrectionError, match="exactly one"):
        fixed.move("a", Target(event=ids["e3"], new_story=True), by="me")
    with pytest.raises(CorrectionError, match="already in event"):
        fixed.move("a", Target(event=ids["e1"]), by="me")
    with pytest.raises(CorrectionError, match="'x' is not in event"):
        fixed.split(ids["e1"], ["a", "x"], by="me")
    with pytest.raises(CorrectionError, match="some but not all"):
        fixed.split(ids["e1"], ["a", "b", "c"], by="me")
    with pytest.raises(CorrectionError, match="same story"):
        fixed.merge(ids["s1"], ids["s1"], by="me")
    with pytest.raises(LookupError, match="no story with id 99"):
        fixed.lock(99, by="me")
    assert (store.placements("abcdx"), store.corrections([ids["s1"], ids["s2"]])) == before
    assert len(list(store.live_events())) == 3  # no event left behind by a refused move


def test_step_8_upgrades_a_version_7_file(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript("".join(MIGRATIONS[:7]) + "; PRAGMA user_version = 7;")
    db.execute("INSERT INTO stories (first, last, size) VALUES ('2020-01-13', '2020-01-13', 1)")
    db.commit()
    db.close()
    with SQLiteStore(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert store.story_row(1).size == 1 and store.locked([1]) == set()
        assert store.reasons(["a"]) == {} and store.corrections([1]) == []
