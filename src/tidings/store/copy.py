"""Copy a store into another (`tidings migrate --from sqlite:///a.db --to postgresql://…`).

Articles go through the target's `add` (so their keys, vectors and dedupe come
out exactly as ingesting would make them); the cleaner's line counts, the story
tables (stories, events, placements, merges, placement reasons, corrections, hand
marks) and the watcher's (sources, entries seen, failures) are copied row for row,
ids kept, in batches, each batch in one transaction. Running it again copies
nothing twice: articles come back `same-input`, rows are upserted by their key.
A story's `updated` time is the copy's (the stores' triggers set it): a client
following `updated_since` reads every story once more. Articles get new places in the
storing order: an article cursor resumes from its time and article, and may repeat some.
Only through the store interface (`ArticleStore.table_rows`/`put_rows`, see
`store.table_rows`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from tidings.store.base import ArticleStore, Outcome, TableRows
from tidings.store.table_rows import TABLES, first_key, key_of


@dataclass
class CopyReport:
    articles: int = 0  # new in the target
    already: int = 0  # there before (same input, or a duplicate of a stored one)
    rows: dict[str, int] | None = None


def copy_store(
    source: ArticleStore,
    target: ArticleStore,
    *,
    batch_size: int = 500,
    progress: Callable[[str, int], None] | None = None,
) -> CopyReport:
    """Everything in `source` into `target`, `batch_size` rows a transaction."""
    report = CopyReport(rows={})
    articles = source.articles()
    while batch := [a for _, a in zip(range(batch_size), articles, strict=False)]:
        vectors = source.embeddings(a.id for a in batch)
        for article in batch:
            article.embeddings = vectors.get(article.id, {})
        outcomes = target.add(batch)
        report.articles += sum(o is Outcome.NEW for o in outcomes)
        report.already += sum(o is not Outcome.NEW for o in outcomes)
        _tell(progress, "articles", report.articles + report.already)
    for table in TABLES:
        done = 0
        for rows in _read(source, table, batch_size):
            target.put_rows(table, rows)
            done += len(rows)
            _tell(progress, table, done)
        report.rows[table] = done  # type: ignore[index]
    return report


def _read(store: TableRows, table: str, batch_size: int) -> Iterator[list[tuple[Any, ...]]]:
    after = first_key(table)
    while rows := store.table_rows(table, after, batch_size):
        yield rows
        after = key_of(table, rows[-1])


def _tell(progress: Callable[[str, int], None] | None, what: str, done: int) -> None:
    if progress is not None:
        progress(what, done)
