"""SemEval-2022 Task 8 benchmark for `tidings.compare`.

Prints grouped 5-fold cross-validated Pearson (Overall, per language, per
dimension) beside two baselines, the cross-lingual 20min de–fr check, the
seed check, and pair-scoring speed. Analysed and embedded articles are cached
under /tmp (never in the repository).

    python benchmarks/sts22.py [--prepare-only] [--skip-command]

`--prepare-only` fills the cache and prints its folder; then
`python -m tidings.compare.train --cache FOLDER` refits the shipped model
without embedding the articles again.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
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

from tidings.app import analysis_pipeline
from tidings.compare import DIMENSIONS, PairModel, PairScorer, pair_features, profile
from tidings.compare.model import fold_of
from tidings.compare.train import analysed, components, design, pair_articles, read_pairs
from tidings.embed import ArticleEmbedder, USEEmbedder
from tidings.ingest.readers import html_to_text
from tidings.model import Article

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
SEEDS = ROOT.parent / "shared" / "seeds"
CACHE_ROOT = Path("/tmp/tidings-sts22-cache")
N_UNRELATED = 200

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


def cross_validate(X: np.ndarray, Y: np.ndarray, groups: np.ndarray, k: int = 5) -> np.ndarray:
    folds = fold_of(groups, k)
    pred = np.zeros_like(Y)
    for f in range(k):
        test = folds == f
        pred[test] = PairModel().fit(X[~test], Y[~test], groups[~test]).predict(X[test])
    return pred


def report_cv(pairs: list[dict], articles: list[Article]) -> tuple[np.ndarray, np.ndarray]:
    X, Y = design(pairs, articles)
    groups = components(pairs)
    pred = cross_validate(X, Y, groups)
    by_id = {a.id: a for a in articles}
    use = np.array(
        [
            float(by_id[str(p["id1"])].embeddings["body"] @ by_id[str(p["id2"])].embeddings["body"])
            for p in pairs
        ]
    )
    tfidf = tfidf_cosines(pairs, articles)
    langs = np.array([p["lang1"] for p in pairs])
    ov = DIMENSIONS.index("Overall")
    print(f"== STS22 grouped 5-fold CV ({len(pairs)} pairs, {len(set(groups))} article components)")
    print(f"{'':<14}{'n':>6}{'model':>8}{'USE':>8}{'tfidf4':>8}")
    rows = [("Overall/all", np.ones(len(pairs), bool))]
    rows += [(f"Overall/{lang}", langs == lang) for lang in sorted(set(langs))]
    for name, m in rows:
        g = Y[m, ov]
        print(
            f"{name:<14}{m.sum():>6}{pearson(pred[m, ov], g):>8.3f}"
            f"{pearson(use[m], 5 - g):>8.3f}{pearson(tfidf[m], 5 - g):>8.3f}"
        )
    for d, dim in enumerate(DIMENSIONS):
        g = Y[:, d]
        print(
            f"{dim:<14}{len(g):>6}{pearson(pred[:, d], g):>8.3f}"
            f"{pearson(use, 5 - g):>8.3f}{pearson(tfidf, 5 - g):>8.3f}"
        )
    return X, Y


def report_cross_lingual(scorer: PairScorer, articles: list[Article]) -> None:
    de = [a for a in articles if a.id.startswith("20min-de")]
    fr = [a for a in articles if a.id.startswith("20min-fr")]
    pde, pfr = [profile(a) for a in de], [profile(a) for a in fr]
    X = np.vstack([pair_features(a, b) for a in pde for b in pfr])
    M = scorer.model.predict(X)[:, DIMENSIONS.index("Overall")].reshape(len(de), len(fr))
    true = np.diag(M)
    ranks = [int((M[i] < M[i, i]).sum()) + 1 for i in range(len(de))]
    print(f"== 20min de-fr ({len(de)} true pairs; model fitted on all STS22 pairs)")
    print("true-pair Overall:", " ".join(f"{v:.2f}" for v in true))
    print(
        f"true pairs <= 2.0: {(true <= 2.0).sum()}/{len(true)}; mean {true.mean():.2f}; max {true.max():.2f}"
    )
    print("rank of true fr partner:", ranks, f"-> first for {ranks.count(1)}/{len(ranks)}")
    off = M[~np.eye(len(de), dtype=bool)]
    print(f"mismatched pairings: mean Overall {off.mean():.2f}, min {off.min():.2f}")


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
    args = parser.parse_args()
    data = prepare_all()
    if args.prepare_only:
        print({k: len(v) for k, v in data.items()}, "cached in", cache_dir())
        return
    pairs = read_pairs()
    X, Y = report_cv(pairs, data["sts22"])
    scorer = PairScorer(PairModel().fit(X, Y, components(pairs)))
    report_cross_lingual(scorer, data["20min"])
    report_seeds(scorer, data["seeds"], data["unrelated"])
    report_speed(scorer, data["sts22"])
    if not args.skip_command:
        report_pairs_command()


if __name__ == "__main__":
    main()
