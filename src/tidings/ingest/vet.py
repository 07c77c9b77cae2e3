"""Every article as it leaves a reader: text that every store holds alike.

The readers build articles from what the input says; this is the one door they
all pass before storing, so a rule here holds for every format:

- A lone surrogate (`\\udc00`, from a JSON escape) is not text: SQLite and
  PostgreSQL cannot encode it. The record is refused, naming the field.
- NUL and the other control characters (C0 but tab, line feed, form feed and
  carriage return; DEL; C1) are not text either, and PostgreSQL refuses NUL
  where SQLite keeps it. They are removed from the text fields (title, text,
  source, extra fields); an `id` that holds one is refused (an id is matched
  exactly, so it is not changed behind the user's back).
- An `id` longer than `MAX_ID_CHARS` is refused (PostgreSQL's unique index
  holds keys of about 2,700 bytes).
- `url` must be an http(s) URL with a host: another (`javascript:…`, a bare
  path) is dropped with a warning naming the field, and the article is stored
  without it.
- Numbers in extra fields that JSON cannot write back (NaN, infinities) become
  null.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from tidings.ingest.errors import InputError
from tidings.model import Article

MAX_ID_CHARS = 512
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_URL_SPACE = re.compile(r"[\s\x00-\x1f\x7f]")


def vet(article: Article) -> tuple[Article, list[str]]:
    """The article as it may be stored, and warnings naming each field changed;
    raises `InputError` naming the field when the article must be refused."""
    _refuse_surrogates(article)
    _check_id(article.id)
    warnings: list[str] = []
    url = article.url
    if url is not None and not is_http_url(url):
        warnings.append(f"field 'url': {_shown(url)} is not an http(s) URL; stored without it")
        url = None
    source = article.source
    if article.url is not None and source == article.url and url is None:
        source = article.origin or "unknown"  # a feed entry's source is its link
    return (
        replace(
            article,
            source=strip_controls(source),
            raw=strip_controls(article.raw),
            text=strip_controls(article.text),
            title=_optional_text(article.title),
            url=url,
            lang=_optional_text(article.lang),
            extras=_clean_value(article.extras),
        ),
        warnings,
    )


def is_http_url(value: str) -> bool:
    """Whether `value` is an absolute http or https URL with a host."""
    if _URL_SPACE.search(value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def strip_controls(text: str) -> str:
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


def _refuse_surrogates(article: Article) -> None:
    fields = {
        "id": article.id, "source": article.source, "url": article.url, "title": article.title,
        "lang": article.lang, "text": article.raw, "extracted text": article.text,
    }  # fmt: skip
    for name, value in fields.items():
        _no_surrogate(name, value)
    for value in article.extras.values():  # {"record": {field: value}}: name the field
        _no_surrogate_within("extra field", value)


def _no_surrogate(name: str, value: str | None) -> None:
    found = _SURROGATE.search(value) if value else None
    if found:
        raise InputError(
            f"field {name!r} holds a lone surrogate (U+{ord(found.group()):04X} at character "
            f"{found.start()}), which is not text"
        )


def _no_surrogate_within(name: str, value: Any) -> None:
    if isinstance(value, str):
        _no_surrogate(name, value)
    elif isinstance(value, dict):
        for key, item in value.items():
            _no_surrogate(f"{name} name", str(key))
            _no_surrogate_within(f"{name} {_shown(str(key))}", item)
    elif isinstance(value, list | tuple):
        for item in value:
            _no_surrogate_within(name, item)


def _check_id(article_id: str) -> None:
    control = _CONTROL.search(article_id)
    if control:
        raise InputError(
            f"field 'id' holds the control character U+{ord(control.group()):04X}, not text"
        )
    if len(article_id) > MAX_ID_CHARS:
        raise InputError(
            f"field 'id' has {len(article_id):,} characters, over the limit of {MAX_ID_CHARS}"
        )


def _optional_text(value: str | None) -> str | None:
    if value is None:
        return None
    return strip_controls(value).strip() or None


def _clean_value(value: Any) -> Any:
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {strip_controls(str(k)): _clean_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean_value(v) for v in value]
    return value


def _shown(value: str, limit: int = 60) -> str:
    """A value as a message shows it: quoted, escaped, cut."""
    return repr(value if len(value) <= limit else value[:limit] + "…")
