"""Bulk ingest on Ray: cleaning, analysis and embedding on a cluster's workers.

`RayIngestor` is `ParallelIngestor` with Ray actors in place of local worker
processes; nothing else changes. So the result equals the in-process ingest's
for the same reasons (see `tidings.ingest.parallel`): the driver reads the
inputs into the same batches, sends each batch ahead with the line counts it
will meet (store, batches in flight before it, its own), prepares and resends
batches in flight when a stored batch proves an assumption wrong, and stores
and places every batch here, in input order, one transaction each.

Each actor (one CPU) builds the pipeline once, so the gazetteer and the model
load once per worker. Batches go to the actors in turn; each actor runs its
queue in order. Reading stays on the driver: a small part of the time (see
`benchmarks/scale.py`), and the cluster's workers need no access to the inputs.
ray is imported only here (`pip install tidings[ray]`).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, InvalidStateError
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from itertools import cycle
from typing import Any

import ray
from ray.exceptions import RayActorError, RaySystemError

from tidings.ingest.errors import ReadFailure
from tidings.ingest.parallel import ParallelIngestor, PipelineFactory, build_worker
from tidings.ingest.runner import IngestReport, ProgressCallback
from tidings.ingest.sources import Input
from tidings.pipeline import Pipeline
from tidings.store.base import ArticleStore

log = logging.getLogger(__name__)


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


class _Worker:
    """A Ray actor: the worker pipeline, built once, and calls run in this process."""

    def __init__(self, build_pipeline: PipelineFactory):
        build_worker(build_pipeline)

    def call(self, fn: Callable[..., Any], *args: Any) -> Any:
        return fn(*args)


class ActorExecutor(Executor):
    """`concurrent.futures.Executor` over Ray actors, each task to the next actor in
    turn. A lost actor fails its futures with `BrokenProcessPool`, as a lost worker
    process does, so `ParallelIngestor` finishes the ingest in process."""

    def __init__(self, build_pipeline: PipelineFactory, workers: int):
        actor = ray.remote(num_cpus=1)(_Worker)
        self.actors = [actor.remote(build_pipeline) for _ in range(workers)]
        self.turn = cycle(self.actors)

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        if kwargs:
            fn = partial(fn, **kwargs)
        ref = next(self.turn).call.remote(fn, *args)
        future: Future[Any] = Future()
        ref.future().add_done_callback(partial(_settle, future))
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        for actor in self.actors:
            ray.kill(actor)
        self.actors = []


def _settle(future: Future[Any], done: Future[Any]) -> None:
    """Pass Ray's answer on to the future handed out (unless it was cancelled meanwhile)."""
    try:
        error = done.exception()
        if isinstance(error, RayActorError | RaySystemError):
            future.set_exception(BrokenProcessPool(f"a Ray worker was lost: {error}"))
        elif error is not None:
            future.set_exception(error)
        else:
            future.set_result(done.result())
    except InvalidStateError:
        pass  # cancelled: the batch was sent again


class RayIngestor(ParallelIngestor):
    """`ParallelIngestor` with processing on Ray actors (`workers` of them, on the
    cluster at `address`, or a local Ray); storing and placing stay on the driver."""

    def __init__(
        self, store: ArticleStore, pipeline: Pipeline, *, address: str | None = None, **options: Any
    ):
        super().__init__(store, pipeline, **options)
        self.address = address  # None: a local Ray

    def run(
        self, inputs: Sequence[Input | ReadFailure], progress: ProgressCallback | None = None
    ) -> IngestReport:
        report = super().run(inputs, progress)
        log.info("ray ingest: %d batches sent again after a wrong guess of the counts", self.resent)
        return report

    def _start_workers(self) -> Executor:
        start_ray(self.address, self.workers)
        return ActorExecutor(self.build_pipeline, self.workers)
