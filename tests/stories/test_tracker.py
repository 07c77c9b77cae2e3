"""The tracker on real articles (the seeds, analysed and embedded) in real SQLite files."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

import tidings
from tests.conftest import seed_file
from tests.stories.conftest import by_seed
from tidings.compare import PairScorer
from tidings.ingest.runner import Ingestor
from tidings.ingest.sources import expand
from tidings.model import Article
from tidings.pipeline import Pipeline
from tidings.store import SQLiteStore
from tidings.stories import StoryTracker
from tidings.stories.timing import DateRules

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seeds(seeded_db) -> dict[str, Article]:
    with tidings.open(str(seeded_db)) as app:
        return {seed: app.article(aid) for seed, aid in by_seed(app).items()}


@pytest.fixture(scope="module")
def scorer() -> PairScorer:
    return PairScorer.load()


def copy_of(article: Article, tag: str, **changes) -> Article:
    """The same article under another id (its body marked, so it is not a duplicate)."""
    return replace(article, id=f"{article.id}-{tag}", body=f"{article.body}\n{tag}", **changes)


def place(store: SQLiteStore, tracker: StoryTracker, articles: list[Article]):
    with store.transaction():
        store.add(articles)
        return tracker.update(articles)


def counts(store: SQLiteStore) -> tuple[int, ...]:
    return tuple(
        store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("events", "stories", "placements", "merges")
    )


def test_assign_proposes_without_storing(tmp_path, seeds, scorer):
    with SQLiteStore(tmp_path / "t.db") as store:
        tracker = StoryTracker(store, scorer)
        placed = place(store, tracker, [seeds["001"]])
        before = counts(store)
        proposal = tracker.assign(copy_of(seeds["001"], "again"))
        assert counts(store) == before
        assert proposal.event_id == placed[0].event_id
        assert proposal.overall is not None and proposal.overall <= tracker.join


def test_state_is_reloaded_from_the_store(tmp_path, seeds, scorer):
    db = tmp_path / "t.db"
    with SQLiteStore(db) as store:
        first = place(store, StoryTracker(store, scorer), [seeds["001"], seeds["002"]])
    with SQLiteStore(db) as store:
        fresh = StoryTracker(store, scorer)  # a new process: index rebuilt from the events
        proposal = fresh.assign(copy_of(seeds["002"], "again"))
        assert proposal.event_id == first[1].event_id
        assert len(fresh.index_) == counts(store)[0]


def test_publication_days_a_year_apart_are_different_events(tmp_path, seeds, scorer):
    day = datetime(2020, 1, 13, tzinfo=UTC)
    early = copy_of(seeds["003"], "2020", published=day)
    late = copy_of(seeds["003"], "2021", published=day.replace(year=2021))
    with SQLiteStore(tmp_path / "t.db") as store:
        a, b = place(store, StoryTracker(store, scorer), [early, late])
        assert a.event_id != b.event_id and a.story_id != b.story_id
        near = copy_of(seeds["003"], "near", published=day.replace(day=15))
        (c,) = place(store, StoryTracker(store, scorer), [near])
        assert c.event_id == a.event_id and not c.new_event


def test_an_article_matching_two_events_merges_them(tmp_path, seeds, scorer):
    with SQLiteStore(tmp_path / "t.db") as store:
        apart = StoryTracker(store, scorer, join=0.0, merge=0.0, story=0.0)
        one, two = place(store, apart, [copy_of(seeds["001"], "a"), copy_of(seeds["001"], "b")])
        assert one.event_id != two.event_id and one.story_id != two.story_id
        (third,) = place(store, StoryTracker(store, scorer), [copy_of(seeds["001"], "c")])
        assert (third.event_id, third.story_id) == (one.event_id, one.story_id)
        merges = [(m.kind, m.from_id, m.into_id) for m in store.merges()]
        assert ("event", two.event_id, one.event_id) in merges
        assert ("story", two.story_id, one.story_id) in merges
        assert store.resolve("event", two.event_id) == one.event_id
        assert store.placement(f"{seeds['001'].id}-b") == (one.event_id, one.story_id)
        assert len(store.event_members(one.event_id)) == 3
        assert two.event_id not in store.events([two.event_id])  # no longer live
        evidence = next(m.evidence for m in store.merges() if m.kind == "event")
        assert evidence["article"] == f"{seeds['001'].id}-c"


def test_a_failed_placement_stores_nothing_and_ingest_repairs(tmp_path, seeds, seeds_dir):
    def crash(articles):
        raise RuntimeError("placing failed")

    with tidings.open(str(tmp_path / "t.db")) as app:
        unanalysed = Ingestor(app.store, Pipeline([]), placer=crash)
        with pytest.raises(RuntimeError, match="placing failed"):
            unanalysed.run(expand([str(seeds_dir)]))
        assert app.store.count() == 0  # rolled back together with the placement
        app.store.add([seeds["000"], seeds["001"]])  # stored, as if a crash came before placing
        assert len(app.store.unplaced()) == 2
        again = [str(seed_file("000")), str(seed_file("001"))]
        report = app.ingest(again)  # ingesting them again places them first
        assert app.store.unplaced() == [] and report.new_events >= 1
        assert all(app.placement(seeds[s].id) for s in ("000", "001"))


def test_article_without_vectors_gets_an_event_of_its_own(tmp_path, seeds, scorer):
    bare = replace(copy_of(seeds["001"], "bare"), embeddings={})
    with SQLiteStore(tmp_path / "t.db") as store:
        tracker = StoryTracker(store, scorer)
        place(store, tracker, [seeds["001"]])
        (placed,) = place(store, tracker, [bare])
        assert placed.new_event and store.placement(bare.id) is not None


def test_unknown_and_doubtful_days_neither_forbid_a_join_nor_stretch_an_event(
    tmp_path, seeds, scorer
):
    talks = copy_of(seeds["001"], "published", published=datetime(2020, 1, 13, tzinfo=UTC))
    undated = seeds["003"]  # "12 يناير" in an undated text: the year is unknown
    assert undated.dates and not any(m.year_known for m in undated.dates)
    assert undated.event_date is None
    # a day only the text states (years from the talks' publication): doubtful
    stated = copy_of(undated, "stated", event_date=date(2026, 1, 12), event_date_estimated=True,
                     dates=[replace(m, year_known=True) for m in undated.dates])  # fmt: skip
    with SQLiteStore(tmp_path / "t.db") as store:
        tracker = StoryTracker(store, scorer)
        (first,) = place(store, tracker, [talks])
        (second,) = place(store, tracker, [undated])
        (third,) = place(store, tracker, [stated])
        assert second.event_id == first.event_id == third.event_id
        event = store.events([first.event_id])[first.event_id]
        assert (event.first, event.last) == ("2020-01-13", "2020-01-13")  # nothing stretched it
        assert [m.at for m in store.event_members(first.event_id)] == [
            None, "2020-01-13", "2026-01-12"
        ]  # fmt: skip
    with SQLiteStore(tmp_path / "k.db") as store:
        tracker = StoryTracker(store, scorer, rules=DateRules(text_window=True))
        (first,) = place(store, tracker, [talks])
        (fourth,) = place(store, tracker, [stated])  # the rule that trusts stated days
        assert fourth.new_event


def test_placed_articles_profiles_are_saved_and_read_back(tmp_path, seeds, scorer):
    db = tmp_path / "t.db"
    with SQLiteStore(db) as store:
        place(store, StoryTracker(store, scorer), [seeds["001"], seeds["002"]])
        assert set(store.profiles([seeds["001"].id, seeds["002"].id])) == {
            seeds["001"].id,
            seeds["002"].id,
        }
    newcomer = copy_of(seeds["003"], "new")
    with SQLiteStore(db) as store:
        reading = StoryTracker(store, scorer).assign(newcomer)
        store.db.execute("DELETE FROM article_profiles")  # as a file placed by an older tidings
        computing = StoryTracker(store, scorer).assign(newcomer)
    assert reading.scores and reading.scores == computing.scores
    assert (reading.event_id, reading.story_id) == (computing.event_id, computing.story_id)
