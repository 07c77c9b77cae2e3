"""The one data model that flows through every stage of tidings.

A reader creates an `Article` from its input; each later stage fills only the
fields it declares in `assigns` (see `tidings.pipeline`). Plugins keep their own
data under `extras["<plugin name>"]`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from datetime import UTC, date, datetime
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


InputKey = tuple[str | None, str]


def input_key(title: str | None, raw: str) -> InputKey:
    """See `Article.input_key`."""
    return (None if title is None else content_key(title), content_key(raw))


def same_input(stored: InputKey, incoming: InputKey) -> bool:
    """Whether an input repeats what is stored: the same text, and the same title
    when the input gives one (without one, the cleaner picked the stored title)."""
    return stored[1] == incoming[1] and incoming[0] in (None, stored[0])


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class Entity:
    """A person or organisation named in an article.

    `key` is language-independent: the same entity written in any language or
    script gets the same key (Hafter, Haftar and حفتر are all `haftar`).
    """

    key: str
    type: str  # "person" | "org"
    name: str  # as the article writes it most often
    mentions: int


@dataclass(frozen=True)
class Place:
    """A country, region or city mentioned in an article, resolved to a gazetteer."""

    id: str  # "geonames:2210247" for a city or region, "country:LY" for a country
    name: str  # canonical English name
    country: str  # ISO 3166-1 alpha-2 code of the country it lies in
    mentions: int
    kind: str = "city"  # "country" | "region" | "city"


@dataclass(frozen=True)
class DateMention:
    """A date the text mentions, resolved against the publication date.

    `year_known` is False when the text gives no year and no publication date
    dates the article: the year in `date` is then only a guess (from a full date
    or a year the text names, else the ingestion time), never to be shown.
    """

    text: str  # as written: "8 Ocak'ta", "12 كانون الثاني/يناير"
    date: str  # ISO 8601 date (YYYY-MM-DD)
    mentions: int = 1
    year_known: bool = True

    @property
    def shown(self) -> str:
        """The date as a reader may see it: "--01-08 (year unknown)" for a guessed year."""
        return self.date if self.year_known else f"--{self.date[5:]} (year unknown)"


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
    entities: list[Entity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    # When the reported event happened: the publication date, or else an
    # estimate from the dates mentioned (then `event_date_estimated`).
    event_date: date | None = None
    event_date_estimated: bool = False
    # View name ("title", "lead", "body") -> unit vector (numpy float32), by `embed/`.
    embeddings: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    extras: dict[str, Any] = field(default_factory=dict)
    # Where the article was read ("file:line"), for messages; not stored.
    origin: str | None = field(default=None, compare=False, repr=False)

    @property
    def content_key(self) -> str:
        """Dedupe key: identical cleaned title and body mean the same article."""
        return content_key(f"{self.title or ''}\n{self.body}")

    @property
    def input_key(self) -> InputKey:
        """What the input said (title and raw text, ignoring case, punctuation and
        spacing): one id read twice with another key is an updated article."""
        return input_key(self.title, self.raw)

    def to_dict(self, *, include_raw: bool = False) -> dict[str, Any]:
        """A JSON-ready dict of the article's fields (dates as ISO 8601)."""
        return {
            f.name: _jsonable(getattr(self, f.name))
            for f in fields(self)
            if (include_raw or f.name != "raw") and f.name not in ("embeddings", "origin")
        }


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):  # datetime too
        return value.isoformat()
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    return value


FIELD_NAMES = frozenset(f.name for f in fields(Article))
