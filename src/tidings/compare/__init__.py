"""Comparing two articles: seven similarity scores (SemEval-2022 Task 8 scale) and reasons.

    scorer = PairScorer.load()          # the bundled model, no network
    scorer.score(a, b).scores["Overall"]  # 1 = same story .. 4 = unrelated

Articles must be analysed (`tidings.registry.analysis_pipeline`) and embedded
(`tidings.embed.ArticleEmbedder`) first.
"""

from __future__ import annotations

from tidings.compare.features import FEATURE_NAMES, ArticleProfile, pair_features, profile
from tidings.compare.model import (
    DEFAULT_MODEL,
    DIMENSIONS,
    MODEL_VERSION,
    Comparison,
    PairModel,
    PairScorer,
)
from tidings.model import Article


def compare(a: Article, b: Article, scorer: PairScorer | None = None) -> Comparison:
    """Scores of two analysed, embedded articles; by default with the bundled model.

    Loading the model reads a small JSON file; pass a `scorer` when comparing many pairs.
    """
    return (scorer or PairScorer.load()).score(a, b)


__all__ = [
    "DEFAULT_MODEL",
    "DIMENSIONS",
    "FEATURE_NAMES",
    "MODEL_VERSION",
    "ArticleProfile",
    "Comparison",
    "PairModel",
    "PairScorer",
    "compare",
    "pair_features",
    "profile",
]
