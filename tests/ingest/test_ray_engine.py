"""`tidings ingest --engine ray` on a local Ray instance (2 CPUs) gives the same articles,
vectors, line counts, events and stories as the in-process path on the same inputs in the
same order, also where a batch sent ahead was cleaned on a wrong guess and sent again.
The Ray run writes to PostgreSQL and the reference to SQLite, so the same test also shows
that the two stores place alike."""

from __future__ import annotations

import re

import pytest

import tidings
from tests.conftest import run_cli, snapshot
from tests.ingest.test_parallel import BATCH, PER_CORPUS, _corpus

pytestmark = pytest.mark.slow  # a local Ray, two actors with the real pipeline


def test_ray_ingest_equals_in_process(data_dir, tmp_path, pg_url):
    # test_parallel's corpus: 2 × 90 real articles and a crafted duplicate whose line
    # counts the next batch, already sent, assumed stored (in a Ray subprocess, as Ray
    # must start before the tracker's vector index loads).
    source = tmp_path / "corpus.jsonl"
    _corpus(data_dir, source)
    local = str(tmp_path / "local.db")
    # One BLAS thread, as the actors have: the vectors' last bits depend on the count.
    settings = tidings.Settings().updated({"batch_size": BATCH, "workers": 1, "embed_threads": 1})
    with tidings.open(local, settings) as app:
        app.ingest([str(source)])
    env = {"TIDINGS_BATCH_SIZE": str(BATCH), "TIDINGS_EMBED_THREADS": "1"}
    done = run_cli("-v", "ingest", str(source), "--db", pg_url, "--engine", "ray",
                   "--workers", "2", "-q", env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"new {2 * PER_CORPUS + 2}" in done.stdout
    resent = re.search(r"ray ingest: (\d+) batches sent again", done.stderr)
    assert resent and int(resent[1]) >= 1, done.stderr[-2000:]
    ray, single = snapshot(pg_url), snapshot(local)
    assert len(single["articles"]) == 2 * PER_CORPUS + 2
    for part in single:
        same = ray[part] == single[part]  # a bool: pytest's diff of these would take minutes
        assert same, f"{part} differ"
