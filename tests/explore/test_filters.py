"""The day and language filters read alike by the CLI, the HTTP API and the web pages."""

from __future__ import annotations

from datetime import date

import pytest

from tidings.explore.query import parse_day, parse_lang


def test_a_day_is_written_yyyy_mm_dd():
    assert parse_day("since", "2026-12-01") == date(2026, 12, 1)
    assert parse_day("since", "") is None and parse_day("since", None) is None


@pytest.mark.parametrize("value", ["yesterday", "20261201", "2026-W49-1", "2020-13-45", "2026-2-1"])
def test_anything_else_is_no_day(value):
    with pytest.raises(ValueError, match=r"since: .* is not a day \(YYYY-MM-DD\)"):
        parse_day("since", value)


def test_a_language_is_an_iso_639_1_code():
    assert parse_lang("lang", "ar") == "ar" and parse_lang("lang", "TR") == "tr"
    for value in ("Arabic", "ara", "xx-invalid", "a"):
        with pytest.raises(ValueError, match="ISO 639-1"):
            parse_lang("lang", value)
