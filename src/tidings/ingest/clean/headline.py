"""The header of a scraped text: where the story starts, and its headline.

Above a story's first paragraph of running text sit the site's name, a
breadcrumb, the headline, a byline, perhaps a standfirst. The headline is the
header line that shares most words with the story, so a site's name or
slogan above it is not mistaken for it.
"""

from __future__ import annotations

from tidings.ingest.clean.lines import (
    HEADING_MAX_WORDS,
    PROSE_MIN_WORDS,
    LineKind,
    is_sentence,
    words,
)

# A header line under the headline with this many words is its standfirst.
_STANDFIRST_MIN_WORDS = 8


def story_start(lines: list[str], keep: set[int]) -> int:
    """Index of the first kept line of running text; what precedes it is the
    header (site name, breadcrumb, headline, byline)."""
    for i in sorted(keep):
        line = lines[i]
        n_words = len(words(line))
        if n_words >= PROSE_MIN_WORDS or (is_sentence(line) and n_words > HEADING_MAX_WORDS):
            return i
    return min(keep) if keep else len(lines)


def pick_headline(
    lines: list[str], kinds: list[LineKind], start: int, keep: set[int]
) -> tuple[str | None, int | None]:
    """The header line that shares most words with the story; without a
    header, the first sentence of the story's first line."""
    story_words = {w.casefold() for i in keep if i >= start for w in words(lines[i])}
    best, best_score = None, (0, 0.0)
    for i in range(min(start, len(lines))):
        if kinds[i] is not LineKind.TEXT:
            continue
        line_words = {w.casefold() for w in words(lines[i])}
        shared = len(line_words & story_words)
        score = (shared, shared / len(line_words))
        if score > best_score or best is None:
            best, best_score = i, score
    if best is not None:
        return lines[best], best
    if start < len(lines):
        return first_sentence(lines[start]), None
    return None, None


def first_sentence(line: str, max_chars: int = 160) -> str:
    for i, ch in enumerate(line):
        if ch in ".!?؟。" and 20 <= i < max_chars:
            return line[: i + 1]
    return line if len(line) <= max_chars else line[:max_chars].rsplit(" ", 1)[0] + "…"


def is_standfirst(i: int, line: str, title_index: int | None, start: int) -> bool:
    """A header line under the headline, long enough to be a standfirst
    rather than a byline or the site's name."""
    below_title = title_index is not None and title_index < i < start
    return below_title and len(words(line)) >= _STANDFIRST_MIN_WORDS


def same_line(line: str, title: str | None) -> bool:
    return title is not None and line.casefold() == title.casefold()
