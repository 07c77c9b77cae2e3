"""Stages by registered name, e.g. `ingest.clean_text.v1`.

A plain dict filled by one explicit `register_builtins()` call and by the
`tidings.stages` entry-point group, so plugins add stages without tidings
importing them at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import entry_points

from tidings.pipeline import Stage

StageFactory = Callable[..., Stage]
ENTRY_POINT_GROUP = "tidings.stages"


class Registry:
    def __init__(self) -> None:
        self.factories: dict[str, StageFactory] = {}

    def register(self, name: str, factory: StageFactory) -> None:
        if name in self.factories and self.factories[name] is not factory:
            raise ValueError(f"stage {name!r} is already registered")
        self.factories[name] = factory

    def create(self, name: str, **config: object) -> Stage:
        try:
            factory = self.factories[name]
        except KeyError:
            raise KeyError(
                f"no stage named {name!r}; known: {', '.join(sorted(self.factories))}"
            ) from None
        return factory(**config)

    def names(self) -> list[str]:
        return sorted(self.factories)


def register_builtins(registry: Registry) -> Registry:
    from tidings.analyze import DateFinder, EntityFinder, LanguageDetector, PlaceFinder
    from tidings.ingest.clean import TextCleaner

    for stage in (LanguageDetector, TextCleaner, PlaceFinder, EntityFinder, DateFinder):
        registry.register(stage.name, stage)
    return registry


def register_plugins(registry: Registry) -> Registry:
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        registry.register(entry.name, entry.load())
    return registry


def default_registry() -> Registry:
    return register_plugins(register_builtins(Registry()))
