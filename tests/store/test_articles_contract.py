"""The article half of the store contract, on a real SQLite file and a real PostgreSQL
database (the `store` and `location` fixtures run every test on both)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import numpy as np
import pytest

from tidings.model import Article, DateMention, Entity, Place
from tidings.store import Outcome, open_store


def _article(id_: str, body: str, **fields) -> Article:
    return Article(id=id_, source=f"{id_}.txt", raw=body, text=body, body=body, **fields)


def test_round_trip(location):
    published = datetime(2020, 1, 13, 9, 30, tzinfo=UTC)
    article = _article(
        "a",
        "Body text.",
        title="Title",
        lang="tr",
        url="https://e.org/a",
        published=published,
        boilerplate=["SON DAKİKA"],
        extras={"record": {"label": "siyaset"}},
    )
    with open_store(location) as store:
        assert store.add([article]) == [Outcome.NEW]
    with open_store(location) as store:  # reopening migrates nothing and keeps it all
        stored = store.get("a")
    assert stored == article


def test_analysis_round_trip_and_key_index(store):
    article = _article(
        "a",
        "Hafter Moskova'dan ayrıldı.",
        entities=[Entity(key="hftr", type="person", name="Hafter", mentions=2)],
        places=[
            Place(id="geonames:524901", name="Moscow", country="RU", mentions=1),
            Place(id="country:RU", name="Russia", country="RU", mentions=2, kind="country"),
        ],
        dates=[
            DateMention(text="8 Ocak'ta", date="2020-01-08", year_known=False),
            DateMention(text="3 Ocak 2020", date="2020-01-03"),
        ],
        event_date=date(2020, 1, 8),
        event_date_estimated=True,
    )
    store.add([article])
    assert store.get("a") == article
    keys = store.db.execute("SELECT kind, key, mentions FROM article_keys ORDER BY 1, 2")
    assert [tuple(r) for r in keys.fetchall()] == [
        ("country", "RU", 3), ("entity", "hftr", 2),
        ("place", "country:RU", 2), ("place", "geonames:524901", 1),
    ]  # fmt: skip


def test_vectors_round_trip_exactly(store):
    rng = np.random.default_rng(7)
    views = {v: rng.standard_normal(512).astype(np.float32) for v in ("title", "body")}
    store.add([_article("a", "Body.", embeddings=views, extras={"embedder": "m"})])
    stored = store.embeddings(["a", "missing"])
    assert set(stored) == {"a"}
    for view, vector in views.items():
        assert stored["a"][view].dtype == np.float32
        assert np.array_equal(stored["a"][view], vector)


def test_dedupe_outcomes(store):
    first = _article("a", "The same story, word for word.")
    outcomes = store.add(
        [
            first,
            _article("a", "The same story, word for word."),
            _article("b", "the SAME story word for word"),  # differs in case and punctuation
            _article("a", "A different story under the same id."),
            _article("c", "Another story."),
        ]
    )
    assert outcomes == [
        Outcome.NEW,
        Outcome.SAME_INPUT,
        Outcome.DUPLICATE,
        Outcome.ID_CONFLICT,
        Outcome.NEW,
    ]
    assert store.count() == 2
    assert store.get("a").body == first.body
    assert store.known_ids(["a", "b", "c", "d"]) == {"a", "c"}
    assert [a.id for a in store.articles()] == ["a", "c"]
    assert [a.id for a in store.articles(limit=1, offset=1)] == ["c"]


def test_listing_by_language_pages_in_storing_order(store):
    store.add([_article(f"x{i}", f"Story {i}.", lang="tr" if i % 2 else "ar") for i in range(7)])
    assert [a.id for a in store.articles(lang="tr")] == ["x1", "x3", "x5"]
    assert [a.id for a in store.articles(lang="ar", limit=2, offset=1)] == ["x2", "x4"]
    assert [a.id for a in store.articles(offset=6)] == ["x6"]


def test_line_counts_accumulate(store):
    store.add_line_counts({"k1": 1, "k2": 2})
    store.add_line_counts({"k1": 2})
    assert store.line_counts(["k1", "k2", "k3"]) == {"k1": 3, "k2": 2}


def test_line_keys_count_only_the_articles_stored_new(store):
    first = [_article("a", "A body."), _article("b", "Another body.")]
    assert store.add(first, line_keys=[{"k", "a"}, {"k", "b"}]) == [Outcome.NEW] * 2
    again = [_article("a", "A body."), _article("c", "A body."), _article("d", "New.")]
    outcomes = store.add(again, line_keys=[{"k", "a"}, {"k", "c"}, {"k", "d"}])
    assert outcomes == [Outcome.SAME_INPUT, Outcome.DUPLICATE, Outcome.NEW]
    assert store.line_counts(["k", "a", "b", "c", "d"]) == {"k": 3, "a": 1, "b": 1, "d": 1}


def test_line_keys_roll_back_with_a_failed_batch(store):
    broken = _article("b", "never stored")
    broken.boilerplate = [object()]  # not JSON: fails inside the transaction
    with pytest.raises(TypeError):
        store.add([_article("a", "not stored"), broken], line_keys=[{"k"}, {"k"}])
    assert store.count() == 0 and store.line_counts(["k"]) == {}


def test_failed_batch_stores_nothing(store):
    store.add([_article("a", "kept")])
    broken = _article("b", "never stored")
    broken.boilerplate = [object()]  # not JSON: fails inside the transaction
    with pytest.raises(TypeError):
        store.add([_article("c", "also not stored"), broken])
    assert [a.id for a in store.articles()] == ["a"]


def test_nested_transactions_commit_or_roll_back_together(store):
    with pytest.raises(RuntimeError), store.transaction():
        store.add([_article("a", "inner")])
        with store.transaction():
            store.add_line_counts({"k": 1})
        raise RuntimeError("the outer one fails")
    assert store.count() == 0 and store.line_counts(["k"]) == {}
    with store.transaction():
        store.add([_article("a", "inner")])
    assert store.count() == 1


def test_profiles_are_saved_replaced_and_read_back(store):
    store.add([_article("a", "First body."), _article("b", "Second body.")])
    store.save_profiles([("a", b"\x00profile of a"), ("b", b"b")])
    store.save_profiles([("b", b"b, again")])
    assert store.profiles(["a", "b", "missing"]) == {"a": b"\x00profile of a", "b": b"b, again"}
    assert store.profiles([]) == {}
