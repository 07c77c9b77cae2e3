"""Exports with one article a record: JSON Lines, JSON arrays, CSV and TSV.

Fields: `id`, `title`, `text` (or `body`/`content`), and optional `url`,
`published`, `lang`, `source`. Other fields are kept under
`extras["record"]`, so labels travel with the article.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from typing import Any

from tidings.ingest.dates import parse_published
from tidings.ingest.errors import InputError, ReadFailure
from tidings.ingest.readers.html import html_to_text
from tidings.model import Article, input_id

TEXT_FIELDS = ("text", "body", "content")
KNOWN_FIELDS = frozenset({"id", "title", "url", "published", "lang", "source", *TEXT_FIELDS})

csv.field_size_limit(2**31 - 1)  # article bodies exceed csv's default 128 KiB


def read_jsonl(source: str, text: str) -> Iterator[Article | ReadFailure]:
    if text.lstrip().startswith("["):
        yield from _read_json_array(source, text)
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield ReadFailure(source, f"malformed JSON: {error.msg} (column {error.colno})", number)
            continue
        except RecursionError:
            yield ReadFailure(source, "malformed JSON: nested too deeply", number)
            continue
        yield _from_record(source, record, number)


def _read_json_array(source: str, text: str) -> Iterator[Article | ReadFailure]:
    try:
        records = json.loads(text)
    except json.JSONDecodeError as error:
        yield ReadFailure(source, f"malformed JSON: {error.msg}", error.lineno)
        return
    except RecursionError:
        yield ReadFailure(source, "malformed JSON: nested too deeply")
        return
    for number, record in enumerate(records, start=1):
        yield _from_record(source, record, number, by_line=False)


def read_csv(source: str, text: str) -> Iterator[Article | ReadFailure]:
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample.split("\n", 1)[0], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel_tab if source.lower().endswith(".tsv") else csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    header = set(reader.fieldnames or ())
    if not header & set(TEXT_FIELDS):
        yield ReadFailure(source, f"no text column (one of {', '.join(TEXT_FIELDS)}) in header", 1)
        return
    try:
        for row in reader:
            # csv puts the cells beyond the header under the key None.
            if None in row:
                row["extra_cells"] = row.pop(None)
            yield _from_record(source, row, reader.line_num)
    except csv.Error as error:
        yield ReadFailure(source, f"malformed CSV: {error}", reader.line_num)


def _from_record(
    source: str, record: Any, number: int, *, by_line: bool = True
) -> Article | ReadFailure:
    try:
        return article_from_record(source, record, number)
    except InputError as error:
        if by_line:
            return ReadFailure(source, error.reason, number)
        return ReadFailure(source, f"record {number}: {error.reason}")


def article_from_record(source: str, record: Any, number: int) -> Article:
    """An article from one record; raises `InputError` naming what is missing."""
    if not isinstance(record, Mapping):
        raise InputError(f"expected an object with a text field, got {type(record).__name__}")
    body = next((record[f] for f in TEXT_FIELDS if _present(record.get(f))), None)
    if body is None:
        raise InputError(f"record has no text (fields {', '.join(TEXT_FIELDS)} missing or empty)")
    raw = str(body)
    text = html_to_text(raw)
    record_id = record.get("id")
    return Article(
        id=str(record_id) if _present(record_id) else input_id(f"{record.get('title')}\n{raw}"),
        source=str(record.get("source") or f"{source}:{number}"),
        raw=raw,
        text=text,
        url=_optional(record.get("url")),
        title=_optional(record.get("title")),
        lang=_optional(record.get("lang")),
        published=parse_published(record.get("published")),
        extras=_extras(record),
    )


def _extras(record: Mapping[str, Any]) -> dict[str, Any]:
    extra = {k: v for k, v in record.items() if k not in KNOWN_FIELDS and v not in (None, "")}
    return {"record": extra} if extra else {}


def _present(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def _optional(value: Any) -> str | None:
    return str(value).strip() if _present(value) else None
