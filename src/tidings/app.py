"""The `Tidings` facade: the one Python API that the CLI (and later the HTTP
API and web UI) call. Front ends parse input and format output; the work is here."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from types import TracebackType
from typing import BinaryIO

from tidings.analyze.dates import DateFinder
from tidings.analyze.entities import EntityFinder
from tidings.analyze.language import LanguageDetector
from tidings.analyze.places import PlaceFinder
from tidings.config import Settings
from tidings.ingest.clean import RepeatedLines, TextCleaner
from tidings.ingest.runner import Ingestor, IngestReport, ProgressCallback
from tidings.ingest.sources import expand
from tidings.model import Article
from tidings.pipeline import Pipeline, Stage
from tidings.store import ArticleStore, open_store


def analysis_stages() -> list[Stage]:
    """Places, then people and organisations (which must not be places), then dates."""
    places = PlaceFinder()
    entities = EntityFinder(is_place=lambda text, lang: bool(places.find(text, lang)))
    return [places, entities, DateFinder()]


def analysis_pipeline(repeated: RepeatedLines | None = None) -> Pipeline:
    """Language, cleaning and analysis, without a store (for benchmarks and comparisons)."""
    return Pipeline(
        [LanguageDetector(field="text"), TextCleaner(repeated=repeated), *analysis_stages()]
    )


def default_pipeline(store: ArticleStore, settings: Settings) -> Pipeline:
    """The ingest pipeline: cleaning uses the store's corpus-wide line counts."""
    return analysis_pipeline(RepeatedLines(store, min_docs=settings.repeated_line_docs))


class Tidings:
    """A store and the pipeline that fills it."""

    def __init__(self, store: ArticleStore, settings: Settings, pipeline: Pipeline | None = None):
        self.store = store
        self.settings = settings
        self.pipeline = pipeline or default_pipeline(store, settings)

    @classmethod
    def open(cls, db: str | None = None, settings: Settings | None = None) -> Tidings:
        settings = settings or Settings.load()
        if db is not None:
            settings = settings.updated({"db": db})
        return cls(open_store(settings.db), settings)

    def ingest(
        self,
        paths: Sequence[str],
        *,
        stdin: BinaryIO | None = None,
        progress: ProgressCallback | None = None,
    ) -> IngestReport:
        """Read, clean and store every article the paths name (files, folders, globs, `-`)."""
        ingestor = Ingestor(
            self.store,
            self.pipeline,
            batch_size=self.settings.batch_size,
            max_bytes=self.settings.max_input_bytes,
        )
        return ingestor.run(expand(paths, stdin), progress)

    def articles(
        self, *, lang: str | None = None, limit: int | None = None, offset: int = 0
    ) -> Iterator[Article]:
        return self.store.articles(lang=lang, limit=limit, offset=offset)

    def article(self, article_id: str) -> Article | None:
        return self.store.get(article_id)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Tidings:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def open(db: str | None = None, settings: Settings | None = None) -> Tidings:
    """`tidings.open("news.db")`: the store at `db` (default ./tidings.db or TIDINGS_DB)."""
    return Tidings.open(db, settings)
