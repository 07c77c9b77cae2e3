"""What templates need beyond the facade's objects: highlighted text as segments,
the timeline chart's geometry, score bars, language names and colours.

No queries here: these only reshape what a view already fetched.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from babel import Locale

from tidings.explore import ArticleQuery, Mention
from tidings.ingest.vet import is_http_url

# Colour-blind-safe (Okabe–Ito), then greys; a language keeps its colour on every page.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
KNOWN = ("tr", "ar", "en", "de", "fr", "es", "ru", "pl", "it", "zh")
_ENGLISH = Locale("en")
# A timeline longer than this many days is drawn a week a slot.
MAX_DAYS = 120


def lang_name(code: str | None) -> str:
    return _ENGLISH.languages.get(code or "", code or "unknown")


def country_name(code: str | None) -> str:
    return _ENGLISH.territories.get(code or "", code or "?")


def lang_colour(code: str | None) -> str:
    if code in KNOWN:
        return PALETTE[KNOWN.index(code) % len(PALETTE)]
    return "#777777"


def segments(text: str, mentions: list[Mention]) -> list[tuple[str, Mention | None]]:
    """The text cut into plain pieces and mentions, in order, for the template to escape."""
    pieces: list[tuple[str, Mention | None]] = []
    at = 0
    for mention in mentions:
        if mention.start > at:
            pieces.append((text[at : mention.start], None))
        pieces.append((text[mention.start : mention.end], mention))
        at = mention.end
    if at < len(text):
        pieces.append((text[at:], None))
    return pieces


def day(value: date | str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    return value.isoformat() if isinstance(value, date) else str(value)[:10]


def span(first: Any, last: Any) -> str:
    if first is None or last is None:
        return "date unknown"
    a, b = day(first), day(last)
    return a if a == b else f"{a} – {b}"


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    lang: str
    count: int
    day: str


def timeline_chart(timeline: list[dict], width: int = 640, height: int = 160) -> dict[str, Any]:
    """Articles a day stacked by language, as SVG rectangles; every day between the
    first and the last gets its slot, so gaps show as gaps. Past `MAX_DAYS` days, a
    slot is a week (starting on Monday), so that bars stay wide enough to see."""
    points = [
        (date.fromisoformat(day(p["day"])), p["lang"] or "?", int(p["count"]))
        for p in timeline
        if p["day"] is not None  # members of unknown date: no day to draw them on
    ]
    unknown = sum(int(p["count"]) for p in timeline if p["day"] is None)
    if not points:
        return {"bars": [], "width": width, "height": height, "langs": [], "days": [], "step": 1,
                "unknown": unknown}  # fmt: skip
    first, last = min(p[0] for p in points), max(p[0] for p in points)
    step = 7 if (last - first).days + 1 > MAX_DAYS else 1
    if step == 7:
        first = first - timedelta(days=first.weekday())
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for moment, lang, n in points:
        counts[(moment - first).days // step][lang] += n
    slots = (last - first).days // step + 1
    days = [(first + timedelta(days=i * step)).isoformat() for i in range(slots)]
    top = max(sum(c.values()) for c in counts.values())
    slot = width / slots
    langs = sorted({lang for c in counts.values() for lang in c})
    bars = []
    for i in sorted(counts):
        y = float(height)
        for lang in langs:
            n = counts[i].get(lang, 0)
            if n:
                h = height * n / top
                y -= h
                bars.append(
                    Bar(i * slot + slot * 0.1, y, max(slot * 0.8, 1.0), h, lang, n, days[i])
                )
    return {"bars": bars, "width": width, "height": height, "langs": langs, "days": days,
            "top": top, "step": step, "unknown": unknown}  # fmt: skip


def score_bars(scores: dict[str, float]) -> list[dict[str, Any]]:
    """Each dimension's score (1 = very similar … 4 = very dissimilar) as a bar of similarity."""
    return [
        {"dimension": k, "score": v, "similar": round(100 * max(0.0, min(1.0, (4 - v) / 3)))}
        for k, v in scores.items()
    ]


def query_url(path: str, query: ArticleQuery | None = None, **changes: Any) -> str:
    """A listing's URL with its filters, some changed (None drops one)."""
    params: dict[str, Any] = {}
    if query is not None:
        params = {"lang": query.lang, "since": day(query.since) or None,
                  "until": day(query.until) or None, "entity": query.entity,
                  "place": query.place, "q": query.text, "offset": query.offset or None}  # fmt: skip
    params.update(changes)
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{path}?{urlencode(kept)}" if kept else path


def by_lang(items: list[Any]) -> list[tuple[str, list[Any]]]:
    """Hits grouped by their article's language, the largest group first."""
    groups: dict[str, list[Any]] = defaultdict(list)
    for item in items:
        groups[item.article.lang or "?"].append(item)
    return sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))


def countries(places: list[dict]) -> list[dict[str, Any]]:
    """A story's places by country: the country's name, its mentions, its places."""
    grouped: dict[str, dict[str, Any]] = {}
    for place in places:
        entry = grouped.setdefault(place["country"], {"code": place["country"],
                                   "name": country_name(place["country"]), "count": 0,
                                   "places": []})  # fmt: skip
        entry["count"] += place["count"]
        if not str(place["id"]).startswith("country:"):
            entry["places"].append(place)
    return sorted(grouped.values(), key=lambda c: -c["count"])


def in_order(events: list[Any]) -> list[Any]:
    """Events by their first article's day, undated ones last."""
    return sorted(events, key=lambda e: (e.first is None, day(e.first)))


def http_url(value: str | None) -> str | None:
    """The URL if it is an http(s) one, else None: a link to anything else
    (`javascript:…` stored before ingest refused it) is never rendered."""
    return value if value and is_http_url(value) else None


GLOBALS = {"in_order": in_order, "lang_name": lang_name, "lang_colour": lang_colour, "country_name": country_name,
           "segments": segments, "span": span, "timeline_chart": timeline_chart,
           "score_bars": score_bars, "query_url": query_url, "by_lang": by_lang,
           "countries": countries}  # fmt: skip
FILTERS = {"day": day, "http_url": http_url}
