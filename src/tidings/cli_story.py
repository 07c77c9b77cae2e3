"""`tidings story …`: one story (`tidings story ID`, table or JSON with the reason for each
article) and an analyst's corrections (`move`, `split`, `merge`, `lock`)."""

from __future__ import annotations

import getpass
import json
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import click
import typer
from rich.text import Text
from typer.core import TyperGroup

from tidings.cli import _open, _titles_of, err, out
from tidings.cli_options import IdOption, StoreOption
from tidings.console import render_story

if TYPE_CHECKING:  # the stores and the tracker load when a command runs, not for --help
    from tidings.store.correction_queries import CorrectionRow
    from tidings.stories.corrections import Corrections


class StoryCommands(TyperGroup):
    """`tidings story ID …` means `tidings story show ID …`: a story's id is no command."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["show", *args]
        return super().parse_args(ctx, args)


story_app = typer.Typer(
    cls=StoryCommands,
    no_args_is_help=True,
    help="One story (tidings story ID), and corrections: move, split, merge, lock.",
)


class StoryFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


ByOption = Annotated[
    str | None, typer.Option("--by", help="who makes the correction (default: your user name)")
]
NoteOption = Annotated[str, typer.Option("--note", help="why, for the corrections log")]


def _who(by: str | None) -> str:
    if by:
        return by
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "cli"


@story_app.command("show")
def show(
    story_id: IdOption,
    db: StoreOption = None,
    output: Annotated[
        StoryFormat,
        typer.Option(
            "--format",
            help="table; json: events, articles, reasons; jsonl or csv: its articles, one a row",
        ),
    ] = StoryFormat.table,
) -> None:
    """Print one story: its events, articles per language and a timeline; with
    --format json also why each article is where it is, the lock and the corrections."""
    with _open(db) as tidings:
        if output in (StoryFormat.jsonl, StoryFormat.csv):
            from tidings.cli_export import Format, emit_story_articles

            found = tidings.story(story_id)
            if found is None:
                _missing(story_id)
            emit_story_articles(tidings, found, Format(output.value))  # type: ignore[arg-type]
            return
        if output is StoryFormat.json:
            detail = tidings.story_detail(story_id)
            if detail is not None:
                typer.echo(json.dumps(detail, ensure_ascii=False))
                return
            _missing(story_id)
        summary = tidings.story(story_id)
        if summary is None:
            _missing(story_id)
        titles = _titles_of(tidings, summary.article_ids)  # type: ignore[union-attr]
        corrections = tidings.corrections()
        log, locked = corrections.log(summary.id), corrections.is_locked(summary.id)  # type: ignore[union-attr]
    out.print(render_story(summary, titles))  # type: ignore[arg-type]
    if summary.id != story_id:  # type: ignore[union-attr]
        out.print(f"(story {story_id} was merged into story {summary.id})")  # type: ignore[union-attr]
    if locked:
        out.print("locked: its articles change only by hand")
    for row in log:
        out.print(Text(f"correction {row.seq} · {row.at} · {row.who} · {_described(row)}"))


def _missing(story_id: int) -> None:
    err.print(f"[red]error:[/red] no story with id {story_id}")
    raise typer.Exit(1)


@story_app.command()
def move(
    article_id: Annotated[str, typer.Argument(help="id of a placed article")],
    to_event: Annotated[int | None, typer.Option(help="into this event")] = None,
    to_story: Annotated[int | None, typer.Option(help="into a new event of this story")] = None,
    new_event: Annotated[bool, typer.Option(help="into a new event of its own story")] = False,
    new_story: Annotated[bool, typer.Option(help="into a new event in a new story")] = False,
    by: ByOption = None,
    note: NoteOption = "",
    db: StoreOption = None,
) -> None:
    """Move an article to another event or story by hand; later articles that match it
    follow it there."""
    from tidings.stories.corrections import Target

    target = Target(event=to_event, story=to_story, new_event=new_event, new_story=new_story)
    _correct(db, lambda c: c.move(article_id, target, by=_who(by), note=note))


@story_app.command()
def split(
    event_id: Annotated[int, typer.Argument(help="id of an event")],
    article_ids: Annotated[list[str], typer.Argument(help="the articles to take out")],
    by: ByOption = None,
    note: NoteOption = "",
    db: StoreOption = None,
) -> None:
    """Split an event: the chosen articles go to a new event of the same story."""
    _correct(db, lambda c: c.split(event_id, article_ids, by=_who(by), note=note))


@story_app.command()
def merge(
    story_id: Annotated[int, typer.Argument(help="id of a story")],
    other_id: Annotated[int, typer.Argument(help="id of the story to merge with it")],
    by: ByOption = None,
    note: NoteOption = "",
    db: StoreOption = None,
) -> None:
    """Merge two stories; the older (smaller) id stays, the other leads to it."""
    _correct(db, lambda c: c.merge(story_id, other_id, by=_who(by), note=note))


@story_app.command()
def lock(
    story_id: Annotated[int, typer.Argument(help="id of a story")],
    unlock: Annotated[bool, typer.Option("--unlock", help="unlock it instead")] = False,
    by: ByOption = None,
    note: NoteOption = "",
    db: StoreOption = None,
) -> None:
    """Lock a story: no article joins it (or leaves it) automatically, only by hand."""
    _correct(db, lambda c: c.lock(story_id, not unlock, by=_who(by), note=note))


def _correct(db: str | None, change: Callable[[Corrections], CorrectionRow]) -> None:
    """Make a correction and say what it did; a refused one exits 1 for an unknown id,
    2 for a bad request, naming it."""
    from tidings.stories.corrections import CorrectionError

    with _open(db) as tidings:
        try:
            row = change(tidings.corrections())
        except LookupError as error:
            err.print(f"[red]error:[/red] {error.args[0]}", highlight=False)
            raise typer.Exit(1) from None
        except CorrectionError as error:
            err.print(f"[red]error:[/red] {error}", highlight=False)
            raise typer.Exit(2) from None
    out.print(f"correction {row.seq}: {_described(row)}")


def _described(row: CorrectionRow) -> str:
    """A correction in words."""
    d: dict[str, Any] = row.detail
    text = {
        "move": lambda: (
            f"moved {d.get('article')} from event {d.get('from_event')} (story "
            f"{d.get('from_story')}) to event {d.get('to_event')} (story {d.get('to_story')})"
        ),
        "split": lambda: (
            f"split {', '.join(d.get('articles', []))} out of event "
            f"{d.get('event')} into event {d.get('new_event')}"
        ),
        "merge": lambda: f"merged story {d.get('from')} into story {d.get('into')}",
        "lock": lambda: f"locked story {row.story_id}",
        "unlock": lambda: f"unlocked story {row.story_id}",
    }.get(row.kind, lambda: row.kind)()
    return f"{text} ({d['note']})" if d.get("note") else text
