"""Two `tidings ingest` processes write overlapping halves of the Turkish and Arabic
corpora into one PostgreSQL database at once. The stored articles are the union, each
once, every one placed in exactly one event; the events are compared with a
single-process run over the same inputs (A, then B)."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import tidings
from tests.conftest import ROOT, cut_corpus

TR, AR = "ttc3600-tr-news.jsonl", "hespress-ar-news.jsonl"
BATCH = 12


def _events(db: str) -> tuple[set[frozenset[str]], dict[str, str], dict[int, int]]:
    """(events as sets of article ids, id -> body, live event id -> stored size)."""
    with tidings.open(db) as app:
        articles = list(app.articles())
        where = app.placements([a.id for a in articles])
        assert app.store.unplaced() == []
        sizes = {e.id: e.size for e in app.store.live_events()}
    members: dict[int, set[str]] = {}
    for article_id, (event_id, _) in where.items():
        members.setdefault(event_id, set()).add(article_id)
    assert {e: len(m) for e, m in members.items()} == {e: n for e, n in sizes.items() if n}
    return {frozenset(m) for m in members.values()}, {a.id: a.body for a in articles}, sizes


def _runs(db: str, half_a: Path, half_b: Path) -> int:
    """How often the writer changes along the storing order, over the articles in only
    one half (records keep their ids): 1 means one writer stored all before the other."""
    ids = [{json.loads(line)["id"] for line in half.open()} for half in (half_a, half_b)]
    with tidings.open(db) as app:
        order = [a.id for a in app.articles()]
    origin = [i in ids[0] for i in order if (i in ids[0]) != (i in ids[1])]
    return 1 + sum(x != y for x, y in itertools.pairwise(origin))


def _pairs(events: set[frozenset[str]]) -> set[tuple[str, str]]:
    return {p for e in events for p in itertools.combinations(sorted(e), 2)}


def test_two_writers_store_the_union_once_and_place_it_alike(data_dir, tmp_path, pg_url):
    # 72 articles, 24 of them in both halves: small, as each writer loads the model.
    half_a = cut_corpus(tmp_path / "a.jsonl", [(TR, 0, 24), (AR, 0, 24)])
    half_b = cut_corpus(tmp_path / "b.jsonl", [(TR, 12, 36), (AR, 12, 36)])
    # Small batches, so that the two writers' transactions interleave.
    env = {**os.environ, "TIDINGS_BATCH_SIZE": str(BATCH)}
    command = [sys.executable, "-m", "tidings", "ingest", "--db", pg_url, "-q"]
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}
    writers = [
        subprocess.Popen([*command, str(half)], env=env, cwd=ROOT, **pipes)
        for half in (half_a, half_b)
    ]
    outputs = [w.communicate(timeout=600) for w in writers]
    assert [w.returncode for w in writers] == [0, 0], [err[-2000:] for _, err in outputs]

    single = str(tmp_path / "single.db")
    with tidings.open(single, tidings.Settings().updated({"batch_size": BATCH})) as app:
        app.ingest([str(half_a), str(half_b)])

    both, bodies, _ = _events(pg_url)
    alone, alone_bodies, _ = _events(single)
    assert set(bodies) == set(alone_bodies) and len(bodies) == 72  # the union, once each
    with tidings.open(pg_url) as app:
        keys = app.store.db.execute("SELECT count(DISTINCT content_key) FROM articles")
        assert keys.fetchone()[0] == 72
    differ = sorted(i for i in bodies if bodies[i] != alone_bodies[i])
    runs = _runs(pg_url, half_a, half_b)
    together, apart = _pairs(both), _pairs(alone)
    print(
        f"\nevents: two writers {len(both)}, one process {len(alone)}; identical events "
        f"{len(both & alone)}; same-event pairs: both {len(together & apart)}, only two "
        f"writers {len(together - apart)}, only one process {len(apart - together)}; "
        f"bodies cleaned differently: {len(differ)}; the writers' batches alternated {runs} times"
    )
    # The writers' batches interleave in another order than A-then-B, so an article may
    # meet a different set of events; on these inputs the placements come out the same.
    assert both == alone
