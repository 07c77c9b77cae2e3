"""The failures and warnings of an ingest, told so that a million of them stay
readable: the first few in full, then a count for each reason; the full list
written to a file on request (`tidings ingest --failures FILE`)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from tidings.ingest.errors import ReadFailure, ReadWarning

SHOWN = 20  # failures (and warnings) printed in full before the counts
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_NUMBER = re.compile(r"\d[\d,._]*")

Notice = ReadFailure | ReadWarning


def reason_kind(reason: str) -> str:
    """A reason without its particulars (values, numbers), to count alike ones."""
    return _NUMBER.sub("N", _QUOTED.sub("'…'", reason))


def summary(notices: Sequence[Notice], shown: int = SHOWN) -> list[str]:
    """The first `shown` notices in full, then, if there are more, how many of each
    kind of reason there are in all, most frequent first."""
    lines = [str(n) for n in notices[:shown]]
    if len(notices) > shown:
        counts = Counter(reason_kind(n.reason) for n in notices)
        lines.append(f"… {len(notices) - shown:,} more; all {len(notices):,} by reason:")
        lines += [f"{count:>10,}  {kind}" for kind, count in counts.most_common()]
    return lines


def write_notices(path: Path, failures: Sequence[Notice], warnings: Sequence[Notice]) -> None:
    """Every failure and warning, one a line (`failed: …`, `warning: …`)."""
    with path.open("w", encoding="utf-8", errors="backslashreplace") as out:
        for label, notices in (("failed", failures), ("warning", warnings)):
            for notice in notices:
                out.write(f"{label}: {notice}\n")
