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
