"""Scraped text as paragraphs: lines, hard-wrapped blocks joined, mojibake
repaired; and the "latest news" lists of dated headlines among them."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from itertools import pairwise

import ftfy
from ftfy.badness import MOJIBAKE_CATEGORIES
from ftfy.badness import is_bad as _ftfy_is_bad

from tidings.ingest.clean.lines import (
    HEADING_MAX_WORDS,
    LineKind,
    is_sentence,
    normalize_line,
    words,
)

# A dated list has at least this many date lines, at most this many lines apart.
_LIST_MIN_DATES = 2
_LIST_MAX_GAP = 4


# ftfy undoes one layer of mojibake a call; text garbled twice needs two.
_MAX_REPAIRS = 3

# Every pattern of ftfy's badness check (ftfy 6.3) holds one of the characters
# of its categories or of these literals; none is ASCII or Arabic. Scanning for
# them is one character class, where ftfy tries its long alternation at every
# position: Arabic and ASCII text, most of what comes, skips it (a test checks
# that no text ftfy finds bad lacks them).
_MOJIBAKE_LITERALS = "ØÙŒœ°×²³à√≈‚ÂÃÎÐвЂВГРСβ€ΒΓΞΟā"
_MOJIBAKE_CHARS = re.compile("[" + "".join(MOJIBAKE_CATEGORIES.values()) + _MOJIBAKE_LITERALS + "]")


def is_bad(text: str) -> bool:
    """ftfy's check for mojibake, answered at once for text without its characters."""
    return _MOJIBAKE_CHARS.search(text) is not None and _ftfy_is_bad(text)


def repair_mojibake(text: str) -> str:
    """UTF-8 read as Latin-1 somewhere upstream ("prÃ©posÃ©s") is common in
    scrapes; ftfy undoes it. Its cheap check runs first: most texts are fine."""
    return ftfy.fix_text(text) if is_bad(text) else text


def paragraph_line(raw: str) -> str:
    """One line as the cleaner keeps it: normalised (`normalize_line`) and
    repaired again until nothing changes. A control character next to mojibake
    hides it from ftfy until normalising drops the character, so without the
    second look the cleaner's output would not be its own fixed point."""
    line = normalize_line(raw)
    for _ in range(_MAX_REPAIRS):
        if not is_bad(line):
            break
        fixed = normalize_line(ftfy.fix_text(line))
        if fixed == line:
            break
        line = fixed
    return line


def paragraphs_of(text: str) -> list[str]:
    """The normalised paragraphs of a scraped text, mojibake repaired."""
    return split_lines(repair_mojibake(text))


class Paragraphs:
    """The paragraphs of the last texts split, for a batch or so: cleaning an article
    and counting its lines for the store both need them. One is shared by an ingest's
    cleaner and its line keys (`tidings.ingest.engines`); an ingest worker is given
    those its driver computed to count the lines (`remember`)."""

    def __init__(self, size: int = 4096) -> None:  # the batches an ingest has in flight
        self.size = size
        self.found: OrderedDict[str, tuple[str, ...]] = OrderedDict()
        self.lock = threading.Lock()

    def of(self, text: str) -> list[str]:
        """`paragraphs_of(text)`, split once while remembered."""
        with self.lock:
            found = self.found.get(text)
        if found is None:
            found = tuple(paragraphs_of(text))
            self.remember(text, found)
        return list(found)

    def remember(self, text: str, paragraphs: Sequence[str]) -> None:
        """Take `paragraphs` as those of `text`."""
        with self.lock:
            self.found[text] = tuple(paragraphs)
            if len(self.found) > self.size:
                self.found.popitem(last=False)


def split_lines(text: str) -> list[str]:
    """Paragraphs of a plain text: one a line, or one a block of lines where the
    text is hard-wrapped (blank lines between blocks of several lines)."""
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[list[str]] = [[]]
    for raw in raw_lines:
        line = paragraph_line(raw)
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    wrapped = len(blocks) > 1 and sum(len(b) > 1 for b in blocks) >= 0.5 * len(blocks)
    if wrapped and all(_looks_wrapped(b) for b in blocks if len(b) > 1):
        return [paragraph_line(" ".join(b)) for b in blocks]
    return [line for b in blocks for line in b]


def _looks_wrapped(block: list[str]) -> bool:
    # Hard-wrapped lines are of similar width and mostly do not end sentences.
    inner = block[:-1]
    return sum(not is_sentence(ln) for ln in inner) >= 0.5 * len(inner)


def mark_dated_lists(lines: list[str], kinds: list[LineKind]) -> None:
    """Mark lists of items that each end in a date line ("latest news" blocks)
    as boilerplate, with the items' text and the heading above the list."""
    dates = [i for i, k in enumerate(kinds) if k is LineKind.DATE]
    runs: list[list[int]] = []
    for i in dates:
        if runs and i - runs[-1][-1] - 1 <= _LIST_MAX_GAP:
            runs[-1].append(i)
        else:
            runs.append([i])
    for run in runs:
        if len(run) < _LIST_MIN_DATES:
            continue
        item_size = min(b - a - 1 for a, b in pairwise(run))
        start = max(0, run[0] - item_size)
        if start > 0 and is_heading(lines[start - 1]):
            start -= 1
        for i in range(start, run[-1] + 1):
            if kinds[i] is LineKind.TEXT:
                kinds[i] = LineKind.DATE


def is_heading(line: str) -> bool:
    return len(words(line)) <= HEADING_MAX_WORDS // 2 and not is_sentence(line)
