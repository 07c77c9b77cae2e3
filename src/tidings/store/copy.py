"""Copy a store into another (`tidings migrate --from sqlite:///a.db --to postgresql://…`).

Articles go through the target's `add` (so their keys, vectors and dedupe come
out exactly as ingesting would make them); the cleaner's line counts and the
story tables (stories, events, placements, merges, placement reasons, corrections,
hand marks) are copied row for row, ids kept, in batches, each batch in one
transaction. Running it again copies nothing twice: articles come back `same-input`, rows are upserted by their key.
Both stores have the same columns in these tables (see `postgres_migrations`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from tidings.store.base import ArticleStore, Outcome
from tidings.store.story_rows import EventRow

# table -> (key column, other columns); copied in this order.
TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "line_counts": ("key", ("docs",)),
    "article_profiles": ("article_id", ("profile",)),
    "stories": ("id", ("first", "last", "size", "merged_into")),
    "events": (
        "id",
        ("story_id", "first", "last", "dated", "size", "vector_sum", "merged_into"),
    ),
    "placements": ("article_id", ("event_id", "fit", "at", "dated")),
    "merges": ("seq", ("kind", "from_id", "into_id", "at", "evidence")),
    "placement_reasons": ("article_id", ("reason",)),
    "corrections": ("seq", ("kind", "story_id", "other_story_id", "who", "at", "detail")),
    "hand_marks": ("item", ("locked",)),
}
TEXT_KEYS = ("line_counts", "article_profiles", "placements", "placement_reasons", "hand_marks")


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
            with target.transaction():
                _write(target, table, rows)
            done += len(rows)
            _tell(progress, table, done)
        report.rows[table] = done  # type: ignore[index]
    _after_ids(target)
    return report


def _mark(store: ArticleStore) -> str:
    return getattr(store, "placeholder", "?")


def _read(store: ArticleStore, table: str, batch_size: int) -> Iterator[list[tuple[Any, ...]]]:
    key, columns = TABLES[table]
    mark = _mark(store)
    after: Any = "" if table in TEXT_KEYS else -1
    while True:
        rows = store.db.execute(  # type: ignore[attr-defined]
            f"SELECT {key}, {', '.join(columns)} FROM {table} WHERE {key} > {mark} "
            f"ORDER BY {key} LIMIT {mark}",
            (after, batch_size),
        ).fetchall()
        if not rows:
            return
        yield [tuple(r) for r in rows]
        after = rows[-1][0]


def _write(store: ArticleStore, table: str, rows: list[tuple[Any, ...]]) -> None:
    key, columns = TABLES[table]
    columns = (key, *columns)
    if table == "events":
        rows = [(*r[:6], bytes(r[6]), r[7]) for r in rows]
        if _mark(store) == "%s":  # the server store also keeps the unit centroid
            columns = (*columns, "centroid")
            rows = [(*r, _centroid(r[6])) for r in rows]
    mark = _mark(store)
    update = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))}) "
        f"ON CONFLICT ({key}) DO "
        + ("NOTHING" if table in ("merges", "corrections") else f"UPDATE SET {update}")
    )
    db = store.db  # type: ignore[attr-defined]
    if mark == "?":
        db.executemany(sql, rows)
    else:
        with db.cursor() as cursor:
            cursor.executemany(sql, rows)


def _centroid(blob: bytes) -> np.ndarray | None:
    row = EventRow(0, 0, "", "", False, 0, np.frombuffer(blob, dtype="<f4").astype(np.float32))
    return row.centroid if row.vector_sum.size and np.any(row.vector_sum) else None


def _after_ids(store: ArticleStore) -> None:
    """Rows copied with their ids: the server's id sequences must continue after them."""
    if _mark(store) != "%s":
        return  # SQLite's AUTOINCREMENT follows the largest id inserted by itself
    for table, key in (
        ("stories", "id"),
        ("events", "id"),
        ("merges", "seq"),
        ("corrections", "seq"),
    ):
        store.db.execute(  # type: ignore[attr-defined]
            f"SELECT setval(pg_get_serial_sequence('{table}', '{key}'), "
            f"coalesce((SELECT max({key}) FROM {table}), 0) + 1, false)"
        )


def _tell(progress: Callable[[str, int], None] | None, what: str, done: int) -> None:
    if progress is not None:
        progress(what, done)
