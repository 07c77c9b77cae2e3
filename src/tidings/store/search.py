"""Filtered, paged and full-text listings of articles, in SQLite.

Pages are found in two steps: the sequence numbers of the page first (sorting
only small rows), then the page's full rows, so a listing of thousands of
articles never copies their texts into the sorter.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from tidings.query import (
    MIN_TERM,
    ArticleQuery,
    Hit,
    Page,
    fts_expression,
    hit_snippet,
    word_start_expression,
    word_start_patterns,
)
from tidings.store.article_filters import DAY, filter_clauses, keyed_clause
from tidings.store.rows import COLUMNS, from_row


def find_articles(db: sqlite3.Connection, query: ArticleQuery) -> Page[Hit]:
    """The page of articles `query` asks for: best match first when searching, else newest."""
    terms = query.terms
    joins, where, params = _filters(query, query.indexed_terms)
    if terms or query.entity or query.ids is not None:  # looked up, not walked in order
        total, seqs = _matched(db, f"{joins} {where}", params, query, ranked=bool(joins))
    else:
        total, seqs = _listed(db, where, params, query)
    articles = _by_seq(db, seqs)
    hits = [Hit(a, hit_snippet(a, query) if terms else None) for a in articles]
    return Page(hits, total=total, limit=query.limit, offset=query.offset)


def _listed(
    db: sqlite3.Connection, where: str, params: list[Any], query: ArticleQuery
) -> tuple[int, list[int]]:
    """(how many, the page's sequence numbers) of a listing, newest first: counted and
    paged apart, each through its own index."""
    total = db.execute(f"SELECT count(*) FROM articles a {where}", params).fetchone()[0]
    rows = db.execute(
        f"SELECT a.seq FROM articles a {where} ORDER BY {DAY} DESC, a.seq DESC LIMIT ? OFFSET ?",
        [*params, query.limit, query.offset],
    )
    return total, [row[0] for row in rows]


def _matched(
    db: sqlite3.Connection, source: str, params: list[Any], query: ArticleQuery, *, ranked: bool
) -> tuple[int, list[int]]:
    """(how many, the page's sequence numbers) of a search or a narrow filter, best
    match first (`ranked`) or else newest: the matches are found once, then counted
    and paged, in one statement. Counting and paging apart looked a search's terms up
    twice: "Erdoğan" 2.26 ms, 1.20 in one statement; المغرب 9.06 ms, 4.99."""
    key, order = ("f.rank", "key, seq DESC") if ranked else (DAY, "key DESC, seq DESC")
    rows = db.execute(
        f"WITH m AS MATERIALIZED (SELECT a.seq, {key} AS key FROM articles a {source}) "
        f"SELECT seq, (SELECT count(*) FROM m) FROM m ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, query.limit, query.offset],
    ).fetchall()
    if rows or not query.offset:  # no first page: none at all
        return (rows[0][1] if rows else 0), [row[0] for row in rows]
    count = db.execute(f"SELECT count(*) FROM articles a {source}", params).fetchone()[0]
    return count, []  # a page past the last


def _filters(query: ArticleQuery, terms: list[str]) -> tuple[str, str, list[Any]]:
    joins, clauses, params = "", [], []
    if terms:
        joins = (
            "JOIN (SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ?) f "
            "ON f.rowid = a.seq"
        )
        params.append(fts_expression(terms))
    for term, keys in query.other_terms:
        clauses.append(_term_clause(term, keys))
        params.extend(_term_params(term, keys))
    more, more_params = filter_clauses(query)
    clauses += more
    params += more_params
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    return joins, where, params


def _term_clause(term: str, keys: tuple[str, ...]) -> str:
    """A term found in the text (a short one at a word's start: after a space or a line
    break in the index, or at the start of the title) or through its entity or place keys."""
    text = "a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
    if len(term) < MIN_TERM:
        text = f"({text} OR a.title LIKE ? ESCAPE '\\')"
    if not keys:
        return text
    marks = ", ".join("?" * len(keys))
    return f"({text} OR {keyed_clause(f'IN ({marks})')})"


def _term_params(term: str, keys: tuple[str, ...]) -> list[str]:
    if len(term) >= MIN_TERM:
        return [fts_expression([term]), *keys]
    return [word_start_expression(term), word_start_patterns(term)[0], *keys]


def _by_seq(db: sqlite3.Connection, seqs: list[int]) -> list:
    if not seqs:
        return []
    marks = ", ".join("?" * len(seqs))
    cols = ", ".join(f"a.{c}" for c in COLUMNS)
    rows = db.execute(f"SELECT a.seq, {cols} FROM articles a WHERE a.seq IN ({marks})", seqs)
    found = {row[0]: from_row(row[1:]) for row in rows}
    return [found[s] for s in seqs if s in found]
