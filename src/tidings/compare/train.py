"""Fit the pair scorer on the SemEval-2022 Task 8 training pairs and write the model file.

    python -m tidings.compare.train [--data PATH] [--out PATH] [--cache DIR]

Articles are analysed and embedded with the bundled pipeline and model (about a
minute for the 2,641 articles); `--cache` keeps them in a folder (under /tmp,
never in the repository) for reruns.
"""

from __future__ import annotations

import argparse
import json
import pickle
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from tidings.compare.features import ArticleProfile, pair_features, profile
from tidings.compare.model import DEFAULT_MODEL, DIMENSIONS, PairModel
from tidings.model import Article

DEFAULT_DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "sts22-train-pairs.jsonl"


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
                    url=p["link" + k] or None,
                )
    return list(seen.values())


def analysed(articles: Sequence[Article], cache: Path | None = None) -> list[Article]:
    """Articles analysed and embedded with the bundled pipeline, cached in `cache` if given."""
    path = cache / f"articles-{len(articles)}.pkl" if cache else None
    if path and path.exists():
        return pickle.loads(path.read_bytes())
    from tidings.app import analysis_pipeline
    from tidings.embed import ArticleEmbedder, USEEmbedder

    done = list(ArticleEmbedder(USEEmbedder()).pipe(analysis_pipeline().pipe(articles)))
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(done))
    return done


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
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--cache", type=Path, default=None)
    args = parser.parse_args(argv)
    pairs = read_pairs(args.data)
    model = fit(pairs, analysed(pair_articles(pairs), args.cache))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    print(f"fitted on {len(pairs)} pairs (alpha {model.alpha_}); wrote {args.out}")


if __name__ == "__main__":
    main()
