"""The `Tidings` facade: the one Python API that the CLI (and later the HTTP
API and web UI) call. Front ends parse input and format output; the work is here."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, BinaryIO, Literal, get_args

from tidings.analyze.dates import DateFinder
from tidings.analyze.entities import EntityFinder
from tidings.analyze.language import LanguageDetector
from tidings.analyze.places import PlaceFinder
from tidings.compare import Comparison, PairScorer
from tidings.compare.pairs import PairRecord, read_pairs
from tidings.config import Settings
from tidings.embed import ArticleEmbedder, USEEmbedder
from tidings.explore import ArticleQuery, Hit, Mention, Page, Similar, VectorIndex, find_mentions
from tidings.explore.mentions import RememberedLookup
from tidings.explore.similar import Languages, Profiles
from tidings.ingest.clean import (
    BufferedLineCounts,
    MemoryLineCounts,
    RepeatedLines,
    TextCleaner,
    paragraphs_of,
)
from tidings.ingest.dates import publication_default
from tidings.ingest.errors import Notice, ReadFailure
from tidings.ingest.parallel import ParallelIngestor, bulky
from tidings.ingest.readers import FieldMap
from tidings.ingest.runner import Ingestor, IngestReport, ProgressCallback, read_input
from tidings.ingest.sources import Input, expand
from tidings.model import Article
from tidings.pipeline import Pipeline, Stage, batches
from tidings.store import ArticleStore, open_store
from tidings.store.copy import CopyReport, copy_store
from tidings.store.story_rows import StoryFilter
from tidings.stories import EventSummary, StorySummary, StoryTracker
from tidings.stories.corrections import Corrections
from tidings.stories.detail import story_detail
from tidings.stories.summary import SummaryCache, summarise_event

if TYPE_CHECKING:
    from tidings.watch import Watcher

# Where an ingest cleans, analyses and embeds (see `Tidings.ingest`).
Engine = Literal["inline", "process", "ray"]
ENGINES: tuple[str, ...] = get_args(Engine)


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


def comparison_pipeline(repeated: RepeatedLines | None = None, *, threads: int = 2) -> Pipeline:
    """Analysis, then the embeddings that comparisons (and the bundled model) use."""
    stages = analysis_pipeline(repeated).stages
    return Pipeline([*stages, ArticleEmbedder(USEEmbedder(threads=threads))])


def default_pipeline(store: ArticleStore, settings: Settings) -> Pipeline:
    """The ingest pipeline: cleaning uses the store's corpus-wide line counts (the new
    ones held back, to be stored with their articles)."""
    counts = BufferedLineCounts(store)
    repeated = RepeatedLines(counts, min_docs=settings.repeated_line_docs)
    return comparison_pipeline(repeated, threads=settings.embed_threads)


def _line_keys(
    repeated: RepeatedLines, held: BufferedLineCounts, articles: Sequence[Article]
) -> list[set[str]]:
    """The batch's line keys, now to be stored with it; the held-back counts go."""
    held.clear()
    return [repeated.keys_of(paragraphs_of(a.text)) for a in articles]


class Tidings:
    """A store and the pipeline that fills it."""

    def __init__(self, store: ArticleStore, settings: Settings, pipeline: Pipeline | None = None):
        self.store = store
        self.settings = settings
        self.pipeline = pipeline or default_pipeline(store, settings)
        self.parallel_ok = pipeline is None  # workers build the default pipeline only
        self.scorer_: PairScorer | None = None
        self.side_pipeline_: Pipeline | None = None
        self.index_: VectorIndex | None = None
        self.tracker_: StoryTracker | None = None
        self.summaries_ = SummaryCache()  # shared with the readers (see `reader`)
        self.profiles_ = Profiles()  # of stored articles; shared likewise
        places = next((s for s in self.pipeline.stages if isinstance(s, PlaceFinder)), None)
        self.place_lookup_ = None if places is None else RememberedLookup(places.find)

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
        engine: Engine | None = None,
        address: str | None = None,
        workers: int | None = None,
        fields: FieldMap | None = None,
        published: date | datetime | str | None = None,
    ) -> IngestReport:
        """Read, clean, store and place in stories every article the paths name
        (files, folders, globs, `-`). Articles a crash left unplaced are placed first.
        `fields` names the fields of records (JSONL, CSV) that hold the text, title,
        id, date and language when they are not called so. `published` (a day,
        "YYYY-MM-DD") dates the inputs that give no publication time of their own
        (no record field, feed or page metadata).

        `engine` says where cleaning, analysis and embedding run: "inline" (this
        process), "process" (`workers` worker processes, default the `workers`
        setting, no more than the cores) or "ray" (`workers` Ray actors on the cluster at `address`, `auto`
        or `ray://…`; None starts a local Ray). None: "process" for a bulk input
        when `workers` > 1, else "inline". Storing and placing stay here, in input
        order, so every engine ends with the same store."""
        default = publication_default(published)
        return self._ingest(
            expand(paths, stdin), progress, engine, address, workers, fields, default
        )

    def ingest_data(self, items: Sequence[tuple[str, bytes]]) -> IngestReport:
        """`ingest` for inputs held in memory (uploads): (name, content) pairs, read by the
        same readers as files, the name only breaking ties between formats."""
        return self._ingest([Input(name=name, stream=io.BytesIO(data)) for name, data in items])

    def ingest_read(self, records: Sequence[Article | Notice]) -> IngestReport:
        """`ingest` for inputs read already, as `read_input` reads them (the server reads
        uploads in a process of its own: `tidings.api.reading`)."""
        return self._ingest(records)  # type: ignore[arg-type]

    def _ingest(
        self,
        inputs: Sequence[Input | ReadFailure],
        progress: ProgressCallback | None = None,
        engine: Engine | None = None,
        address: str | None = None,
        workers: int | None = None,
        fields: FieldMap | None = None,
        published: datetime | None = None,
    ) -> IngestReport:
        workers = self.settings.workers if workers is None else workers
        if engine == "ray":
            from tidings.ingest.ray_engine import start_ray

            start_ray(address, workers)  # before the tracker loads its vector index
        tracker = self.tracker()
        repaired = tracker.repair()
        ingestor = self._ingestor(inputs, tracker, engine, address, workers)
        ingestor.fields = fields
        ingestor.published = published
        report = ingestor.run(inputs, progress)
        report.new_events += sum(p.new_event for p in repaired)
        report.new_stories += sum(p.new_story for p in repaired)
        return report

    def _ingestor(
        self,
        inputs: Sequence[Input | ReadFailure],
        tracker: StoryTracker,
        engine: Engine | None = None,
        address: str | None = None,
        workers: int | None = None,
    ) -> Ingestor:
        """In process, with worker processes, or with Ray actors (see `ingest`)."""
        workers = self.settings.workers if workers is None else workers
        if engine != "ray":  # a Ray cluster may have more CPUs than this machine
            workers = min(workers, os.cpu_count() or 1)  # more would only queue
        if engine is None:
            parallel = workers > 1 and self.parallel_ok and bulky(inputs)
            engine = "process" if parallel else "inline"
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r} ({', '.join(ENGINES)})")
        if engine != "inline" and not self.parallel_ok:
            raise ValueError(f"engine {engine!r} needs the default pipeline (workers build it)")
        common = dict(
            store=self.store,
            pipeline=self.pipeline,
            batch_size=self.settings.batch_size,
            max_bytes=self.settings.max_input_bytes,
            line_keys=self._line_keys(),
            placer=tracker.update,
        )
        if engine == "inline":
            return Ingestor(**common)
        remote = dict(
            build_pipeline=partial(comparison_pipeline, threads=1),
            workers=workers,
            min_docs=self.settings.repeated_line_docs,
        )
        if engine == "ray":
            from tidings.ingest.ray_engine import RayIngestor

            return RayIngestor(**common, **remote, address=address)
        return ParallelIngestor(**common, **remote)

    def _line_keys(self) -> Callable[[Sequence[Article]], list[set[str]]] | None:
        """Each article's line keys for the store to count, when the cleaner holds its
        counts back for the store (the default pipeline); else the cleaner writes them."""
        for stage in self.pipeline.stages:
            if isinstance(stage, TextCleaner) and stage.repeated is not None:
                repeated = stage.repeated
                if isinstance(repeated.counts, BufferedLineCounts):
                    return partial(_line_keys, repeated, repeated.counts)
        return None

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
            self.tracker_ = StoryTracker(self.store, self._scorer())
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
        where = StoryFilter(
            lang=lang, since=_iso(since), until=_iso(until), entity=entity, place=place,
            limit=limit, offset=offset,
        )  # fmt: skip
        return self.summaries_.stories(self.store, self.store.story_ids(where))

    def story(self, story_id: int) -> StorySummary | None:
        """One story with its events; an id merged into another story gives that story."""
        live = self.store.resolve("story", int(story_id))
        found = [] if live is None else self.summaries_.stories(self.store, [live])
        return found[0] if found else None

    def event(self, event_id: int) -> EventSummary | None:
        live = self.store.resolve("event", int(event_id))
        return None if live is None else summarise_event(self.store, live)

    def corrections(self) -> Corrections:
        """Analysts' corrections and their log (`tidings.stories.corrections`); after each,
        the tracker reloads the events it changed."""
        return Corrections(self.store, on_change=lambda: self.tracker_ and self.tracker_.reset())

    def story_detail(self, story_id: int) -> dict | None:
        """A story as JSON with each article's reason, its lock and its corrections."""
        story = self.story(story_id)
        briefs = self.store.briefs(story.article_ids) if story else {}
        return None if story is None else story_detail(story, briefs, self.corrections(), story_id)

    def placement(self, article_id: str) -> tuple[int, int] | None:
        """(event id, story id) of a stored article."""
        return self.store.placement(article_id)

    def placements(self, article_ids: Sequence[str]) -> dict[str, tuple[int, int]]:
        return self.store.placements(article_ids)

    def compare(self, a: str, b: str) -> Comparison:
        """Seven similarity scores of two articles, each a stored id or a file."""
        scorer = self._scorer()
        return scorer.score(self._resolve(a), self._resolve(b))

    def compare_pairs(self, path: str | Path) -> Iterator[tuple[str, Comparison] | ReadFailure]:
        """Scores of every pair in a pairs file (the `sts22-train-pairs.jsonl` layout)."""
        scorer = self._scorer()
        for records in batches(read_pairs(Path(path)), self.settings.batch_size):
            good = [r for r in records if isinstance(r, PairRecord)]
            yield from (r for r in records if isinstance(r, ReadFailure))
            processed = list(self._side_pipeline().pipe([x for r in good for x in (r.a, r.b)]))
            pairs = list(zip(processed[0::2], processed[1::2], strict=True))
            for record, comparison in zip(good, scorer.score_many(pairs), strict=True):
                yield record.pair_id, comparison

    # -- exploring: listings, search, nearest articles, mentions -----------
    def find(self, query: ArticleQuery) -> Page[Hit]:
        """A page of stored articles by language, day, entity, place and full-text search."""
        return self.store.find(query)

    def similar(
        self, article_id: str, *, k: int = 5, languages: Languages = "other", scored: bool = True
    ) -> list[Similar]:
        """The stored articles nearest this one by body vector (other languages by default),
        each scored on the seven dimensions unless `scored` is false."""
        article = self.store.get(article_id)
        if article is None:
            raise LookupError(f"no article with id {article_id!r}")
        near = self.vectors().nearest(article_id, k, languages)
        found = [(n, self.store.get(n.id)) for n in near]
        similar = [Similar(a, n.cosine) for n, a in found if a is not None]
        if scored and similar:
            mine = self.profiles_.of(article)
            pairs = [(mine, self.profiles_.of(s.article)) for s in similar]
            for item, comparison in zip(similar, self._scorer().score_many(pairs), strict=True):
                item.comparison = comparison
        return similar

    def vectors(self) -> VectorIndex:
        """The index of stored body vectors, brought up to date with the store."""
        if self.index_ is None:
            self.index_ = VectorIndex()
        return self.index_.refresh(self.store)

    def compare_stored(self, a: str, b: str) -> Comparison:
        """`compare` for two stored ids only (never a file): what a remote caller may ask."""
        found = {x: self.store.get(x) for x in (a, b)}
        missing = [x for x, article in found.items() if article is None]
        if missing:
            raise LookupError(f"no article with id {missing[0]!r}")
        if all(article.embeddings for article in found.values()):  # type: ignore[union-attr]
            profiles = [self.profiles_.of(found[x]) for x in (a, b)]  # type: ignore[arg-type]
            return self._scorer().score(*profiles)
        return self.compare(a, b)

    def mentions(self, article: Article) -> dict[str, list[Mention]]:
        """Where the article's entities and places occur: {"title": [...], "body": [...]}."""
        lookup = self.place_lookup_
        return {
            "title": find_mentions(article.title or "", article, lookup),
            "body": find_mentions(article.body, article, lookup),
        }

    def reader(self) -> Tidings:
        """Another facade on a connection of its own to the same store, sharing the models
        and the vector index: one per thread, as SQLite connections stay in their thread."""
        if self.index_ is None:
            self.index_ = VectorIndex()  # filled by whichever facade asks first
        other = Tidings(open_store(self.settings.db), self.settings, self.pipeline)
        other.scorer_ = self._scorer()
        other.index_ = self.index_
        other.side_pipeline_ = self._side_pipeline()
        other.summaries_ = self.summaries_
        other.profiles_ = self.profiles_
        other.place_lookup_ = self.place_lookup_
        return other

    def _resolve(self, reference: str) -> Article:
        stored = self.store.get(reference)
        if stored is not None and stored.embeddings:
            return stored
        if stored is not None:  # stored before embeddings were: analyse it again
            return self._side_pipeline()(stored)
        path = Path(reference)
        if not path.is_file():
            raise LookupError(f"{reference}: no stored article with this id, and no such file")
        for item in read_input(Input(name=str(path), path=path), self.settings.max_input_bytes):
            if isinstance(item, ReadFailure):
                raise LookupError(str(item))
            if isinstance(item, Article):  # not a warning
                return self._side_pipeline()(item)
        raise LookupError(f"{reference}: no article in this file")

    def _side_pipeline(self) -> Pipeline:
        """For articles compared but not stored: their lines stay out of the
        store's counts, and repeat only within what is compared."""
        if self.side_pipeline_ is None:
            # The same stages (one gazetteer, one model), but a cleaner of its own.
            own_counts = RepeatedLines(MemoryLineCounts())
            stages = [
                TextCleaner(repeated=own_counts) if isinstance(stage, TextCleaner) else stage
                for stage in self.pipeline.stages
            ]
            self.side_pipeline_ = Pipeline(stages)
        return self.side_pipeline_

    def _scorer(self) -> PairScorer:
        if self.scorer_ is None:
            self.scorer_ = PairScorer.load()
        return self.scorer_

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


def _iso(moment: str | date | None) -> str | None:
    return moment.isoformat() if isinstance(moment, date) else moment


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
