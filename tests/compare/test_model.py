"""The scorer: the bundled model file, fitting and saving, and real articles."""

from __future__ import annotations

import importlib
import json
from itertools import islice

import numpy as np
import pytest

from tidings.compare import (
    DEFAULT_MODEL,
    DIMENSIONS,
    FEATURE_NAMES,
    Comparison,
    PairModel,
    PairScorer,
    compare,
)
from tidings.compare.model import fold_of
from tidings.compare.train import components
from tidings.model import Article

from ..conftest import DATA, seed_file


def _rows(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.uniform(0, 1, (n, len(FEATURE_NAMES)))
    Y = np.clip(4 - 3 * X[:, [2]] + rng.normal(0, 0.1, (n, len(DIMENSIONS))), 1, 4)
    X[: n // 3, -2:] = np.nan  # cross-lingual rows: lexical overlap missing
    return X, Y


def test_exported_api():
    # `tidings.compare` the attribute is the function; the package is in sys.modules.
    compare_pkg = importlib.import_module("tidings.compare")
    assert set(compare_pkg.__all__) == {
        "DEFAULT_MODEL", "DIMENSIONS", "FEATURE_NAMES", "MODEL_VERSION", "ArticleProfile",
        "Comparison", "PairModel", "PairScorer", "compare", "pair_features", "profile",
    }  # fmt: skip


def test_bundled_model_is_small_json_for_these_features():
    assert DEFAULT_MODEL.suffix == ".json" and DEFAULT_MODEL.stat().st_size < 1_000_000
    data = json.loads(DEFAULT_MODEL.read_text(encoding="utf-8"))
    assert data["features"] == list(FEATURE_NAMES) and data["version"] in DEFAULT_MODEL.name
    X, _ = _rows(20)
    Y = PairScorer.load().model.predict(X)
    assert Y.shape == (20, len(DIMENSIONS)) and np.isfinite(Y).all()
    assert Y.min() >= 1 and Y.max() <= 4


def test_fit_learns_and_survives_a_save(tmp_path):
    X, Y = _rows(300)
    model = PairModel(networks=1, epochs=20).fit(X, Y)
    pred = model.predict(X)
    assert np.corrcoef(pred[:, 4], Y[:, 4])[0, 1] > 0.8
    model.save(tmp_path / "m.json")
    again = PairModel.load(tmp_path / "m.json")
    assert np.allclose(again.predict(X), pred, atol=1e-3)


def test_folds_keep_groups_together():
    pairs = [{"id1": "a", "id2": "b"}, {"id1": "b", "id2": "c"}, {"id1": "d", "id2": "e"}]
    groups = components(pairs)
    assert groups[0] == groups[1] != groups[2]
    folds = fold_of(np.array(["x"] * 5 + ["y"] * 3 + ["z"] * 3), 2)
    assert len(set(folds[:5])) == 1 and len(set(folds[5:8])) == 1 and folds[0] != folds[5]


@pytest.fixture(scope="module")
def scored() -> tuple[Comparison, list[Comparison]]:
    from tidings.embed import ArticleEmbedder, USEEmbedder
    from tidings.registry import analysis_pipeline

    texts = [seed_file(p).read_text(encoding="utf-8") for p in ("001", "003")]
    for name in ("ttc3600-tr-news.jsonl", "hespress-ar-news.jsonl"):
        with open(DATA / name, encoding="utf-8") as f:
            texts += [json.loads(line)["text"] for line in islice(f, 0, 400, 80)]
    raw = [Article(id=str(i), source=str(i), raw=t, text=t) for i, t in enumerate(texts)]
    done = list(ArticleEmbedder(USEEmbedder()).pipe(analysis_pipeline().pipe(raw)))
    scorer = PairScorer.load()
    return compare(done[0], done[1], scorer), scorer.score_many([(done[0], u) for u in done[2:]])


@pytest.mark.slow
def test_seeds_on_the_same_talks_score_as_the_same_story(scored):
    same, unrelated = scored
    assert set(same.scores) == set(DIMENSIONS)
    assert same.overall < 2.5
    assert same.overall < min(c.overall for c in unrelated)
    assert "LY" in same.reasons["shared_countries"] and same.reasons["shared_entities"]
    assert same.reasons["same_language"] is False
