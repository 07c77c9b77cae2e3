"""A batch the store refuses is stored article by article (issue 13, D3): the one it
cannot take fails alone, named, and the rest of the batch is stored. The readers
let no such article through; this guards against what they have not foreseen."""

from __future__ import annotations

from tidings.ingest.runner import Ingestor, IngestReport
from tidings.model import Article
from tidings.pipeline import Pipeline
from tidings.store import open_store


def _article(article_id: str, text: str, line: int) -> Article:
    return Article(id=article_id, source="in.jsonl", raw=text, text=text, body=text,
                   origin=f"in.jsonl:{line}")  # fmt: skip


def test_one_article_the_store_refuses_fails_alone(tmp_path):
    # A lone surrogate reaching the store (past the readers) cannot be encoded.
    batch = [
        _article("a", "The first story of the batch.", 1),
        _article("b\udc00", "The story the store cannot encode.", 2),
        _article("c", "The third story of the batch.", 3),
    ]
    with open_store(str(tmp_path / "t.db")) as store:
        report = IngestReport()
        outcomes = Ingestor(store, Pipeline([])).commit(batch, None, report)
        stored = sorted(a.id for a in store.articles())
    assert stored == ["a", "c"] and report.new == 2
    assert outcomes[1] is None
    [failure] = report.failures
    assert str(failure).startswith("in.jsonl:2: the store refused it: UnicodeEncodeError")
