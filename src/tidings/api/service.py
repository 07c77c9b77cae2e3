"""The HTTP app's hold on tidings: one writer thread, and a reader per worker thread.

SQLite takes one writer at a time and its connections stay in the thread that
opened them (datasette does the same: reads on any thread, writes queued to one).
Ingest runs on the single writer thread; FastAPI runs the `def` endpoints in a
thread pool, and each of those threads gets a `Tidings.reader()` of its own,
sharing the models and the vector index with the writer.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from tidings.app import Tidings
from tidings.config import Settings
from tidings.explore.query import DEFAULT_LIMIT
from tidings.model import Article, Place

T = TypeVar("T")

# Listings kept for re-use: how many, and for how long at most (seconds). A listing is
# also dropped as soon as an article is stored; the age bounds what else may change
# it (stories regrouped without new articles). Names are kept apart (serve.requests).
CACHE_SIZE = 64
CACHE_SECONDS = 60.0


class Service:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.writer_: Tidings | None = None
        self._pool: ThreadPoolExecutor | None = None
        self._local = threading.local()
        self._lock = threading.Lock()
        # Striped locks (a key's stripe by its hash): one computation of a listing at a time.
        self._computing = [threading.Lock() for _ in range(16)]
        self._cache: OrderedDict[Hashable, tuple[float, int, object]] = OrderedDict()

    async def start(self) -> None:
        """Open the store on the writer thread and load what the first requests need."""
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tidings-writer")
        # One BLAS thread for the model: the request threads keep the cores busy, and
        # more threads than free cores spin against each other (see `Settings`).
        settings = self.settings.updated({"embed_threads": 1})
        self.writer_ = await self.write(Tidings.open, None, settings)
        await self.write(_warm, self.writer_)

    async def write(self, fn: Callable[..., T], *args: object) -> T:
        """Run `fn(*args)` on the writer thread (it alone writes to the store)."""
        if self._pool is None:
            raise RuntimeError("the service is not started")
        return await asyncio.get_running_loop().run_in_executor(self._pool, fn, *args)

    def read(self) -> Tidings:
        """This thread's reader (opened on first use)."""
        reader = getattr(self._local, "tidings", None)
        if reader is None:
            if self.writer_ is None:
                raise RuntimeError("the service is not started")
            with self._lock:  # reader() shares the writer's lazily made parts
                reader = self._local.tidings = self.writer_.reader()
        return reader

    def cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()`, or its answer for the same key while no article has been stored
        since and it is under CACHE_SECONDS old (the stories page: the summaries of the
        largest stories take a while, and most visitors ask for the same first page).

        One computation a key at a time: requests that miss together wait for the
        first one's answer instead of each computing it (under load, a dozen at once)."""
        version = self.read().store.last_seq()
        hit = self._fresh(key, version)
        if hit is not None:
            return hit[0]
        with self._computing[hash(key) % len(self._computing)]:
            hit = self._fresh(key, version)  # computed while this request waited
            if hit is not None:
                return hit[0]
            now = time.monotonic()
            value = compute()
            with self._lock:
                self._cache[key] = (now, version, value)
                while len(self._cache) > CACHE_SIZE:
                    self._cache.popitem(last=False)
        return value

    def forget(self) -> None:
        """Drop the cached listings (a correction regrouped stories without new articles)."""
        with self._lock:
            self._cache.clear()

    def _fresh(self, key: Hashable, version: int) -> tuple[T] | None:  # type: ignore[type-var]
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None and hit[1] == version and time.monotonic() - hit[0] < CACHE_SECONDS:
                self._cache.move_to_end(key)
                return (hit[2],)  # type: ignore[return-value]
        return None

    async def stop(self) -> None:
        if self.writer_ is not None:
            await self.write(self.writer_.close)
            self.writer_ = None
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None


def _warm(tidings: Tidings) -> None:
    """Load the vector index, the gazetteer, the embedding model and the story tracker,
    and summarise the first stories, now, not on some user's first click or first ingest
    (seconds, with every request queued behind them)."""
    tidings.vectors()
    tidings.tracker().setup()
    # The first pages of stories (the home page): the largest stories, which take the
    # longest to summarise, are on them, and in most of the pages filtered by language.
    tidings.stories(limit=2 * DEFAULT_LIMIT + 1)
    tidings.pipeline.setup()  # the embedding model
    libya = Place(id="country:LY", name="Libya", country="LY", mentions=1, kind="country")
    probe = Article(id="warm-up", source="-", raw="", text="", body="Libya", lang="en")
    probe.places = [libya]
    tidings.mentions(probe)
