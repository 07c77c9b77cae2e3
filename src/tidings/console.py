"""Terminal renderings of articles for the CLI (rich renderables, no I/O)."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from tidings.compare import Comparison
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


def render_comparison(comparison: Comparison) -> Group:
    """The seven scores as bars (1 = very similar … 4 = very dissimilar) and the reasons."""
    scores = Table("dimension", "score", "", title=f"{comparison.a}  vs  {comparison.b}")
    for dimension, value in comparison.scores.items():
        similar = max(0.0, min(1.0, (4 - value) / 3))
        scores.add_row(dimension, f"{value:.2f}", "█" * round(20 * similar))
    reasons = comparison.reasons
    lines = [
        _named("shared entities", reasons.get("shared_entities", {})),
        _named("shared places", reasons.get("shared_places", {})),
        f"date gap: {reasons.get('date_gap_days', '?')} days"
        + (" (estimated dates)" if reasons.get("dates_estimated") else ""),
        f"views that agree: {', '.join(reasons.get('agreeing_views', [])) or 'none'}",
        "cosines: " + ", ".join(f"{k} {v:.2f}" for k, v in reasons.get("cosines", {}).items()),
    ]
    return Group(scores, *(Text(line) for line in lines))


def _named(label: str, keyed: dict[str, str]) -> str:
    return f"{label}: {', '.join(keyed.values()) if keyed else 'none'}"
