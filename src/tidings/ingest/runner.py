"""Reading, processing and storing a set of inputs, with a report of it all.

One bad input, record or article never stops the run: it becomes a failure in
the report, with the file (and line) and the reason, and everything else is
stored. Articles whose id is already stored are not processed again, so
re-ingesting the same input changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence, Set
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from tidings.ingest.decode import decode
from tidings.ingest.errors import InputError, ReadFailure
from tidings.ingest.readers import Format, reader_for, sniff
from tidings.ingest.sources import Input
from tidings.model import Article
from tidings.pipeline import Pipeline
from tidings.store.base import ArticleStore, Outcome


@dataclass
class IngestReport:
    inputs: int = 0
    read: int = 0
    new: int = 0
    duplicates: int = 0
    failures: list[ReadFailure] = field(default_factory=list)
    new_ids: list[str] = field(default_factory=list)
    new_events: int = 0  # events the new articles opened
    new_stories: int = 0

    @property
    def failed(self) -> int:
        return len(self.failures)


@dataclass(frozen=True)
class Progress:
    inputs_done: int
    inputs_total: int
    read: int


ProgressCallback = Callable[[Progress], None]


class Placer(Protocol):
    """Places stored articles into events and stories (`tidings.stories.StoryTracker.update`)."""

    def __call__(self, articles: Sequence[Article]) -> Sequence[Any]: ...


# The most text one article may have: about 150,000 words, longer than any
# news story. Cleaning and analysis take about 3 s a million characters, so this
# bounds the time one input costs; what is longer is refused, not cut.
MAX_ARTICLE_CHARS = 1_000_000


def read_input(
    item: Input, max_bytes: int, max_chars: int = MAX_ARTICLE_CHARS
) -> Iterator[Article | ReadFailure]:
    """Every article in one input, or failures saying what could not be read."""
    try:
        text = decode(item.read_bytes(max_bytes))
    except OSError as error:
        yield ReadFailure(item.name, f"cannot read: {error.strerror or error}")
        return
    except InputError as error:
        yield ReadFailure(item.name, error.reason)
        return
    fmt = sniff(item.name, text)
    if fmt is Format.TEXT and len(text) > max_chars:  # one article: refused before it is read
        yield _too_long(item.name, len(text), max_chars)
        return
    try:
        for record in reader_for(fmt)(item.name, text):
            yield _within_limit(record, item.name, max_chars)
    except Exception as error:  # a reader's bug must not end the whole run
        yield ReadFailure(item.name, f"{fmt.value} reader failed: {type(error).__name__}: {error}")


def _within_limit(
    record: Article | ReadFailure, name: str, max_chars: int
) -> Article | ReadFailure:
    if isinstance(record, ReadFailure) or len(record.text) <= max_chars:
        return record
    return _too_long(name, len(record.text), max_chars, record.source)


def _too_long(name: str, size: int, max_chars: int, source: str | None = None) -> ReadFailure:
    which = "" if source in (None, name) else f" of {source}"
    return ReadFailure(
        name,
        f"text{which} has {size:,} characters, over the limit of {max_chars:,} for one article",
    )


class Ingestor:
    """Runs inputs through the pipeline into the store, `batch_size` at a time.

    `line_keys` gives the cleaner's line keys of each article of a batch; the
    store counts those of the articles it stores, in the batch's transaction, so
    that a run killed at any point and run again stores what an uninterrupted
    run would, and a repeated run changes nothing.
    """

    def __init__(
        self,
        store: ArticleStore,
        pipeline: Pipeline,
        *,
        batch_size: int = 256,
        max_bytes: int = 256 * 2**20,
        line_keys: Callable[[Sequence[Article]], list[set[str]]] | None = None,
        placer: Placer | None = None,
        published: datetime | None = None,
    ):
        self.store = store
        self.published = published  # the publication time of records that give none
        self.pipeline = pipeline
        self.batch_size = batch_size
        self.max_bytes = max_bytes
        self.line_keys = line_keys
        self.placer = placer

    def run(
        self, inputs: Sequence[Input | ReadFailure], progress: ProgressCallback | None = None
    ) -> IngestReport:
        report = IngestReport(inputs=len(inputs))
        for batch in self.read_batches(inputs, report, progress):
            self._store(batch, report)
        return report

    def read_batches(
        self,
        inputs: Sequence[Input | ReadFailure],
        report: IngestReport,
        progress: ProgressCallback | None = None,
    ) -> Iterator[list[Article]]:
        """The articles of `inputs` in reading order, `batch_size` at a time; what cannot
        be read goes to the report's failures."""
        batch: list[Article] = []
        for done, item in enumerate(inputs, start=1):
            records = [item] if isinstance(item, ReadFailure) else read_input(item, self.max_bytes)
            for record in records:
                if isinstance(record, ReadFailure):
                    report.failures.append(record)
                    continue
                report.read += 1
                if record.published is None and self.published is not None:
                    record.published = self.published
                batch.append(record)
                if len(batch) >= self.batch_size:
                    yield batch
                    batch = []
                    _tell(progress, Progress(done - 1, len(inputs), report.read))
            _tell(progress, Progress(done, len(inputs), report.read))
        if batch:
            yield batch

    def _store(self, batch: list[Article], report: IngestReport) -> None:
        fresh, known = self.fresh(batch)
        report.duplicates += known
        processed, failures = process_batch(self.pipeline, fresh, self.batch_size)
        report.failures += failures
        keys = self.line_keys(processed) if self.line_keys is not None else None
        self.commit(processed, keys, report)

    def fresh(
        self, batch: list[Article], stored: Set[str] = frozenset()
    ) -> tuple[list[Article], int]:
        """The articles of `batch` not stored yet (nor in `stored`), once each, and how
        many others there were (duplicates)."""
        known = self.store.known_ids(a.id for a in batch) | stored
        fresh: dict[str, Article] = {}
        for article in batch:
            if article.id not in known:
                fresh.setdefault(article.id, article)
        return list(fresh.values()), len(batch) - len(fresh)

    def commit(
        self,
        processed: list[Article],
        line_keys: list[set[str]] | None,
        report: IngestReport,
    ) -> list[Outcome]:
        """Store processed articles, with the line keys of those new, and place the new
        ones: all in one transaction, so no article is ever stored without an event."""
        with self.store.transaction():
            outcomes = self.store.add(processed, line_keys=line_keys)
            new = [a for a, o in zip(processed, outcomes, strict=True) if o is Outcome.NEW]
            if self.placer is not None and new:
                for placed in self.placer(new):
                    report.new_events += int(placed.new_event)
                    report.new_stories += int(placed.new_story)
        for article, outcome in zip(processed, outcomes, strict=True):
            if outcome is Outcome.NEW:
                report.new += 1
                report.new_ids.append(article.id)
            elif outcome is Outcome.ID_CONFLICT:
                report.failures.append(
                    ReadFailure(
                        article.source,
                        f"id {article.id!r} is already stored with other content; kept the stored one",
                    )
                )
            else:
                report.duplicates += 1
        return outcomes


def process_batch(
    pipeline: Pipeline, articles: list[Article], batch_size: int
) -> tuple[list[Article], list[ReadFailure]]:
    """The pipeline over a batch; if it fails, article by article, to find the one at fault."""
    try:
        return list(pipeline.pipe(articles, batch_size=batch_size)), []
    except Exception:
        pass
    processed, failures = [], []
    for article in articles:
        try:
            processed.append(pipeline(article))
        except Exception as error:
            failures.append(
                ReadFailure(article.source, f"processing failed: {type(error).__name__}: {error}")
            )
    return processed, failures


def _tell(progress: ProgressCallback | None, state: Progress) -> None:
    if progress is not None:
        progress(state)
