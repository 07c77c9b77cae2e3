"""`tidings watch` (poll feeds, sitemaps and folders, and ingest what is new) and
`tidings sources add|list|remove` (the list of sources a store keeps)."""

from __future__ import annotations

import json
import signal
import threading
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from tidings.cli import _open, err, out, serve
from tidings.cli_options import DbOption, PortOption, StoreOption

if TYPE_CHECKING:  # the watcher loads when a command runs, not for --help
    from tidings.app import Tidings
    from tidings.watch import PollSummary, Source

sources_app = typer.Typer(no_args_is_help=True, help="The feeds, sitemaps and folders watched.")

_SOURCES_HELP = "feed or news-sitemap URLs, folders, sources files (.toml), OPML exports (.opml)"
SourcesArgument = Annotated[list[str], typer.Argument(help=_SOURCES_HELP)]
EveryOption = Annotated[
    str | None,
    typer.Option(help="how often to poll a source that sets no interval: 90s, 10m, 1h (10m)"),
]
PrivateOption = Annotated[
    bool,
    typer.Option(
        "--allow-private-addresses",
        help="also fetch from loopback, private and link-local addresses (intranet feeds); "
        "or the setting watch_allow_private",
    ),
]


def register(app: typer.Typer) -> None:
    app.command()(watch)
    app.add_typer(sources_app, name="sources")


def watch(
    sources: Annotated[list[str] | None, typer.Argument(help=_SOURCES_HELP)] = None,
    db: DbOption = None,
    every: EveryOption = None,
    once: Annotated[bool, typer.Option("--once", help="poll each source once, then stop")] = False,
    serve_too: Annotated[
        bool, typer.Option("--serve", help="serve the API and web pages in the same process")
    ] = False,
    allow_private_addresses: PrivateOption = False,
    host: Annotated[str | None, typer.Option(help="with --serve: address to listen on")] = None,
    port: PortOption = None,
) -> None:
    """Poll feeds, news sitemaps and folders, and ingest each new article.

    The sources given join the store's list (see `tidings sources`); each is polled
    every --every (or its own interval) and each new article is cleaned, analysed
    and placed in stories.

    Politely: robots.txt, one request at a time per host, retries with a pause.
    Stop with Ctrl-C or SIGTERM; a watcher stopped at any moment resumes where it was."""
    seconds, found = _parsed(sources or [], every)
    allow = allow_private_addresses or None
    with _open(db) as tidings:
        watcher = tidings.watcher(allow_private=allow, every=seconds)
        watcher.add(found)
        if not watcher.state.sources():
            err.print("[red]error:[/red] no sources: give some, or add them with "
                      "`tidings sources add`")  # fmt: skip
            raise typer.Exit(2)
    stop = threading.Event()
    if not serve_too:
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        _watch(db, allow, seconds, stop, once)
        return
    thread = threading.Thread(target=_watch, args=(db, allow, seconds, stop, once), daemon=True)
    thread.start()
    try:
        serve(db=db, host=host, port=port)
    finally:
        stop.set()
        thread.join(timeout=60)


def _watch(
    db: str | None, allow: bool | None, seconds: float, stop: threading.Event, once: bool
) -> None:
    """The watcher's loop, on a store connection of its own (a thread of its own with --serve)."""
    with _open(db) as tidings:
        watcher = tidings.watcher(allow_private=allow, every=seconds)
        watcher.on_poll = _print_poll
        try:
            watcher.run(stop, once=once)
        except KeyboardInterrupt:
            err.print("stopped")
        finally:
            watcher.close()


def _parsed(args: list[str], every: str | None) -> tuple[float, list[Source]]:
    from tidings.watch import SourceError, parse_every, read_sources

    try:
        return parse_every(every or "10m"), read_sources(args)
    except SourceError as error:
        err.print(f"[red]error:[/red] {escape(str(error))}")
        raise typer.Exit(2) from None


def _print_poll(summary: PollSummary) -> None:
    failed = f", {len(summary.failures)} failed" if summary.failures else ""
    out.print(f"{escape(summary.name)}: {summary.status}, {summary.new} new{failed}",
              highlight=False)  # fmt: skip
    for reason in summary.failures:
        err.print(f"  {escape(reason)}", highlight=False)


@sources_app.command("add")
def sources_add(
    sources: SourcesArgument,
    db: DbOption = None,
    name: Annotated[str | None, typer.Option(help="its name (one source only)")] = None,
    lang: Annotated[str | None, typer.Option(help="its language (ISO 639-1)")] = None,
    every: Annotated[str | None, typer.Option(help="how often to poll it: 90s, 10m, 1h")] = None,
    max_entries: Annotated[
        int | None, typer.Option(help="the newest this many entries a poll, at most", min=1)
    ] = None,
) -> None:
    """Add sources to the store's list (or change those listed already)."""
    from dataclasses import replace

    seconds, found = _parsed(sources, every)
    changes = {"lang": lang, "max_entries": max_entries,
               "every_seconds": seconds if every else None}  # fmt: skip
    changes = {k: v for k, v in changes.items() if v is not None}
    if name is not None and len(found) == 1:
        changes["name"] = name
    found = [replace(s, **changes) for s in found]
    with _open(db) as tidings:
        tidings.watcher().add(found)
    for source in found:
        out.print(f"added {escape(source.name)}: {escape(source.url)}", highlight=False)


@sources_app.command("list")
def sources_list(
    db: StoreOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines, one source a line")] = False,
) -> None:
    """The sources watched, with their last poll, new articles and failures."""
    with _open(db) as tidings:
        rows = _rows(tidings)
    if as_json:
        for row in rows:
            out.print(json.dumps(row, ensure_ascii=False), soft_wrap=True, highlight=False)
        return
    table = Table("name", "url", "last poll", "status", "new", "failures", "last failure")
    for row in rows:
        last = row["last_failure"] or ""
        table.add_row(*(escape(str(row[k] if row[k] is not None else "never"))
                        for k in ("name", "url", "last_poll", "last_status")),
                      str(row["new_articles"]), str(row["failures"]), escape(last))  # fmt: skip
    out.print(table)


def _rows(tidings: Tidings) -> list[dict]:
    from tidings.watch.status import source_statuses

    return source_statuses(tidings.store)


@sources_app.command("remove")
def sources_remove(
    urls: Annotated[list[str], typer.Argument(help="the URLs (or folders) to stop watching")],
    db: StoreOption = None,
) -> None:
    """Stop watching sources; what they brought stays stored."""
    from pathlib import Path

    missing = 0
    with _open(db) as tidings:
        state = tidings.watcher().state
        for url in urls:
            key = url if "://" in url else str(Path(url).resolve())
            if state.remove_source(key):
                out.print(f"removed {escape(key)}", highlight=False)
            else:
                err.print(f"[yellow]not watched:[/yellow] {escape(url)}")
                missing += 1
    if missing:
        raise typer.Exit(1)
