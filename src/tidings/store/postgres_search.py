"""Filtered, paged and full-text listings of articles, in PostgreSQL.

The server side of `store.find(ArticleQuery) -> Page[Hit]` (SQLite: FTS5
trigrams in `store/search.py`). Same semantics: every term must
occur in the title or body as a case-insensitive substring, in any language;
here `ILIKE` over the trigram GIN index `articles_search` (pg_trgm), ranked by
how many times the terms occur, then newest. `simple` text-search configs
would cut words, and Turkish and Arabic glue names to suffixes and prefixes
(Libya'daki, وليبيا), so trigrams serve better than tsvector here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import psycopg

from tidings.folding import spellings
from tidings.model import Article
from tidings.query import MIN_TERM, ArticleQuery, Hit, Page, hit_snippet, word_start_patterns
from tidings.store.article_filters import DAY, filter_clauses, keyed_clause
from tidings.store.rows import COLUMNS, from_row

_TEXT = "(coalesce(a.title, '') || ' ' || a.body)"


@dataclass(frozen=True)
class Filters:
    """The filters of an `ArticleQuery`, as plain values."""

    terms: tuple[str, ...] = ()
    lang: str | None = None
    since: date | None = None
    until: date | None = None
    entity: str | None = None
    place: str | None = None
    ids: tuple[str, ...] | None = None
    limit: int = 20
    offset: int = 0
    aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (term, its keys)


def search(db: psycopg.Connection, where: Filters) -> tuple[int, list[Article]]:
    """(how many articles pass, the page of them): most term occurrences first, else newest."""
    clauses, params = _filters(where)
    sql_where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    total = db.execute(f"SELECT count(*) FROM articles a {sql_where}", params).fetchone()[0]
    if where.terms:
        # Occurrences of each term, by the length the text loses without them.
        hits = " + ".join(
            f"(length(lower({_TEXT})) - length(replace(lower({_TEXT}), lower(%s), ''))) "
            "/ length(lower(%s))"
            for _ in where.terms
        )
        order = f"{hits} DESC, a.seq DESC"
        order_params: list[Any] = [x for t in where.terms for x in (t, t)]
    else:
        order, order_params = f"{DAY} DESC NULLS LAST, a.seq DESC", []
    rows = db.execute(
        f"SELECT {', '.join('a.' + c for c in COLUMNS)} FROM articles a {sql_where} "
        f"ORDER BY {order} LIMIT %s OFFSET %s",
        [*params, *order_params, where.limit, where.offset],
    ).fetchall()
    return total, [from_row(r) for r in rows]


def _filters(where: Filters) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    keys = dict(where.aliases)
    for term in where.terms:
        text, values = _text_clause(term)
        if keys.get(term):
            text = f"({text} OR {keyed_clause('= ANY(%s)')})"
            values.append(list(keys[term]))
        clauses.append(text)
        params.extend(values)
    more, more_params = filter_clauses(where, mark="%s")
    return clauses + more, params + more_params


def _text_clause(term: str) -> tuple[str, list[Any]]:
    """A term in the title or body; a short one at a word's start (see `MIN_TERM`)."""
    if len(term) >= MIN_TERM:  # in any of its spellings (`tidings.folding`)
        escaped = [
            s.replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_") for s in spellings(term)
        ]
        return f"{_TEXT} ILIKE ANY(%s)", [["%" + s + "%" for s in escaped]]
    patterns = word_start_patterns(term)
    return "(" + " OR ".join(f"{_TEXT} ILIKE %s" for _ in patterns) + ")", list(patterns)


def find(db: psycopg.Connection, query: ArticleQuery) -> Page[Hit]:
    """The page of articles `query` asks for: best match first when searching, else newest."""
    terms = query.terms
    where = Filters(
        tuple(terms), query.lang, query.since, query.until, query.entity, query.place,
        query.ids, query.limit, query.offset, query.aliases,
    )  # fmt: skip
    total, articles = search(db, where)
    hits = [Hit(a, hit_snippet(a, query) if terms else None) for a in articles]
    return Page(hits, total=total, limit=query.limit, offset=query.offset)
