"""What an ingest tells its progress callback: articles done of a total counted up
front, through every phase (reading, analysing, storing), in one process and with
worker processes alike, up to the last batch stored."""

from __future__ import annotations

import io
import itertools
import json
from pathlib import Path

import pytest

from tests.conftest import cut_corpus
from tidings.app import Tidings
from tidings.config import Settings
from tidings.ingest.progress import (
    ANALYSING,
    EMBEDDING,
    READING,
    STORING,
    Progress,
    estimate_articles,
)
from tidings.ingest.sources import expand

BATCH = 8


def _corpus(tmp_path: Path) -> tuple[Path, int]:
    """30 Turkish articles, one of them twice and one malformed line: 32 records."""
    path = cut_corpus(tmp_path / "in.jsonl", [("ttc3600-tr-news.jsonl", 0, 30)])
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[5:5] = [lines[2], "{not json\n"]
    path.write_text("".join(lines), encoding="utf-8")
    return path, len(lines)


def _ingest(tmp_path: Path, engine: str) -> tuple[list[Progress], int]:
    source, records = _corpus(tmp_path)
    states: list[Progress] = []
    settings = Settings(batch_size=BATCH, workers=2, embed_threads=1)
    with Tidings.open(str(tmp_path / "t.db"), settings) as app:
        report = app.ingest([str(source)], progress=states.append, engine=engine)
    assert (report.read, report.new, report.duplicates, report.failed) == (records - 1, 30, 1, 1)
    return states, records


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["inline", "process"])
def test_every_batch_is_told_through_its_phases_to_the_end(tmp_path, engine):
    states, records = _ingest(tmp_path, engine)
    assert states[0] == Progress(0, 1, 0, READING, 0, records)
    assert all(s.total == records for s in states)
    done = [s.done for s in states]
    assert done == sorted(done) and done[-1] == records - 1  # the malformed line: no article
    # Each batch read is analysed, then stored, then counted done, in that order.
    steps = [b.done - a.done for a, b in itertools.pairwise(states) if b.done > a.done]
    assert steps == [BATCH] * 3 + [(records - 1) % BATCH]
    for before, after in itertools.pairwise(states):
        if after.done > before.done:
            assert before.phase == STORING
    phases = [s.phase for s in states]
    runs = [p for i, p in enumerate(phases) if i == 0 or phases[i - 1] != p]
    assert runs.count(ANALYSING) == runs.count(STORING) == 4  # batches
    if engine == "inline":  # each article told as it leaves analysis, then the embedding
        analysed = [s for s in states if s.phase == ANALYSING and s.analysed]
        sizes = [s.batch for s in analysed if s.analysed == s.batch]
        assert len(sizes) == 4 and sum(sizes) == 30  # the new articles
        assert [s.analysed for s in analysed] == [n for b in sizes for n in range(1, b + 1)]
        assert runs.count(EMBEDDING) == 4
    # After the last read, the batches still in hand are told as they are stored.
    last_read = max(i for i, s in enumerate(states) if s.phase == READING)
    assert states[-1].done == records - 1 and last_read < len(states) - 1


def test_the_total_is_counted_without_reading_the_records(tmp_path):
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text("".join(json.dumps({"id": str(i), "text": "x"}) + "\n" for i in range(7)))
    csv = tmp_path / "b.csv"
    csv.write_text("id,title,text\n1,a,b\n2,c,d\n3,e,f")  # the last line unended
    feed = tmp_path / "c.xml"
    feed.write_text('<?xml version="1.0"?><rss><channel>' + "<item><title>t</title></item>" * 4)
    page = tmp_path / "d.txt"
    page.write_text("Headline\n\nOne article of plain text.\n")
    inputs = expand([str(jsonl), str(csv), str(feed), str(page)])
    assert estimate_articles(inputs) == 7 + 3 + 4 + 1
    array = tmp_path / "e.json"
    array.write_text(json.dumps([{"id": "1", "text": "x"}]))
    assert estimate_articles(expand([str(array)])) is None
    assert estimate_articles(expand(["-"], io.BytesIO(b"text"))) is None
