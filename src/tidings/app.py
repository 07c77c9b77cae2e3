"""The `Tidings` facade: the one Python API that the CLI, the HTTP API and the web UI
call. Front ends parse input and format output; the work is in the modules each door
opens onto (ingest engines, stories, comparison, exploration)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from tidings.compare import Comparison
from tidings.compare.stored import StoredComparison
from tidings.config import Settings
from tidings.explore import ArticleQuery, Hit, Mention, Page, Similar, VectorIndex, nearby
from tidings.explore.similar import Languages
from tidings.ingest.dates import publication_default
from tidings.ingest.engines import Engine, IngestRun, IngestTarget, run_ingest, store_pipeline
from tidings.ingest.errors import Notice, ReadFailure
from tidings.ingest.readers import FieldMap
from tidings.ingest.runner import IngestReport, ProgressCallback
from tidings.ingest.sources import Input, expand
from tidings.loaded import Loaded
from tidings.model import Article
from tidings.pipeline import Pipeline
from tidings.store import ArticleStore, open_store
from tidings.store.copy import CopyReport, copy_store
from tidings.stories import EventSummary, StorySummary, StoryTracker
from tidings.stories.corrections import Corrections
from tidings.stories.reading import StoryReader, story_filter

if TYPE_CHECKING:
    from tidings.watch import Watcher


class Tidings:
    """A store, the pipeline that fills it (built from `settings.stages`, or one of the
    caller's own), and the models its readers share (`loaded`)."""

    def __init__(
        self,
        store: ArticleStore,
        settings: Settings,
        pipeline: Pipeline | None = None,
        *,
        loaded: Loaded | None = None,
    ):
        self.store = store
        self.settings = settings
        line_keys = None
        if pipeline is None and loaded is None:
            pipeline, line_keys = store_pipeline(store, settings)
        self.loaded = loaded or Loaded(pipeline, settings)  # type: ignore[arg-type]
        self.pipeline = self.loaded.pipeline
        self.target = IngestTarget(store, settings, self.pipeline, line_keys)
        self.tracker_: StoryTracker | None = None

    @classmethod
    def open(cls, db: str | None = None, settings: Settings | None = None) -> Tidings:
        settings = settings or Settings.load()
        if db is not None:
            settings = settings.updated({"db": db})
        return cls(open_store(settings.db), settings)

    def reader(self) -> Tidings:
        """Another facade on a connection of its own to the same store, sharing the models
        and the vector index: one per thread, as SQLite connections stay in their thread."""
        return Tidings(open_store(self.settings.db), self.settings, loaded=self.loaded)

    # -- ingest (`tidings.ingest.engines`) ------------------------------------
    def ingest(
        self,
        paths: Sequence[str],
        *,
        stdin: BinaryIO | None = None,
        progress: ProgressCallback | None = None,
        engine: Engine | None = None,
        address: str | None = None,
        workers: int | None = None,
        fields: FieldMap | None = None,
        published: date | datetime | str | None = None,
    ) -> IngestReport:
        """Read, clean, store and place in stories every article the paths name
        (files, folders, globs, `-`); articles a crash left unplaced are placed first.
        `fields` names the record fields (JSONL, CSV) of text, title, id, date and
        language; `published` ("YYYY-MM-DD") dates the inputs that give no publication
        time. `engine`, `address`, `workers`: where cleaning, analysis and embedding
        run (`tidings.ingest.engines.IngestRun`); every engine ends with the same store."""
        run = IngestRun(engine, address, workers, fields, publication_default(published))
        return run_ingest(self.target, self.tracker, expand(paths, stdin), run, progress)

    def ingest_data(self, items: Sequence[tuple[str, bytes]]) -> IngestReport:
        """`ingest` for inputs held in memory (uploads): (name, content) pairs, read by the
        same readers as files, the name only breaking ties between formats."""
        inputs = [Input(name=name, stream=io.BytesIO(data)) for name, data in items]
        return run_ingest(self.target, self.tracker, inputs)

    def ingest_read(self, records: Sequence[Article | Notice]) -> IngestReport:
        """`ingest` for inputs read already, as `read_input` reads them (the server reads
        uploads in a process of its own: `tidings.api.reading`)."""
        return run_ingest(self.target, self.tracker, records)  # type: ignore[arg-type]

    def watcher(self, *, allow_private: bool | None = None, every: float = 600.0) -> Watcher:
        """The watcher of the feeds, sitemaps and folders listed in this store
        (`tidings.watch`): polled every `every` seconds, new articles ingested."""
        from tidings.watch import Watcher, limits_from

        limits = limits_from(self.settings, allow_private)
        return Watcher(self, limits, every, batch_size=min(32, self.settings.batch_size))

    def articles(
        self, *, lang: str | None = None, limit: int | None = None, offset: int = 0
    ) -> Iterator[Article]:
        return self.store.articles(lang=lang, limit=limit, offset=offset)

    def article(self, article_id: str) -> Article | None:
        return self.store.get(article_id)

    # -- stories ------------------------------------------------------------
    def tracker(self) -> StoryTracker:
        """The story tracker over this store, with this app's scorer."""
        if self.tracker_ is None:
            self.tracker_ = StoryTracker(self.store, self.loaded.scorer())
        return self.tracker_

    def stories(
        self,
        *,
        lang: str | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
        entity: str | None = None,
        place: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[StorySummary]:
        """Stories, newest (last article) first, then largest; each filter narrows the list."""
        where = story_filter(
            lang=lang, since=since, until=until, entity=entity, place=place,
            limit=limit, offset=offset,
        )  # fmt: skip
        return self._stories().stories(where)

    def story(self, story_id: int) -> StorySummary | None:
        """One story with its events; an id merged into another story gives that story."""
        return self._stories().story(story_id)

    def event(self, event_id: int) -> EventSummary | None:
        return self._stories().event(event_id)

    def _stories(self) -> StoryReader:
        return StoryReader(self.store, self.loaded.summaries)

    def corrections(self) -> Corrections:
        """Analysts' corrections and their log (`tidings.stories.corrections`); after each,
        the tracker reloads the events it changed."""
        return Corrections(self.store, on_change=lambda: self.tracker_ and self.tracker_.reset())

    def story_detail(self, story_id: int) -> dict | None:
        """A story as JSON with each article's reason, its lock and its corrections."""
        return self._stories().detail(story_id, self.corrections())

    def placement(self, article_id: str) -> tuple[int, int] | None:
        """(event id, story id) of a stored article."""
        return self.store.placement(article_id)

    def placements(self, article_ids: Sequence[str]) -> dict[str, tuple[int, int]]:
        return self.store.placements(article_ids)

    # -- comparing (`tidings.compare.stored`) -------------------------------
    def compare(self, a: str, b: str) -> Comparison:
        """Seven similarity scores of two articles, each a stored id or a file."""
        return self._comparison().compare(a, b)

    def compare_stored(self, a: str, b: str) -> Comparison:
        """`compare` for two stored ids only (never a file): what a remote caller may ask."""
        return self._comparison().compare_stored(a, b)

    def compare_pairs(self, path: str | Path) -> Iterator[tuple[str, Comparison] | ReadFailure]:
        """Scores of every pair in a pairs file (the `sts22-train-pairs.jsonl` layout)."""
        return self._comparison().compare_pairs(path)

    def _comparison(self) -> StoredComparison:
        return StoredComparison(self.store, self.loaded, self.settings)

    # -- exploring: listings, search, nearest articles, mentions -----------
    def find(self, query: ArticleQuery) -> Page[Hit]:
        """A page of stored articles by language, day, entity, place and full-text search."""
        return self.store.find(query)

    def similar(
        self, article_id: str, *, k: int = 5, languages: Languages = "other", scored: bool = True
    ) -> list[Similar]:
        """The stored articles nearest this one (`tidings.explore.nearby.similar`)."""
        return nearby.similar(
            self.store, self.loaded, article_id, k=k, languages=languages, scored=scored
        )

    def vectors(self) -> VectorIndex:
        """The index of stored body vectors, brought up to date with the store."""
        return self.loaded.index.refresh(self.store)

    def mentions(self, article: Article) -> dict[str, list[Mention]]:
        """Where the article's entities and places occur: {"title": [...], "body": [...]}."""
        return nearby.mentions(self.loaded, article)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Tidings:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def migrate(
    source: str,
    target: str,
    *,
    batch_size: int = 500,
    progress: Callable[[str, int], None] | None = None,
) -> CopyReport:
    """Copy the store at `source` into the one at `target` (created if new): articles with
    their vectors and keys, line counts, events, stories, placements, merges. Idempotent."""
    with open_store(source) as old, open_store(target) as new:
        return copy_store(old, new, batch_size=batch_size, progress=progress)


def open(db: str | None = None, settings: Settings | None = None) -> Tidings:
    """`tidings.open("news.db")`: the store at `db` (default ./tidings.db or TIDINGS_DB)."""
    return Tidings.open(db, settings)
