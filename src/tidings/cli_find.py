"""The command line's find options: entities and places by name, search words.

`--entity` and `--place` take what a person types (Haftar, حفتر, Libya, ليبيا) or a
key; `--q` searches titles and bodies, names found in every script through their
keys (`explore.resolve`). A name the store does not know, or one that reads as
several, ends the command with exit status 2 and says so (with the candidates).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

if TYPE_CHECKING:
    from tidings.explore.query import ArticleQuery

EntityOption = Annotated[
    str | None,
    typer.Option(help="naming this entity: a name in any script (Haftar, حفتر) or a key (hftr)"),
]
PlaceOption = Annotated[
    str | None,
    typer.Option(help="at this place: a name in any language (Libya, ليبيا), an id or a code"),
]
QueryOption = Annotated[
    str | None,
    typer.Option("--q", help="words in titles and bodies (names found in every script)"),
]


def _display_lang(value: str | None) -> str | None:
    from tidings.explore.query import parse_lang

    try:
        return parse_lang("--display-lang", value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


DisplayLangOption = Annotated[
    str | None,
    typer.Option(
        help="show titles in this language where there is one (ISO 639-1)", callback=_display_lang
    ),
]
err = Console(stderr=True, soft_wrap=True)


def resolved_query(tidings: Any, **filters: Any) -> ArticleQuery:
    """The `ArticleQuery` of the options, its names resolved against the store; exit 2
    with the reason for a name it does not know or cannot tell apart."""
    from tidings.analyze.places import PlaceFinder
    from tidings.explore.query import ArticleQuery, parse_day
    from tidings.explore.resolve import Resolver, resolved

    for day in ("since", "until"):
        filters[day] = parse_day(day, filters.get(day))
    try:
        query = ArticleQuery(**filters)
        return resolved(Resolver(tidings.store, PlaceFinder()), query)
    except ValueError as error:
        err.print(f"[red]error:[/red] {error}", highlight=False)
        raise typer.Exit(2) from None


def searched_stories(
    tidings: Any, query: ArticleQuery, limit: int, offset: int, every: bool
) -> tuple[list[Any], int | None]:
    """The stories of the best-matching articles (`explore.stories`), and how many."""
    from dataclasses import replace

    from tidings.explore.query import MAX_LIMIT
    from tidings.explore.stories import find_stories

    page = find_stories(tidings, replace(query, limit=min(limit, MAX_LIMIT), offset=offset))
    found, total = list(page.items), page.total
    while every and page.next_offset is not None:
        page = find_stories(tidings, replace(query, limit=MAX_LIMIT, offset=page.next_offset))
        found += page.items
    return found, total


def found_articles(
    tidings: Any, query: ArticleQuery, limit: int, offset: int, every: bool
) -> tuple[Iterator[Any], int]:
    """The articles passing `query`, best match (or newest) first, and how many pass."""
    from dataclasses import replace

    from tidings.explore.query import MAX_LIMIT

    first = tidings.find(replace(query, limit=min(limit, MAX_LIMIT), offset=offset))

    def rows() -> Iterator[Any]:
        page = first
        yield from (hit.article for hit in page.items)
        while every and page.next_offset is not None:
            page = tidings.find(replace(query, limit=MAX_LIMIT, offset=page.next_offset))
            yield from (hit.article for hit in page.items)

    return rows(), first.total or 0
