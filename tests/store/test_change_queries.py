"""What changed since a position (migration 10's `stories.updated`, articles by when they
were stored), on a real SQLite file and a real PostgreSQL database alike."""

from __future__ import annotations

import time

import numpy as np

from tidings.model import Article
from tidings.store.story_rows import EventRow, PlacementRow

START = ("", -1)


def _article(id_: str) -> Article:
    body = f"Body of {id_}."
    return Article(id=id_, source=f"{id_}.txt", raw=body, text=body, body=body, lang="en",
                   title=f"Title {id_}", embeddings={"body": np.ones(4, np.float32)})  # fmt: skip


def test_a_story_changes_when_placed_in_corrected_or_merged(store):
    with store.transaction():
        store.add([_article("a"), _article("b")])
        first, second = store.new_story(None, None), store.new_story(None, None)
    made = store.stories_changed(START, 10)
    assert [c.id for c in made] == [first, second] and all(c.updated for c in made)
    position = (made[-1].updated, made[-1].id)
    assert store.stories_changed(position, 10) == []
    time.sleep(0.01)  # a millisecond clock: the next change is later
    with store.transaction():
        event = store.new_event(EventRow(0, first, None, None, False, 1, np.ones(4, np.float32)))
        store.place([PlacementRow("a", event, 1.0, None, False)])
    [placed] = store.stories_changed(position, 10)
    assert placed.id == first and placed.updated > made[-1].updated
    position = (placed.updated, placed.id)
    time.sleep(0.01)
    with store.transaction():  # a lock changes no row of the story: the log says it changed
        store.log_correction("lock", (second, None), "tester", {})
    assert [c.id for c in store.stories_changed(position, 10)] == [second]
    stored = store.articles_stored(("", ""), 10)
    assert sorted(i for i, _ in stored) == ["a", "b"]
    assert store.articles_stored((stored[-1][1], stored[-1][0]), 10) == []
    assert [i for i, _ in store.articles_stored((stored[0][1], stored[0][0]), 10)] == [stored[1][0]]


def test_stories_made_before_the_step_changed_when_their_newest_article_was_stored(tmp_path):
    """Migration 10 on an older file: a story's `updated` is its newest member's storing
    time (what the data says), so a client polling from before then sees it."""
    import sqlite3

    from tidings.store import SQLiteStore
    from tidings.store.migrations import MIGRATIONS

    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.executescript("".join(MIGRATIONS[:9]) + "; PRAGMA user_version = 9;")
    for id_, stored in (
        ("a", "2026-12-01T10:00:00.250000+00:00"),
        ("b", "2026-12-02T12:00:00+02:00"),
    ):
        db.execute(
            "INSERT INTO articles (id, content_key, source, body, raw, ingested) "
            "VALUES (?, ?, 'x.txt', 'Body.', 'Body.', ?)",
            (id_, id_, stored),
        )
    db.executescript(
        "INSERT INTO stories (id, first, last, size) VALUES (1, '', '', 2), (2, '', '', 0);"
        "INSERT INTO events (id, story_id, first, last, dated, size, vector_sum) VALUES"
        " (1, 1, '', '', 0, 2, x'');"
        "INSERT INTO placements VALUES ('a', 1, 1.0, '', 0), ('b', 1, 1.0, '', 0);"
    )
    db.commit()
    db.close()
    with SQLiteStore(path) as store:
        changed = {c.id: c.updated for c in store.stories_changed(START, 10)}
        assert changed == {1: "2026-12-02T10:00:00.000Z", 2: ""}
        assert [c.id for c in store.stories_changed(("2026-12-01T00:00:00.000Z", -1), 10)] == [1]
