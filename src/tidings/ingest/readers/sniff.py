"""Which reader an input needs, told from its content first, its name second."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from functools import partial

from tidings.ingest.errors import ReadFailure, ReadWarning
from tidings.ingest.readers.feeds import read_feed
from tidings.ingest.readers.html import read_html
from tidings.ingest.readers.record_fields import FieldMap
from tidings.ingest.readers.records import read_csv, read_jsonl
from tidings.ingest.readers.text import read_text
from tidings.model import Article

Reader = Callable[[str, str], Iterator[Article | ReadFailure | ReadWarning]]


class Format(StrEnum):
    TEXT = "text"
    HTML = "html"
    JSONL = "jsonl"
    CSV = "csv"
    FEED = "feed"


# A feed opens, after an XML declaration and comments, with its root element.
# The comments are skipped by `_skip_comments` (one pass), not by a regex: a run
# of `(<!--.*?-->\s*)*` backtracks through every way of splitting `<!----><!---->…`.
_XML_DECL = re.compile(r"\s*<\?xml[^>]*>")
_FEED_ROOT = re.compile(r"<(rss|feed|rdf:RDF)\b", re.I)
_HTML = re.compile(r"^\s*(<!doctype\s+html|<html\b|<head\b|<body\b)", re.I)
_TAG = re.compile(r"<(p|div|span|a|h[1-6]|article|section|meta|script)\b[^>]*>", re.I)
_CSV_HEADER = re.compile(r"^\ufeff?[\w\"' ]+([,;\t|][\w\"' ]+)+$")
# Exports and feeds whose content is too broken to tell: their reader names the fault.
_EXTENSIONS = {
    ".jsonl": Format.JSONL,
    ".json": Format.JSONL,
    ".ndjson": Format.JSONL,
    ".csv": Format.CSV,
    ".tsv": Format.CSV,
    ".rss": Format.FEED,
    ".atom": Format.FEED,
    ".xml": Format.FEED,
}


def sniff(source: str, text: str, text_columns: Iterable[str] = ()) -> Format:
    """The input's format; `text_columns` are the names of text fields the user
    mapped (a table whose header names one is a table)."""
    head = text[:4096]
    if _opens_feed(head):
        return Format.FEED
    if _HTML.match(head):
        return Format.HTML
    if _looks_like_json(head):
        return Format.JSONL
    suffix = source[source.rfind(".") :].lower() if "." in source else ""
    if _is_table_header(head.split("\n", 1)[0].strip(), suffix, text_columns):
        return Format.CSV  # before counting tags: cells may hold HTML
    if len(_TAG.findall(head)) >= 5:
        return Format.HTML
    return _EXTENSIONS.get(suffix, Format.TEXT)


def _is_table_header(first_line: str, suffix: str, text_columns: Iterable[str]) -> bool:
    if not _CSV_HEADER.match(first_line):
        return False
    if suffix in (".csv", ".tsv"):
        return True
    if re.search(r"\b(text|body|content)\b", first_line, re.I):
        return True
    cells = {c.strip().strip("\"'") for c in re.split(r"[,;\t|]", first_line)}
    return bool(cells & set(text_columns))


def _opens_feed(head: str) -> bool:
    declaration = _XML_DECL.match(head)
    start = declaration.end() if declaration else 0
    return _FEED_ROOT.match(head, _skip_comments(head, start)) is not None


def _skip_comments(text: str, start: int) -> int:
    """Where `text` goes on after the whitespace and `<!-- -->` comments at `start`:
    each character is looked at once or twice, so linear in the length."""
    position = start
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if not text.startswith("<!--", position):
            return position
        end = text.find("-->", position + 4)
        if end < 0:
            return position
        position = end + 3


def _looks_like_json(head: str) -> bool:
    stripped = head.lstrip()
    if stripped.startswith("["):
        return stripped[1:].lstrip().startswith("{")
    if not stripped.startswith("{"):
        return False
    first = stripped.split("\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except json.JSONDecodeError:
        # A first record cut by the 4 KiB window still opens like JSON.
        return bool(re.match(r'\{\s*"[^"]+"\s*:', first))


_READERS: dict[Format, Reader] = {
    Format.TEXT: read_text,
    Format.HTML: read_html,
    Format.JSONL: read_jsonl,
    Format.CSV: read_csv,
    Format.FEED: read_feed,
}


def reader_for(fmt: Format, fields: FieldMap | None = None) -> Reader:
    """The reader of a format; records are read with `fields` (which field holds what)."""
    if fields is not None and fmt in (Format.JSONL, Format.CSV):
        return partial(_READERS[fmt], fields=fields)  # type: ignore[call-arg]
    return _READERS[fmt]
