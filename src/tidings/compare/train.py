"""Fit the pair scorer on the SemEval-2022 Task 8 pairs and write the model file.

    python -m tidings.compare.train [--data PATH ...] [--out PATH] [--cache DIR]

By default it fits on the train-split pairs (same-language) and the test-split
dev pairs (mostly cross-lingual) together: the only cross-lingual gold there is.
Articles are analysed and embedded with the bundled pipeline and model (about
two minutes for the 2,971 articles); `--cache` keeps them in a folder (under
/tmp, never in the repository) for reruns.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from tidings.compare.features import ArticleProfile, pair_features, profile
from tidings.compare.model import DEFAULT_MODEL, DIMENSIONS, PairModel
from tidings.model import Article

SHARED_DATA = Path(__file__).resolve().parents[4] / "shared" / "data"
DEFAULT_DATA = SHARED_DATA / "sts22-train-pairs.jsonl"
DEV_DATA = SHARED_DATA / "sts22-eval-dev-pairs.jsonl"  # the official test split's pairs


def read_pairs(path: str | Path = DEFAULT_DATA) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def pair_articles(pairs: Iterable[dict]) -> list[Article]:
    """The distinct articles of the pairs, unanalysed."""
    seen: dict[str, Article] = {}
    for p in pairs:
        for k in ("1", "2"):
            aid = str(p["id" + k])
            if aid not in seen:
                text = p["text" + k] or ""
                seen[aid] = Article(
                    id=aid,
                    source="sts22",
                    raw=text,
                    text=text,
                    title=p["title" + k] or None,
                    lang=p["lang" + k],
                    url=p.get("link" + k) or None,  # the dev pairs have no links
                )
    return list(seen.values())


def analysed(articles: Sequence[Article], cache: Path | None = None) -> list[Article]:
    """Articles analysed and embedded with the bundled pipeline, cached in `cache` if given."""
    path = cache / f"articles-{_digest(articles)}.pkl" if cache else None
    if path and path.exists():
        return pickle.loads(path.read_bytes())
    from tidings.embed import ArticleEmbedder, USEEmbedder
    from tidings.registry import analysis_pipeline

    done = list(ArticleEmbedder(USEEmbedder()).pipe(analysis_pipeline().pipe(articles)))
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(done))
    return done


def _digest(articles: Sequence[Article]) -> str:
    """A key for a set of articles: their ids and texts."""
    digest = hashlib.sha256()
    for a in articles:
        digest.update(f"{a.id}\0{a.title}\0{a.text}\0".encode())
    return digest.hexdigest()[:16]


def components(pairs: Sequence[dict]) -> np.ndarray:
    """Connected component of each pair in the graph of articles joined by pairs."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        parent[root(str(p["id1"]))] = root(str(p["id2"]))
    return np.array([root(str(p["id1"])) for p in pairs])


def design(pairs: Sequence[dict], articles: Iterable[Article]) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and gold scores (n, 7) of the pairs."""
    profiles: dict[str, ArticleProfile] = {a.id: profile(a) for a in articles}
    X = np.vstack([pair_features(profiles[str(p["id1"])], profiles[str(p["id2"])]) for p in pairs])
    Y = np.array([[p["scores"][d] for d in DIMENSIONS] for p in pairs], dtype=float)
    return X, Y


def fit(pairs: Sequence[dict], articles: Iterable[Article]) -> PairModel:
    X, Y = design(pairs, articles)
    return PairModel().fit(X, Y, groups=components(pairs))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, nargs="+", default=[DEFAULT_DATA, DEV_DATA])
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--cache", type=Path, default=None)
    args = parser.parse_args(argv)
    files = [read_pairs(path) for path in args.data]
    pairs = [p for file in files for p in file]
    # Each file's articles apart: the cache `benchmarks/sts22.py` fills is the same.
    model = fit(pairs, [a for file in files for a in analysed(pair_articles(file), args.cache)])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    print(f"fitted on {len(pairs)} pairs (alpha {model.alpha_}); wrote {args.out}")


if __name__ == "__main__":
    main()
