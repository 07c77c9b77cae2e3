"""Where an ingest runs, and how the store learns the cleaner's line counts.

The facade (`tidings.app.Tidings`) holds a store, the pipeline and `StoreLineKeys`;
`run_ingest` picks the engine — this process, worker processes or Ray actors —
and runs the inputs through it. Storing and placing stay in this process, in
input order, so every engine ends with the same store.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from typing import Literal, get_args

from tidings.config import Settings
from tidings.ingest.clean import BufferedLineCounts, LineCounts, Paragraphs, RepeatedLines
from tidings.ingest.errors import ReadFailure
from tidings.ingest.parallel import ParallelIngestor, bulky
from tidings.ingest.readers import FieldMap
from tidings.ingest.runner import Ingestor, IngestReport, Placer, ProgressCallback
from tidings.ingest.sources import Input
from tidings.model import Article
from tidings.pipeline import Pipeline
from tidings.registry import build_pipeline
from tidings.store.base import ArticleStore
from tidings.stories import StoryTracker

# Where an ingest cleans, analyses and embeds (see `Tidings.ingest`).
Engine = Literal["inline", "process", "ray"]
ENGINES: tuple[str, ...] = get_args(Engine)


class StoreLineKeys:
    """The cleaner's counts are held back (`BufferedLineCounts`) to be stored with the
    articles: after each batch, its articles' line keys for the store, and the held
    counts go (the store now holds those of what it stored)."""

    def __init__(self, held: BufferedLineCounts, paragraphs: Paragraphs, min_docs: int):
        self.held = held
        self.paragraphs = paragraphs  # the cleaner's: the texts it split
        self.repeated = RepeatedLines(held, min_docs=min_docs)

    def __call__(self, articles: Sequence[Article]) -> list[set[str]]:
        self.held.clear()
        return [self.repeated.keys_of(self.paragraphs.of(a.text)) for a in articles]


def store_pipeline(store: ArticleStore, settings: Settings) -> tuple[Pipeline, StoreLineKeys]:
    """The ingest pipeline `settings` names, cleaning with the store's corpus-wide line
    counts (the new ones held back, to be stored with their articles), and the line keys."""
    held, paragraphs = BufferedLineCounts(store), Paragraphs()
    pipeline = build_pipeline(settings, held, paragraphs=paragraphs)
    return pipeline, StoreLineKeys(held, paragraphs, settings.repeated_line_docs)


def worker_settings(settings: Settings) -> Settings:
    """What a worker builds its pipeline from: one BLAS thread (the workers share the
    cores), and neither the store's address (a URL may hold a password) nor the API
    token, which a Ray cluster's workers have no business holding."""
    return replace(settings, db="", api_token="", embed_threads=1)


def worker_pipeline(settings: Settings, counts: LineCounts, paragraphs: Paragraphs) -> Pipeline:
    return build_pipeline(settings, counts, paragraphs=paragraphs)


@dataclass(frozen=True)
class IngestRun:
    """How one ingest runs (`Tidings.ingest`). `engine`: "inline" (this process),
    "process" (`workers` worker processes, default the `workers` setting, no more
    than the cores) or "ray" (`workers` Ray actors on the cluster at `address`,
    `auto` or `ray://…`; None starts a local Ray). None: "process" for a bulk input
    when `workers` > 1, else "inline". Storing and placing stay in this process, in
    input order, so every engine ends with the same store. `fields` names the fields
    of records that hold text, title, id, date and language when they are not called
    so; `published` is the publication time of inputs that give none of their own."""

    engine: Engine | None = None
    address: str | None = None
    workers: int | None = None
    fields: FieldMap | None = None
    published: datetime | None = None


@dataclass
class IngestTarget:
    """What an ingest fills: the store, with the pipeline and line keys that go with it
    (`line_keys` None: a pipeline of the caller's own, which workers cannot build)."""

    store: ArticleStore
    settings: Settings
    pipeline: Pipeline
    line_keys: StoreLineKeys | None


def run_ingest(
    target: IngestTarget,
    tracker: Callable[[], StoryTracker],
    inputs: Sequence[Input | ReadFailure],
    run: IngestRun = IngestRun(),
    progress: ProgressCallback | None = None,
) -> IngestReport:
    """Articles a crash left unplaced are placed first; then `inputs`, read, processed,
    stored and placed by the engine `run` picks."""
    workers = target.settings.workers if run.workers is None else run.workers
    if run.engine == "ray":
        from tidings.ingest.ray_engine import start_ray

        start_ray(run.address, workers)  # before the tracker loads its vector index
    placer = tracker()
    repaired = placer.repair()
    ingestor = choose_ingestor(target, placer.update, inputs, run)
    report = ingestor.run(inputs, progress)
    report.new_events += sum(p.new_event for p in repaired)
    report.new_stories += sum(p.new_story for p in repaired)
    return report


def choose_ingestor(
    target: IngestTarget,
    placer: Placer,
    inputs: Sequence[Input | ReadFailure],
    run: IngestRun = IngestRun(),
) -> Ingestor:
    """In process, with worker processes, or with Ray actors (see `Tidings.ingest`)."""
    workers = target.settings.workers if run.workers is None else run.workers
    if run.engine != "ray":  # a Ray cluster may have more CPUs than this machine
        workers = min(workers, os.cpu_count() or 1)  # more would only queue
    engine = run.engine
    if engine is None:
        parallel = workers > 1 and target.line_keys is not None and bulky(inputs)
        engine = "process" if parallel else "inline"
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r} ({', '.join(ENGINES)})")
    if engine != "inline" and target.line_keys is None:
        raise ValueError(f"engine {engine!r} needs the default pipeline (workers build it)")
    settings = target.settings
    common = dict(
        batch_size=settings.batch_size, max_bytes=settings.max_input_bytes,
        line_keys=target.line_keys, placer=placer, fields=run.fields, published=run.published,
    )  # fmt: skip
    if engine == "inline":
        return Ingestor(target.store, target.pipeline, **common)  # type: ignore[arg-type]
    common.update(
        build_pipeline=partial(worker_pipeline, worker_settings(settings)),
        workers=workers, min_docs=settings.repeated_line_docs,
    )  # fmt: skip
    if engine == "ray":
        from tidings.ingest.ray_engine import RayIngestor

        return RayIngestor(target.store, target.pipeline, address=run.address, **common)  # type: ignore[arg-type]
    return ParallelIngestor(target.store, target.pipeline, **common)  # type: ignore[arg-type]
