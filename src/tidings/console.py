"""Terminal renderings of articles for the CLI (rich renderables, no I/O)."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from tidings.model import Article


def render_article(article: Article, *, removed: bool = False) -> Group:
    parts: list = [Text(article.title or "(no title)", style="bold"), _facts(article)]
    if article.entities:
        entities = Table(
            "entity", "type", "key", "mentions", title="Entities", title_justify="left"
        )
        for e in article.entities:
            entities.add_row(e.name, e.type, e.key, str(e.mentions))
        parts.append(entities)
    if article.places:
        places = Table("place", "kind", "country", "id", "mentions", title="Places",
                       title_justify="left")  # fmt: skip
        for p in article.places:
            places.add_row(p.name, p.kind, p.country, p.id, str(p.mentions))
        parts.append(places)
    if article.dates:
        dates = Table("as written", "date", "mentions", title="Dates", title_justify="left")
        for d in article.dates:
            dates.add_row(d.text, d.date, str(d.mentions))
        parts.append(dates)
    parts += [Text(""), Text(article.body)]
    if removed and article.boilerplate:
        parts += [Text("\nRemoved as boilerplate:", style="bold dim")]
        parts += [Text(f"  {line}", style="dim") for line in article.boilerplate]
    return Group(*parts)


def _facts(article: Article) -> Text:
    event = ""
    if article.event_date:
        event = f"event {article.event_date.isoformat()}"
        event += " (estimated)" if article.event_date_estimated else ""
    facts = [
        f"id {article.id}",
        f"lang {article.lang or '?'}",
        f"published {article.published.isoformat()}" if article.published else "",
        event,
        article.url or article.source,
    ]
    return Text(" · ".join(f for f in facts if f), style="dim")
