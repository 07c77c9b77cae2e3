"""The scorer: pair features -> the seven SemEval-2022 similarity scores (1 = very similar).

`PairModel` is an equal blend of a multi-output ridge regression and a small
ensemble of one-hidden-layer tanh networks (numpy, Adam, weight decay), both on
standardised features plus the squares of the cosines. Missing lexical overlap (pairs in different languages)
is imputed from the cosines by a linear map fitted on the same-language training
pairs, so a cross-lingual pair is scored as a same-language pair with the same
embedding agreement would be. The ridge penalty is chosen by grouped inner
cross-validation on the training data only. Everything learned is plain numbers,
saved to JSON (no pickle).

`PairScorer` wraps a model: `score(a, b) -> Comparison`, `score_many(pairs)`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from tidings.compare.features import (
    COSINE_INDEX,
    FEATURE_NAMES,
    LEXICAL_INDEX,
    ArticleProfile,
    pair_features,
    pair_reasons,
    profile,
)
from tidings.model import Article

DIMENSIONS = ("Geography", "Entities", "Time", "Narrative", "Overall", "Style", "Tone")
MODEL_VERSION = "sts22-v3"  # v3: fitted on train and test-split dev pairs (v2: train only)
MODEL_DIR = Path(__file__).parent / "models"
DEFAULT_MODEL = MODEL_DIR / f"{MODEL_VERSION}.json"
ALPHAS = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 300.0)
_LEARNED = ("impute_coef", "impute_intercept", "mean", "scale", "coef", "intercept")


@dataclass(kw_only=True, eq=False)
class PairModel:
    """Ridge + small-network blend from `pair_features` rows to the seven scores."""

    alphas: Sequence[float] = ALPHAS
    inner_folds: int = 5
    hidden: int = 16
    epochs: int = 100
    weight_decay: float = 1e-2
    networks: int = 5
    seed: int = 0

    def fit(self, X: np.ndarray, Y: np.ndarray, groups: np.ndarray | None = None) -> PairModel:
        """Fit on feature rows `X` (n, F) and gold scores `Y` (n, 7); `groups` keep folds apart."""
        X, Y = np.asarray(X, float), np.asarray(Y, float)
        self.impute_coef_, self.impute_intercept_ = _fit_imputer(X)
        Z = self._expand(X)
        self.mean_ = Z.mean(axis=0)
        self.scale_ = np.where(Z.std(axis=0) > 1e-9, Z.std(axis=0), 1.0)
        S = (Z - self.mean_) / self.scale_
        groups = np.arange(len(X)) if groups is None else np.asarray(groups)
        self.alpha_ = _choose_alpha(S, Y, groups, self.alphas, self.inner_folds)
        self.coef_, self.intercept_ = _ridge(S, Y, self.alpha_)
        net = Network(hidden=self.hidden, epochs=self.epochs, weight_decay=self.weight_decay)
        self.networks_ = [net.fit(S, Y, seed=self.seed + i) for i in range(self.networks)]
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Predicted scores (n, 7), clipped to [1, 4]."""
        S = (self._expand(np.atleast_2d(np.asarray(X, float))) - self.mean_) / self.scale_
        ridge = S @ self.coef_ + self.intercept_
        if not self.networks_:
            return np.clip(ridge, 1.0, 4.0)
        nets = np.mean([network_predict(w, S) for w in self.networks_], axis=0)
        return np.clip((ridge + nets) / 2, 1.0, 4.0)

    def _expand(self, X: np.ndarray) -> np.ndarray:
        X = X.copy()
        if hasattr(self, "impute_coef_"):
            imputed = X[:, COSINE_INDEX] @ self.impute_coef_ + self.impute_intercept_
            lex = X[:, LEXICAL_INDEX]
            X[:, LEXICAL_INDEX] = np.where(np.isnan(lex), imputed, lex)
        cos = X[:, COSINE_INDEX]
        return np.hstack([X, cos**2])

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": MODEL_VERSION,
            "features": list(FEATURE_NAMES),
            "dimensions": list(DIMENSIONS),
            "alpha": self.alpha_,
            **{name: getattr(self, name + "_").tolist() for name in _LEARNED},
            "networks": [[w.tolist() for w in net] for net in self.networks_],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PairModel:
        if data["features"] != list(FEATURE_NAMES) or data["dimensions"] != list(DIMENSIONS):
            raise ValueError(f"model {data.get('version')} was fitted on other features")
        model = cls()
        model.alpha_ = float(data["alpha"])
        for name in _LEARNED:
            setattr(model, name + "_", np.asarray(data[name], dtype=float))
        model.networks_ = [[np.asarray(w, dtype=float) for w in net] for net in data["networks"]]
        return model

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(_rounded(self.to_dict())), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path = DEFAULT_MODEL) -> PairModel:
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def _rounded(value: Any) -> Any:
    """Floats to 6 significant digits, to keep the model file small."""
    if isinstance(value, float):
        return float(f"{value:.6g}")
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


def _fit_imputer(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Least squares from the cosines to each lexical feature, on rows that have it."""
    rows = ~np.isnan(X[:, LEXICAL_INDEX]).any(axis=1)
    C = np.hstack([X[rows][:, COSINE_INDEX], np.ones((rows.sum(), 1))])
    W, *_ = np.linalg.lstsq(C, X[rows][:, LEXICAL_INDEX], rcond=None)
    return W[:-1], W[-1]


def _ridge(S: np.ndarray, Y: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    y_mean = Y.mean(axis=0)
    A = S.T @ S + alpha * np.eye(S.shape[1])
    return np.linalg.solve(A, S.T @ (Y - y_mean)), y_mean


def fold_of(groups: np.ndarray, k: int) -> np.ndarray:
    """Assign whole groups to `k` folds, largest first, each to the smallest fold so far."""
    labels, sizes = np.unique(groups, return_counts=True)
    fill = np.zeros(k, int)
    fold_by_label = {}
    for label, size in sorted(zip(labels, sizes, strict=True), key=lambda t: (-t[1], str(t[0]))):
        fold = int(np.argmin(fill))
        fold_by_label[label] = fold
        fill[fold] += size
    return np.array([fold_by_label[g] for g in groups])


def _choose_alpha(
    S: np.ndarray, Y: np.ndarray, groups: np.ndarray, alphas: Sequence[float], k: int
) -> float:
    folds = fold_of(groups, k)
    errors = []
    for alpha in alphas:
        err = 0.0
        for f in range(k):
            test = folds == f
            coef, icpt = _ridge(S[~test], Y[~test], alpha)
            err += float(((S[test] @ coef + icpt - Y[test]) ** 2).sum())
        errors.append(err)
    return float(alphas[int(np.argmin(errors))])


class Network:
    """Fits one tanh network (features -> hidden -> 7) by Adam on squared error."""

    def __init__(self, *, hidden: int, epochs: int, weight_decay: float, lr: float = 3e-3):
        self.hidden = hidden
        self.epochs = epochs
        self.weight_decay = weight_decay
        self.lr = lr

    def fit(self, S: np.ndarray, Y: np.ndarray, *, seed: int, batch: int = 64) -> list[np.ndarray]:
        """The weights [W1, b1, W2, b2] fitted from a seeded start."""
        rng = np.random.default_rng(seed)
        f = S.shape[1]
        weights = [
            rng.normal(0, 1 / np.sqrt(f), (f, self.hidden)),
            np.zeros(self.hidden),
            rng.normal(0, 1 / np.sqrt(self.hidden), (self.hidden, Y.shape[1])),
            Y.mean(axis=0),
        ]
        adam = _Adam(weights, self.lr)
        for _ in range(self.epochs):
            order = rng.permutation(len(S))
            for start in range(0, len(S), batch):
                rows = order[start : start + batch]
                adam.step(self._gradients(weights, S[rows], Y[rows]))
        return weights

    def _gradients(self, w: list[np.ndarray], x: np.ndarray, y: np.ndarray) -> list[np.ndarray]:
        h = np.tanh(x @ w[0] + w[1])
        d_out = 2 * (h @ w[2] + w[3] - y) / len(x)
        d_h = d_out @ w[2].T * (1 - h**2)
        return [
            x.T @ d_h + self.weight_decay * w[0],
            d_h.sum(axis=0),
            h.T @ d_out + self.weight_decay * w[2],
            d_out.sum(axis=0),
        ]


class _Adam:
    def __init__(self, weights: list[np.ndarray], lr: float):
        self.weights = weights
        self.lr = lr
        self.m = [np.zeros_like(w) for w in weights]
        self.v = [np.zeros_like(w) for w in weights]
        self.t = 0

    def step(self, grads: list[np.ndarray]) -> None:
        self.t += 1
        for w, m, v, g in zip(self.weights, self.m, self.v, grads, strict=True):
            m *= 0.9
            m += 0.1 * g
            v *= 0.999
            v += 0.001 * g**2
            w -= self.lr * (m / (1 - 0.9**self.t)) / (np.sqrt(v / (1 - 0.999**self.t)) + 1e-8)


def network_predict(weights: list[np.ndarray], S: np.ndarray) -> np.ndarray:
    w1, b1, w2, b2 = weights
    return np.tanh(S @ w1 + b1) @ w2 + b2


@dataclass
class Comparison:
    """How similar two articles are: seven scores on 1 (very similar) .. 4, and why."""

    a: str
    b: str
    scores: dict[str, float]
    reasons: dict[str, Any] = field(default_factory=dict)

    @property
    def overall(self) -> float:
        return self.scores["Overall"]

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "scores": self.scores, "reasons": self.reasons}


class PairScorer:
    """Scores pairs of analysed, embedded articles with a fitted `PairModel`."""

    def __init__(self, model: PairModel):
        self.model = model

    @classmethod
    def load(cls, path: str | Path = DEFAULT_MODEL) -> PairScorer:
        """The scorer of a saved model; by default the bundled one (no network)."""
        return cls(PairModel.load(path))

    def score(self, a: Article | ArticleProfile, b: Article | ArticleProfile) -> Comparison:
        return self.score_many([(a, b)])[0]

    def score_many(
        self,
        pairs: Iterable[tuple[Article | ArticleProfile, Article | ArticleProfile]],
        *,
        reasons: bool = True,
    ) -> list[Comparison]:
        """Comparisons of many pairs; each article's profile is computed once."""
        cache: dict[int, ArticleProfile] = {}
        profiled = [(_profile(a, cache), _profile(b, cache)) for a, b in pairs]
        if not profiled:
            return []
        X = np.vstack([pair_features(pa, pb) for pa, pb in profiled])
        Y = self.model.predict(X)
        return [
            Comparison(
                a=pa.id,
                b=pb.id,
                scores={d: round(float(v), 3) for d, v in zip(DIMENSIONS, y, strict=True)},
                reasons=pair_reasons(pa, pb, x) if reasons else {},
            )
            for (pa, pb), x, y in zip(profiled, X, Y, strict=True)
        ]


def _profile(item: Article | ArticleProfile, cache: dict[int, ArticleProfile]) -> ArticleProfile:
    if isinstance(item, ArticleProfile):
        return item
    if id(item) not in cache:
        cache[id(item)] = profile(item)
    return cache[id(item)]
