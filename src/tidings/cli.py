"""The `tidings` command line: parse arguments, call `Tidings`, print results."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from tidings import app as tidings_app
from tidings.app import Tidings
from tidings.config import Settings
from tidings.console import render_article, render_comparison, render_stories, render_story
from tidings.ingest.errors import ReadFailure
from tidings.ingest.runner import IngestReport
from tidings.ingest.runner import Progress as IngestProgress
from tidings.store import StoreError

app = typer.Typer(help="Multilingual news in, cross-lingual stories out.", no_args_is_help=True)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="SQLite file or postgresql://user@host/dbname (default ./tidings.db, or TIDINGS_DB)",
        show_default=False,
    ),
]


class Engine(StrEnum):
    auto = "auto"
    inline = "inline"
    process = "process"
    ray = "ray"


class OutputFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


def _open(db: str | None) -> Tidings:
    try:
        return Tidings.open(db, Settings.load())
    except (StoreError, ValueError) as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from None


@app.command()
def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="files, folders, glob patterns, or - for stdin")
    ],
    db: DbOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress bar")] = False,
    engine: Annotated[
        Engine,
        typer.Option(
            help="where cleaning, analysis and embedding run: inline (this process), process "
            "(worker processes), ray (Ray actors); auto: process for inputs of 1 MiB or more"
        ),
    ] = Engine.auto,
    address: Annotated[
        str | None,
        typer.Option(help="Ray cluster: auto or ray://host:10001 (default: start a local Ray)"),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            help="worker processes or Ray actors (default: the workers setting, 2)", min=1
        ),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(
            help="publication day (YYYY-MM-DD) of inputs that give none of their own; "
            "without it their dates stay unknown"
        ),
    ] = None,
) -> None:
    """Read, clean and store articles; print what was new, duplicate or failed."""
    from tidings.ingest.dates import publication_default

    try:
        default = publication_default(published)
    except ValueError as error:
        err.print(f"[red]error:[/red] --{error}")
        raise typer.Exit(2) from None
    with _open(db) as tidings:
        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("inputs · {task.fields[read]} articles"),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=err, disable=quiet or not err.is_terminal) as bar:
            task = bar.add_task("ingesting", total=None, read=0)

            def show(state: IngestProgress) -> None:
                bar.update(
                    task, total=state.inputs_total, completed=state.inputs_done, read=state.read
                )

            try:
                report = tidings.ingest(
                    paths, stdin=sys.stdin.buffer, progress=show, address=address,
                    engine=None if engine is Engine.auto else engine.value, workers=workers,
                    published=default,
                )  # fmt: skip
            except ModuleNotFoundError as error:
                if engine is not Engine.ray:
                    raise
                err.print(f"[red]error:[/red] {error}: pip install 'tidings[ray]'")
                raise typer.Exit(2) from None
    _print_report(report)
    if report.read == 0 and report.failed:
        raise typer.Exit(1)


def _print_report(report: IngestReport) -> None:
    out.print(
        f"read {report.read} · new {report.new} · duplicates {report.duplicates} · failed {report.failed}"
        f" · new events {report.new_events} · new stories {report.new_stories}"
    )
    for failure in report.failures:
        err.print(f"[yellow]failed:[/yellow] {failure}", highlight=False)


@app.command()
def articles(
    db: DbOption = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="table or jsonl")
    ] = OutputFormat.table,
    lang: Annotated[str | None, typer.Option(help="only this language (ISO 639-1)")] = None,
    limit: Annotated[int | None, typer.Option(help="at most this many")] = None,
) -> None:
    """List stored articles."""
    with _open(db) as tidings:
        rows = tidings.articles(lang=lang, limit=limit)
        if output is OutputFormat.jsonl:
            for chunk in _chunks(rows, 500):
                where = tidings.placements([a.id for a in chunk])
                for article in chunk:
                    record = article.to_dict()
                    record.pop("text")
                    record["event_id"], record["story_id"] = where.get(article.id, (None, None))
                    typer.echo(json.dumps(record, ensure_ascii=False))
            return
        table = Table("id", "lang", "published", "title", "source")
        for article in rows:
            published = article.published.date().isoformat() if article.published else ""
            table.add_row(
                article.id, article.lang or "", published, article.title or "", article.source
            )
        out.print(table)


def _chunks(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@app.command()
def stories(
    db: DbOption = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="table or jsonl")
    ] = OutputFormat.table,
    lang: Annotated[str | None, typer.Option(help="with articles in this language")] = None,
    since: Annotated[str | None, typer.Option(help="last article on or after (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, typer.Option(help="first article on or before")] = None,
    entity: Annotated[str | None, typer.Option(help="naming this entity key")] = None,
    place: Annotated[str | None, typer.Option(help="at this place id or country code")] = None,
    limit: Annotated[int | None, typer.Option(help="at most this many")] = None,
) -> None:
    """List stories, newest first: title, languages, days, events and articles."""
    with _open(db) as tidings:
        found = tidings.stories(
            lang=lang, since=since, until=until, entity=entity, place=place, limit=limit
        )
    if output is OutputFormat.jsonl:
        keys = ("id", "title", "titles", "languages", "article_ids", "event_ids", "first", "last",
                "span_days", "size", "evidence", "entities", "places", "timeline")  # fmt: skip
        for summary in found:
            record = summary.to_dict()
            typer.echo(json.dumps({k: record[k] for k in keys}, ensure_ascii=False))
        return
    out.print(render_stories(found))


@app.command()
def story(
    story_id: Annotated[int, typer.Argument(help="id of a story")],
    db: DbOption = None,
) -> None:
    """Print one story: its events, articles per language and a timeline."""
    with _open(db) as tidings:
        summary = tidings.story(story_id)
        titles = {} if summary is None else _titles_of(tidings, summary.article_ids)
    if summary is None:
        err.print(f"[red]error:[/red] no story with id {story_id}")
        raise typer.Exit(1)
    out.print(render_story(summary, titles))


def _titles_of(tidings: Tidings, ids: list[str]) -> dict[str, tuple[str, str]]:
    """Article id -> (language, headline), for listing a story's articles."""
    briefs = tidings.store.briefs(ids)
    return {i: (b.lang or "?", b.title or "") for i, b in briefs.items()}


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="id of a stored article")],
    db: DbOption = None,
    removed: Annotated[
        bool, typer.Option("--removed", help="also print removed boilerplate")
    ] = False,
) -> None:
    """Print one article with its analysis: entities, places, dates."""
    with _open(db) as tidings:
        article = tidings.article(article_id)
    if article is None:
        err.print(f"[red]error:[/red] no article with id {article_id!r}")
        raise typer.Exit(1)
    out.print(render_article(article, removed=removed))


@app.command()
def compare(
    a: Annotated[str, typer.Argument(help="stored article id, or a file")],
    b: Annotated[str, typer.Argument(help="stored article id, or a file")],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Score two articles on the seven SemEval-2022 Task 8 dimensions (1 = very similar)."""
    with _open(db) as tidings:
        try:
            comparison = tidings.compare(a, b)
        except LookupError as error:
            err.print(f"[red]error:[/red] {error}", highlight=False)
            raise typer.Exit(1) from None
    if as_json:
        typer.echo(json.dumps(comparison.to_dict(), ensure_ascii=False))
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
    failed = 0
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
    port: Annotated[int | None, typer.Option(help="port to listen on (default 8000)")] = None,
) -> None:
    """Serve the JSON API (/api, OpenAPI at /openapi.json) and the web pages.

    Beyond loopback, writes need TIDINGS_API_TOKEN; without it the server is read-only."""
    import uvicorn  # the server's imports only for this command

    from tidings.api import create_app

    try:
        settings = Settings.load().updated({"db": db, "host": host, "port": port})
        server = create_app(settings)
    except ValueError as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from None
    access = server.state.write_access
    out.print(f"tidings on http://{settings.host}:{settings.port}/ · database {settings.db}")
    out.print(f"  {access.describe()}", highlight=False)
    uvicorn.run(server, host=settings.host, port=settings.port, log_level="warning")
