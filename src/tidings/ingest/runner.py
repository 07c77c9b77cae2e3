"""Reading, processing and storing a set of inputs, with a report of it all.

One bad input, record or article never stops the run: it becomes a failure in
the report, with the file (and line) and the reason, and everything else is
stored. Articles whose id is already stored are not processed again, so
re-ingesting the same input changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, TypedDict

from tidings.config import Settings
from tidings.ingest.decode import decode
from tidings.ingest.errors import InputError, Notice, ReadFailure, ReadWarning
from tidings.ingest.progress import STORING, ProgressCallback, ProgressTracker
from tidings.ingest.readers import FieldMap, Format, reader_for, sniff
from tidings.ingest.sources import Input
from tidings.ingest.vet import vet
from tidings.model import Article, InputKey, same_input
from tidings.pipeline import Pipeline
from tidings.store.base import ArticleStore, Outcome


@dataclass
class IngestReport:
    inputs: int = 0
    read: int = 0
    new: int = 0
    duplicates: int = 0
    failures: list[ReadFailure] = field(default_factory=list)
    warnings: list[ReadWarning] = field(default_factory=list)  # fields dropped, articles stored
    new_ids: list[str] = field(default_factory=list)
    new_events: int = 0  # events the new articles opened
    new_stories: int = 0

    @property
    def failed(self) -> int:
        return len(self.failures)


class Placer(Protocol):
    """Places stored articles into events and stories (`tidings.stories.StoryTracker.update`)."""

    def __call__(self, articles: Sequence[Article]) -> Sequence[Any]: ...


# Each article's line keys for the store to count with it (`tidings.ingest.engines`).
LineKeys = Callable[[Sequence[Article]], list[set[str]]]

# The most text one article may have: about 150,000 words, longer than any
# news story. Cleaning and analysis take about 3 s a million characters, so this
# bounds the time one input costs; what is longer is refused, not cut.
MAX_ARTICLE_CHARS = 1_000_000


def read_input(
    item: Input, max_bytes: int, max_chars: int = MAX_ARTICLE_CHARS, fields: FieldMap | None = None
) -> Iterator[Article | ReadFailure | ReadWarning]:
    """Every article in one input, or failures saying what could not be read, and
    warnings naming the fields dropped; records are read with `fields`."""
    try:
        text = decode(item.read_bytes(max_bytes))
    except OSError as error:
        yield ReadFailure(item.name, f"cannot read: {error.strerror or error}")
        return
    except InputError as error:
        yield ReadFailure(item.name, error.reason)
        return
    fmt = sniff(item.name, text, fields.text if fields else ())
    if fmt is Format.TEXT and len(text) > max_chars:  # one article: refused before it is read
        yield _too_long(item.name, len(text), max_chars)
        return
    try:
        for record in reader_for(fmt, fields)(item.name, text):
            if isinstance(record, Article):
                yield from _vetted(_within_limit(record, item.name, max_chars), item.name)
            else:
                yield record
    except Exception as error:  # a reader's bug must not end the whole run
        yield ReadFailure(item.name, f"{fmt.value} reader failed: {type(error).__name__}: {error}")


def _vetted(
    record: Article | ReadFailure, name: str
) -> Iterator[Article | ReadFailure | ReadWarning]:
    """The article as every store holds it alike (`tidings.ingest.vet`), or why not."""
    if isinstance(record, ReadFailure):
        yield record
        return
    where = record.origin = record.origin or name
    try:
        article, warnings = vet(record)
    except InputError as error:
        yield ReadFailure(where, error.reason)
        return
    yield from (ReadWarning(where, warning) for warning in warnings)
    yield article


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


class IngestOptions(TypedDict, total=False):
    """`Ingestor`'s options, which the engines that extend it pass on."""

    batch_size: int
    max_bytes: int
    line_keys: LineKeys | None
    placer: Placer | None
    fields: FieldMap | None
    published: datetime | None


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
        batch_size: int = Settings.batch_size,
        max_bytes: int = Settings.max_input_bytes,
        line_keys: LineKeys | None = None,
        placer: Placer | None = None,
        fields: FieldMap | None = None,
        published: datetime | None = None,
    ):
        self.store = store
        self.published = published  # the publication time of records that give none
        self.pipeline = pipeline
        self.batch_size = batch_size
        self.max_bytes = max_bytes
        self.line_keys = line_keys
        self.placer = placer
        self.progress_ = ProgressTracker(None, [])  # the run's, from `read_batches` on
        self.fields = fields

    def run(
        self,
        inputs: Sequence[Input | Notice | Article],
        progress: ProgressCallback | None = None,
    ) -> IngestReport:
        report = IngestReport(inputs=len(inputs))
        for batch in self.read_batches(inputs, report, progress):
            self._store(batch, report)
        return report

    def read_batches(
        self,
        inputs: Sequence[Input | Notice | Article],
        report: IngestReport,
        progress: ProgressCallback | None = None,
    ) -> Iterator[list[Article]]:
        """The articles of `inputs` in reading order, `batch_size` at a time; what cannot
        be read goes to the report's failures."""
        self.progress_ = ProgressTracker(progress, inputs)
        batch: list[Article] = []
        for done, item in enumerate(inputs, start=1):
            read = isinstance(item, Notice | Article)  # read already (uploads)
            records = [item] if read else read_input(item, self.max_bytes, fields=self.fields)
            for record in records:
                if isinstance(record, ReadFailure):
                    report.failures.append(record)
                    continue
                if isinstance(record, ReadWarning):
                    report.warnings.append(record)
                    continue
                report.read += 1
                if record.published is None and self.published is not None:
                    record.published = self.published
                batch.append(record)
                if len(batch) >= self.batch_size:
                    self.progress_.read(done - 1, report.read)
                    yield batch
                    batch = []
            self.progress_.read(done, report.read)
        if batch:
            yield batch

    def _store(self, batch: list[Article], report: IngestReport) -> None:
        fresh, known, conflicts = self.fresh(batch)
        report.duplicates += known
        report.failures += conflicts
        processed, failures = process_batch(
            self.progress_.counting(self.pipeline), fresh, self.batch_size
        )
        report.failures += failures
        keys = self.line_keys(processed) if self.line_keys is not None else None
        self.progress_.phase(STORING)
        self.commit(processed, keys, report)
        self.progress_.finished(len(batch))

    def fresh(
        self, batch: list[Article], ahead: Mapping[str, InputKey] | None = None
    ) -> tuple[list[Article], int, list[ReadFailure]]:
        """The articles of `batch` not stored yet (nor `ahead`: id -> input key of
        articles on their way to the store), once each; how many others repeat an
        input (duplicates); and a failure for each that brings an id stored (or read
        before) with another title or text: the first version is kept, never
        silently (see README, "Inputs")."""
        known = {**self.store.input_keys(a.id for a in batch), **(ahead or {})}
        fresh: dict[str, Article] = {}
        duplicates, conflicts = 0, []
        for article in batch:
            earlier = known.get(article.id)
            if earlier is None and article.id in fresh:
                earlier = fresh[article.id].input_key
            if earlier is None:
                fresh[article.id] = article
            elif same_input(earlier, article.input_key):
                duplicates += 1
            else:
                conflicts.append(_conflict(article, stored=article.id in known))
        return list(fresh.values()), duplicates, conflicts

    def commit(
        self,
        processed: list[Article],
        line_keys: list[set[str]] | None,
        report: IngestReport,
    ) -> list[Outcome | None]:
        """Store processed articles, with the line keys of those new, and place the new
        ones: all in one transaction, so no article is ever stored without an event.
        If the store refuses the batch, each article is stored on its own, so that one
        the store cannot take fails alone (outcome None) and the rest is stored."""
        try:
            return list(self._commit(processed, line_keys, report))
        except _StoreRefused as refused:
            if len(processed) == 1:
                error = refused.__cause__
                report.failures.append(
                    ReadFailure(
                        processed[0].origin or processed[0].source,
                        f"the store refused it: {type(error).__name__}: {error}",
                    )
                )
                return [None]
        outcomes: list[Outcome | None] = []
        for n, article in enumerate(processed):
            keys = None if line_keys is None else [line_keys[n]]
            outcomes += self.commit([article], keys, report)
        return outcomes

    def _commit(
        self,
        processed: list[Article],
        line_keys: list[set[str]] | None,
        report: IngestReport,
    ) -> list[Outcome]:
        with self.store.transaction():
            try:
                outcomes = self.store.add(processed, line_keys=line_keys)
            except Exception as error:  # rolled back: nothing of the batch is stored
                raise _StoreRefused from error
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
                        article.origin or article.source,
                        f"id {article.id!r} is already stored with other content; kept the stored one",
                    )
                )
            else:
                report.duplicates += 1
        return outcomes


class _StoreRefused(Exception):
    """The store raised while adding a batch (its cause says why)."""


def _conflict(article: Article, *, stored: bool) -> ReadFailure:
    earlier = "is already stored" if stored else "was read earlier in this ingest"
    return ReadFailure(
        article.origin or article.source,
        f"id conflict: id {article.id!r} {earlier} with another title or text; "
        "kept the first version (give the new one its own id to keep both)",
    )


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
                ReadFailure(
                    article.origin or article.source,
                    f"processing failed: {type(error).__name__}: {error}",
                )
            )
    return processed, failures
