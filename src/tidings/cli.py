"""The `tidings` command line: parse arguments, call `Tidings`, print results."""

from __future__ import annotations

import json
import logging
import sys
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from tidings.app import Tidings
from tidings.config import Settings
from tidings.console import render_article
from tidings.ingest.runner import IngestReport
from tidings.ingest.runner import Progress as IngestProgress
from tidings.store import StoreError

app = typer.Typer(help="Multilingual news in, cross-lingual stories out.", no_args_is_help=True)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="SQLite file (default ./tidings.db, or TIDINGS_DB)", show_default=False
    ),
]


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
) -> None:
    """Read, clean and store articles; print what was new, duplicate or failed."""
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

            report = tidings.ingest(paths, stdin=sys.stdin.buffer, progress=show)
    _print_report(report)
    if report.read == 0 and report.failed:
        raise typer.Exit(1)


def _print_report(report: IngestReport) -> None:
    out.print(
        f"read {report.read} · new {report.new} · duplicates {report.duplicates} · failed {report.failed}"
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
            for article in rows:
                record = article.to_dict()
                record.pop("text")
                typer.echo(json.dumps(record, ensure_ascii=False))
            return
        table = Table("id", "lang", "published", "title", "source")
        for article in rows:
            published = article.published.date().isoformat() if article.published else ""
            table.add_row(
                article.id, article.lang or "", published, article.title or "", article.source
            )
        out.print(table)


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


@app.callback()
def main(verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")
