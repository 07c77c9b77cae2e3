"""`updated_since`: what changed after a moment, a page at a time, with the cursor to poll on.

For articles, a change is an article stored (stored articles never change). For stories,
it is anything that makes a story read differently: an article placed in it or moved out,
an event made, merged or split, a merge of the story into another, a correction or lock.
A story merged away or emptied is listed under `gone` (with where it went), so that a
client polling a story learns of it; live ones pass the listing's other filters.

`updated_since` is an ISO 8601 time (a day, or a time with or without a zone; no zone
means UTC), or the `cursor` of the last answer: poll with that until `more` is false,
then keep it for the next poll. A story cursor is `time~id`; an article cursor is
`time~id@seq`, the last article's reading time, id, and place in the storing order (an
article read earlier may be stored later: the time alone would skip it). An article
cursor from another store (a copy) or an older version (`time~id`) resumes from its
time and article, and may repeat articles rather than skip one.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from tidings.api.render import article_summary, story_summary
from tidings.explore.query import ArticleQuery
from tidings.store.story_rows import StoryFilter

# Separates a story cursor's time from the id it stopped at ("2026-12-07T10:00:00.123Z~42").
MARK = "~"
# Ends an article cursor with the article's place in the storing order ("…+00:00~a1b2@42").
STORED_MARK = "@"


def _moment(value: str, name: str) -> datetime:
    try:
        moment = (
            datetime.fromisoformat(value)
            if "T" in value or " " in value
            else datetime.combine(date.fromisoformat(value), datetime.min.time())
        )
    except ValueError:
        raise ValueError(
            f"{name}: {value!r} is neither an ISO 8601 time (2026-12-07T10:00:00Z) nor a "
            "cursor from an earlier answer"
        ) from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def story_position(value: str) -> tuple[str, int]:
    """Where a story listing resumes: a cursor's (time, id) or a time's (time, before all)."""
    if MARK in value:
        moment, _, last = value.rpartition(MARK)
        if not last.lstrip("-").isdigit():
            raise ValueError(f"updated_since: {value!r} is not a story cursor")
        return moment, int(last)
    moment = _moment(value, "updated_since")
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z", -1


def article_position(value: str) -> tuple[str, str, int | None]:
    """(time, article id, storing place) of an article cursor; a time has no id or
    place, a cursor of an older version (`time~id`) no place."""
    rest, mark, last = value.rpartition(STORED_MARK)
    seq = int(last) if mark and last.isdigit() else None
    if seq is None:
        rest = value
    if MARK in rest:
        moment, _, article_id = rest.rpartition(MARK)
        return moment, article_id, seq
    return _moment(rest, "updated_since").isoformat(), "", None


def changed_articles(tidings: Any, query: ArticleQuery, updated_since: str) -> dict[str, Any]:
    """Articles stored after `updated_since` that pass the query's filters, in the order
    they were stored."""
    store = tidings.store
    changed = store.articles_stored(store.article_position(*article_position(updated_since)),
                                    query.limit)  # fmt: skip
    ids = [stored.id for stored in changed]
    found = {}
    if ids:
        kept = tidings.find(replace(query, ids=tuple(ids), limit=len(ids), offset=0))
        found = {hit.article.id: hit.article for hit in kept.items}
    last = changed[-1] if changed else None
    items = [{**article_summary(found[s.id]), "stored": s.ingested} for s in changed
             if s.id in found]  # fmt: skip
    return {
        "items": items,
        "cursor": f"{last.ingested}{MARK}{last.id}{STORED_MARK}{last.seq}"
        if last
        else updated_since,
        "more": len(changed) == query.limit,
    }


def changed_stories(tidings: Any, query: ArticleQuery, updated_since: str) -> dict[str, Any]:
    """Stories changed after `updated_since`: the live ones that pass the filters (their
    summaries, with `updated`), and `gone`: those merged into another or emptied."""
    changed = tidings.store.stories_changed(story_position(updated_since), query.limit)
    live = [c for c in changed if c.merged_into is None and c.size > 0]
    wanted = {c.id for c in live}
    if query.lang or query.entity or query.place or query.since or query.until:
        where = StoryFilter(lang=query.lang, entity=query.entity, place=query.place,
                            since=_day(query.since), until=_day(query.until))  # fmt: skip
        wanted &= set(tidings.store.story_ids(where))
    updated = {c.id: c.updated for c in changed}
    summaries = [s for c in live if c.id in wanted and (s := tidings.story(c.id)) is not None]
    gone = [{"id": c.id, "merged_into": c.merged_into, "updated": c.updated}
            for c in changed if c.merged_into is not None or c.size == 0]  # fmt: skip
    last = changed[-1] if changed else None
    return {
        "items": [{**story_summary(s), "updated": updated[s.id]} for s in summaries],
        "gone": gone,
        "cursor": f"{last.updated}{MARK}{last.id}" if last else updated_since,
        "more": len(changed) == query.limit,
    }


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None
