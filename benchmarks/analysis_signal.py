"""Do the analysis' who, where and when carry the gold similarity signal?

For every pair of the SemEval-2022 Task 8 training pairs, both articles are
cleaned and analysed; the script prints the Pearson correlation, per language
and overall, of

- the overlap (Jaccard) of their place countries with gold Geography,
- the overlap of their entity keys with gold Entities,
- minus the log gap between their event dates with gold Time (and, apart,
  on the pairs where both dates are publication dates rather than estimates),

each against 5 − score, so that positive means the signal agrees.

    python benchmarks/analysis_signal.py [--data ../shared/data] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import math
from collections import defaultdict
from pathlib import Path

from scipy.stats import pearsonr

from tidings.model import Article
from tidings.registry import analysis_pipeline

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def jaccard(a: set[str], b: set[str]) -> float | None:
    return len(a & b) / len(a | b) if a | b else None


def date_closeness(a: Article, b: Article) -> float | None:
    if a.event_date is None or b.event_date is None:
        return None
    return -math.log1p(abs((a.event_date - b.event_date).days))


def published_closeness(a: Article, b: Article) -> float | None:
    """The same on the pairs where both dates are publication dates, not estimates."""
    if a.event_date_estimated or b.event_date_estimated:
        return None
    return date_closeness(a, b)


def analysed_articles(pairs: list[dict], pipeline) -> dict[str, Article]:
    """Both articles of every pair, cleaned and analysed once each, by id."""
    articles: dict[str, Article] = {}
    for pair in pairs:
        for side in "12":
            article_id = pair[f"id{side}"]
            if article_id not in articles:
                text = pair[f"text{side}"]
                articles[article_id] = pipeline(Article(
                    id=article_id, source="sts22", raw=text, text=text,
                    title=pair[f"title{side}"] or None, lang=pair[f"lang{side}"],
                    url=pair.get(f"link{side}") or None,
                ))  # fmt: skip
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    pipeline = analysis_pipeline()
    pairs = [json.loads(line) for line in (args.data / "sts22-train-pairs.jsonl").open()]
    pairs = pairs[: args.limit] if args.limit else pairs

    articles = analysed_articles(pairs, pipeline)

    signals = {
        "Geography": lambda a, b: jaccard(
            {p.country for p in a.places}, {p.country for p in b.places}
        ),
        "Entities": lambda a, b: jaccard({e.key for e in a.entities}, {e.key for e in b.entities}),
        "Time": date_closeness,
        "Time (pub)": published_closeness,
    }
    rows: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for pair in pairs:
        a, b = articles[pair["id1"]], articles[pair["id2"]]
        for dimension, signal in signals.items():
            value = signal(a, b)
            if value is not None:
                gold = 5 - pair["scores"][dimension.split()[0]]
                rows[(dimension, pair["lang1"])].append((value, gold))
                rows[(dimension, "all")].append((value, gold))

    langs = [*sorted({p["lang1"] for p in pairs}), "all"]
    print(f"{len(pairs)} pairs, {len(articles)} articles; Pearson r (pairs with a value)")
    print(f"{'dimension':<11}" + "".join(f"{lang:>14}" for lang in langs))
    for dimension in signals:
        cells = []
        for lang in langs:
            values = rows[(dimension, lang)]
            if len(values) < 3:
                cells.append(f"{'-':>14}")
                continue
            r = pearsonr([v for v, _ in values], [g for _, g in values]).statistic
            cells.append(f"{r:>7.3f} ({len(values):>4})")
        print(f"{dimension:<11}" + "".join(cells))


if __name__ == "__main__":
    main()
