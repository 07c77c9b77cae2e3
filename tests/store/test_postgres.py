"""What only the PostgreSQL store does, on a real server with pgvector (tests/conftest.py):
its schema table and steps, the HNSW nearest-event query, change numbers, concurrent writers, search."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import numpy as np
import psycopg
import pytest

from tidings.model import Article, Entity
from tidings.store import Outcome, StoreError, open_store
from tidings.store.postgres import PostgresStore
from tidings.store.postgres_migrations import MIGRATIONS, SCHEMA_VERSION
from tidings.store.postgres_search import Filters
from tidings.store.story_rows import EventRow, StoryRow


def _article(id_: str, body: str, **fields) -> Article:
    return Article(id=id_, source=f"{id_}.txt", raw=body, text=body, body=body, **fields)


def test_schema_is_versioned_and_newer_is_refused(pg_url):
    with open_store(pg_url) as store:
        assert isinstance(store, PostgresStore) and store.schema_version() == SCHEMA_VERSION
        kinds = dict(store.db.execute("SELECT extname, extversion FROM pg_extension").fetchall())
        assert "vector" in kinds and "pg_trgm" in kinds
        store.db.execute("INSERT INTO tidings_schema VALUES (%s)", (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreError, match="newer than this tidings"):
        open_store(pg_url)


def test_unreachable_server_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="cannot connect"):
        open_store(f"postgresql://nobody@/none?host={tmp_path}&connect_timeout=2")


def test_nearest_events_use_the_hnsw_index(pg_url):
    rng = np.random.default_rng(3)
    centroids = rng.standard_normal((40, 512)).astype(np.float32)
    with open_store(pg_url) as store:
        story = store.new_story("2020-01-13", "2020-01-13")
        ids = [
            store.new_event(EventRow(0, story, "2020-01-13", "2020-01-13", True, 1, c))
            for c in centroids
        ]
        store.new_event(EventRow(0, story, "2020-01-13", "2020-01-13", True, 0, np.zeros(0)))
        probe = centroids[7] + 0.05 * rng.standard_normal(512).astype(np.float32)
        hits = store.nearest_events(probe, 3)
        assert hits[0][0] == ids[7] and hits[0][1] > 0.9
        plan = store.db.execute(
            "EXPLAIN SELECT id FROM events WHERE merged_into IS NULL AND "
            "vector_dims(centroid) = 512 ORDER BY centroid::vector(512) <=> %s LIMIT 3",
            (probe,),
        ).fetchall()
        assert any("events_centroid" in row[0] for row in plan)


def test_events_version_moves_with_any_writers_change(pg_url):
    with open_store(pg_url) as mine, open_store(pg_url) as theirs:
        story = theirs.new_story("2020-01-13", "2020-01-13")
        before = mine.events_version()
        event = theirs.new_event(EventRow(0, story, "d", "d", True, 1, np.ones(4, np.float32)))
        after_new = mine.events_version()
        row = theirs.events([event])[event]
        row.size = 2
        theirs.save_event(row)
        assert before < after_new < mine.events_version()


def test_concurrent_writers_store_each_article_once(pg_url):
    """Two connections add overlapping batches at once: the write lock serialises them."""
    batches = [
        [_article(f"a{i}", f"Story number {i}.") for i in range(0, 60)],
        [_article(f"a{i}", f"Story number {i}.") for i in range(30, 90)],
    ]
    outcomes: list[list[Outcome]] = [[], []]

    def write(n: int) -> None:
        with open_store(pg_url) as store:
            for start in range(0, 60, 10):
                outcomes[n] += store.add(batches[n][start : start + 10])

    threads = [threading.Thread(target=write, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with open_store(pg_url) as store:
        assert store.count() == 90
        assert len(set(a.id for a in store.articles())) == 90
    new = sum(o is Outcome.NEW for run in outcomes for o in run)
    same = sum(o is Outcome.SAME_INPUT for run in outcomes for o in run)
    assert (new, same) == (90, 30)


def test_write_lock_blocks_a_second_writer_until_commit(pg_url):
    with open_store(pg_url) as first, open_store(pg_url) as second:
        second.db.execute("SET lock_timeout = '200ms'")
        with first.transaction():
            first.add([_article("a", "First.")])
            with pytest.raises(psycopg.errors.LockNotAvailable), second.transaction():
                pass
        with second.transaction():
            assert second.known_ids(["a"]) == {"a"}


def test_search_substrings_in_any_case_and_filters(pg_url):
    libya = Entity(key="hftr", type="person", name="Hafter", mentions=1)
    with open_store(pg_url) as store:
        store.add([
            _article("tr", "Hafter Libya'daki ateşkes için Moskova'da.", lang="tr",
                     title="LİBYA", entities=[libya],
                     published=datetime(2020, 1, 13, tzinfo=UTC)),
            _article("ar", "وقف إطلاق النار في ليبيا وليبيا", lang="ar",
                     published=datetime(2020, 1, 14, tzinfo=UTC)),
            _article("de", "Waffenruhe in Libyen? 100% sicher_nicht.", lang="de"),
        ])  # fmt: skip
        assert store.search(Filters(terms=("libya",)))[1][0].id == "tr"
        total, found = store.search(Filters(terms=("ليبيا",)))
        assert (total, [a.id for a in found]) == (1, ["ar"])
        assert store.search(Filters(terms=("libya", "moskova")))[0] == 1
        assert store.search(Filters(terms=("100%",)))[1][0].id == "de"
        assert store.search(Filters(terms=("0%s",)))[0] == 0  # % and _ are literal
        assert [a.id for a in store.search(Filters())[1]] == ["ar", "tr", "de"]  # newest first
        assert [a.id for a in store.search(Filters(entity="hftr"))[1]] == ["tr"]
        assert store.search(Filters(lang="de", limit=1))[0] == 1
        assert store.last_seq() == 3
        assert [x[1] for x in store.vectors_after(0)] == []


def test_a_user_who_cannot_create_the_extensions_gets_a_store_error(pg_server, pg_url):
    from tidings.store.pg_embedded import database_url

    name = pg_url.split("?")[0].rsplit("/", 1)[1]
    with psycopg.connect(pg_server, autocommit=True) as admin:
        admin.execute("DROP ROLE IF EXISTS plain")
        admin.execute("CREATE ROLE plain LOGIN")
        admin.execute(f'ALTER DATABASE "{name}" OWNER TO plain')
    url = database_url(pg_server, name).replace("postgres:@", "plain@")
    with pytest.raises(StoreError, match="cannot set up the schema"):
        open_store(url)


def test_step_3_upgrades_a_version_2_database_keeping_its_stories(pg_url):
    with psycopg.connect(pg_url, autocommit=True) as db:
        db.execute("CREATE TABLE tidings_schema (version INTEGER NOT NULL)")
        for step, sql in enumerate(MIGRATIONS[:2], start=1):
            db.execute(sql)
            db.execute("INSERT INTO tidings_schema VALUES (%s)", (step,))
        db.execute("INSERT INTO stories (first, last, size) VALUES ('2020-01-13', '2020-01-13', 1)")
    with open_store(pg_url) as store:
        assert store.schema_version() == SCHEMA_VERSION
        # step 5 wrote it once: its days, backed by no dated event, became unknown
        assert store.story_revisions([1]) == {1: 1} and store.story_row(1).first is None
        store.save_story(StoryRow(1, "2020-01-13", "2020-01-14", 2))
        assert store.story_revisions([1]) == {1: 2}
