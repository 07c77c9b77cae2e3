"""Nearest stored articles by their body vectors: a brute-force numpy index.

Every stored body vector is a unit float32 row of one matrix, so one matrix
product ranks the whole store (about a millisecond for ten thousand articles).
The index follows the store by its sequence numbers: `refresh` reads only the
articles stored since the last one it saw.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Literal, Protocol

import numpy as np

from tidings.compare import ArticleProfile, Comparison, profile
from tidings.model import Article

Languages = Literal["other", "same", "any"]
VIEW = "body"


class VectorSource(Protocol):
    def vectors_after(self, seq: int, view: str = "body"): ...

    def last_seq(self) -> int: ...


@dataclass(frozen=True)
class Neighbour:
    id: str
    lang: str | None
    cosine: float


@dataclass(frozen=True)
class _Snapshot:
    ids: list[str]
    langs: np.ndarray
    matrix: np.ndarray
    rows: dict[str, int]
    seq: int


_EMPTY = _Snapshot([], np.array([], dtype=object), np.zeros((0, 0), np.float32), {}, 0)


class VectorIndex:
    """Body vectors of the stored articles; safe to share between threads (readers see
    one snapshot, replaced whole when new articles come in)."""

    def __init__(self, view: str = VIEW):
        self.view = view
        self.state_ = _EMPTY
        self._lock = threading.Lock()

    def refresh(self, store: VectorSource) -> VectorIndex:
        """Take in the vectors of articles stored since the last refresh."""
        if store.last_seq() <= self.state_.seq:
            return self
        with self._lock:
            old = self.state_
            rows = list(store.vectors_after(old.seq, self.view))
            if not rows:
                return self
            vectors = np.vstack([r[3] for r in rows]).astype(np.float32)
            start = len(old.ids)
            self.state_ = _Snapshot(
                ids=old.ids + [r[1] for r in rows],
                langs=np.concatenate([old.langs, np.array([r[2] for r in rows], object)]),
                matrix=vectors if start == 0 else np.vstack([old.matrix, vectors]),
                rows={**old.rows, **{r[1]: start + i for i, r in enumerate(rows)}},
                seq=rows[-1][0],
            )
        return self

    def __len__(self) -> int:
        return len(self.state_.ids)

    def nearest(
        self, article_id: str, k: int = 5, languages: Languages = "other"
    ) -> list[Neighbour]:
        """The `k` articles whose body vectors are nearest this one's (itself excluded),
        among those in another language, the same language, or any."""
        state = self.state_
        row = state.rows.get(article_id)
        if row is None:
            return []
        cosines = state.matrix @ state.matrix[row]
        cosines[row] = -np.inf
        if languages != "any":
            same = state.langs == state.langs[row]
            cosines[same if languages == "other" else ~same] = -np.inf
        k = min(k, int(np.isfinite(cosines).sum()))
        if k <= 0:
            return []
        best = np.argpartition(-cosines, k - 1)[:k]
        best = best[np.argsort(-cosines[best])]
        return [Neighbour(state.ids[i], state.langs[i], round(float(cosines[i]), 4)) for i in best]


@dataclass
class Similar:
    """A stored article near another: its vector cosine and, when scored, the seven scores."""

    article: Article
    cosine: float
    comparison: Comparison | None = None


class Profiles:
    """The comparison profiles of stored articles, kept between requests: scoring an
    article's nearest articles profiles the same ones again and again, and a profile
    (character n-grams of the text) costs more than scoring it. Stored articles never
    change, so a profile is good for as long as it is kept. Bounded (least recently used
    go first; a profile is some 25 kB); safe to share between threads."""

    def __init__(self, size: int = 2048):
        self.size = size
        self._items: OrderedDict[str, ArticleProfile] = OrderedDict()
        self._lock = threading.Lock()

    def of(self, article: Article) -> ArticleProfile:
        """The profile of a stored, embedded article (by its id)."""
        with self._lock:
            found = self._items.get(article.id)
            if found is not None:
                self._items.move_to_end(article.id)
                return found
        made = profile(article)  # outside the lock: others need not wait for it
        with self._lock:
            self._items[article.id] = made
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return made
