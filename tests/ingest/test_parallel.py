"""Bulk ingest with worker processes ends with the store the in-process ingest makes,
table for table, also where what a batch sent ahead assumed proved wrong."""

from __future__ import annotations

import itertools
import json
import sqlite3
from pathlib import Path

import pytest

from tests.ingest.test_crash import _tables
from tidings.app import Tidings
from tidings.config import Settings
from tidings.ingest import parallel
from tidings.ingest.clean.repeated import line_key
from tidings.ingest.engines import choose_ingestor
from tidings.ingest.parallel import ParallelIngestor, bulky
from tidings.ingest.sources import expand

pytestmark = pytest.mark.slow  # the real pipeline, in three processes

PER_CORPUS = 90
BATCH = 24  # many batches in flight at once
SHARED_LINE = "Haber Merkezi Özel Servis Bülteni"  # short: a candidate for furniture


def _corpus(data_dir: Path, path: Path) -> None:
    """Real Turkish and Arabic articles, interleaved, and three crafted ones: P and its
    copy Q under another id (a duplicate by content, in the same batch), and R, a later
    batch's article sharing a short line with them."""
    corpora = [data_dir / "ttc3600-tr-news.jsonl", data_dir / "hespress-ar-news.jsonl"]
    heads = []
    for corpus in corpora:
        with corpus.open(encoding="utf-8") as lines:
            heads.append([json.loads(line) for line in itertools.islice(lines, PER_CORPUS)])
    records = [r for pair in zip(*heads, strict=True) for r in pair]
    body = records[0]["text"]
    p = {"id": "crafted-p", "lang": "tr", "text": f"{SHARED_LINE}\n{body}"}
    q = {**p, "id": "crafted-q"}
    r = {"id": "crafted-r", "lang": "tr", "text": f"{SHARED_LINE}\n{records[2]['text']}"}
    records[3:3] = [p, q]  # the first batch
    records.insert(BATCH + 5, r)  # the second
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in records))


def _ingest(db: Path, source: Path, workers: int) -> tuple[dict, int]:
    settings = Settings(db=str(db), batch_size=BATCH, workers=workers, embed_threads=1)
    app = Tidings.open(settings=settings)
    inputs = expand([str(source)])
    ingestor = choose_ingestor(app.target, app.tracker().update, inputs)
    assert isinstance(ingestor, ParallelIngestor) == (workers > 1)
    report = ingestor.run(inputs)
    assert report.failed == 0
    app.store.close()
    with sqlite3.connect(db) as conn:
        tables = _tables(conn)
    return tables, getattr(ingestor, "resent", 0)


def test_workers_store_what_one_process_stores(tmp_path, data_dir, monkeypatch):
    source = tmp_path / "corpus.jsonl"
    _corpus(data_dir, source)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)  # a small input, to be quick
    alone, _ = _ingest(tmp_path / "alone.db", source, workers=1)
    together, resent = _ingest(tmp_path / "together.db", source, workers=2)
    assert set(alone) == set(together)
    for name in alone:
        same = together[name] == alone[name]  # a bool: pytest's diff of tables is slow
        assert same, f"table {name} differs"
    # Batch two was sent counting Q's lines, which were not stored (Q duplicates P): with
    # them the shared line reached the furniture count in R, without them it does not.
    assert resent >= 1
    with sqlite3.connect(tmp_path / "together.db") as conn:
        (docs,) = conn.execute(
            "SELECT docs FROM line_counts WHERE key = ?", (line_key(SHARED_LINE),)
        ).fetchone()
    assert docs == 2  # P and R
    assert len(alone["articles"]) == 2 * PER_CORPUS + 2  # Q is not stored


def test_only_bulky_inputs_go_to_workers(tmp_path, seeds_dir):
    assert not bulky(expand([str(seeds_dir)]))
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * parallel.PARALLEL_MIN_BYTES)
    assert bulky(expand([str(seeds_dir), str(big)]))
    assert not bulky(expand(["-"]))
