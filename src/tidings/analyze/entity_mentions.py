"""An article's entity mentions and how they are counted into entities.

Both readers of `tidings.analyze.entities` (cased scripts, and the Arabic and
Chinese patterns of `tidings.analyze.entity_patterns`) collect mentions into a
`Found`; `count_mentions` then turns them into `Entity` values. A lone word
counts only as one more mention of a person named otherwise, matched by surname
or key (Putins, Лаврова, لحفتر), and a tentative person only if named again.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from tidings.analyze.names import person_key, strip_article
from tidings.model import Entity

IsPlace = Callable[[str, str], bool]
Mention = tuple[str, str, str]  # key, type, surface


@dataclass
class Found:
    """One article's mentions: `weak` are lone words, which count only for a person
    found otherwise; `tentative` people count only if named again."""

    strong: list[Mention] = field(default_factory=list)
    weak: list[str] = field(default_factory=list)
    tentative: list[Mention] = field(default_factory=list)


def add_person(words: list[str], lang: str, is_place: IsPlace | None, out: list[Mention]) -> None:
    """Adds the person `words` name to `out`, unless the name is a place or keyless."""
    surface = " ".join(words)
    key = person_key(words, lang)
    if len(key) >= 2 and not (is_place is not None and is_place(surface, lang)):
        out.append((key, "person", surface))


def count_mentions(found: Found, lang: str) -> list[Entity]:
    """Entities from an article's mentions, most mentioned first."""
    mentions = found.strong + found.tentative
    people: dict[str, str] = {}  # surname as written -> key
    counts: Counter[str] = Counter()
    names: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for key, kind, surface in mentions:
        if kind == "person":
            surname = surface.rsplit(" ", 1)[-1]
            people.setdefault(surname, key)
            people.setdefault(strip_article(surname), key)
        counts[key] += 1
        names[key][surface] += 1
        kinds[key][kind] += 1
    keys = set(people.values())
    seen: dict[str, str | None] = {}
    for word in found.weak if people else ():
        if word not in seen:
            seen[word] = _weak_key(word, lang, people, keys)
        if (key := seen[word]) is not None:
            counts[key] += 1
            # a clitic is no part of the name: لحفتر is written حفتر
            names[key][word[1:] if lang == "ar" and word not in people else word] += 1
    settled = {key for key, _, _ in found.strong}
    entities = [
        Entity(
            key=key,
            type="person" if kinds[key]["person"] >= kinds[key]["org"] else "org",
            name=max(names[key].items(), key=lambda kv: (kv[1], len(kv[0])))[0],
            mentions=n,
        )
        for key, n in counts.items()
        if key in settled or n > 1
    ]
    entities.sort(key=lambda e: (-e.mentions, e.name))
    return entities


def _weak_key(word: str, lang: str, people: dict[str, str], keys: set[str]) -> str | None:
    """The person a lone word names: its surname as written, less a clitic or ال; in
    cased text also by key, which undoes case endings (Путина, Putins)."""
    if lang == "ar":  # as written, or less ال (السراج), or less a clitic (لحفتر، والسراج)
        for form in (word, word[1:]):
            if key := people.get(form) or people.get(strip_article(form)):
                return key
        return None
    if key := people.get(word):
        return key
    key = person_key([word[:-1] if lang == "de" and word.endswith("s") else word], lang)
    return key if len(key) >= 3 and key in keys else None
