"""Stages and embedders by registered name, e.g. `ingest.clean_text.v1`.

Plain dicts filled by one explicit `register_builtins()` call and by the
`tidings.stages` entry-point group, so plugins add stages without tidings
importing them at start-up. As in spaCy's config-built `Language`, a pipeline
is a list of names (`Settings.stages`): each factory builds its stage from the
`Parts` it is given, and a stage built on another one names it in `needs`, so
the registry hands it over (and refuses a pipeline without it earlier).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import TYPE_CHECKING

from tidings.config import Settings
from tidings.pipeline import Pipeline, PipelineError, Stage

if TYPE_CHECKING:
    from tidings.embed import Embedder
    from tidings.ingest.clean import LineCounts, Paragraphs

StageFactory = Callable[..., Stage]  # factory(parts, **config) -> Stage
EmbedderFactory = Callable[[Settings, str], "Embedder"]  # (settings, model) -> Embedder
ENTRY_POINT_GROUP = "tidings.stages"


@dataclass(frozen=True)
class Entry:
    factory: StageFactory
    needs: tuple[str, ...] = ()  # stages it is built on, which must come earlier


@dataclass
class Parts:
    """What stages are built from: the settings, where the cleaner counts lines
    (None: no corpus counts) and remembers the texts it split, and the stages built
    so far, by name."""

    settings: Settings = field(default_factory=Settings)
    line_counts: LineCounts | None = None
    paragraphs: Paragraphs | None = None
    registry: Registry | None = None
    built: dict[str, Stage] = field(default_factory=dict)

    def stage(self, name: str) -> Stage:
        return self.built[name]

    def embedder(self) -> Embedder:
        registry = self.registry or default_registry()
        return registry.embedder(self.settings.embedder, self.settings)


class Registry:
    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.embedders: dict[str, EmbedderFactory] = {}

    def register(self, name: str, factory: StageFactory, *, needs: Sequence[str] = ()) -> None:
        entry = Entry(factory, tuple(needs))
        if name in self.entries and self.entries[name] != entry:
            raise ValueError(f"stage {name!r} is already registered")
        self.entries[name] = entry

    def register_embedder(self, name: str, factory: EmbedderFactory) -> None:
        if self.embedders.get(name, factory) is not factory:
            raise ValueError(f"embedder {name!r} is already registered")
        self.embedders[name] = factory

    def create(self, name: str, parts: Parts | None = None, **config: object) -> Stage:
        """The stage `name`, built from `parts` (its needs among `parts.built`)."""
        entry = self._entry(name)
        parts = parts or Parts(registry=self)
        missing = [need for need in entry.needs if need not in parts.built]
        if missing:
            raise PipelineError(f"stage {name!r} needs {missing} earlier in the pipeline")
        return entry.factory(parts, **config)

    def pipeline(self, names: Sequence[str], parts: Parts | None = None) -> Pipeline:
        """The stages `names`, in order, each built on the ones before it."""
        parts = parts or Parts(registry=self)
        parts.registry = parts.registry or self
        for name in names:
            parts.built[name] = self.create(name, parts)
        return Pipeline([parts.built[name] for name in names])

    def embedder(self, spec: str, settings: Settings | None = None) -> Embedder:
        """The embedder `name` or `name:model` (the model a factory needs, if any)."""
        name, _, model = spec.partition(":")
        try:
            factory = self.embedders[name]
        except KeyError:
            known = ", ".join(sorted(self.embedders))
            raise KeyError(f"no embedder named {name!r}; known: {known}") from None
        return factory(settings or Settings(), model)

    def names(self) -> list[str]:
        return sorted(self.entries)

    def embedder_names(self) -> list[str]:
        return sorted(self.embedders)

    def _entry(self, name: str) -> Entry:
        try:
            return self.entries[name]
        except KeyError:
            known = ", ".join(self.names())
            raise KeyError(f"no stage named {name!r}; known: {known}") from None


def register_builtins(registry: Registry) -> Registry:
    from tidings import factories

    for name, factory, needs in factories.STAGES:
        registry.register(name, factory, needs=needs)
    for name, embedder in factories.EMBEDDERS:
        registry.register_embedder(name, embedder)
    return registry


def register_plugins(registry: Registry) -> Registry:
    """Entry points name factories `factory(parts, **config)`; one built on other stages
    lists their names in a `needs` attribute."""
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        factory = entry.load()
        registry.register(entry.name, factory, needs=getattr(factory, "needs", ()))
    return registry


def default_registry() -> Registry:
    return register_plugins(register_builtins(Registry()))


def build_pipeline(
    settings: Settings | None = None,
    line_counts: LineCounts | None = None,
    *,
    paragraphs: Paragraphs | None = None,
    stages: Sequence[str] | None = None,
    registry: Registry | None = None,
) -> Pipeline:
    """The pipeline `settings.stages` names (or `stages`), the cleaner counting lines
    in `line_counts` and remembering the texts it split in `paragraphs`."""
    settings = settings or Settings()
    registry = registry or default_registry()
    parts = Parts(settings, line_counts, paragraphs, registry)
    return registry.pipeline(settings.stages if stages is None else stages, parts)


def analysis_pipeline(
    line_counts: LineCounts | None = None, settings: Settings | None = None
) -> Pipeline:
    """Language, cleaning and analysis: the stages before embedding, without a store
    (for benchmarks and comparisons)."""
    settings = settings or Settings()
    stages = [name for name in settings.stages if not name.startswith("embed.")]
    return build_pipeline(settings, line_counts, stages=stages)


def comparison_pipeline(line_counts: LineCounts | None = None, *, threads: int = 2) -> Pipeline:
    """Analysis, then the embeddings that comparisons (and the bundled model) use."""
    return build_pipeline(Settings(embed_threads=threads), line_counts)
