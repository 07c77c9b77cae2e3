"""What changed since a position (migration 10's `stories.updated`, articles by when they
were stored), on a real SQLite file and a real PostgreSQL database alike."""

from __future__ import annotations

import time
from datetime import UTC, datetime

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
    stored = store.articles_stored(0, 10)
    assert [a.id for a in stored] == ["a", "b"]
    assert store.articles_stored(stored[-1].seq, 10) == []
    assert store.articles_stored(stored[0].seq, 10) == stored[1:]


def test_no_change_is_skipped_by_a_client_that_read_between_two_writes(store):
    """Writes one right after another, no pause: the later story, then the earlier one.
    A client that read between them must see the second, even in the same millisecond
    of the clock, where the position (time, id) of the first is after (time, earlier)."""
    with store.transaction():
        earlier, later = store.new_story(None, None), store.new_story(None, None)
    position = (store.stories_changed(START, 10)[-1].updated, later)
    for round_ in range(40):
        for story in (later, earlier):
            with store.transaction():
                store.log_correction("lock", (story, None), "tester", {})
            changes = store.stories_changed(position, 10)
            assert [c.id for c in changes] == [story], f"round {round_}: {changes}"
            position = (changes[-1].updated, story)


def test_an_article_read_earlier_but_stored_later_is_listed_after_the_cursor(store):
    """Two writers: one reads an article, another reads and stores a later one; a client
    polls; then the first stores its article. The client's next poll has it."""
    early, late = _article("early"), _article("late")
    early.ingested = datetime(2026, 12, 7, 10, tzinfo=UTC)
    late.ingested = datetime(2026, 12, 7, 11, tzinfo=UTC)
    with store.transaction():
        store.add([late])
    [first] = store.articles_stored(store.article_position("2000-01-01T00:00:00+00:00"), 10)
    cursor = store.article_position(first.ingested, first.id, first.seq)
    with store.transaction():
        store.add([early])
    assert [a.id for a in store.articles_stored(cursor, 10)] == ["early"]


def test_an_article_position_from_a_time_or_a_cursor_of_another_store(store):
    articles = [_article(id_) for id_ in "abc"]
    for hour, article in zip((9, 10, 10), articles, strict=True):
        article.ingested = datetime(2026, 12, 7, hour, tzinfo=UTC)
    with store.transaction():
        store.add(articles)
    a, b, c = store.articles_stored(0, 10)
    assert store.article_position(b.ingested, "b", b.seq) == b.seq  # this store's cursor
    # From a time: every article read then or later, b and c at the same second too.
    assert store.articles_stored(store.article_position(b.ingested), 10) == [b, c]
    assert store.articles_stored(store.article_position("2999-01-01T00:00:00+00:00"), 10) == []
    # A cursor whose place holds another article (a copy renumbers) or that has no place
    # (an older version's `time~id`): from its time or its article, whichever is first.
    assert store.articles_stored(store.article_position(b.ingested, "b", a.seq), 10) == [b, c]
    assert store.articles_stored(store.article_position(c.ingested, "a"), 10) == [b, c]
