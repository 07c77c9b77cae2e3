"""Property-based tests of decoding and the readers on arbitrary input.

`decode` raises nothing but `InputError`; each reader yields only articles
(with an id, a source and text) and `ReadFailure`s or `ReadWarning`s naming the input, and
raises nothing, whatever the bytes or text; `parse_published` returns an
aware datetime or None for any value.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.ingest.fuzz_text import scraped_text
from tidings.ingest.dates import parse_published
from tidings.ingest.decode import decode
from tidings.ingest.errors import InputError, ReadFailure, ReadWarning
from tidings.ingest.readers import (
    Format,
    read_csv,
    read_feed,
    read_html,
    read_jsonl,
    read_text,
    sniff,
)
from tidings.model import Article

FUZZ = settings(max_examples=150, deadline=None)
SOURCE = "in/export.any"
READERS = {
    Format.TEXT: read_text,
    Format.HTML: read_html,
    Format.JSONL: read_jsonl,
    Format.CSV: read_csv,
    Format.FEED: read_feed,
}

JSON = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | scraped_text(6),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(scraped_text(2), inner, max_size=4),
    max_leaves=12,
)
RECORD = st.fixed_dictionaries(
    {},
    optional={
        key: JSON for key in ("id", "title", "text", "body", "url", "published", "lang", "source")
    },
)
JSONL = st.lists(
    st.one_of(RECORD.map(json.dumps), JSON.map(json.dumps), scraped_text(6)), max_size=8
).map("\n".join)
CELL = st.one_of(scraped_text(4), st.sampled_from(['"', '""', ",", ";", "\t", "\n", "\r"]))
CSV = st.tuples(
    st.lists(st.sampled_from(["id", "title", "text", "url", "published", "x", ""]), max_size=5),
    st.lists(st.lists(CELL, max_size=6), max_size=6),
).map(lambda t: "\n".join([",".join(t[0]), *(",".join(row) for row in t[1])]))
MARKUP = st.sampled_from(
    [
        "<html>",
        "<body>",
        "</body>",
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<script>",
        "</script>",
        "<title>",
        "</title>",
        '<meta property="article:published_time" content="2020-13-45">',
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "<?xml version='1.0'?>",
        '<rss version="2.0">',
        "<channel>",
        "<item>",
        "</item>",
        "<entry>",
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        "<description>",
        "</description>",
        "<pubDate>",
        "</pubDate>",
        "<link>",
        "&lt;p&gt;",
        "&#0;",
        "&#xD800;",
        "&nbsp;",
        "<",
        ">",
        "/>",
        '"',
        "<!DOCTYPE html>",
    ]
)
MARKED_UP = st.lists(st.one_of(MARKUP, scraped_text(4)), max_size=40).map("".join)


def _check(records, source: str = SOURCE) -> None:
    for record in records:
        assert isinstance(record, Article | ReadFailure | ReadWarning)
        if isinstance(record, ReadFailure | ReadWarning):
            assert record.source == source and record.reason
            assert record.line is None or record.line >= 1
        else:
            assert record.id and isinstance(record.id, str) and isinstance(record.text, str)
            assert record.source and isinstance(record.raw, str)
            assert record.published is None or record.published.tzinfo is not None


@FUZZ
@given(st.binary(max_size=2000))
@example(b"\xff\xfe\x00")  # a UTF-16 mark and half a character
@example(b"\xef\xbb\xbf\xff")  # a UTF-8 mark before broken UTF-8
def test_decode_raises_only_input_error(data):
    try:
        text = decode(data)
    except InputError as error:
        assert error.reason
    else:
        assert isinstance(text, str) and text.strip()


@FUZZ
@given(st.one_of(scraped_text(), MARKED_UP, JSONL, CSV), st.sampled_from(list(READERS)))
def test_every_reader_reads_any_text(text, fmt):
    _check(READERS[fmt](SOURCE, text))


@FUZZ
@given(st.one_of(scraped_text(), MARKED_UP, JSONL, CSV), st.sampled_from(["a.txt", "a.csv", "b"]))
@example("<FEED:<&#XD800;", "a.txt")  # found by hypothesis: feedparser raised UnicodeEncodeError
def test_the_sniffed_reader_reads_it(text, name):
    _check(READERS[sniff(name, text)](name, text), name)


@FUZZ
@given(JSONL)
def test_jsonl_failures_name_their_line(text):
    lines = text.splitlines()
    for record in read_jsonl(SOURCE, text):
        if isinstance(record, ReadFailure) and not text.lstrip().startswith("["):
            assert record.line is not None and lines[record.line - 1].strip()


DATE_TEXT = st.lists(
    st.one_of(
        st.sampled_from(["2020", "13", "Jan", "Monday", "13:00", "+03:00", "T", "-", "/", " "]),
        st.integers(0, 3000).map(str),
    ),
    max_size=6,
).map("".join)


@FUZZ
@given(
    st.one_of(st.none(), scraped_text(10), DATE_TEXT, st.integers(), st.floats(), st.datetimes())
)
@example("10000-01-01")
@example("Mon, 13 Jan 20200 09:30:00 GMT")
# Found while writing this property: dateutil filled what these leave out from today, so "5"
# was the 5th of this month and "Monday" next Monday.
@example("5")
@example("1JAN0")  # found by hypothesis: a one-digit year read as 2000
@example("Monday")
@example("13:00")
def test_parse_published_gives_an_aware_datetime_or_none(value):
    parsed = parse_published(value)
    assert parsed is None or (isinstance(parsed, datetime) and parsed.tzinfo is not None)
    if parsed is not None and not isinstance(value, datetime):
        # The year is the input's, never today's: written in full, or as two digits.
        assert str(parsed.year) in str(value) or f"{parsed.year % 100:02d}" in str(value)


@FUZZ
@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1)),
    st.integers(1, 11),
    st.integers(0, 59),
    st.sampled_from(["%d %b %Y {t} PM", "%B %d, %Y {t} PM", "%a, %d %b %Y {t} pm"]),
)
# Found while writing these properties: email's RFC 822 parser took "PM" for a time zone.
@example(date(2020, 1, 13), 9, 30, "%d %b %Y {t} PM")
def test_afternoon_times_are_afternoon(day, hour, minute, layout):
    text = day.strftime(layout).replace("{t}", f"{hour}:{minute:02d}")
    parsed = parse_published(text)
    assert parsed is not None and (parsed.date(), parsed.hour, parsed.minute) == (
        day,
        hour + 12,
        minute,
    )
