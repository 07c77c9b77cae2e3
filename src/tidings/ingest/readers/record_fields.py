"""The fields of one record, checked, and which field holds which part.

A record's fields are `id`, `title`, `text` (or `body`, `content`), `url`,
`published`, `lang` and `source`, unless a `FieldMap` names others. A value of
the wrong kind is an error naming the field (a number or an object as `text`,
a list as `id`); a `lang` that is no language code and a `published` that is no
date are dropped with a warning naming the field, and the article is stored
without them (its language is then found from the text).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from tidings.ingest.dates import parse_published
from tidings.ingest.errors import InputError

TEXT_FIELDS = ("text", "body", "content")
KNOWN_FIELDS = frozenset({"id", "title", "url", "published", "lang", "source", *TEXT_FIELDS})
_LANG_TAG = re.compile(r"([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]{1,8})*")
_MAPPED = ("title", "id", "published", "lang")


@dataclass(frozen=True)
class FieldMap:
    """Which fields of a record hold an article's parts, when they are not named
    `text`, `title`, `id`, `published`, `lang`. Several `text` fields make several
    articles of one record (a row of translated pairs); each other part is then
    named once (shared) or once for each text field, in the same order."""

    text: tuple[str, ...] = ()
    title: tuple[str, ...] = ()
    id: tuple[str, ...] = ()
    published: tuple[str, ...] = ()
    lang: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        articles = max(len(self.text), 1)
        for part in _MAPPED:
            names = getattr(self, part)
            if len(names) not in (0, 1, articles):
                raise ValueError(
                    f"{len(names)} {part} fields for {articles} text fields: name one, "
                    f"or one for each text field"
                )

    @property
    def names(self) -> frozenset[str]:
        return frozenset(self.text + self.title + self.id + self.published + self.lang)

    def parts(self) -> list[dict[str, str | None]]:
        """For each article of a record, the field of each part (None: the default)."""
        count = max(len(self.text), 1)
        return [
            {part: _nth(getattr(self, part), n) for part in ("text", *_MAPPED)}
            for n in range(count)
        ]


def _nth(names: tuple[str, ...], n: int) -> str | None:
    if not names:
        return None
    return names[n] if len(names) > 1 else names[0]


def text_of(record: Mapping[str, Any], field: str | None) -> tuple[str, str]:
    """(field name, text) of the record's text; `InputError` if missing or not text."""
    names = (field,) if field else TEXT_FIELDS
    name = next((f for f in names if _present(record.get(f))), None)
    if name is None:
        raise InputError(f"record has no text (fields {', '.join(names)} missing or empty)")
    value = record[name]
    if not isinstance(value, str):
        raise InputError(f"field {name!r} is {_kind(value)}, not text")
    return name, value


def id_of(record: Mapping[str, Any], field: str | None) -> str | None:
    name = field or "id"
    value = record.get(name)
    if not _present(value):
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InputError(f"field {name!r} is {_kind(value)}, not a string or an integer")
    return str(value).strip()


def optional_text(record: Mapping[str, Any], name: str) -> str | None:
    """A field that must be text when given (`title`, `url`, `source`)."""
    value = record.get(name)
    if not _present(value):
        return None
    if not isinstance(value, str):
        raise InputError(f"field {name!r} is {_kind(value)}, not text")
    return value.strip()


def lang_of(record: Mapping[str, Any], field: str | None, warnings: list[str]) -> str | None:
    name = field or "lang"
    value = record.get(name)
    if not _present(value):
        return None
    tag = _LANG_TAG.fullmatch(value.strip()) if isinstance(value, str) else None
    if tag is None or tag.group(1).lower() not in _language_codes():
        warnings.append(
            f"field {name!r}: {_shown(value)} is not a language code (such as en, de, ar); "
            "the language is found from the text"
        )
        return None
    return value.strip()


def published_of(
    record: Mapping[str, Any], field: str | None, warnings: list[str]
) -> datetime | None:
    name = field or "published"
    value = record.get(name)
    if not _present(value):
        return None
    moment = parse_published(value) if isinstance(value, str | int | float) else None
    if moment is None:
        warnings.append(f"field {name!r}: {_shown(value)} is not a date; stored without one")
    return moment


@cache
def _language_codes() -> frozenset[str]:
    """ISO 639 codes CLDR names (about 600), and the legacy ones still written."""
    from babel import Locale

    return frozenset(Locale("en").languages) | {"iw", "in", "ji", "jw", "mo"}


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return f"a {type(value).__name__}"


def _shown(value: Any, limit: int = 60) -> str:
    text = value if isinstance(value, str) else repr(value)
    return repr(text if len(text) <= limit else text[:limit] + "…")
