"""`tidings ingest`: read, clean, analyse, store and place articles, and say how it went."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from tidings.cli import _open, err, out
from tidings.cli_options import AddressOption, DbOption
from tidings.progress_bar import IngestBar

if TYPE_CHECKING:  # the facade and the readers load when the command runs, not for --help
    from tidings.ingest.readers import FieldMap
    from tidings.ingest.runner import IngestReport


class Engine(StrEnum):
    auto = "auto"
    inline = "inline"
    process = "process"
    ray = "ray"


FieldOption = Annotated[
    list[str] | None,
    typer.Option(
        help="the record field that holds this part (JSONL, CSV); may be repeated",
        show_default=False,
    ),
]


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
    address: AddressOption = None,
    workers: Annotated[
        int | None,
        typer.Option(
            help="worker processes or Ray actors (default: the workers setting, 2)", min=1
        ),
    ] = None,
    text_field: FieldOption = None,
    title_field: FieldOption = None,
    id_field: FieldOption = None,
    date_field: FieldOption = None,
    lang_field: FieldOption = None,
    failures: Annotated[
        Path | None,
        typer.Option(help="write every failure and warning to this file, one a line"),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(
            help="publication day (YYYY-MM-DD) of inputs that give none of their own; "
            "without it their dates stay unknown"
        ),
    ] = None,
) -> None:
    """Read, clean and store articles; print what was new, duplicate or failed.

    Records (JSONL, CSV/TSV) whose fields are not called text, title, id, published
    and lang: name them with --text-field etc.; give --text-field several times for
    several articles a record (a row of pairs), each other option once or as often."""
    from tidings.ingest.dates import publication_default

    fields = _field_map(text_field, title_field, id_field, date_field, lang_field)
    try:
        default = publication_default(published)
    except ValueError as error:
        err.print(f"[red]error:[/red] --{error}")
        raise typer.Exit(2) from None
    with _open(db) as tidings:
        bar = IngestBar(err, disable=quiet or not err.is_terminal)  # phase, done/total, pace
        with bar as show:
            try:
                report = tidings.ingest(
                    paths, stdin=sys.stdin.buffer, progress=show, address=address,
                    engine=None if engine is Engine.auto else engine.value, workers=workers,
                    fields=fields,
                    published=default,
                )  # fmt: skip
            except ModuleNotFoundError as error:
                if engine is not Engine.ray:
                    raise
                err.print(f"[red]error:[/red] {error}: pip install 'tidings[ray]'")
                raise typer.Exit(2) from None
    _print_report(report)
    if failures is not None:
        from tidings.ingest.failures import write_notices

        write_notices(failures, report.failures, report.warnings)
    if report.read == 0 and report.failed:
        raise typer.Exit(1)


def _print_report(report: IngestReport) -> None:
    from tidings.ingest.failures import summary

    out.print(
        f"read {report.read} · new {report.new} · duplicates {report.duplicates} · failed {report.failed}"
        f" · new events {report.new_events} · new stories {report.new_stories}"
    )
    for line in summary(report.failures):  # a million failures: the first, then counts
        err.print(f"[yellow]failed:[/yellow] {escape(line)}", highlight=False)
    for line in summary(report.warnings):
        err.print(f"[yellow]warning:[/yellow] {escape(line)}", highlight=False)


def _field_map(*names: list[str] | None) -> FieldMap | None:
    if not any(names):
        return None
    from tidings.ingest.readers import FieldMap

    try:
        return FieldMap(*(tuple(n or ()) for n in names))
    except ValueError as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from None
