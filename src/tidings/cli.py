"""The `tidings` command line: parse arguments, call `Tidings`, print results."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.table import Table

from tidings.cli_find import (
    DisplayLangOption,
    EntityOption,
    PlaceOption,
    QueryOption,
    found_articles,
    resolved_query,
    searched_stories,
)
from tidings.cli_options import (
    PAGE,
    AllOption,
    DbOption,
    LangOption,
    LimitOption,
    OffsetOption,
    PortOption,
    SinceOption,
    StoreOption,
    UntilOption,
    page_note,
    store_exists,
    store_location,
)
from tidings.config import Settings
from tidings.console import render_article, render_comparison, render_stories
from tidings.explore.export import Format as OutputFormat

if TYPE_CHECKING:  # the facade, the model and the stores load when a command runs, not for --help
    from tidings.app import Tidings

app = typer.Typer(help="Multilingual news in, cross-lingual stories out.", no_args_is_help=True)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def _open(db: str | None) -> Tidings:
    from tidings.app import Tidings
    from tidings.store import StoreError

    try:
        return Tidings.open(db, Settings.load())
    except (StoreError, ValueError) as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from None


# `tidings ingest` lives in cli_ingest.py (it uses `_open`, `out` and `err` above).
from tidings.cli_ingest import ingest  # noqa: E402

app.command()(ingest)


@app.command()
def articles(
    db: StoreOption = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="table, jsonl or csv")
    ] = OutputFormat.table,
    lang: LangOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    entity: EntityOption = None,
    place: PlaceOption = None,
    q: QueryOption = None,
    limit: LimitOption = PAGE,
    offset: OffsetOption = 0,
    every: AllOption = False,
) -> None:
    """List stored articles a page at a time: oldest first, or with --since, --until,
    --entity, --place or --q, those that pass them, best match (or newest) first."""
    _check_days(since, until)
    filters = {"lang": lang, "since": since, "until": until, "entity": entity, "place": place}
    with _open(db) as tidings:
        if since or until or entity or place or q:
            query = resolved_query(tidings, **filters, text=q)
            rows, total = found_articles(tidings, query, limit, offset, every)
            shown = _print_articles(tidings, rows, output)
        else:
            rows = tidings.articles(lang=lang, limit=None if every else limit, offset=offset)
            shown = _print_articles(tidings, rows, output)
            from tidings.explore.query import ArticleQuery

            total = tidings.find(ArticleQuery(lang=lang, limit=1)).total or 0
        if not every:
            page_note(shown, offset, total, "articles")


def _check_days(since: str | None, until: str | None) -> None:
    if since and until and since > until:
        raise typer.BadParameter(f"{since} is after --until {until}", param_hint="'--since'")


def _print_articles(tidings: Tidings, rows: Iterator[Any], output: OutputFormat) -> int:
    """The articles as JSON Lines, CSV or a table; how many there were."""
    if output is not OutputFormat.table:
        from tidings.cli_export import emit_articles

        return emit_articles(tidings, rows, output)
    table = Table("id", "lang", "published", "title", "source")
    for article in rows:
        published = article.published.date().isoformat() if article.published else ""
        table.add_row(
            article.id, article.lang or "", published, article.title or "", article.source
        )
    out.print(table)
    return table.row_count


@app.command()
def stories(
    db: StoreOption = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="table, jsonl or csv")
    ] = OutputFormat.table,
    lang: LangOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    entity: EntityOption = None,
    place: PlaceOption = None,
    q: QueryOption = None,
    display_lang: DisplayLangOption = None,
    limit: LimitOption = PAGE,
    offset: OffsetOption = 0,
    every: AllOption = False,
) -> None:
    """List stories, newest first, a page at a time: title, languages, days, events, articles."""
    _check_days(since, until)
    filters = {"lang": lang, "since": since, "until": until, "entity": entity, "place": place}
    with _open(db) as tidings:
        if entity or place or q:
            query = resolved_query(tidings, **filters, text=q)
            filters.update(entity=query.entity, place=query.place)
        if q:
            found, total = searched_stories(tidings, query, limit, offset, every)
        else:
            found = tidings.stories(**filters, limit=None if every else limit, offset=offset)
            total = None if every else _story_count(tidings, filters)
        if total is not None:
            page_note(len(found), offset, total, "stories")
        if output is not OutputFormat.table:
            from tidings.cli_export import emit_stories

            emit_stories(tidings, found, output)
            return
    out.print(render_stories(found, display_lang))


def _story_count(tidings: Tidings, filters: dict[str, str | None]) -> int:
    """How many stories pass the filters (their ids only: no summaries made)."""
    from tidings.store.story_rows import StoryFilter

    return len(tidings.store.story_ids(StoryFilter(**filters)))


def _store_for_files(db: str | None, names: list[str], option: str) -> str | None:
    """The store of a command that reads stored ids or files: refused if not there and
    some name is not a file; files alone are read without one (nothing is created)."""
    if store_exists(store_location(db)):
        return db
    if all(Path(name).is_file() for name in names):
        return ":memory:"
    missing = next(n for n in names if not Path(n).is_file())
    err.print(
        f"[red]error:[/red] {option}: no store at {store_location(db)}, so {missing!r} can "
        "only be a file, and there is none",
        highlight=False,
    )
    raise typer.Exit(2)


def _titles_of(tidings: Tidings, ids: list[str]) -> dict[str, tuple[str, str]]:
    """Article id -> (language, headline), for listing a story's articles."""
    briefs = tidings.store.briefs(ids)
    return {i: (b.lang or "?", b.title or "") for i, b in briefs.items()}


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="id of a stored article")],
    db: StoreOption = None,
    removed: Annotated[
        bool, typer.Option("--removed", help="also print removed boilerplate")
    ] = False,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="table, jsonl or csv (one row)")
    ] = OutputFormat.table,
) -> None:
    """Print one article with its analysis: entities, places, dates."""
    with _open(db) as tidings:
        article = tidings.article(article_id)
    if article is None:
        err.print(f"[red]error:[/red] no article with id {article_id!r}")
        raise typer.Exit(1)
    if output is not OutputFormat.table:
        from tidings.cli_export import emit_article

        emit_article(article, output)
        return
    out.print(render_article(article, removed=removed))


@app.command()
def compare(
    a: Annotated[str, typer.Argument(help="stored article id, or a file")],
    b: Annotated[str, typer.Argument(help="stored article id, or a file")],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON (as --format jsonl)")] = False,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="table, jsonl or csv (the seven scores)")
    ] = OutputFormat.table,
) -> None:
    """Score two articles on the seven SemEval-2022 Task 8 dimensions (1 = very similar)."""
    db = _store_for_files(db, [a, b], "--db")
    with _open(db) as tidings:
        try:
            comparison = tidings.compare(a, b)
        except LookupError as error:
            err.print(f"[red]error:[/red] {error}", highlight=False)
            raise typer.Exit(1) from None
    if as_json or output is not OutputFormat.table:
        from tidings.cli_export import emit_comparison

        emit_comparison(comparison, OutputFormat.jsonl if as_json else output)
    else:
        out.print(render_comparison(comparison))


@app.command()
def pairs(
    path: Annotated[Path, typer.Argument(help="JSONL of pairs: title1, text1, title2, text2")],
    out_file: Annotated[Path | None, typer.Option("--out", help="write here, not stdout")] = None,
    db: DbOption = None,
) -> None:
    """Score every pair of a pairs file; one JSON line per pair with its seven scores."""
    if not path.is_file():
        err.print(f"[red]error:[/red] {path}: no such file", highlight=False)
        raise typer.Exit(1)
    from tidings.ingest.errors import ReadFailure

    failed = 0
    # Without a store, the pairs are cleaned on their own (not against a stored corpus).
    db = db if store_exists(store_location(db)) else ":memory:"
    with _open(db) as tidings, _output(out_file) as sink:
        for item in tidings.compare_pairs(path):
            if isinstance(item, ReadFailure):
                failed += 1
                err.print(f"[yellow]failed:[/yellow] {item}", highlight=False)
                continue
            pair_id, comparison = item
            sink.write(json.dumps({"pair_id": pair_id, "scores": comparison.scores}) + "\n")
    if failed:
        raise typer.Exit(1)


@app.command()
def migrate(
    source: Annotated[
        str, typer.Option("--from", help="store to copy: a SQLite file or postgresql://…")
    ],
    target: Annotated[str, typer.Option("--to", help="store to copy into (created if new)")],
    batch_size: Annotated[int, typer.Option(help="rows a transaction", min=1)] = 500,
) -> None:
    """Copy a store into another, ids kept; running it again copies nothing twice."""
    from tidings import app as tidings_app
    from tidings.store import StoreError

    if not store_exists(source):
        err.print(f"[red]error:[/red] no store at {source} to copy")
        raise typer.Exit(2)
    try:
        report = tidings_app.migrate(source, target, batch_size=batch_size)
    except StoreError as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from None
    rows = " · ".join(f"{table} {n}" for table, n in (report.rows or {}).items())
    out.print(f"articles: new {report.articles} · already there {report.already} · {rows}")


@contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    with path.open("w", encoding="utf-8") as handle:
        yield handle


@app.callback()
def main(verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[
        str | None, typer.Option(help="address to listen on (default 127.0.0.1, or TIDINGS_HOST)")
    ] = None,
    port: PortOption = None,
) -> None:
    """Serve the JSON API (/api, OpenAPI at /openapi.json) and the web pages.

    Beyond loopback, writes need TIDINGS_API_TOKEN; without it the server is read-only."""
    import uvicorn  # the server's imports only for this command

    from tidings.api import create_app
    from tidings.store.redact import redacted

    try:
        settings = Settings.load().updated({"db": db, "host": host, "port": port})
        new = "" if store_exists(settings.db) else " (new and empty: ingest through the API)"
        server = create_app(settings)
    except ValueError as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from None
    access = server.state.write_access
    where = redacted(settings.db)  # a PostgreSQL URL may carry a password
    out.print(f"tidings on http://{settings.host}:{settings.port}/ · database {where}{new}")
    out.print(f"  {access.describe()}", highlight=False)
    uvicorn.run(server, host=settings.host, port=settings.port, log_level="warning")


# `tidings story ID` and its corrections (move, split, merge, lock) live in cli_story.py,
# which uses the options above.
from tidings.cli_story import story_app  # noqa: E402

app.add_typer(story_app, name="story")

# `tidings watch` and `tidings sources add|list|remove` live in cli_watch.py.
from tidings.cli_watch import register as register_watch  # noqa: E402

register_watch(app)
