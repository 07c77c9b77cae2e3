"""Pair features: what two analysed, embedded articles share, as numbers.

Every feature is symmetric in the two articles and language-independent: cosines
of the embedding views, overlap of entity keys, place countries and place ids,
mentioned dates and numbers, the event-date gap, lengths. Lexical overlap
(hashed character 4-grams, no IDF, so nothing is fitted) is only meaningful
when both articles are in the same language; for other pairs it is missing and
the scorer imputes it from the cosines (see `tidings.compare.model`).

`ArticleProfile` holds the per-article part, computed once; `pair_features`
combines two profiles cheaply, so scoring many pairs stays fast. `profile_bytes`
and `profile_from_bytes` turn a profile (less its vectors, which the store keeps
already) into bytes and back exactly, so a store can keep it beside the article.
"""

from __future__ import annotations

import json
import math
import re
import struct
import unicodedata
import zlib
from dataclasses import dataclass
from datetime import date

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
    # Fold each distinct non-ASCII digit once (not the text a character at a time).
    digits = {c: str(unicodedata.digit(c)) for c in set(text) if c.isdigit() and not c.isascii()}
    folded = text.translate(str.maketrans(digits)) if digits else text
    found = (re.sub(r"[.,]", "", m) for m in _NUMBER.findall(folded))
    return frozenset(n.lstrip("0") or "0" for n in found if len(n) >= 2)


def char_grams(text: str, n: int = 4) -> tuple[np.ndarray, np.ndarray]:
    """Hashed character n-grams: sorted unique bucket ids and unit-norm sublinear weights."""
    folded = _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()
    padded = f" {folded} "
    count = len(padded) - n + 1
    if count <= 0:
        return np.zeros(0, np.int64), np.zeros(0, np.float32)
    # Every n-gram, encoded and hashed by C-level iterators (no Python code a gram).
    grams = map(padded.__getitem__, map(slice, range(count), range(n, count + n)))
    keys = np.fromiter(map(zlib.crc32, map(str.encode, grams)), dtype=np.int64, count=count)
    ids, counts = np.unique(keys & ((1 << _HASH_BITS) - 1), return_counts=True)
    weights = 1.0 + np.log(counts.astype(np.float32))
    return ids, weights / np.linalg.norm(weights)


def sparse_cosine(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> float:
    """Dot product of two `char_grams` results (sorted unique ids)."""
    (ids_a, weights_a), (ids_b, weights_b) = a, b
    if not len(ids_a) or not len(ids_b):
        return 0.0
    at = ids_b.searchsorted(ids_a)
    at[at == len(ids_b)] = len(ids_b) - 1
    shared = ids_b[at] == ids_a
    return float(np.dot(weights_a[shared], weights_b[at[shared]]))


# Bump when `profile` changes what it computes: stored profiles of another format are ignored.
PROFILE_FORMAT = 1
_HEADER = struct.Struct("<BI")  # format, length of the JSON part


def profile_bytes(item: ArticleProfile) -> bytes:
    """The profile less its vectors, as compact bytes (`profile_from_bytes` reads them)."""
    meta = {
        "lang": item.lang,
        "entities": [[k, n, item.entity_names[k]] for k, n in item.entities.items()],
        "places": [[k, n, item.place_names[k]] for k, n in item.places.items()],
        "countries": sorted(item.countries),
        "dates": sorted(item.dates),
        "event_date": item.event_date.isoformat() if isinstance(item.event_date, date) else None,
        "event_estimated": item.event_estimated,
        "numbers": sorted(item.numbers),
        "chars": item.chars,
        "grams": [len(item.grams_body[0]), len(item.grams_title[0])],
    }
    head = json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    arrays = b"".join(
        part.tobytes()
        for ids, weights in (item.grams_body, item.grams_title)
        for part in (ids.astype("<u4"), weights.astype("<f4"))
    )
    return _HEADER.pack(PROFILE_FORMAT, len(head)) + zlib.compress(head + arrays, 1)


def profile_from_bytes(
    article_id: str, blob: bytes, vectors: dict[str, np.ndarray]
) -> ArticleProfile | None:
    """The profile `profile_bytes` wrote, with the article's vectors; None for another format."""
    version, size = _HEADER.unpack_from(blob)
    if version != PROFILE_FORMAT or any(v not in vectors for v in VIEWS):
        return None
    data = zlib.decompress(blob[_HEADER.size :])
    meta = json.loads(data[:size])
    grams, offset = [], size
    for count in meta["grams"]:
        ids = np.frombuffer(data, "<u4", count, offset).astype(np.int64)
        weights = np.frombuffer(data, "<f4", count, offset + 4 * count).astype(np.float32)
        grams.append((ids, weights))
        offset += 8 * count
    event_date = meta["event_date"]
    return ArticleProfile(
        id=article_id,
        lang=meta["lang"],
        vectors={v: np.asarray(vectors[v], dtype=np.float32) for v in VIEWS},
        entities={k: n for k, n, _ in meta["entities"]},
        entity_names={k: name for k, _, name in meta["entities"]},
        places={k: n for k, n, _ in meta["places"]},
        place_names={k: name for k, _, name in meta["places"]},
        countries=frozenset(meta["countries"]),
        dates=frozenset(meta["dates"]),
        event_date=date.fromisoformat(event_date) if event_date else None,
        event_estimated=meta["event_estimated"],
        numbers=frozenset(meta["numbers"]),
        chars=meta["chars"],
        grams_body=grams[0],
        grams_title=grams[1],
    )


def _jaccard(a: set | frozenset | dict, b: set | frozenset | dict) -> tuple[float, int]:
    shared = len(a.keys() & b.keys()) if isinstance(a, dict) else len(a & b)
    union = len(a) + len(b) - shared
    return (shared / union if union else 0.0), shared


def _weighted(a: dict[str, int], b: dict[str, int]) -> float:
    """Weighted Jaccard of mention counts: sum of minima over sum of maxima."""
    low = sum(min(a[k], b[k]) for k in a.keys() & b.keys())  # a key one side lacks adds 0
    top = sum(a.values()) + sum(b.values()) - low  # max(x, y) = x + y - min(x, y)
    return low / top if top else 0.0


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
