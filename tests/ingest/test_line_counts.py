"""The cleaner's line counts are stored with their articles, in one transaction, and
only for the articles stored."""

from __future__ import annotations

import sqlite3

import pytest

from tidings.app import Tidings
from tidings.ingest.clean import BufferedLineCounts, RepeatedLines, TextCleaner, paragraphs_of
from tidings.model import Article
from tidings.store import Outcome, SQLiteStore

FURNITURE = "Most read stories of the day"


def _article(id_: str, body: str) -> Article:
    return Article(id=id_, source=f"{id_}.txt", raw=body, text=body, body=body, lang="en")


def _stored_counts(store: SQLiteStore) -> dict[str, int]:
    return dict(store.db.execute("SELECT key, docs FROM line_counts").fetchall())


def test_held_back_counts_are_seen_but_not_written(tmp_path):
    with SQLiteStore(tmp_path / "t.db") as store:
        store.add_line_counts({"a": 2})
        counts = BufferedLineCounts(store)
        counts.add_line_counts({"a": 1, "b": 1})
        assert dict(counts.line_counts(["a", "b", "c"])) == {"a": 3, "b": 1}
        assert _stored_counts(store) == {"a": 2}
        counts.clear()
        assert dict(counts.line_counts(["a", "b"])) == {"a": 2}


def test_only_articles_stored_new_are_counted(tmp_path):
    with SQLiteStore(tmp_path / "t.db") as store:
        first = [_article("a", "A body."), _article("b", "Another body.")]
        assert store.add(first, line_keys=[{"k", "a"}, {"k", "b"}]) == [Outcome.NEW] * 2
        again = [_article("a", "A body."), _article("c", "A body.")]  # same input, duplicate
        outcomes = store.add(again, line_keys=[{"k", "a"}, {"k", "c"}])
        assert outcomes == [Outcome.SAME_INPUT, Outcome.DUPLICATE]
        assert _stored_counts(store) == {"k": 2, "a": 1, "b": 1}


def test_counts_roll_back_with_a_failed_batch(tmp_path):
    """A batch whose articles are not stored leaves no counts behind."""
    with SQLiteStore(tmp_path / "t.db") as store:
        broken = _article("b", "text")
        broken.body = None  # type: ignore[assignment]  # NOT NULL in the schema
        with pytest.raises(sqlite3.IntegrityError):
            store.add([_article("a", "A body."), broken], line_keys=[{"k"}, {"k"}])
        assert store.count() == 0
        assert _stored_counts(store) == {}


def test_a_batch_sees_its_own_lines_before_they_are_stored(tmp_path):
    """A line in four articles of one batch is furniture in each, stored with them."""
    bodies = [f"Story number {i} about the harbour and the ships.\n{FURNITURE}" for i in range(4)]
    with SQLiteStore(tmp_path / "t.db") as store:
        held = BufferedLineCounts(store)
        repeated = RepeatedLines(held, min_docs=3)
        cleaner = TextCleaner(repeated=repeated)
        articles = list(cleaner.pipe([_article(str(i), b) for i, b in enumerate(bodies)]))
        assert all(FURNITURE in a.boilerplate for a in articles)
        assert _stored_counts(store) == {}
        keys = [repeated.keys_of(paragraphs_of(a.text)) for a in articles]
        store.add(articles, line_keys=keys)
        assert 4 in _stored_counts(store).values()


@pytest.mark.slow  # the real pipeline
def test_a_duplicate_ingested_again_adds_no_counts(tmp_path, seeds_dir):
    """A copy of a stored article (another id, the same cleaned text) is not stored,
    so its lines are not counted again, however often it comes."""
    seed = sorted(seeds_dir.iterdir())[0]
    copy = tmp_path / "copy.txt"
    copy.write_bytes(seed.read_bytes() + b"\n\n")
    with Tidings.open(str(tmp_path / "t.db")) as tidings:
        tidings.ingest([str(seeds_dir)])
        before = _stored_counts(tidings.store)  # type: ignore[arg-type]
        for _ in range(2):
            report = tidings.ingest([str(copy)])
            assert (report.new, report.duplicates) == (0, 1)
        assert _stored_counts(tidings.store) == before  # type: ignore[arg-type]
