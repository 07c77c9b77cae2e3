"""The bundled scorer across languages, on pairs no model was fitted on: 20 Minuten's
German and French articles on the same stories (../shared/data/20min-xd-de-fr-pairs.tsv)."""

from __future__ import annotations

import csv
import sys

import numpy as np
import pytest

from tidings.compare import DIMENSIONS, PairScorer, pair_features, profile
from tidings.ingest.readers import html_to_text
from tidings.model import Article

from ..conftest import DATA


@pytest.fixture(scope="module")
def overall() -> np.ndarray:
    """Overall of every German article against every French one (true pairs on the diagonal)."""
    from tidings.embed import ArticleEmbedder, USEEmbedder
    from tidings.registry import analysis_pipeline

    csv.field_size_limit(sys.maxsize)
    with open(DATA / "20min-xd-de-fr-pairs.tsv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    raw = [
        Article(
            id=f"{lang}{i}",
            source="20min",
            raw=text,
            text=text,
            title=row[f"head_{lang}"],
            lang=lang,
        )
        for lang in ("de", "fr")
        for i, row in enumerate(rows)
        for text in [html_to_text(row[f"content_{lang}"])]
    ]
    done = list(ArticleEmbedder(USEEmbedder()).pipe(analysis_pipeline().pipe(raw)))
    de, fr = [profile(a) for a in done[: len(rows)]], [profile(a) for a in done[len(rows) :]]
    X = np.vstack([pair_features(a, b) for a in de for b in fr])
    scores = PairScorer.load().model.predict(X)[:, DIMENSIONS.index("Overall")]
    return scores.reshape(len(de), len(fr))


@pytest.mark.slow
def test_true_german_french_pairs_score_as_the_same_story(overall):
    # Fitted with the test split's cross-lingual pairs: 8 of 14 at <= 2.0 (5 when fitted on
    # same-language pairs only), and the French partner still ranked first for 12.
    true = np.diag(overall)
    assert (true <= 2.0).sum() >= 7
    first = [(row < row[i]).sum() == 0 for i, row in enumerate(overall)]
    assert sum(first) >= 12
