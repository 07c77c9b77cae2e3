"""Stages and the pipeline that runs them, in the manner of spaCy's components.

A stage is a small object with one job: it declares which `Article` fields it
`requires` and which it `assigns`, and maps an article to the same article with
those fields filled. `Pipeline` checks the chain of fields when it is built, so
a misordered pipeline fails before any input is read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol, TypeVar, runtime_checkable

from tidings.model import FIELD_NAMES, Article

T = TypeVar("T")

# Fields every reader fills, so any stage may require them.
READER_FIELDS = ("id", "source", "raw", "text", "url", "title", "published", "ingested")


@runtime_checkable
class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, article: Article) -> Article: ...

    def pipe(self, articles: Iterable[Article], batch_size: int = 128) -> Iterator[Article]: ...


class StageBase:
    """Default `pipe`: one article at a time. Stages that can batch override it."""

    name = "stage"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()

    def setup(self) -> None:
        """Load what the stage needs now, not on first use (the server's warm-up)."""

    def __call__(self, article: Article) -> Article:
        raise NotImplementedError

    def pipe(self, articles: Iterable[Article], batch_size: int = 128) -> Iterator[Article]:
        for article in articles:
            yield self(article)


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of up to `size` items, for stages that work a batch at a time
    (`itertools.batched` is Python 3.12)."""
    batch: list[T] = []
    for article in items:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class PipelineError(ValueError):
    pass


class Pipeline:
    """Runs stages in order over a stream of articles."""

    def __init__(self, stages: Sequence[Stage]):
        self.stages = list(stages)
        self._check_chain()

    def _check_chain(self) -> None:
        available = set(READER_FIELDS)
        for stage in self.stages:
            if not isinstance(stage, Stage):
                raise PipelineError(f"{stage!r} is not a stage")
            unknown = set(stage.requires + stage.assigns) - FIELD_NAMES
            if unknown:
                raise PipelineError(f"stage {stage.name!r} names unknown fields {sorted(unknown)}")
            missing = set(stage.requires) - available
            if missing:
                raise PipelineError(
                    f"stage {stage.name!r} requires {sorted(missing)}, which no earlier stage assigns"
                )
            available |= set(stage.assigns)

    def __call__(self, article: Article) -> Article:
        for stage in self.stages:
            article = _checked(stage, stage(article))
        return article

    def pipe(self, articles: Iterable[Article], batch_size: int = 128) -> Iterator[Article]:
        stream: Iterable[Article] = articles
        for stage in self.stages:
            stream = (_checked(stage, a) for a in stage.pipe(stream, batch_size=batch_size))
        yield from stream

    @property
    def names(self) -> list[str]:
        return [stage.name for stage in self.stages]

    def stage(self, name: str) -> Stage | None:
        """The stage registered as `name`, if the pipeline has it."""
        return next((stage for stage in self.stages if stage.name == name), None)

    def replaced(self, name: str, stage: Stage) -> Pipeline:
        """The same stages (the same objects) with the one named `name` swapped for `stage`."""
        return Pipeline([stage if s.name == name else s for s in self.stages])

    def setup(self) -> None:
        for stage in self.stages:
            getattr(stage, "setup", _nothing)()


def _nothing() -> None:
    pass


def _checked(stage: Stage, result: object) -> Article:
    if not isinstance(result, Article):
        raise PipelineError(
            f"stage {stage.name!r} returned {type(result).__name__}, not an Article"
        )
    return result
