"""Bulk ingest on Ray: cleaning, analysis and embedding on a cluster's workers.

The result equals a single-process ingest of the same inputs in the same order:

- The driver reads the inputs and cuts them into the same batches as `Ingestor`.
- The cleaner's corpus-wide line counts depend on order: the driver counts each
  batch's lines into the store, as the single-process cleaner does before it
  cleans a batch, and sends the worker the counts of that batch's lines as they
  then stand (`FrozenLineCounts`). So every worker sees exactly the counts that
  the single process would have seen for that batch.
- Each worker (a Ray actor, so the gazetteer and the model load once per
  worker) runs the same pipeline over whole batches, so embeddings are
  computed in the same batches too.
- Results come back in input order (at most `2 × workers` batches in flight);
  the driver stores each batch and places it in events and stories, in order,
  in one transaction, exactly as `Ingestor` does.

Reading stays on the driver: it is a small part of the time (see
`benchmarks/scale.py`) and it keeps the cluster's workers free of the inputs'
paths. ray is imported only here (`pip install tidings[ray]`).
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Sequence
from typing import Any

import ray

from tidings.ingest.clean import RepeatedLines
from tidings.ingest.clean.paragraphs import paragraphs_of
from tidings.ingest.clean.repeated import FrozenLineCounts
from tidings.ingest.errors import ReadFailure
from tidings.ingest.runner import Ingestor, IngestReport, ProgressCallback, process_batch
from tidings.ingest.sources import Input
from tidings.model import Article
from tidings.pipeline import Pipeline


class _Worker:
    """One worker's pipeline, built once; cleans each batch with the counts it is given."""

    def __init__(self, min_docs: int):
        from tidings.app import comparison_pipeline

        self.repeated = RepeatedLines(FrozenLineCounts({}), min_docs=min_docs)
        self.pipeline: Pipeline = comparison_pipeline(self.repeated)

    def process(
        self, articles: list[Article], counts: dict[str, int], batch_size: int
    ) -> tuple[list[Article], list[ReadFailure]]:
        self.repeated.counts = FrozenLineCounts(counts)
        return process_batch(self.pipeline, articles, batch_size)


def start_ray(address: str | None, workers: int) -> None:
    """Join the cluster at `address` (`auto`, `ray://host:10001`), or start a local
    Ray with `workers` CPUs."""
    if ray.is_initialized():
        return
    if "usearch.compiled" in sys.modules:
        # Ray's core would abort the process: the two C++ runtimes clash over std::regex.
        raise RuntimeError(
            "Ray must start before the vector index is loaded: run the Ray ingest in a "
            "fresh process (the CLI does), or call start_ray() first"
        )
    if address:
        ray.init(address=address, log_to_driver=False)
    else:
        ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)


class RayIngestor(Ingestor):
    """`Ingestor` with processing on Ray actors; storing and placing stay on the driver."""

    def __init__(
        self,
        *args: Any,
        workers: int = 2,
        address: str | None = None,
        min_docs: int = 3,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.workers = workers
        self.address = address
        self.min_docs = min_docs

    def run(
        self, inputs: Sequence[Input | ReadFailure], progress: ProgressCallback | None = None
    ) -> IngestReport:
        start_ray(self.address, self.workers)
        actor = ray.remote(num_cpus=1)(_Worker)
        pool = [actor.remote(self.min_docs) for _ in range(self.workers)]
        repeated = RepeatedLines(self.store, min_docs=self.min_docs)
        report = IngestReport(inputs=len(inputs))
        pending: deque[Any] = deque()
        sent: set[str] = set()  # ids sent in this run, not yet known to the store
        try:
            for n, batch in enumerate(self.read_batches(inputs, report, progress)):
                unknown = self._fresh(batch, report)
                fresh = [a for a in unknown if a.id not in sent]
                report.duplicates += len(unknown) - len(fresh)
                sent.update(a.id for a in fresh)
                counts = self._count(repeated, fresh)
                worker = pool[n % len(pool)]
                pending.append(worker.process.remote(fresh, counts, self.batch_size))
                while len(pending) >= 2 * len(pool):
                    self._finish(ray.get(pending.popleft()), report)
            while pending:
                self._finish(ray.get(pending.popleft()), report)
        finally:
            for worker in pool:
                ray.kill(worker)
        return report

    def _count(self, repeated: RepeatedLines, fresh: list[Article]) -> dict[str, int]:
        """Count the batch's lines into the store, then its lines' counts as they stand."""
        lines = [paragraphs_of(a.text) for a in fresh]
        repeated.update(lines)
        keys = set().union(*(repeated.keys(x) for x in lines)) if lines else set()
        return dict(self.store.line_counts(keys))

    def _finish(
        self, result: tuple[list[Article], list[ReadFailure]], report: IngestReport
    ) -> None:
        processed, failures = result
        report.failures += failures
        self._commit(processed, report)
