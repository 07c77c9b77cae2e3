"""How the CLI's reading commands write their answer: a rich table, JSON Lines or CSV.

The records are `tidings.explore.export`'s, the same the web downloads carry.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from tidings.explore.export import (
    ARTICLE_COLUMNS,
    STORY_COLUMNS,
    Format,
    article_record,
    article_row,
    lines,
    story_articles,
    story_row,
)

if TYPE_CHECKING:
    from tidings.app import Tidings
    from tidings.compare import Comparison
    from tidings.model import Article
    from tidings.stories import StorySummary

# Articles whose placements are read in one query.
CHUNK = 500


def emit(rows: Iterable[dict[str, Any]], output: Format, columns: Sequence[str]) -> int:
    """Write the rows to stdout as JSON Lines or CSV (UTF-8 whatever the locale); how many."""
    written = -1 if output is Format.csv else 0  # CSV's first line is its header
    stream = sys.stdout
    for line in lines(rows, output, columns):
        if stream.encoding and stream.encoding.lower().replace("-", "") != "utf8":
            sys.stdout.buffer.write(line.encode("utf-8"))
        else:
            stream.write(line)
        written += 1
    stream.flush()
    return written


def article_rows(
    tidings: Tidings, articles: Iterable[Article], *, full: bool
) -> Iterator[dict[str, Any]]:
    """Each article's row (`full`: with its analysis) and its event and story, placements
    read a chunk at a time."""
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) == CHUNK:
            yield from _placed(tidings, chunk, full)
            chunk = []
    yield from _placed(tidings, chunk, full)


def _placed(tidings: Tidings, chunk: list[Article], full: bool) -> Iterator[dict[str, Any]]:
    if not chunk:
        return
    where = tidings.placements([a.id for a in chunk])
    for article in chunk:
        placed = where.get(article.id)
        if not full:
            yield article_row(article, placed)
            continue
        record = article_record(article)
        record["event_id"], record["story_id"] = placed or (None, None)
        yield record


def emit_articles(tidings: Tidings, articles: Iterable[Article], output: Format) -> int:
    """JSON Lines: each article with its analysis; CSV: its listing row."""
    rows = article_rows(tidings, articles, full=output is not Format.csv)
    return emit(rows, output, ARTICLE_COLUMNS)


def emit_stories(tidings: Tidings, found: list[StorySummary], output: Format) -> int:
    """JSON Lines: each story's summary with its articles' headlines and days; CSV: its row."""
    if output is Format.csv:
        return emit((story_row(s) for s in found), output, STORY_COLUMNS)
    return emit((_story_record(tidings, s) for s in found), output, ())


# The fields of a story's summary that its JSON line carries (not its events' own).
_SUMMARY_KEYS = ("id", "title", "titles", "languages", "article_ids", "event_ids", "first",
                 "last", "span_days", "size", "evidence", "entities", "places", "timeline")  # fmt: skip


def _story_record(tidings: Tidings, story: StorySummary) -> dict[str, Any]:
    record = story.to_dict()
    record = {k: record[k] for k in _SUMMARY_KEYS}
    briefs = tidings.store.briefs(story.article_ids)
    record["articles"] = [
        {k: v for k, v in row.items() if k != "story_id"} for row in story_articles(story, briefs)
    ]
    return record


def emit_article(article: Article, output: Format) -> int:
    from tidings.explore.export import SHOW_COLUMNS, show_row

    row = show_row(article) if output is Format.csv else article_record(article)
    return emit([row], output, SHOW_COLUMNS)


def emit_comparison(comparison: Comparison, output: Format) -> int:
    from tidings.explore.export import comparison_row

    if output is Format.csv:
        row = comparison_row(comparison)
        return emit([row], output, list(row))
    return emit([comparison.to_dict()], output, ())


def emit_story_articles(tidings: Tidings, story: StorySummary, output: Format) -> int:
    """A story's articles, one row each with its event, headline and day."""
    from tidings.explore.export import STORY_ARTICLE_COLUMNS

    briefs = tidings.store.briefs(story.article_ids)
    return emit(story_articles(story, briefs), output, STORY_ARTICLE_COLUMNS)
