"""What to watch: feed and sitemap URLs, folders, and files that list them (TOML, OPML).

A sources file in TOML lists one `[[source]]` table per source:

    [[source]]
    url = "https://example.org/feed.xml"   # a feed, a news sitemap, or a folder
    name = "Example"                       # default: the URL
    lang = "tr"                            # a hint for pages too short to tell
    every = "10m"                          # how often (s, m, h, d); default: --every
    max_entries = 50                       # the newest this many entries a poll, at most

An OPML file (what feed readers export) gives each `<outline xmlUrl=…>` as a source.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.etree

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
_KEYS = {"url", "name", "lang", "every", "max_entries"}


class SourceError(ValueError):
    """A source or sources file that cannot be used; the message names it and why."""


@dataclass(frozen=True)
class Source:
    url: str  # an http(s) URL of a feed or sitemap, or a folder's path
    name: str
    lang: str | None = None
    every_seconds: float | None = None
    max_entries: int | None = None

    @property
    def is_folder(self) -> bool:
        return not self.url.startswith(("http://", "https://"))


def parse_every(text: str | float | int, where: str = "--every") -> float:
    """Seconds of "90", "90s", "10m", "1.5h" or "1d"."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        seconds = float(text)
    else:
        match = _DURATION.match(str(text))
        if match is None:
            raise SourceError(f"{where}: {text!r} is not a duration (e.g. 90s, 10m, 1h)")
        seconds = float(match.group(1)) * _UNIT_SECONDS[match.group(2)]
    if seconds <= 0:
        raise SourceError(f"{where}: the interval must be more than 0 seconds")
    return seconds


def source_for(text: str, name: str | None = None, lang: str | None = None) -> Source:
    """A source from a URL or a folder's path given on the command line."""
    if "://" in text and not text.startswith(("http://", "https://")):
        scheme = text.split("://", 1)[0]
        raise SourceError(f"{text}: only http(s) feeds and folders are watched, not {scheme}:")
    if text.startswith(("http://", "https://")):
        return Source(url=text, name=name or text, lang=lang)
    path = Path(text)
    if not path.is_dir():
        raise SourceError(f"{text}: not a URL, a folder, or a sources file (.toml, .opml)")
    return Source(url=str(path.resolve()), name=name or path.name, lang=lang)


def read_sources(args: list[str]) -> list[Source]:
    """Sources from command-line arguments: URLs, folders, TOML and OPML files."""
    found: list[Source] = []
    for arg in args:
        suffix = Path(arg).suffix.lower()
        if "://" not in arg and suffix == ".toml":
            found += read_toml(Path(arg))
        elif "://" not in arg and suffix in (".opml", ".xml"):
            found += read_opml(Path(arg))
        else:
            found.append(source_for(arg))
    return found


def read_toml(path: Path) -> list[Source]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SourceError(f"{path}: cannot read ({error.strerror or error})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SourceError(f"{path}: not TOML ({error})") from None
    tables = data.get("source", [])
    if not isinstance(tables, list) or not tables:
        raise SourceError(f"{path}: no [[source]] tables")
    return [_from_table(table, f"{path}: source {n}") for n, table in enumerate(tables, 1)]


def _from_table(table: Any, where: str) -> Source:
    if not isinstance(table, dict) or not isinstance(table.get("url"), str):
        raise SourceError(f"{where}: needs a url")
    unknown = set(table) - _KEYS
    if unknown:
        raise SourceError(f"{where}: unknown keys {sorted(unknown)} (known: {sorted(_KEYS)})")
    name, lang = _text(table, "name", where), _text(table, "lang", where)
    try:
        source = source_for(table["url"], name, lang)
    except SourceError as error:
        raise SourceError(f"{where}: {error}") from None
    every = table.get("every")
    limit = table.get("max_entries")
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 1):
        raise SourceError(f"{where}: max_entries must be a whole number from 1")
    return Source(
        url=source.url,
        name=source.name,
        lang=source.lang,
        every_seconds=None if every is None else parse_every(every, f"{where}: every"),
        max_entries=limit,
    )


def _text(table: dict[str, Any], key: str, where: str) -> str | None:
    value = table.get(key)
    if value is not None and not isinstance(value, str):
        raise SourceError(f"{where}: {key} must be text")
    return value


def read_opml(path: Path) -> list[Source]:
    """Every outline with an `xmlUrl` (nested outlines too); no entities, no network."""
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = lxml.etree.parse(str(path), parser).getroot()
    except OSError as error:
        raise SourceError(f"{path}: cannot read ({error})") from None
    except lxml.etree.XMLSyntaxError as error:
        raise SourceError(f"{path}: not OPML (line {error.lineno}: {error.msg})") from None
    sources = []
    for outline in root.iter("outline"):
        url = outline.get("xmlUrl")
        if url:
            where = f"{path}: line {outline.sourceline}"
            name = outline.get("title") or outline.get("text")
            try:
                sources.append(source_for(url.strip(), name, outline.get("language")))
            except SourceError as error:
                raise SourceError(f"{where}: {error}") from None
    if not sources:
        raise SourceError(f"{path}: no outline with an xmlUrl")
    return sources
