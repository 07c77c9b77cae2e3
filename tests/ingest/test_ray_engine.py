"""`tidings ingest --engine ray` on a local Ray instance (2 CPUs) gives the same articles,
vectors, events and stories as the single-process path on the same inputs in the same order.
The Ray run writes to PostgreSQL and the reference to SQLite, so the same test also shows
that the two stores place alike."""

from __future__ import annotations

import tidings
from tests.conftest import cut_corpus, run_cli, snapshot

# A few hundred is what the issue names; on this 2-core machine, shared by several jobs,
# 2 × 40 keeps the test near a minute (a local Ray start and two workers loading the model
# dominate). `benchmarks/scale.py` compares the two paths on more.
N = 40


def test_ray_ingest_equals_single_process(data_dir, tmp_path, pg_url):
    inputs = [
        str(cut_corpus(tmp_path / "tr.jsonl", [("ttc3600-tr-news.jsonl", 0, N)])),
        str(cut_corpus(tmp_path / "ar.jsonl", [("hespress-ar-news.jsonl", 0, N)])),
    ]
    local = str(tmp_path / "local.db")
    env = {"TIDINGS_BATCH_SIZE": "16"}  # several batches in flight on the two workers
    with tidings.open(local, tidings.Settings().updated({"batch_size": 16})) as app:
        app.ingest(inputs)
    done = run_cli("ingest", *inputs, "--db", pg_url, "--engine", "ray", "--workers", "2",
                   "-q", env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"new {2 * N}" in done.stdout
    ray, single = snapshot(pg_url), snapshot(local)
    assert len(single["articles"]) == 2 * N
    assert ray["articles"] == single["articles"]
    assert ray["vectors"] == single["vectors"]
    assert ray["placements"] == single["placements"]
    assert ray["merges"] == single["merges"] and ray["stories"] == single["stories"]
