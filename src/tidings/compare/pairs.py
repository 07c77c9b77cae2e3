"""Pairs of articles to score, as `sts22-train-pairs.jsonl` lays them out.

Each line needs `title1`, `text1`, `title2`, `text2`; `pair_id`, `lang1`,
`lang2` (and `id1`, `id2`, `link1`, `link2`) are optional. A line that lacks
a field is a failure naming the line; the other pairs are still scored.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tidings.ingest.errors import ReadFailure
from tidings.model import Article

REQUIRED = ("title1", "text1", "title2", "text2")


@dataclass(frozen=True)
class PairRecord:
    pair_id: str
    a: Article
    b: Article


def read_pairs(path: Path) -> Iterator[PairRecord | ReadFailure]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                yield _pair(str(path), number, line)


def _pair(source: str, number: int, line: str) -> PairRecord | ReadFailure:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return ReadFailure(source, f"malformed JSON: {error.msg}", number)
    if not isinstance(record, dict):
        return ReadFailure(source, "expected a JSON object", number)
    missing = [f for f in REQUIRED if not isinstance(record.get(f), str)]
    if missing:
        return ReadFailure(source, f"missing {', '.join(missing)}", number)
    pair_id = str(record.get("pair_id") or number)
    return PairRecord(pair_id, _side(record, "1", pair_id), _side(record, "2", pair_id))


def _side(record: dict[str, Any], side: str, pair_id: str) -> Article:
    text = record[f"text{side}"]
    return Article(
        id=str(record.get(f"id{side}") or f"{pair_id}/{side}"),
        source=f"pair {pair_id}",
        raw=text,
        text=text,
        title=record[f"title{side}"].strip() or None,
        lang=record.get(f"lang{side}") or None,
        url=record.get(f"link{side}") or None,
    )
