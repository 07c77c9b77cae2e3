"""What users see of an event or a story: title, languages, days, who, where, timeline.

The title is the headline of the member closest to the centroid of the members'
body vectors, and `titles` holds one such headline per language. Entities and
places are counted in articles (not mentions), so one long article cannot
outweigh many short ones.

Days are only those the articles give (publication days, event days their texts
state with the year): `first`/`last` are None ("date unknown") where no member
has one, and a member of unknown date counts in the timeline under day None.
A story's `evidence` is what holds it together: the entity keys and places below
country level that at least two of its events (or, in a story of one event, two
of its articles) share; `span_days` is last - first, None when unknown.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import numpy as np

from tidings.analyze.names import script
from tidings.model import Article
from tidings.store.base import StoryTables
from tidings.store.story_rows import EventRow, PlacementRow

TOP = 10
# Where the summaries read their members from: `store.briefs` or a cache in front of it.
Briefs = Callable[[Iterable[str]], dict[str, Article]]


@dataclass
class EventSummary:
    id: int
    title: str
    titles: dict[str, str]  # language -> headline
    languages: dict[str, int]  # language -> articles, most first
    first: str | None  # ISO day; None: date unknown
    last: str | None
    entities: list[dict[str, Any]]  # {key, name, count}
    places: list[dict[str, Any]]  # {id, name, country, count}
    article_ids: list[str]
    timeline: list[dict[str, Any]]  # {day, lang, count}

    @property
    def size(self) -> int:
        return len(self.article_ids)

    @property
    def span_days(self) -> int | None:
        if self.first is None or self.last is None:
            return None
        return (date.fromisoformat(self.last) - date.fromisoformat(self.first)).days

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class StorySummary(EventSummary):
    event_ids: list[int] = field(default_factory=list)
    events: list[EventSummary] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)  # keys its events share

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "span_days": self.span_days, "size": self.size}


def summarise_event(store: StoryTables, event_id: int) -> EventSummary | None:
    rows = store.events([event_id])
    if event_id not in rows:
        return None
    members = store.event_members(event_id)
    return _event_summary(rows[event_id], members, store.briefs(m.article_id for m in members))


def summarise_story(
    store: StoryTables, story_id: int, briefs_of: Briefs | None = None
) -> StorySummary | None:
    story = store.story_row(story_id)
    if story is None:
        return None
    rows = store.events(store.story_events(story_id))
    members = {e: store.event_members(e) for e in rows}
    everyone = [m for group in members.values() for m in group]
    briefs = (briefs_of or store.briefs)(m.article_id for m in everyone)
    events = sorted(
        (_event_summary(rows[e], group, briefs) for e, group in members.items()),
        key=lambda e: (e.first is None, e.first or "", e.id),
    )
    groups = [[briefs[m.article_id] for m in group if m.article_id in briefs]
              for group in members.values()]  # fmt: skip
    return StorySummary(
        id=story_id,
        first=min((e.first for e in events if e.first), default=None),
        last=max((e.last for e in events if e.last), default=None),
        event_ids=[e.id for e in events],
        events=events,
        evidence=_evidence(groups),
        **_facts(everyone, briefs),
    )


def _evidence(groups: list[list[Article]]) -> list[str]:
    """Keys (entities, places below country level) that two or more events share, or,
    in a story of one event, two or more of its articles."""
    units = groups if len(groups) > 1 else [[a] for group in groups for a in group]
    counts: Counter[str] = Counter()
    for unit in units:
        keys = {e.key for a in unit for e in a.entities}
        keys |= {p.id for a in unit for p in a.places if not p.id.startswith("country:")}
        counts.update(keys)
    return [key for key, n in counts.most_common(TOP) if n >= 2]


class SummaryCache:
    """Story summaries kept with the revision of the story they were made at (see
    `SQLiteStore.story_revisions`), so that a write re-summarises only the stories it
    touched. Bounded (least recently used go first); safe to share between threads.
    The summaries handed out are shared: read them, do not change them.

    The members' briefs are kept too (stored articles never change), so that a story
    that grows by one article is summarised again without reading all the others."""

    def __init__(self, size: int = 4096, briefs: int = 8192):
        self.size = size
        self.briefs = briefs
        self._items: OrderedDict[int, tuple[int, StorySummary]] = OrderedDict()
        self._briefs: OrderedDict[str, Article] = OrderedDict()
        self._lock = threading.Lock()

    def stories(self, store: StoryTables, ids: Sequence[int]) -> list[StorySummary]:
        """The summaries of the live stories among `ids`, in their order."""
        revisions = store.story_revisions(ids)
        found = []
        for story_id in ids:
            if story_id not in revisions:
                continue  # merged since it was listed
            summary = self._get(story_id, revisions[story_id])
            if summary is None:
                # Read after its revision: what is read is at least that new, so the
                # summary is never newer-labelled than its content.
                summary = summarise_story(store, story_id, lambda ids: self._briefs_of(store, ids))
                if summary is None:
                    continue
                self._put(story_id, revisions[story_id], summary)
            found.append(summary)
        return found

    def _briefs_of(self, store: StoryTables, ids: Iterable[str]) -> dict[str, Article]:
        found: dict[str, Article] = {}
        missing: list[str] = []
        with self._lock:
            for article_id in ids:
                brief = self._briefs.get(article_id)
                if brief is None:
                    missing.append(article_id)
                else:
                    found[article_id] = brief
                    self._briefs.move_to_end(article_id)
        if missing:
            read = store.briefs(missing)
            found.update(read)
            with self._lock:
                self._briefs.update(read)
                while len(self._briefs) > self.briefs:
                    self._briefs.popitem(last=False)
        return found

    def _get(self, story_id: int, revision: int) -> StorySummary | None:
        with self._lock:
            hit = self._items.get(story_id)
            if hit is None or hit[0] != revision:
                return None
            self._items.move_to_end(story_id)
            return hit[1]

    def _put(self, story_id: int, revision: int, summary: StorySummary) -> None:
        with self._lock:
            self._items[story_id] = (revision, summary)
            self._items.move_to_end(story_id)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


def _event_summary(
    event: EventRow, members: list[PlacementRow], briefs: dict[str, Article]
) -> EventSummary:
    return EventSummary(id=event.id, first=event.first, last=event.last, **_facts(members, briefs))


def _facts(members: list[PlacementRow], briefs: dict[str, Article]) -> dict[str, Any]:
    articles = [briefs[m.article_id] for m in members if m.article_id in briefs]
    titles = _titles(articles)
    languages = Counter(a.lang or "?" for a in articles)
    best = next(iter(titles.values()), "")
    return {
        "title": best,
        "titles": titles,
        "languages": dict(languages.most_common()),
        "entities": _entities(articles),
        "places": _places(articles),
        "article_ids": [m.article_id for m in members],
        "timeline": _timeline(members, briefs),
    }


def _titles(articles: list[Article]) -> dict[str, str]:
    """Language -> headline closest to the centroid; the best language first."""
    vectors = [a.embeddings.get("body") for a in articles]
    known = [v for v in vectors if v is not None]
    centroid = np.mean(known, axis=0) if known else None
    ranked = []
    for article, vector in zip(articles, vectors, strict=True):
        if not article.title:
            continue
        fit = float(vector @ centroid) if vector is not None and centroid is not None else -1.0
        ranked.append((-fit, article.id, article))
    titles: dict[str, str] = {}
    for _, _, article in sorted(ranked, key=lambda t: (t[0], t[1])):
        titles.setdefault(article.lang or "?", article.title or "")
    return titles


def _entities(articles: list[Article]) -> list[dict[str, Any]]:
    counts: Counter[str] = Counter()
    names: dict[str, Counter[str]] = {}
    for article in articles:
        for entity in {e.key: e for e in article.entities}.values():
            counts[entity.key] += 1
            names.setdefault(entity.key, Counter())[entity.name] += 1
    return [
        {"key": key, "name": names[key].most_common(1)[0][0], "count": n,
         "names": names_by_script(names[key])}
        for key, n in counts.most_common(TOP)
    ]  # fmt: skip


def names_by_script(names: Counter[str]) -> dict[str, str]:
    """The most common written form of a name in each script ("latin": "Hafter",
    "arabic": "خليفة حفتر"), for labels in the reader's script."""
    found: dict[str, str] = {}
    for name, _ in names.most_common():
        found.setdefault(script(name), name)
    return found


def _places(articles: list[Article]) -> list[dict[str, Any]]:
    counts: Counter[str] = Counter()
    seen: dict[str, dict[str, Any]] = {}
    for article in articles:
        for place in {p.id: p for p in article.places}.values():
            counts[place.id] += 1
            seen.setdefault(
                place.id, {"id": place.id, "name": place.name, "country": place.country}
            )
    return [{**seen[pid], "count": n} for pid, n in counts.most_common(TOP)]


def _timeline(members: list[PlacementRow], briefs: dict[str, Article]) -> list[dict[str, Any]]:
    counts = Counter(
        (m.at, briefs[m.article_id].lang or "?") for m in members if m.article_id in briefs
    )
    ordered = sorted(
        counts.items(), key=lambda item: (item[0][0] is None, item[0][0] or "", item[0][1])
    )
    return [{"day": d, "lang": lang, "count": n} for (d, lang), n in ordered]
