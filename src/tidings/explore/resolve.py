"""From what a person types to what the store knows: names to entity keys, place
names to place ids.

An analyst types "Haftar", "Khalifa Haftar", "Хафтар" or "حفتر", not `hftr`; and
"Libya", "Libyen", "ليبيا" or "Libya'daki", not `LY`. The analysis already reduces
every name in any script to a cross-lingual key (`analyze.names`) and every place
name in any language or inflection to a gazetteer id (`analyze.places`); the
resolver reads the typed text the same ways and keeps what the store holds.

A name is read under the spelling rules of every language its script is written
in (a Latin "Cavusoglu" is `cfsgl` read as Turkish, `kfsgl` read as English):
the readings that the store holds are the candidates. One candidate is the
answer; several are listed for the person to choose (`AmbiguousName`); none is an
`UnknownName`, so that a misspelt filter says so instead of listing nothing.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Protocol

from tidings.analyze.names import org_key, person_key, script, skeleton, strip_article
from tidings.explore.query import ArticleQuery

# The languages whose spelling rules read a typed name, by its script.
READINGS = {
    "latin": ("tr", "en", "de", "fr", "es", "it", "pl"),
    "arabic": ("ar",),
    "cyrillic": ("ru",),
    "han": ("zh",),
    "other": ("en",),
}
# How a name typed in one script is read against names stored in another: the
# English and Turkish conventions that transliterations into Latin follow.
CROSS_READINGS = {"latin": ("en", "tr"), "arabic": ("ar",), "cyrillic": ("ru",), "han": ("zh",)}
# Articles read to confirm a key by its written forms, and to label it.
_LABEL_SAMPLE = 10
# The most words of a place name (Bosnia and Herzegovina).
_PLACE_WORDS = 4
# The shortest name key a search term is taken to name (consonant classes).
_MIN_KEY = 3


class Finder(Protocol):
    def find(self, query: ArticleQuery) -> Any: ...


class PlaceNames(Protocol):
    def find(self, text: str, lang: str | None) -> list[Any]: ...


class SharedPlaces:
    """A place finder for many threads (a server's readers): one finds at a time, as
    the finder builds its gazetteer and its word memo on first use. Answers are
    remembered (the gazetteer does not change), so the lock is taken for a new
    name only: a search's words come again and again, and under load the threads
    queued on the lock (each finds in seven languages). Callers must not change
    the lists they get."""

    def __init__(self, places: PlaceNames, remembered: int = 4096):
        self.places = places
        self._lock = threading.Lock()
        self._remembered = lru_cache(maxsize=remembered)(self._find)

    def find(self, text: str, lang: str | None) -> list[Any]:
        return self._remembered(text, lang)

    def _find(self, text: str, lang: str | None) -> list[Any]:
        with self._lock:
            return self.places.find(text, lang)


@dataclass(frozen=True)
class Candidate:
    """One thing a typed name may mean: its key (the filter's value), how it is
    written most often in the store, and in how many articles it occurs."""

    key: str
    label: str
    articles: int


class UnknownName(ValueError):
    """Nothing in the store is known by the typed name."""

    def __init__(self, kind: str, typed: str):
        self.kind = kind
        self.typed = typed
        super().__init__(f"{kind}: no {kind} known as {typed!r} in this store")


class AmbiguousName(ValueError):
    """The typed name reads as several things the store holds: choose one by its key."""

    def __init__(self, kind: str, typed: str, candidates: list[Candidate]):
        self.kind = kind
        self.typed = typed
        self.candidates = candidates
        listed = "; ".join(f"{c.key} ({c.label}, {c.articles} articles)" for c in candidates)
        super().__init__(
            f"{kind}: {typed!r} may be any of {len(candidates)} {kind} keys: {listed}; "
            f"give one of these keys as the {kind}"
        )


def name_keys(typed: str) -> list[str]:
    """The keys a typed person or organisation name has under each reading, most
    likely first (a person's surname before a whole organisation name)."""
    tokens = typed.split()
    if not tokens:
        return []
    langs = READINGS.get(script(typed), READINGS["other"])
    keys = [person_key(tokens, lang) for lang in langs]
    keys += [org_key(tokens, lang) for lang in langs] if len(tokens) > 1 else []
    return [k for k in dict.fromkeys(keys) if k]


class Resolver:
    """Resolves typed entity and place names against one store (its `find`).

    `places` is the place finder of the analysis (its gazetteer loads on first use).
    """

    def __init__(self, store: Finder, places: PlaceNames):
        self.store = store
        self.places = places

    def entity(self, typed: str) -> str:
        """The entity key a typed name means; the key itself passes unchanged."""
        return _one("entity", typed, self.entity_candidates(typed))

    def place(self, typed: str) -> str:
        """The place filter a typed place name means: a country's code (anywhere in
        it), a city's or region's GeoNames id; ids and codes pass unchanged."""
        return _one("place", typed, self.place_candidates(typed))

    def entity_candidates(
        self, typed: str, *, whole: bool = False, min_key: int = 0
    ) -> list[Candidate]:
        """The stored entities `typed` may name: each reading's key (of `min_key` class
        letters or more) that the store holds and that a stored mention confirms
        (`_reads_as`; `whole`: word for word)."""
        typed = typed.strip()
        keys = [k for k in name_keys(typed) if len(k.replace("-", "")) >= min_key]
        found = []
        for key in [typed, *keys] if typed else []:
            page = self.store.find(ArticleQuery(entity=key, limit=_LABEL_SAMPLE))
            written = [(e.name, h.article.lang) for h in page.items
                       for e in h.article.entities if e.key == key]  # fmt: skip
            if key == typed or any(_reads_as(typed, n, lang, whole) for n, lang in written):
                label = Counter(n for n, _ in written).most_common(1)
                found.append(Candidate(key, label[0][0] if label else key, page.total or 0))
        return _ranked([c for c in found if c.articles])

    def place_candidates(self, typed: str) -> list[Candidate]:
        typed = typed.strip()
        if not typed:
            return []
        found = []
        for value, label in [(typed, typed), *self._gazetteer_ids(typed)]:
            total = self.store.find(ArticleQuery(place=value, limit=1)).total
            if total:
                found.append(Candidate(value, label, total))
        return _ranked(found)

    def searching(self, query: ArticleQuery) -> ArticleQuery:
        """`query` with the keys each search term may name (see `ArticleQuery.aliases`):
        the entity keys the store holds among its readings and the places it reads as;
        a known name of several words lends its keys to each ("Khalifa Haftar": both
        words are `hftr` too, as Arabic keys the surname alone)."""
        if not query.terms:
            return query
        whole = self._known_keys(query.text or "", whole=True) if len(query.terms) > 1 else []
        aliases = []
        for term in query.terms:
            keys = [*whole, *self._known_keys(term), *_place_aliases(term, self.places)]
            if keys:
                aliases.append((term, tuple(dict.fromkeys(keys))))
        return replace(query, aliases=tuple(aliases))

    def _known_keys(self, typed: str, *, whole: bool = False) -> list[str]:
        """The keys of the stored entities `typed` names, long enough to name someone
        (a two-letter skeleton names too many)."""
        found = self.entity_candidates(typed, whole=whole, min_key=_MIN_KEY)
        return [c.key for c in found if len(c.key.replace("-", "")) >= _MIN_KEY]

    def _gazetteer_ids(self, typed: str) -> list[tuple[str, str]]:
        """(filter value, English name) of each place the typed name reads as."""
        seen: dict[str, str] = {}
        for place in _places_read(typed, self.places):
            seen.setdefault(place.country if place.kind == "country" else place.id, place.name)
        return list(seen.items())


def _reads_as(typed: str, name: str, lang: str | None, whole: bool) -> bool:
    """Whether a name written in a stored article (in `lang`) is what `typed` means.

    In the same script, `typed` is read by the article's own spelling rules (so
    "Haftar" is the Turkish "Hafter", but "Morocco" is not the Turkish "Mark",
    which an English reading would key alike); across scripts, by the readings that
    transliterations follow (`CROSS_READINGS`). `whole` asks every word to match
    (a phrase lending its keys to each of its words), not the surname alone."""
    same = script(typed) == script(name)
    readings = (lang,) if same else CROSS_READINGS.get(script(typed), READINGS["other"])
    if whole:
        stored = _word_keys(name, lang)
        return any(_word_keys(typed, r) == stored for r in readings)
    tokens, words = typed.split(), name.split()
    stored_keys = {person_key(words, lang), org_key(words, lang)}
    return any({person_key(tokens, r), org_key(tokens, r)} & stored_keys for r in readings)


def _word_keys(text: str, lang: str | None) -> tuple[str, ...]:
    return tuple(skeleton(strip_article(w), lang) for w in text.split())


def _ranked(found: list[Candidate]) -> list[Candidate]:
    """Once each (by key), most articles first."""
    unique = {c.key: c for c in reversed(found)}
    return sorted(unique.values(), key=lambda c: -c.articles)


def _one(kind: str, typed: str, candidates: list[Candidate]) -> str:
    if not candidates:
        raise UnknownName(kind, typed)
    exact = [c for c in candidates if c.key == typed.strip()]
    if exact:  # a key given as such
        return exact[0].key
    if len(candidates) > 1:
        raise AmbiguousName(kind, typed, candidates)
    return candidates[0].key


def _place_aliases(term: str, places: PlaceNames) -> list[str]:
    return [p.country if p.kind == "country" else p.id for p in _places_read(term, places)]


def _places_read(typed: str, places: PlaceNames) -> list[Any]:
    """The places a typed name reads as in any language of its script; a name typed
    in lower case is read capitalised too (the finder wants names capitalised). Text
    of more words than a place name has is no place name (the finder would find a
    place inside a sentence)."""
    if len(typed.split()) > _PLACE_WORDS:
        return []
    forms = [typed] if typed != typed.lower() else [typed, typed.title()]
    langs = READINGS.get(script(typed), READINGS["other"])
    return [p for form in forms for lang in langs for p in places.find(form, lang)]


def resolved(resolver: Resolver, query: ArticleQuery) -> ArticleQuery:
    """`query` with its entity and place names turned into the keys the store holds,
    and its search words given their keys; ValueError for an unknown or ambiguous name."""
    entity = resolver.entity(query.entity) if query.entity else None
    place = resolver.place(query.place) if query.place else None
    return resolver.searching(replace(query, entity=entity, place=place))
