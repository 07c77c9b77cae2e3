"""How close is cleaning to idempotent on real scrapes?

Each STS22 article is cleaned twice: as scraped (with its title given, and
without), then its cleaned body again with the headline of the first pass
given. Prints how many articles the second pass changes, and how: the
headline, lines added, standfirst lines dropped (expected: with the headline
given they are header lines), and other lines dropped (short lines that
jusText kept for neighbours the first pass removed).

    python benchmarks/clean_idempotence.py [--data ../shared/data/sts22-train-pairs.jsonl] [--limit N]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from tidings.ingest.clean import TextCleaner

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "sts22-train-pairs.jsonl"


def articles(path: Path, limit: int) -> list[tuple[str | None, str, str]]:
    found: dict[str, tuple[str | None, str, str]] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            pair = json.loads(line)
            for k in "12":
                found[pair[f"id{k}"]] = (
                    pair[f"title{k}"] or None,
                    pair[f"text{k}"],
                    pair[f"lang{k}"],
                )
    ordered = [found[i] for i in sorted(found)]
    return ordered[:limit] if limit else ordered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=1500)
    args = parser.parse_args()
    cleaner, counts = TextCleaner(), Counter()
    for title, text, lang in articles(args.data, args.limit):
        for given in (title, None):
            first = cleaner.clean(text, lang, title=given)
            again = cleaner.clean("\n".join(first.body), lang, title=first.title)
            dropped = [ln for ln in first.body if ln not in again.body]
            counts["cleaned"] += 1
            counts["headline changed"] += again.title != first.title
            counts["lines added"] += any(ln not in first.body for ln in again.body)
            counts["standfirst dropped"] += any(ln in first.standfirst for ln in dropped)
            counts["other lines dropped"] += any(ln not in first.standfirst for ln in dropped)
    total = counts.pop("cleaned")
    print(f"{total} cleanings (each article with its title given and without)")
    for name, n in counts.items():
        print(f"  {name:22} {n:5}  {n / total:6.2%}")


if __name__ == "__main__":
    main()
