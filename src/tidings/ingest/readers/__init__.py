"""Readers: one input (a file's bytes) in, articles out.

Each reader is a function `read(source, text) -> Iterator[Article | ReadFailure | ReadWarning]`;
a failure of one record (a malformed JSONL line, a CSV row without text) is
yielded in its place and the rest of the input is still read. `sniff` picks the
reader from the content, with the file name only as a tie-breaker.
"""

from tidings.ingest.readers.feeds import read_feed
from tidings.ingest.readers.html import html_to_text, read_html
from tidings.ingest.readers.record_fields import FieldMap
from tidings.ingest.readers.records import read_csv, read_jsonl
from tidings.ingest.readers.sniff import Format, reader_for, sniff
from tidings.ingest.readers.text import read_text

__all__ = [
    "FieldMap",
    "Format",
    "html_to_text",
    "read_csv",
    "read_feed",
    "read_html",
    "read_jsonl",
    "read_text",
    "reader_for",
    "sniff",
]
