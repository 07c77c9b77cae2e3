"""Publication dates as inputs give them: ISO 8601, RFC 822 (feeds), or free text."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

from dateutil import parser as dateutil_parser


def parse_published(value: object) -> datetime | None:
    """A timezone-aware datetime (UTC when the input gives no zone), or None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _aware(value)
    text = str(value).strip()
    for parse in (datetime.fromisoformat, _rfc822, _free_text):
        try:
            return _aware(parse(text))
        except (ValueError, TypeError, OverflowError, IndexError):
            continue
    return None


# RFC 822 as feeds write it; email's parser reads any trailing word as a zone,
# so "9:30 PM" would be 09:30 in an unknown zone: that is left to dateutil.
_RFC822 = re.compile(
    r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d\d(?::\d\d)?"
    r"(?:\s*(?:[+-]\d{4}|(?![AaPp]\.?[Mm]\b)[A-Za-z]{1,5}))?$"
)


def _rfc822(text: str) -> datetime:
    if not _RFC822.match(text):
        raise ValueError(f"not RFC 822: {text!r}")
    return parsedate_to_datetime(text)


# dateutil fills what the text does not say from a default day; parsing with
# two defaults that differ in year, month and day shows what the text said.
_DEFAULTS = (datetime(2000, 1, 1), datetime(2001, 2, 2))


def _free_text(text: str) -> datetime:
    """A date in free text with its year, month and day, or ValueError: "5",
    "Monday" or "13:00" alone are no publication date (dateutil would make
    them days of the current month)."""
    first, second = (dateutil_parser.parse(text, default=d) for d in _DEFAULTS)
    if first.date() != second.date():
        raise ValueError(f"not a full date: {text!r}")
    # A year of one digit ("1JAN0") is read as 2000 by dateutil: no publication year.
    if str(first.year) not in text and f"{first.year % 100:02d}" not in text:
        raise ValueError(f"no year of two or four digits: {text!r}")
    return first


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def publication_default(value: date | datetime | str | None) -> datetime | None:
    """The publication time a user gives undated inputs (`ingest --published DAY`): a day
    (midnight UTC) or a time; ValueError naming the value if it is neither."""
    if value is None or isinstance(value, datetime):
        return None if value is None else _aware(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    try:
        moment = datetime.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(
            f"published: {value!r} is not a day (YYYY-MM-DD) or an ISO 8601 time"
        ) from None
    return _aware(moment)
