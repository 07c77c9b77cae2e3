"""Where an article's entities and places occur in its text, for highlighting.

The analysis stores what an article mentions, not where. Places are found again
by the same gazetteer, one word (and pair of words) at a time, and kept only when
they resolve to a place the analysis found in the whole article, so the context
that resolved the article (Tripoli in Libya, not Lebanon) still decides. Entities
are found by the name the article writes most often and, for people, the
surname alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from tidings.model import Article, Place

# Letters with the combining marks inside them (Arabic vowel signs, accents), apostrophes ending them.
_WORD = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f\u064b-\u065f\u0670\u0640])+")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
MIN_SURNAME = 4

PlaceLookup = Callable[[str, "str | None"], list[Place]]


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    kind: str  # "entity" | "place"
    key: str  # entity key or place id
    label: str  # what it is: the entity's name, the place's English name


def find_mentions(text: str, article: Article, lookup: PlaceLookup | None) -> list[Mention]:
    """Non-overlapping mentions in `text` (the article's title or body), in order."""
    found = list(_entity_mentions(text, article))
    if lookup is not None:
        found += _place_mentions(text, article, lookup)
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for mention in found:
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


def _entity_mentions(text: str, article: Article) -> Iterator[Mention]:
    for entity in article.entities:
        forms = {entity.name}
        surname = entity.name.split()[-1] if entity.name.split() else ""
        if entity.type == "person" and len(surname) >= MIN_SURNAME:
            forms.add(surname)
        for form in sorted(forms, key=len, reverse=True):
            for match in re.finditer(_pattern(form), text):
                yield Mention(match.start(), match.end(), "entity", entity.key, entity.name)


def _pattern(form: str) -> str:
    """A form as a whole word in Latin script; anywhere in other scripts, where
    clitics join words (وحفتر)."""
    escaped = re.escape(form)
    if _LATIN_LETTER.search(form):
        return rf"(?<![^\W\d_]){escaped}(?![^\W\d_])"
    return escaped


def _place_mentions(text: str, article: Article, lookup: PlaceLookup) -> Iterator[Mention]:
    wanted = {p.id: p for p in article.places}
    if not wanted:
        return
    words = list(_WORD.finditer(text))
    cache: dict[str, list[Place]] = {}

    def resolve(candidate: str) -> list[Place]:
        if candidate not in cache:
            cache[candidate] = [p for p in lookup(candidate, article.lang) if p.id in wanted]
        return cache[candidate]

    for i, word in enumerate(words):
        if i + 1 < len(words) and text[word.end() : words[i + 1].start()] == " ":
            # Two words naming a place that neither names alone (Abu Dhabi, New York).
            pair = resolve(text[word.start() : words[i + 1].end()])
            alone = {p.id for w in (word, words[i + 1]) for p in resolve(w.group())}
            if pair and pair[0].id not in alone and not resolve(word.group()):
                name = wanted[pair[0].id].name
                yield Mention(word.start(), words[i + 1].end(), "place", pair[0].id, name)
                continue
        place = next(iter(resolve(word.group())), None)
        if place is not None:
            yield Mention(word.start(), word.end(), "place", place.id, place.name)


class RememberedLookup:
    """A place lookup that keeps its answers: the same words come back in article after
    article, and looking one up runs the gazetteer's whole analysis of it. The lookup
    must be pure (the gazetteer's is); at `size` answers, all are forgotten at once.
    Safe to share between threads (one dict operation at a time)."""

    def __init__(self, lookup: PlaceLookup, size: int = 200_000):
        self.lookup = lookup
        self.size = size
        self._answers: dict[tuple[str, str | None], list[Place]] = {}

    def __call__(self, text: str, lang: str | None) -> list[Place]:
        key = (text, lang)
        found = self._answers.get(key)
        if found is None:
            found = self.lookup(text, lang)
            if len(self._answers) >= self.size:
                self._answers.clear()
            self._answers[key] = found
        return found
