"""Bulk ingest with worker processes: cleaning, analysis and embedding of the
next batches run in `workers` processes while this one stores and places the
batches before them, in input order.

The result equals that of the in-process `Ingestor` on the same inputs:

- Cleaning depends on order through the corpus-wide line counts: in process, a
  batch is cleaned with the store's counts plus its own. A batch sent ahead is
  cleaned with the counts it will meet: the store's, plus those of the batches
  still in flight before it (as if all their articles will be stored new),
  plus its own (`FrozenLineCounts`).
- When a batch is stored, that assumption may prove wrong: an article failed,
  was a duplicate by content or an id conflict. Every batch still in flight is
  then prepared again from the true state, and sent again only if the articles
  it takes or the lines it calls furniture changed (rare: counts matter only
  where they cross `min_docs`).
- Storing and placing stay here, one batch per transaction, as in `Ingestor`.

Workers have one BLAS thread each: on two cores, two processes run about twice
as fast as two threads in one (the model's Python loops hold the GIL). They
start with `spawn`, as this process has threads and open databases, and build
their pipeline once.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import chain
from typing import Unpack

from tidings.config import Settings
from tidings.ingest.clean import LineCounts, Paragraphs, RepeatedLines
from tidings.ingest.clean.repeated import FrozenLineCounts
from tidings.ingest.errors import ReadFailure
from tidings.ingest.progress import ANALYSING, STORING
from tidings.ingest.runner import (
    IngestOptions,
    Ingestor,
    IngestReport,
    ProgressCallback,
    process_batch,
)
from tidings.ingest.sources import Input
from tidings.model import Article, InputKey
from tidings.pipeline import Pipeline
from tidings.store.base import ArticleStore, Outcome

# Inputs smaller than this are ingested in process: starting the workers
# (each loads the gazetteer and the model, about 5 s) is not worth it.
PARALLEL_MIN_BYTES = 1 * 2**20

log = logging.getLogger(__name__)

PipelineFactory = Callable[[LineCounts, Paragraphs], Pipeline]


def bulky(inputs: Sequence[Input | ReadFailure], min_bytes: int | None = None) -> bool:
    """Whether the files among `inputs` hold at least `min_bytes` (default
    `PARALLEL_MIN_BYTES`; streams count nothing)."""
    min_bytes = PARALLEL_MIN_BYTES if min_bytes is None else min_bytes
    total = 0
    for item in inputs:
        if isinstance(item, Input) and item.path is not None:
            try:
                total += item.path.stat().st_size
            except OSError:
                continue  # reading it will report the problem
    return total >= min_bytes


@dataclass
class _Batch:
    """A batch sent to a worker, with what its cleaning assumed."""

    read: list[Article]
    fresh: list[Article]
    duplicates: int
    conflicts: list[ReadFailure]
    paragraphs: list[list[str]]  # each fresh article's, sent along: the worker needs them too
    keys: list[set[str]]  # each fresh article's line keys
    furniture: set[str]
    future: Future[tuple[list[Article], list[ReadFailure]]] | None = None
    # Each fresh article's input key, hashed once (a recheck passes the earlier ones on):
    # every batch sent after this one looks them up. Hashed again each time, they took
    # 15% of this process's time (4.6 of 31 s for 2,000 articles).
    input_keys: dict[str, InputKey] = field(default_factory=dict)
    counts: Counter[str] = field(init=False)

    def __post_init__(self) -> None:
        self.counts = Counter(chain.from_iterable(self.keys))
        known = self.input_keys
        self.input_keys = {a.id: known.get(a.id) or a.input_key for a in self.fresh}


class ParallelIngestor(Ingestor):
    """`Ingestor` with processing in worker processes; storing and placing stay here.

    `build_pipeline(counts, paragraphs)` builds a worker's pipeline around the line
    counts and the split texts it is given (it must be picklable: a module-level function or a partial of
    one). `pipeline` is the in-process one, used if a worker dies.
    """

    def __init__(
        self,
        store: ArticleStore,
        pipeline: Pipeline,
        *,
        build_pipeline: PipelineFactory,
        workers: int = Settings.workers,
        min_docs: int = Settings.repeated_line_docs,
        **options: Unpack[IngestOptions],
    ):
        super().__init__(store, pipeline, **options)
        self.build_pipeline = build_pipeline
        self.workers = workers
        self.repeated = RepeatedLines(self.store, min_docs=min_docs)
        self.in_flight: deque[_Batch] = deque()
        self.paragraphs_ = Paragraphs()  # those of the batches in flight (checked again)
        self.resent = 0  # batches sent again after a wrong assumption
        self.pool_: Executor | None = None

    def run(
        self, inputs: Sequence[Input | ReadFailure], progress: ProgressCallback | None = None
    ) -> IngestReport:
        report = IngestReport(inputs=len(inputs))
        self.pool_ = self._start_workers()
        try:
            for batch in self.read_batches(inputs, report, progress):
                if self.pool_ is None:  # a worker died: the rest in process
                    self._store(batch, report)
                    continue
                self.in_flight.append(self._send(batch))
                # One batch waiting per worker keeps them busy while this process stores.
                while len(self.in_flight) > 2 * self.workers:
                    self._finish_first(report)
            while self.in_flight:
                self._finish_first(report)
        finally:
            self._stop_pool()
            self.in_flight.clear()
        return report

    def _start_workers(self) -> Executor:
        """The executor that runs `process_prepared` on the batches sent ahead (the Ray
        engine swaps it; a worker lost raises `BrokenProcessPool` from a future)."""
        return ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(self.build_pipeline, os.getpid()),
        )

    def _send(self, read: list[Article]) -> _Batch:
        batch = self._prepare(read, list(self.in_flight))
        batch.future = self._submit(batch)
        return batch

    def _prepare(
        self, read: list[Article], ahead: list[_Batch], hashed: dict[str, InputKey] | None = None
    ) -> _Batch:
        """The batch as the in-process path would meet it once `ahead` is stored (`hashed`:
        input keys of its articles known already)."""
        fresh, duplicates, conflicts = self.fresh(
            read, {i: key for b in ahead for i, key in b.input_keys.items()}
        )
        paragraphs = [self.paragraphs_.of(a.text) for a in fresh]
        keys = [self.repeated.keys_of(lines) for lines in paragraphs]
        batch = _Batch(read, fresh, duplicates, conflicts, paragraphs, keys, set(),
                       input_keys=hashed or {})  # fmt: skip
        counts = Counter(self.store.line_counts(batch.counts))
        for earlier in ahead:
            counts.update({k: earlier.counts[k] for k in batch.counts if k in earlier.counts})
        counts.update(batch.counts)
        batch.furniture = self.repeated.furniture_keys(counts)
        return batch

    def _submit(self, batch: _Batch) -> Future[tuple[list[Article], list[ReadFailure]]] | None:
        """The batch's future, or None if the workers are gone (it is then done here)."""
        if self.pool_ is None:
            return None
        # Only whether a count reaches `min_docs` matters to the cleaner.
        counts = dict.fromkeys(batch.furniture, self.repeated.min_docs)
        try:
            return self.pool_.submit(
                process_prepared, batch.fresh, batch.paragraphs, counts, self.batch_size
            )
        except BrokenProcessPool:
            self._lost_workers()
            return None

    def _finish_first(self, report: IngestReport) -> None:
        batch = self.in_flight.popleft()
        try:
            if batch.future is None:
                raise BrokenProcessPool("no worker took the batch")
            self.progress_.phase(ANALYSING)  # waiting on the workers
            processed, failures = batch.future.result()
        except BrokenProcessPool:
            self._lost_workers()
            self._store(batch.read, report)  # in order: everything before it is stored
            return
        report.duplicates += batch.duplicates
        report.failures += batch.conflicts + failures
        keys_of = {a.id: k for a, k in zip(batch.fresh, batch.keys, strict=True)}
        self.progress_.phase(STORING)
        outcomes = self.commit(processed, [keys_of[a.id] for a in processed], report)
        self.progress_.finished(len(batch.read))
        as_assumed = len(processed) == len(batch.fresh) and all(o is Outcome.NEW for o in outcomes)
        if not as_assumed and self.pool_ is not None:
            self._recheck()

    def _recheck(self) -> None:
        """Prepare each batch in flight again from the store as it now is; send again
        those whose articles or furniture changed."""
        checked: list[_Batch] = []
        for batch in self.in_flight:
            again = self._prepare(batch.read, checked, batch.input_keys)
            same_articles = [a.id for a in again.fresh] == [a.id for a in batch.fresh]
            if same_articles and again.furniture == batch.furniture:
                again.future = batch.future
            else:
                if batch.future is not None:
                    batch.future.cancel()
                again.future = self._submit(again)
                self.resent += 1
            checked.append(again)
        self.in_flight = deque(checked)

    def _lost_workers(self) -> None:
        if self.pool_ is not None:
            log.warning("a worker process died; ingesting the rest in this process")
        self._stop_pool()

    def _stop_pool(self) -> None:
        if self.pool_ is not None:
            self.pool_.shutdown(wait=False, cancel_futures=True)
            self.pool_ = None


# -- in the worker processes ---------------------------------------------------
_worker: tuple[Pipeline, FrozenLineCounts, Paragraphs] | None = None


def _start_worker(build_pipeline: PipelineFactory, parent: int) -> None:
    build_worker(build_pipeline)
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def build_worker(build_pipeline: PipelineFactory) -> None:
    """This process's pipeline, built once, for `process_prepared`."""
    global _worker
    counts, paragraphs = FrozenLineCounts({}), Paragraphs()
    _worker = (build_pipeline(counts, paragraphs), counts, paragraphs)


def _exit_with(parent: int) -> None:
    """End this worker when the ingest process is gone (killed, it can't stop us)."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def process_prepared(
    articles: list[Article], paragraphs: list[list[str]], counts: dict[str, int], batch_size: int
) -> tuple[list[Article], list[ReadFailure]]:
    """A batch through this worker's pipeline (with the paragraphs the driver split),
    cleaned with the counts it was sent."""
    assert _worker is not None, "worker not started"
    pipeline, frozen, split = _worker
    for article, lines in zip(articles, paragraphs, strict=True):
        split.remember(article.text, lines)
    frozen.counts_ = dict(counts)
    return process_batch(pipeline, articles, batch_size)
