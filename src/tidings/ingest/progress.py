"""How far an ingest has got: articles done of a total estimated up front, and the
phase it is in, told to a callback at each step of every engine.

The total is counted cheaply before the run (records of an export are its lines,
a feed's its items, any other file one article); it is an estimate, None where an
input cannot be counted without reading it all (standard input, a JSON array).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from tidings.ingest.errors import ReadFailure
from tidings.ingest.sources import Input
from tidings.model import Article
from tidings.pipeline import Pipeline, StageBase

READING = "reading"
ANALYSING = "analysing"  # cleaning and analysis (here, or waiting on the workers)
EMBEDDING = "embedding"  # the batch's vectors, all at once
STORING = "storing"  # storing and placing in stories, one transaction a batch

# How much of a file the format is told from.
_HEAD = 4096
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Progress:
    """One step of an ingest. `done` articles are finished (stored, found duplicate or
    failed) of `total` expected (None: unknown); `read` have been read; `analysed` of
    the `batch` in hand have gone through analysis (in this process)."""

    inputs_done: int
    inputs_total: int
    read: int
    phase: str = READING
    done: int = 0
    total: int | None = None
    analysed: int = 0
    batch: int = 0


ProgressCallback = Callable[[Progress], None]


class ProgressTracker:
    """Keeps an ingest's counts and tells the callback (if any) at every change."""

    def __init__(self, callback: ProgressCallback | None, inputs: Sequence[Input | ReadFailure]):
        self.callback = callback
        self.state = Progress(0, len(inputs), 0, READING, 0, None)
        if callback is not None:
            self.state = Progress(0, len(inputs), 0, READING, 0, estimate_articles(inputs))
            callback(self.state)

    def read(self, inputs_done: int, read: int) -> None:
        self._tell(inputs_done=inputs_done, read=read, phase=READING)

    def phase(self, name: str) -> None:
        self._tell(phase=name)

    def analysing(self, articles: Iterable[Article], size: int) -> Iterator[Article]:
        """`articles` as they come out of analysis, telling each; then embedding."""
        self._tell(phase=ANALYSING, analysed=0, batch=size)
        for n, article in enumerate(articles, start=1):
            self._tell(analysed=n)
            if n == size:  # the embedder starts once it has the batch
                self._tell(phase=EMBEDDING)
            yield article

    def counting(self, pipeline: Pipeline) -> Pipeline:
        """`pipeline`, telling each article of a batch piped through it (`analysing`)."""
        if self.callback is None:
            return pipeline
        return cast(Pipeline, _CountedPipeline(pipeline, self))

    def finished(self, articles: int) -> None:
        done = self.state.done + articles
        total = self.state.total
        self._tell(done=done, total=None if total is None else max(total, done))

    def _tell(self, **changes: object) -> None:
        if self.callback is None:
            return
        values = {**self.state.__dict__, **changes}
        self.state = Progress(**values)  # type: ignore[arg-type]
        self.callback(self.state)


class _CountedPipeline:
    """A pipeline whose `pipe` tells the tracker as each article leaves the stages
    before the last (the embedder, which takes the batch at once): the same stages
    called in the same order. One article at a time (the fallback that finds a failing
    article) is not told."""

    def __init__(self, pipeline: Pipeline, tracker: ProgressTracker):
        self.pipeline = pipeline
        self.tracker = tracker

    def pipe(self, articles: Iterable[Article], batch_size: int = 128) -> Iterator[Article]:
        batch = list(articles)
        if not self.pipeline.stages:
            return iter(batch)
        *analysis, last = self.pipeline.stages
        counted = Pipeline([*analysis, _Counter(self.tracker, len(batch)), last])
        return counted.pipe(batch, batch_size=batch_size)

    def __call__(self, article: Article) -> Article:
        return self.pipeline(article)


class _Counter(StageBase):
    """A stage that changes nothing and tells the tracker of each article it passes."""

    name = "ingest.progress"

    def __init__(self, tracker: ProgressTracker, size: int):
        self.tracker = tracker
        self.size = size

    def pipe(self, articles: Iterable[Article], batch_size: int = 128) -> Iterator[Article]:
        return self.tracker.analysing(articles, self.size)


def estimate_articles(inputs: Sequence[Input | ReadFailure]) -> int | None:
    """About how many articles the inputs hold, without parsing them; None if unknown."""
    total = 0
    for item in inputs:
        if isinstance(item, ReadFailure):
            continue
        if item.path is None:
            return None  # a stream is read once, by the ingest
        count = _articles_in(item.path)
        if count is None:
            return None
        total += count
    return total


def _articles_in(path: Path) -> int | None:
    # The sniffer is imported here: it pulls in the readers, which the CLI loads late.
    from tidings.ingest.readers import Format, sniff

    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD)
    except OSError:
        return 0  # reading it will report the problem
    fmt = sniff(str(path), head.decode("utf-8", errors="replace"))
    if fmt is Format.JSONL:
        return None if head.lstrip().startswith(b"[") else _count(path, b"\n", head)
    if fmt is Format.CSV:
        return max(0, _count(path, b"\n", head) - 1)
    if fmt is Format.FEED:
        return _count(path, b"<item", None) + _count(path, b"<entry", None)
    return 1


def _count(path: Path, mark: bytes, head: bytes | None) -> int:
    """Occurrences of `mark` in the file (for lines: one more if the last is unended)."""
    found, last, overlap = 0, b"", len(mark) - 1
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                # A mark split between two chunks is counted once, with the next chunk.
                found += (last[len(last) - overlap :] + chunk).count(mark)
                last = chunk
    except OSError:
        return 0
    if head is not None and last and not last.endswith(mark):
        found += 1
    return found
