"""Plain-text articles: one a file; the cleaner finds the headline."""

from __future__ import annotations

from collections.abc import Iterator

from tidings.ingest.errors import ReadFailure
from tidings.model import Article, input_id


def read_text(source: str, text: str) -> Iterator[Article | ReadFailure]:
    if not text.strip():
        yield ReadFailure(source, "empty file")
        return
    yield Article(id=input_id(text), source=source, raw=text, text=text)
