"""Pair features: what two analysed, embedded articles share, as numbers.

Every feature is symmetric in the two articles and language-independent: cosines
of the embedding views, overlap of entity keys, place countries and place ids,
mentioned dates and numbers, the event-date gap, lengths. Lexical overlap
(hashed character 4-grams, no IDF, so nothing is fitted) is only meaningful
when both articles are in the same language; for other pairs it is missing and
the scorer imputes it from the cosines (see `tidings.compare.model`).

`ArticleProfile` holds the per-article part, computed once; `pair_features`
combines two profiles cheaply, so scoring many pairs stays fast.
"""

from __future__ import annotations

import math
import re
import unicodedata
import zlib
from dataclasses import dataclass

import numpy as np

from tidings.embed.base import VIEWS
from tidings.model import Article

COSINES = (
    ("title", "title"),
    ("lead", "lead"),
    ("body", "body"),
    ("title", "body"),
    ("lead", "body"),
)
LEXICAL = ("lex_body", "lex_title")
FEATURE_NAMES: tuple[str, ...] = (
    *(f"cos_{x}_{y}" for x, y in COSINES),
    "cos_max",
    "cos_mean",
    "ent_jaccard",
    "ent_weighted",
    "ent_shared_log",
    "ent_missing",
    "country_jaccard",
    "country_shared_log",
    "place_jaccard",
    "place_weighted",
    "place_missing",
    "date_jaccard",
    "date_gap_log",
    "date_gap_missing",
    "date_estimated",
    "num_jaccard",
    "num_shared_log",
    "len_min_log",
    "len_max_log",
    "len_ratio",
    "same_lang",
    *LEXICAL,
)
LEXICAL_INDEX = tuple(FEATURE_NAMES.index(name) for name in LEXICAL)
SAME_LANG_INDEX = FEATURE_NAMES.index("same_lang")
COSINE_INDEX = tuple(range(len(COSINES) + 2))

_HASH_BITS = 18
_LEX_CHARS = 2000
_NUMBER_CHARS = 2400  # numbers of the title and the first paragraphs
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class ArticleProfile:
    """The per-article inputs of `pair_features`."""

    id: str
    lang: str | None
    vectors: dict[str, np.ndarray]
    entities: dict[str, int]
    entity_names: dict[str, str]
    places: dict[str, int]
    place_names: dict[str, str]
    countries: frozenset[str]
    dates: frozenset[str]
    event_date: object
    event_estimated: bool
    numbers: frozenset[str]
    chars: int
    grams_body: tuple[np.ndarray, np.ndarray]
    grams_title: tuple[np.ndarray, np.ndarray]


def profile(article: Article) -> ArticleProfile:
    """The profile of an analysed, embedded article."""
    missing = [v for v in VIEWS if v not in article.embeddings]
    if missing:
        raise ValueError(f"article {article.id} has no {missing} embedding: embed it first")
    body = article.body or article.text
    title = article.title or body[:200]
    return ArticleProfile(
        id=article.id,
        lang=article.lang,
        vectors={v: np.asarray(article.embeddings[v], dtype=np.float32) for v in VIEWS},
        entities={e.key: e.mentions for e in article.entities},
        entity_names={e.key: e.name for e in article.entities},
        places={p.id: p.mentions for p in article.places},
        place_names={p.id: p.name for p in article.places},
        countries=frozenset(p.country for p in article.places if p.country),
        dates=frozenset(d.date for d in article.dates),
        event_date=article.event_date,
        event_estimated=article.event_date_estimated,
        numbers=numbers_in(f"{title}\n{body[:_NUMBER_CHARS]}"),
        chars=len(body),
        grams_body=char_grams(body[:_LEX_CHARS]),
        grams_title=char_grams(title),
    )


def numbers_in(text: str) -> frozenset[str]:
    """Numbers of two or more digits, any script's digits folded to ASCII, separators dropped."""
    folded = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)
    found = (re.sub(r"[.,]", "", m) for m in _NUMBER.findall(folded))
    return frozenset(n.lstrip("0") or "0" for n in found if len(n) >= 2)


def char_grams(text: str, n: int = 4) -> tuple[np.ndarray, np.ndarray]:
    """Hashed character n-grams: sorted unique bucket ids and unit-norm sublinear weights."""
    folded = _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()
    padded = f" {folded} "
    counts: dict[int, int] = {}
    for i in range(max(len(padded) - n + 1, 0)):
        key = zlib.crc32(padded[i : i + n].encode("utf-8")) & ((1 << _HASH_BITS) - 1)
        counts[key] = counts.get(key, 0) + 1
    if not counts:
        return np.zeros(0, np.int64), np.zeros(0, np.float32)
    ids = np.fromiter(sorted(counts), dtype=np.int64, count=len(counts))
    weights = 1.0 + np.log(np.array([counts[i] for i in ids], dtype=np.float32))
    return ids, weights / np.linalg.norm(weights)


def sparse_cosine(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> float:
    _, ia, ib = np.intersect1d(a[0], b[0], assume_unique=True, return_indices=True)
    return float(np.dot(a[1][ia], b[1][ib]))


def _jaccard(a: set | frozenset | dict, b: set | frozenset | dict) -> tuple[float, int]:
    shared = len(a.keys() & b.keys()) if isinstance(a, dict) else len(a & b)
    union = len(a) + len(b) - shared
    return (shared / union if union else 0.0), shared


def _weighted(a: dict[str, int], b: dict[str, int]) -> float:
    """Weighted Jaccard of mention counts: sum of minima over sum of maxima."""
    keys = a.keys() | b.keys()
    top = sum(max(a.get(k, 0), b.get(k, 0)) for k in keys)
    return sum(min(a.get(k, 0), b.get(k, 0)) for k in keys) / top if top else 0.0


def date_gap_days(a: ArticleProfile, b: ArticleProfile) -> int | None:
    if a.event_date is None or b.event_date is None:
        return None
    return abs((a.event_date - b.event_date).days)  # type: ignore[operator]


def pair_features(a: ArticleProfile, b: ArticleProfile) -> np.ndarray:
    """The feature vector of a pair, in the order of `FEATURE_NAMES` (NaN = missing)."""
    cos = [float(a.vectors[x] @ b.vectors[y]) for x, y in COSINES[:3]]
    cos += [
        (float(a.vectors[x] @ b.vectors[y]) + float(a.vectors[y] @ b.vectors[x])) / 2
        for x, y in COSINES[3:]
    ]
    parts = (_entity_part, _place_part, _date_part, _number_part, _length_part, _lexical_part)
    values = [*cos, max(cos), sum(cos) / len(cos)]
    for part in parts:
        values.extend(part(a, b))
    return np.array(values, dtype=np.float64)


def _entity_part(a: ArticleProfile, b: ArticleProfile) -> list[float]:
    jac, shared = _jaccard(a.entities, b.entities)
    missing = float(not a.entities or not b.entities)
    return [jac, _weighted(a.entities, b.entities), math.log1p(shared), missing]


def _place_part(a: ArticleProfile, b: ArticleProfile) -> list[float]:
    cjac, cshared = _jaccard(a.countries, b.countries)
    pjac, _ = _jaccard(a.places, b.places)
    missing = float(not a.places or not b.places)
    return [cjac, math.log1p(cshared), pjac, _weighted(a.places, b.places), missing]


def _date_part(a: ArticleProfile, b: ArticleProfile) -> list[float]:
    jac, _ = _jaccard(a.dates, b.dates)
    gap = date_gap_days(a, b)
    estimated = float(a.event_estimated or b.event_estimated)
    if gap is None:
        return [jac, 0.0, 1.0, estimated]
    return [jac, math.log1p(gap), 0.0, estimated]


def _number_part(a: ArticleProfile, b: ArticleProfile) -> list[float]:
    jac, shared = _jaccard(a.numbers, b.numbers)
    return [jac, math.log1p(shared)]


def _length_part(a: ArticleProfile, b: ArticleProfile) -> list[float]:
    lo, hi = sorted((a.chars, b.chars))
    return [math.log1p(lo), math.log1p(hi), (lo + 1) / (hi + 1)]


def _lexical_part(a: ArticleProfile, b: ArticleProfile) -> list[float]:
    same = a.lang is not None and a.lang == b.lang
    if not same:
        return [0.0, math.nan, math.nan]
    return [
        1.0,
        sparse_cosine(a.grams_body, b.grams_body),
        sparse_cosine(a.grams_title, b.grams_title),
    ]


# A view cosine at or above this counts as the two articles' views agreeing.
AGREE_COSINE = 0.5


def pair_reasons(a: ArticleProfile, b: ArticleProfile, x: np.ndarray) -> dict[str, object]:
    """What the pair shares, for people: entities, places, dates, agreeing views, cosines."""
    cosines = {f"{v}-{w}": round(float(x[i]), 3) for i, (v, w) in enumerate(COSINES)}
    shared_places = sorted(a.places.keys() & b.places.keys())
    return {
        "shared_entities": {
            k: a.entity_names[k] for k in sorted(a.entities.keys() & b.entities.keys())
        },
        "shared_countries": sorted(a.countries & b.countries),
        "shared_places": {p: a.place_names[p] for p in shared_places},
        "shared_dates": sorted(a.dates & b.dates),
        "shared_numbers": sorted(a.numbers & b.numbers),
        "date_gap_days": date_gap_days(a, b),
        "dates_estimated": a.event_estimated or b.event_estimated,
        "agreeing_views": [k for k, c in cosines.items() if c >= AGREE_COSINE],
        "cosines": cosines,
        "same_language": a.lang is not None and a.lang == b.lang,
    }
