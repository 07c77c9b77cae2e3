"""Terminal renderings of articles for the CLI (rich renderables, no I/O)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:  # types only: the command line starts without the model and numpy
    from tidings.compare import Comparison
    from tidings.model import Article
    from tidings.stories import StorySummary


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
            dates.add_row(d.text, d.shown, str(d.mentions))
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


def render_stories(stories: list[StorySummary], display_lang: str | None = None) -> Table:
    """The stories as a table; titles in `display_lang` where a story has one."""
    table = Table("id", "days", "articles", "languages", "events", "title")
    for story in stories:
        table.add_row(
            str(story.id),
            _days(story.first, story.last),
            str(story.size),
            " ".join(f"{lang} {n}" for lang, n in story.languages.items()),
            str(len(story.event_ids)),
            story.titles.get(display_lang or "", story.title),
        )
    return table


def render_story(story: StorySummary, articles: dict[str, tuple[str, str]]) -> Group:
    """A story: its headline per language, who and where, each event with its
    articles per language, and a text timeline (one bar per day and language)."""
    parts: list = [Text(story.title or "(no title)", style="bold")]
    facts = [f"story {story.id}", _days(story.first, story.last), f"{story.size} articles",
             ", ".join(f"{lang} {n}" for lang, n in story.languages.items())]  # fmt: skip
    parts.append(Text(" · ".join(facts), style="dim"))
    parts += [Text(f"  [{lang}] {title}") for lang, title in story.titles.items()]
    if story.entities:
        parts.append(
            Text("who: " + ", ".join(f"{e['name']} ({e['count']})" for e in story.entities))
        )
    if story.places:
        parts.append(
            Text("where: " + ", ".join(f"{p['name']} ({p['count']})" for p in story.places))
        )
    for event in story.events:
        parts += [Text(""), Text(f"event {event.id} · {_days(event.first, event.last)} · "
                                 f"{event.size} articles · {event.title}", style="bold")]  # fmt: skip
        by_lang: dict[str, list[str]] = {}
        for article_id in event.article_ids:
            lang, title = articles.get(article_id, ("?", ""))
            by_lang.setdefault(lang, []).append(f"{article_id}  {title}")
        for lang, lines in by_lang.items():
            parts.append(Text(f"  {lang} ({len(lines)})"))
            parts += [Text(f"    {line}", style="dim") for line in lines]
    parts += [Text(""), Text("timeline", style="bold"), *_timeline(story.timeline)]
    return Group(*parts)


def _timeline(rows: list[dict]) -> list[Text]:
    return [Text(f"  {r['day'] or 'date unknown'}  {r['lang']:<3} "
                 f"{'█' * min(r['count'], 60)} {r['count']}")
            for r in rows]  # fmt: skip


def _days(first: str | None, last: str | None) -> str:
    if first is None or last is None:
        return "date unknown"
    return first if first == last else f"{first} … {last}"
