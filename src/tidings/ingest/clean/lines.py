"""Shapes of single lines that are never part of a story, whatever the site.

Each test looks only at the form of a line (markup, separators, digits, a bare
address), not at any site's wording, so it carries over to sites and languages
it was never shown.
"""

from __future__ import annotations

import html
import re
import unicodedata
from enum import StrEnum


class LineKind(StrEnum):
    TEXT = "text"
    MARKUP = "markup"  # stray HTML: `" class="main-news-image img`, `<div>`
    BREADCRUMB = "breadcrumb"  # Home > World > Title
    ADDRESS = "address"  # example.com, https://…
    DATE = "date"  # 01/11/2024, 2020-01-13 14:05
    NO_WORDS = "no-words"  # share counters "0 9", lone punctuation
    REPEATED = "repeated"  # seen in many other articles of the corpus


_MARKUP = re.compile(
    r"""</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>"""  # a tag
    r"""|\b(class|href|src|style|alt|data-[\w-]+)\s*=\s*["']"""  # an attribute
    # The tail of a tag cut by the scraper; one `\s*` before the quote and one after
    # it (two in a row would try every split of a run of spaces: quadratic).
    r"""|^\s*(?:["']\s*)?/?>""",
)
# A long paragraph with a stray tag inside is still a paragraph.
_MARKUP_MAX_WORDS = 12
_BREADCRUMB_SEPARATOR = re.compile(r"\s(?:>|»|›|/|\\|→|::)\s")
_ADDRESS = re.compile(
    r"^(?:https?://\S+|www\.\S+|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:\.[a-z]{2})?(?:/\S*)?)$",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(
    r"\b(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}[./-]\d{1,2}[./-]\d{1,2})\b"
    r"|\b\d{1,2}:\d{2}\b"
)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# A short line that does not end like a sentence may head the text that follows.
HEADING_MAX_WORDS = 12
# Lines of running text with at least this many words are never headlines.
PROSE_MIN_WORDS = 30
# A trail of section names and the headline; longer lines with slashes are prose.
_BREADCRUMB_MAX_WORDS = 25
_DATE_LINE_MAX_WORDS = 4
_DATE_LINE_MAX_CHARS = 80
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SPACE = re.compile(r"\s+")
# Scrapes escaped many times over: "&amp;amp;amp;quot;" is "&quot;".
_AMP_CHAIN = re.compile(r"&(?:amp;)+")
_MAX_ROUNDS = 4

# Punctuation that ends a sentence in the scripts tidings reads.
SENTENCE_END = tuple(".!?؟。！？…\"'»”’")
# …and the subset that headlines seldom end with.
STATEMENT_END = tuple('.。:"»”')


def normalize_line(line: str) -> str:
    """Entities decoded, no control or format characters (tabs and other
    spaces among them become spaces), NFC, one space between words. Idempotent, a normalised line being its own normal form,
    except for text escaped more than `_MAX_ROUNDS` times over other than by
    "&amp;amp;…" (which is undone in one pass): the rounds are bounded so that
    a line of nested escapes costs linear time."""
    line = _AMP_CHAIN.sub("&", line) if "&amp;amp;" in line else line
    for _ in range(_MAX_ROUNDS):
        normal = _normalize_once(line)
        if normal == line:
            break
        line = normal  # "&#38;lt;" is "&lt;" once decoded; dropping a mark can compose
    return line


def _normalize_once(line: str) -> str:
    if "&" in line:
        line = html.unescape(line)
    if not line.isprintable():  # most lines are: no need to look at each character
        line = "".join(_visible(ch) for ch in line)
    line = unicodedata.normalize("NFC", line)
    return _SPACE.sub(" ", line).strip()


def _visible(ch: str) -> str:
    """A control or format character is dropped, or a space where it is one
    (tab, form feed): "a\tb" is two words."""
    if unicodedata.category(ch)[0] != "C":
        return ch
    return " " if ch.isspace() else ""


def words(line: str) -> list[str]:
    return _WORD.findall(line)


def line_kind(line: str) -> LineKind:
    """The shape of one normalised, non-empty line."""
    if _MARKUP.search(line) and len(words(_MARKUP.sub(" ", line))) <= _MARKUP_MAX_WORDS:
        return LineKind.MARKUP
    letters = words(line)
    if len(_BREADCRUMB_SEPARATOR.findall(line)) >= 2 and len(letters) <= _BREADCRUMB_MAX_WORDS:
        return LineKind.BREADCRUMB
    if " " not in line and _ADDRESS.match(line):
        return LineKind.ADDRESS
    if is_date_line(line, letters):
        return LineKind.DATE
    if not letters:
        return LineKind.NO_WORDS
    return LineKind.TEXT


def is_date_line(line: str, letters: list[str] | None = None) -> bool:
    """A line that is a date or a time stamp with at most a few words (a month,
    a weekday, "Updated:"), as under each headline of a news list or above a story."""
    letters = words(line) if letters is None else letters
    if len(letters) > _DATE_LINE_MAX_WORDS or len(line) > _DATE_LINE_MAX_CHARS:
        return False
    if len(letters) >= 3 and is_statement(line):  # "Maç 20:45'te başlayacak."
        return False
    return bool(_NUMERIC_DATE.search(line) or (letters and _YEAR.search(line)))


def is_statement(line: str) -> bool:
    """Ends with a full stop or a closing quote, as paragraphs do and headlines seldom do."""
    return line.endswith(STATEMENT_END)


def is_sentence(line: str) -> bool:
    """Ends the way running text does, rather than the way a headline does."""
    return line.endswith(SENTENCE_END)
