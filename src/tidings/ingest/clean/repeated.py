"""Lines that recur across many articles of a corpus: the site's furniture.

"Most read", "Leave a reply", a slogan or a copyright line appears under every
article a site publishes, while a story's own sentences rarely appear in more
than a couple of articles. Counting in how many distinct articles each line
occurs finds such furniture in any language without naming it.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Protocol

from tidings.config import Settings
from tidings.ingest.clean.lines import is_statement, words

_SENTENCE_MIN_WORDS = 8
_TOKEN = re.compile(r"\w+", re.UNICODE)


def line_key(line: str) -> str:
    """Key of a line for counting: its words and numbers, case folded, hashed
    short (numbers count: "Bank advances 36 billion" is news, not furniture)."""
    skeleton = " ".join(_TOKEN.findall(line)).casefold()
    return hashlib.blake2b(skeleton.encode("utf-8"), digest_size=8).hexdigest()


class LineCounts(Protocol):
    """Where line counts live: in memory, or in the store so they outlast a run."""

    def line_counts(self, keys: Iterable[str]) -> Mapping[str, int]: ...

    def add_line_counts(self, counts: Mapping[str, int]) -> None: ...


class MemoryLineCounts:
    """Line counts kept for one run only."""

    def __init__(self) -> None:
        self.counts_: Counter[str] = Counter()

    def line_counts(self, keys: Iterable[str]) -> Mapping[str, int]:
        return {k: self.counts_[k] for k in keys if k in self.counts_}

    def add_line_counts(self, counts: Mapping[str, int]) -> None:
        self.counts_.update(counts)


class BufferedLineCounts:
    """Counts read from a backend, the current batch's counts held in memory.

    The cleaner sees the batch's own lines at once (a line shared by articles of
    one batch is furniture in all of them), but the counts reach the store only
    through `ArticleStore.add(..., line_keys=...)`: in the transaction that stores
    the articles, and only for the articles stored. Written at once, a crash
    between the two left counts without their articles; counted for every
    article processed, duplicates skipped at storing were counted again by each
    re-run. Either made a resumed or repeated run clean differently.
    """

    def __init__(self, backend: LineCounts) -> None:
        self.backend = backend
        self.pending_: Counter[str] = Counter()

    def line_counts(self, keys: Iterable[str]) -> Mapping[str, int]:
        keys = list(keys)
        counts = dict(self.backend.line_counts(keys))
        for key in keys:
            if key in self.pending_:
                counts[key] = counts.get(key, 0) + self.pending_[key]
        return counts

    def add_line_counts(self, counts: Mapping[str, int]) -> None:
        self.pending_.update(counts)

    def clear(self) -> None:
        """Forget the batch's counts: the store now holds those of what it stored."""
        self.pending_.clear()


class FrozenLineCounts:
    """Counts fixed beforehand: a worker cleans with the counts the driver took for its
    batch (store, batches ahead of it, the batch itself), and adds none."""

    def __init__(self, counts: Mapping[str, int]) -> None:
        self.counts_ = dict(counts)

    def line_counts(self, keys: Iterable[str]) -> Mapping[str, int]:
        return {k: self.counts_[k] for k in keys if k in self.counts_}

    def add_line_counts(self, counts: Mapping[str, int]) -> None:
        pass


class RepeatedLines:
    """Decides which lines are repeated furniture, given a `LineCounts` backend.

    `update(docs)` counts each document's distinct lines once (like
    scikit-learn's `partial_fit`); `repeated(lines)` then names the lines seen
    in at least `min_docs` documents. Long prose lines are never counted:
    agencies' copy is legitimately shared between outlets, furniture is short.
    """

    def __init__(
        self,
        counts: LineCounts,
        *,
        min_docs: int = Settings.repeated_line_docs,
        max_words: int = 25,
    ):
        self.counts = counts
        self.min_docs = min_docs
        self.max_words = max_words

    def _countable(self, line: str) -> bool:
        # Full sentences are left out: wire copy shared by outlets is news,
        # while furniture is a label ("Share", "Most read") or a short notice.
        n_words = len(words(line))
        sentence = is_statement(line) and n_words >= _SENTENCE_MIN_WORDS
        return 0 < n_words <= self.max_words and not sentence

    def keys_of(self, lines: Iterable[str]) -> set[str]:
        """The keys one document adds to the counts: its distinct countable lines."""
        return {line_key(line) for line in lines if self._countable(line)}

    def update(self, docs: Iterable[Iterable[str]]) -> None:
        batch: Counter[str] = Counter()
        for lines in docs:
            batch.update(self.keys_of(lines))
        if batch:
            self.counts.add_line_counts(batch)

    def repeated(self, lines: Iterable[str]) -> set[str]:
        """The subset of `lines` (as given) that count as repeated furniture."""
        lines = list(lines)
        furniture = self.furniture_keys(self.counts.line_counts(self.keys_of(lines)))
        return {line for line in lines if self._countable(line) and line_key(line) in furniture}

    def furniture_keys(self, counts: Mapping[str, int]) -> set[str]:
        """The keys whose counts make their lines furniture: all that cleaning reads
        of the counts, so two sets of counts that agree on it clean alike."""
        return {key for key, count in counts.items() if count >= self.min_docs}
