"""The one data model that flows through every stage of tidings.

A reader creates an `Article` from its input; each later stage fills only the
fields it declares in `assigns` (see `tidings.pipeline`). Plugins keep their own
data under `extras["<plugin name>"]`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import Any

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def content_key(text: str) -> str:
    """A hash of `text` that ignores case, punctuation and spacing.

    Two articles whose cleaned bodies differ only in such details are the same
    article for dedupe purposes.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    skeleton = _NON_WORD.sub(" ", folded).strip()
    return hashlib.sha256(skeleton.encode("utf-8")).hexdigest()


def input_id(raw: str) -> str:
    """A stable id for an article the input gave no id to: a hash of what was read."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass
class Article:
    """One news article, from raw input to cleaned, analysed text.

    `raw` is the input exactly as read (a text file's text, an HTML page, a
    record's `text` field); `text` is the plain text a reader extracted from it
    (for plain text the same as `raw`); `body` is `text` with site boilerplate
    removed, and `boilerplate` the lines the cleaner removed from it.
    """

    id: str
    source: str
    raw: str
    text: str
    url: str | None = None
    title: str | None = None
    body: str = ""
    boilerplate: list[str] = field(default_factory=list)
    lang: str | None = None
    published: datetime | None = None
    ingested: datetime = field(default_factory=utc_now)
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def content_key(self) -> str:
        """Dedupe key: identical cleaned title and body mean the same article."""
        return content_key(f"{self.title or ''}\n{self.body}")

    def to_dict(self, *, include_raw: bool = False) -> dict[str, Any]:
        """A JSON-ready dict of the article's fields (dates as ISO 8601)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            if f.name == "raw" and not include_raw:
                continue
            value = getattr(self, f.name)
            out[f.name] = value.isoformat() if isinstance(value, datetime) else value
        return out


FIELD_NAMES = frozenset(f.name for f in fields(Article))
