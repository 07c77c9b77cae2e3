"""The filters of an article listing (language, days, entity, place, ids) as SQL,
written once for both stores; each store adds its own full-text terms
(`store/search.py`: FTS5, `store/postgres_search.py`: trigram ILIKE).

`where` is an `ArticleQuery` or anything with its filter fields; `mark` is the
driver's parameter mark.
"""

from __future__ import annotations

from typing import Any

# The day an article is filed under: its publication day, or else its event's.
DAY = "coalesce(substr(a.published, 1, 10), a.event_date)"
_ENTITY = "a.id IN (SELECT article_id FROM article_keys WHERE kind = 'entity' AND key = ?)"
# A place id (`country:LY`, `geonames:…`) or a country code (`LY`: anywhere in it).
_PLACE = (
    "a.id IN (SELECT article_id FROM article_keys WHERE kind IN ('place', 'country') AND key = ?)"
)


def keyed_clause(keys: str) -> str:
    """The articles with any of some entity or place keys; `keys` is the SQL test of
    the key (`IN (?, ?)`, `= ANY(%s)`). The kinds are named so that the index on
    (kind, key) is searched, not scanned (70,000 rows: 3.5 times slower)."""
    return (
        "a.id IN (SELECT article_id FROM article_keys "
        f"WHERE kind IN ('entity', 'place', 'country') AND key {keys})"
    )


def filter_clauses(where: Any, mark: str = "?") -> tuple[list[str], list[Any]]:
    """(SQL conditions on articles `a`, their parameters) for the filters `where` sets."""
    clauses: list[str] = []
    params: list[Any] = []
    if where.ids is not None:
        if mark == "?":  # SQLite: one mark an id
            clauses.append(f"a.id IN ({', '.join('?' * len(where.ids))})" if where.ids else "0")
            params.extend(where.ids)
        else:  # one array, however many ids
            clauses.append("a.id = ANY(?)")
            params.append(list(where.ids))
    for sql, value in (
        ("a.lang = ?", where.lang),
        (f"{DAY} >= ?", where.since and where.since.isoformat()),
        (f"{DAY} <= ?", where.until and where.until.isoformat()),
        (_ENTITY, where.entity),
        (_PLACE, where.place),
    ):
        if value:
            clauses.append(sql)
            params.append(value)
    return [c.replace("?", mark) for c in clauses], params
