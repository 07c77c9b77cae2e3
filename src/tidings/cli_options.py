"""The command line's options, each value checked where typer parses it.

A bad value ends the command with exit status 2 and click's message naming the
option, before any store is opened. Days and languages are read by the same
functions as the HTTP API's filters (`tidings.explore.query`), so that a filter
means the same everywhere. Nothing heavy is imported here: `tidings --help` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from tidings.config import Settings
from tidings.explore.query import parse_day, parse_lang

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
# What a listing prints unless told otherwise (`--limit`, `--all`).
PAGE = 50
# SQLite's integers: a larger id cannot name anything stored.
MAX_ID = 2**63 - 1


def _day(value: str | None) -> str | None:
    try:
        day = parse_day("day", value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a day: expected YYYY-MM-DD") from None
    return day.isoformat() if day else None


def _lang(value: str | None) -> str | None:
    try:
        return parse_lang("lang", value)
    except ValueError:
        hint = _code_of(value or "")
        raise typer.BadParameter(
            f"{value!r} is not a language code: expected ISO 639-1, two letters such as "
            f"ar, tr, en{f' ({value} is {hint})' if hint else ''}"
        ) from None


def _code_of(name: str) -> str | None:
    """The ISO 639-1 code of a language's English name (Arabic: ar), if babel knows it."""
    from babel import Locale  # only on this error path

    names = {n.casefold(): c for c, n in Locale("en").languages.items() if len(c) == 2}
    return names.get(name.strip().casefold())


def _address(value: str | None) -> str | None:
    if value is None or value == "auto" or value.startswith("ray://"):
        return value
    raise typer.BadParameter(f"{value!r}: expected auto or ray://host:port")


def store_location(db: str | None) -> str:
    """Where `--db` (or TIDINGS_DB, or the default) puts the store."""
    try:
        return Settings.load().updated({"db": db}).db
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


def store_exists(location: str) -> bool:
    """Whether a store is there already (a PostgreSQL database is not a file: assumed)."""
    if location.startswith(POSTGRES_SCHEMES) or location == ":memory:":
        return True
    return Path(location.removeprefix("sqlite:///")).is_file()


def _existing_store(db: str | None) -> str | None:
    """`--db` of a reading command: a store that is not there is refused, not created."""
    location = store_location(db)
    if not store_exists(location):
        raise typer.BadParameter(
            f"no store at {location}: reading commands do not create one "
            "(`tidings ingest` or `tidings migrate --to` does)"
        )
    return db


_DB_HELP = "SQLite file or postgresql://user@host/dbname (default ./tidings.db, or TIDINGS_DB)"
# A store that may be new: created if missing (ingest, serve, compare of two files).
DbOption = Annotated[str | None, typer.Option("--db", help=_DB_HELP, show_default=False)]
# A store that must be there already (every reading command).
StoreOption = Annotated[
    str | None,
    typer.Option("--db", help=_DB_HELP, show_default=False, callback=_existing_store),
]
LangOption = Annotated[
    str | None, typer.Option(help="only this language (ISO 639-1: ar, tr…)", callback=_lang)
]
SinceOption = Annotated[
    str | None, typer.Option(help="last article on or after (YYYY-MM-DD)", callback=_day)
]
UntilOption = Annotated[
    str | None, typer.Option(help="first article on or before (YYYY-MM-DD)", callback=_day)
]
EntityOption = Annotated[str | None, typer.Option(help="naming this entity key")]
PlaceOption = Annotated[str | None, typer.Option(help="at this place id or country code")]
LimitOption = Annotated[int, typer.Option(help="at most this many", min=1)]
OffsetOption = Annotated[int, typer.Option(help="skip this many first", min=0)]
AllOption = Annotated[bool, typer.Option("--all", help="all of them, not a page")]
IdOption = Annotated[int, typer.Argument(help="id of a story", min=1, max=MAX_ID)]
PortOption = Annotated[
    int | None, typer.Option(help="port to listen on (default 8000)", min=1, max=65535)
]
AddressOption = Annotated[
    str | None,
    typer.Option(
        help="Ray cluster: auto or ray://host:10001 (default: start a local Ray)",
        callback=_address,
    ),
]


def page_note(shown: int, offset: int, total: int, what: str) -> None:
    """After a listing, on stderr (piped JSON Lines stay clean): how many more there are
    and how to see them."""
    more = total - offset - shown
    if more > 0:
        print(
            f"{shown:,} of {total:,} {what} shown, {more:,} more: "
            f"--offset {offset + shown} for the next page, --limit N or --all",
            file=sys.stderr,
        )
