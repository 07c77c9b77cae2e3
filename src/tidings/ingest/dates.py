"""Publication dates as inputs give them: ISO 8601, RFC 822 (feeds), or free text."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from dateutil import parser as dateutil_parser


def parse_published(value: object) -> datetime | None:
    """A timezone-aware datetime (UTC when the input gives no zone), or None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _aware(value)
    text = str(value).strip()
    for parse in (datetime.fromisoformat, parsedate_to_datetime, dateutil_parser.parse):
        try:
            return _aware(parse(text))
        except (ValueError, TypeError, OverflowError, IndexError):
            continue
    return None


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
