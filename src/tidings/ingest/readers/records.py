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

from tidings.ingest.errors import InputError, ReadFailure, ReadWarning
from tidings.ingest.readers.html import html_to_text
from tidings.ingest.readers.record_fields import (
    KNOWN_FIELDS,
    TEXT_FIELDS,
    FieldMap,
    id_of,
    lang_of,
    optional_text,
    published_of,
    text_of,
)
from tidings.model import Article, input_id

Read = Iterator[Article | ReadFailure | ReadWarning]
_DELIMITERS = ",;\t|"

csv.field_size_limit(2**31 - 1)  # article bodies exceed csv's default 128 KiB


def read_jsonl(source: str, text: str, fields: FieldMap | None = None) -> Read:
    if text.lstrip().startswith("["):
        yield from _read_json_array(source, text, fields or FieldMap())
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
        yield from _from_record(source, record, number, fields or FieldMap())


def _read_json_array(source: str, text: str, fields: FieldMap) -> Read:
    try:
        records = json.loads(text)
    except json.JSONDecodeError as error:
        yield ReadFailure(source, f"malformed JSON: {error.msg}", error.lineno)
        return
    except RecursionError:
        yield ReadFailure(source, "malformed JSON: nested too deeply")
        return
    for number, record in enumerate(records, start=1):
        yield from _from_record(source, record, number, fields, by_line=False)


def read_csv(source: str, text: str, fields: FieldMap | None = None) -> Read:
    fields = fields or FieldMap()
    dialect = _dialect(text.split("\n", 1)[0], source)
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    header = list(reader.fieldnames or ())
    missing = _missing_text_columns(header, fields)
    if missing:
        yield ReadFailure(source, missing, 1)
        return
    ended = reader.line_num
    try:
        for row in reader:
            first, ended = ended + 1, reader.line_num
            if None in row.values() and ended > first:
                yield ReadFailure(source, _swallowed(first, ended, row, header), first)
                continue
            # csv puts the cells beyond the header under the key None.
            if None in row:
                row["extra_cells"] = row.pop(None)
            yield from _from_record(source, row, first, fields)
    except csv.Error as error:
        yield ReadFailure(source, f"malformed CSV: {error}", reader.line_num)


def _dialect(first_line: str, source: str) -> type[csv.Dialect]:
    """The header's most frequent delimiter (counted, in one pass: `csv.Sniffer`
    takes seconds on a crafted 8 KB header); by the file name if it has none."""
    counts = {d: first_line.count(d) for d in _DELIMITERS}
    best = max(counts, key=counts.__getitem__)
    if counts[best] == 0:
        return csv.excel_tab if source.lower().endswith(".tsv") else csv.excel
    return type("Header", (csv.excel,), {"delimiter": best})


def _missing_text_columns(header: list[str], fields: FieldMap) -> str | None:
    """Why the header cannot give articles: no text column, or a named one absent."""
    named = [f for f in fields.names if f not in header]
    if named:
        return f"no column {', '.join(map(repr, sorted(named)))} in the header ({_columns(header)})"
    if fields.text or set(header) & set(TEXT_FIELDS):
        return None
    return (
        f"no text column (one of {', '.join(TEXT_FIELDS)}) in the header ({_columns(header)}); "
        "name it with --text-field, and the others with --title-field, --id-field, "
        "--date-field and --lang-field (the Python API: ingest(fields=FieldMap(...)))"
    )


def _columns(header: list[str]) -> str:
    shown = ", ".join(header[:30]) + (f", … ({len(header)} in all)" if len(header) > 30 else "")
    return f"columns found: {shown}"


def _swallowed(first: int, last: int, row: dict[Any, Any], header: list[str]) -> str:
    """A row that ran over several lines and still lacks cells: a quote that opened a
    cell and never closed took the lines after it."""
    cells = sum(v is not None for k, v in row.items() if k is not None)
    return (
        f"unbalanced quote: a quoted cell opened on line {first} is not closed, so lines "
        f"{first}-{last} were read as one row of {cells} of the {len(header)} columns"
    )


def _from_record(
    source: str, record: Any, number: int, fields: FieldMap, *, by_line: bool = True
) -> Read:
    where = f"{source}:{number}" if by_line else f"{source}#{number}"
    try:
        made = articles_from_record(source, record, number, fields)
    except InputError as error:
        if by_line:
            yield ReadFailure(source, error.reason, number)
        else:
            yield ReadFailure(source, f"record {number}: {error.reason}")
        return
    for article, warnings in made:
        for warning in warnings:
            yield (
                ReadWarning(source, warning, number)
                if by_line
                else ReadWarning(source, f"record {number}: {warning}")
            )
        article.origin = where
        yield article


def articles_from_record(
    source: str, record: Any, number: int, fields: FieldMap | None = None
) -> list[tuple[Article, list[str]]]:
    """The articles of one record, each with warnings naming fields dropped; raises
    `InputError` naming the field at fault."""
    if not isinstance(record, Mapping):
        raise InputError(f"expected an object with a text field, got {type(record).__name__}")
    fields = fields or FieldMap()
    made = [_article(source, record, number, parts, fields) for parts in fields.parts()]
    if len(made) > 1:  # one record, several articles: each its own place
        for n, (article, _warnings) in enumerate(made, start=1):
            if article.source == f"{source}:{number}":
                article.source = f"{source}:{number}#{n}"
    return made


def _article(
    source: str, record: Mapping[str, Any], number: int, parts: dict[str, str | None],
    fields: FieldMap,
) -> tuple[Article, list[str]]:  # fmt: skip
    _name, raw = text_of(record, parts["text"])
    title_field = parts["title"] or "title"
    title = optional_text(record, title_field)
    warnings: list[str] = []
    article = Article(
        id=id_of(record, parts["id"]) or input_id(f"{record.get(title_field)}\n{raw}"),
        source=optional_text(record, "source") or f"{source}:{number}",
        raw=raw,
        text=html_to_text(raw),
        url=optional_text(record, "url"),
        title=title,
        lang=lang_of(record, parts["lang"], warnings),
        published=published_of(record, parts["published"], warnings),
        extras=_extras(record, fields),
    )
    return article, warnings


def _extras(record: Mapping[str, Any], fields: FieldMap) -> dict[str, Any]:
    known = KNOWN_FIELDS | fields.names
    extra = {k: v for k, v in record.items() if k not in known and v not in (None, "")}
    return {"record": extra} if extra else {}
