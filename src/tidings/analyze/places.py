"""Countries, regions and cities an article mentions, in any of the ten SemEval languages.

Names come from the index in `tidings.analyze.gazetteer` (GeoNames cities and
countries, CLDR country names and nationality adjectives in every language).
The text is split into words; each word, or run of words for a multi-word name,
is looked up after undoing what the language attaches to a name:

* Turkish suffixes after an apostrophe (Trablus'un, Moskova’da) are dropped;
  without one, a known case or derivation suffix is tried (Libyalılar);
* Arabic proclitics و ف then ب ل ك and the article ال (وبليبيا, لليبيا,
  بالجزائر); nisba adjectives (الليبية) are in the index itself;
* Russian, Polish, German, English and Romance endings are tried when the rest
  is a name or a name less its final vowel (Москве → Москва, Rosji → Rosja);
* Chinese has no spaces: the longest name starting at each character is taken.

In Latin and Cyrillic text a name must be capitalised (adjectives such as
"russische" need not be), and an acronym from CLDR ("ABD", "США") must be in
capitals. A town's name next to a capitalised word that is no place is part of
a person's name and not counted (Hillary Clinton, Volodymyr Zelensky; not in
German, which capitalises nouns, nor after the town in Turkish, which names
institutions so: Kayseri Valisi). A name several places share (Tripoli in
Libya and in Lebanon) goes to the one whose country the article's unambiguous
mentions name, else to the biggest; a small town counts only when its country
is named too. Each distinct word is looked up once per language (a memo kept on
the stage), which keeps a long article near a millisecond.

Limits: no regions but US states; a city written in a form GeoNames lacks is
missed; inflected multi-word names (Соединённых Штатах) are matched only as
written; words newer than wordfreq's lists can still be taken for towns (Turkish
"Korona" for Corona, California); a country named like a given name
(Spanish Mauricio, Mauritius) is counted in a person's name too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from tidings.analyze.gazetteer import Entry, Gazetteer, Sense
from tidings.analyze.gazetteer_cache import load_gazetteer
from tidings.analyze.placenames import (
    ACRONYM,
    ADJECTIVE,
    ALL_LANGS,
    ENDINGS,
    LANGS,
    SCRIPTS,
    STEM,
    arabic_variants,
    lang_bit,
)
from tidings.model import Article, Place
from tidings.pipeline import StageBase

# Letters with the combining marks inside them (Arabic vowel signs, tatweel, accents).
_WORD = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f\u064b-\u065f\u0670\u0640])+")
_APOSTROPHES = "'’`"
_JOINERS = frozenset({" ", "-", "\u00a0"})

_MIN_STEM = 3
# Languages that capitalise names but not common nouns (German does both).
_NAME_LANGS = frozenset({"en", "es", "fr", "it", "pl", "ru", "tr"})
_STOPS = frozenset('.!?:;"«»“”|')
_MEMO_SIZE = 100_000  # words per language, about 15 MB
_Memo = tuple[tuple[str, ...], tuple[Sense, ...]]  # multi-word name starts, senses
_NOTHING: _Memo = ((), ())


@dataclass(kw_only=True, eq=False)
class PlaceFinder(StageBase):
    """Stage `analyze.places.v1`: sets `places` from the title and body.

    The gazetteer is built on first use (a few seconds) unless one is passed in,
    which lets several finders share it.
    """

    name = "analyze.places.v1"
    requires = ("title", "body", "lang")
    assigns = ("places",)

    gazetteer: Gazetteer | None = None
    min_population: int = 15000
    gazetteer_: Gazetteer | None = field(default=None, init=False, repr=False)
    # by last letter
    endings_: dict[str, dict[str, tuple[str, ...]]] = field(
        default_factory=dict, init=False, repr=False
    )
    # Lookups of words already seen, per language: most words of a text recur.
    words_: dict[str | None, dict[tuple[str, bool], _Memo]] = field(
        default_factory=dict, init=False, repr=False
    )

    def __post_init__(self) -> None:
        self.gazetteer_ = self.gazetteer

    def __call__(self, article: Article) -> Article:
        article.places = self.find(f"{article.title or ''}\n{article.body}", article.lang)
        return article

    def find(self, text: str, lang: str | None) -> list[Place]:
        gaz = self._gazetteer()
        lang = lang if lang in LANGS else None
        bit = lang_bit(lang) if lang else ALL_LANGS
        mentions = self._mentions(gaz, text, lang, bit)
        return _resolve(gaz, mentions, bit)

    def is_place(self, text: str, lang: str | None) -> bool:
        """Whether `text` names a place (what `EntityFinder` asks of a name)."""
        return bool(self.find(text, lang))

    def _gazetteer(self) -> Gazetteer:
        if self.gazetteer_ is None:
            self.gazetteer_ = load_gazetteer(self.min_population)
        if not self.endings_:
            for lang, ends in ENDINGS.items():
                by_last: dict[str, list[str]] = {}
                for end in map(self.gazetteer_.key, ends):
                    by_last.setdefault(end[-1], []).append(end)
                self.endings_[lang] = {last: tuple(e) for last, e in by_last.items()}
        return self.gazetteer_

    def _mentions(self, gaz: Gazetteer, text: str, lang: str | None, bit: int) -> list[list[Sense]]:
        tokens = _tokens(text)
        script = SCRIPTS.get(lang, "latn") if lang else None
        endings = self.endings_.get(lang, {}) if lang else {}
        common = gaz.whole.get(lang, frozenset()) if lang else frozenset()
        found: list[list[Sense]] = []
        keys: dict[str, str] = {}  # this text's words, folded
        seen = self.words_.setdefault(lang, {})
        if len(seen) > _MEMO_SIZE:
            seen.clear()
        i = 0
        while i < len(tokens):
            word, _start, _end, suffixed = tokens[i]
            if "\u4e00" <= word[0] <= "\u9fff":
                if script in (None, "hani"):
                    found += _han_mentions(gaz, word, bit)
                i += 1
                continue
            memo = seen.get((word, suffixed))
            if memo is None:
                key = keys.get(word) or keys.setdefault(word, gaz.key(word))
                variants = _variants(gaz, word, key)
                senses = tuple(
                    _single(gaz, word, key, suffixed, variants, bit, endings, common)
                    if variants
                    else ()
                )
                firsts = tuple(v for v in variants if v in gaz.multi)
                memo = seen[word, suffixed] = (firsts, senses) if firsts or senses else _NOTHING
            firsts, senses = memo
            width = 1
            if firsts:
                width, longer = _multi(gaz, tokens, keys, i, firsts, bit, text)
                senses = tuple(longer) or senses
            if (
                senses
                and width == 1
                and lang in _NAME_LANGS
                and _in_a_name(gaz, tokens, i, text, senses, lang)
            ):
                senses = ()
            if senses:
                found.append(list(senses))
            i += width
        return found


def _tokens(text: str) -> list[tuple[str, int, int, bool]]:
    """(word, start, end, followed by an apostrophe suffix) for each word."""
    tokens: list[tuple[str, int, int, bool]] = []
    for m in _WORD.finditer(text):
        word, start = m.group(), m.start()
        if (
            tokens
            and text[start - 1] in _APOSTROPHES
            and tokens[-1][2] == start - 1
            and word[0].islower()
        ):
            tokens[-1] = (*tokens[-1][:3], True)  # Trablus'un, Russia's: drop the suffix
            continue
        tokens.append((word, start, m.end(), False))
    return tokens


def _in_a_name(
    gaz: Gazetteer,
    tokens: list[tuple[str, int, int, bool]],
    i: int,
    text: str,
    senses: Sequence[Sense],
    lang: str,
) -> bool:
    """A town's name inside a person's: Hillary Clinton, George Washington,
    Volodymyr Zelensky. A big city's is kept (Ankara Valiliği, Moscow Mayor)."""
    word, start, end, _ = tokens[i]
    if not word[0].isupper() or any(gaz.entries[s.entry].major for s in senses):
        return False
    if i + 1 < len(tokens) and lang != "tr":  # Turkish names its institutions so: Kayseri Valisi
        nxt = tokens[i + 1]
        if text[end : nxt[1]] == " " and _name_word(gaz, nxt[0]):
            return True
    if i > 0:
        prev = tokens[i - 1]
        before = text[: prev[1]].rstrip()
        if text[prev[2] : start] == " " and _name_word(gaz, prev[0]) and before[-1:] not in _STOPS:
            return True
    return False


def _name_word(gaz: Gazetteer, word: str) -> bool:
    """Capitalised and no place: a given name or surname beside a town's name."""
    return word[0].isupper() and not word.isupper() and gaz.key(word) not in gaz.names


def _variants(gaz: Gazetteer, word: str, key: str) -> list[str]:
    """Keys to look the word up under; Arabic ones less their clitics, tried only
    when some tail of the word is a name at all."""
    if len(key) < 2:
        return []
    if not "\u0600" <= key[0] <= "\u06ff" or key in gaz.whole["ar"]:
        return [key]
    heads = gaz.arabic_heads
    if not (key[1:] in heads or key[2:] in heads or key[3:] in heads or key[4:] in heads):
        return [key]
    # أل with a hamza is no article: ألباريس is Albares, not ال + باريس.
    return arabic_variants(key, "أل" not in word[:3])


def _allowed(sense: Sense, bit: int, word: str, via_ending: bool) -> bool:
    if not sense.langs & bit:
        return False
    if sense.flags & ACRONYM:
        return word.isupper() and not via_ending
    if sense.flags & STEM and not via_ending:
        return False
    # Cased scripts: a place name is capitalised, an adjective need not be.
    return bool(sense.flags & ADJECTIVE) or not word[0].islower()


def _single(
    gaz: Gazetteer,
    word: str,
    key: str,
    suffixed: bool,
    variants: list[str],
    bit: int,
    endings: dict[str, tuple[str, ...]],
    common: frozenset[str],
) -> list[Sense]:
    for variant in variants:
        if variant in gaz.names:
            senses = [s for s in gaz.names[variant] if _allowed(s, bit, word, False)]
            if senses:
                return senses
    if suffixed or not endings or key in common:  # Además is no Aden
        return []
    for end in endings.get(key[-1], ()):
        if key.endswith(end) and len(key) - len(end) >= _MIN_STEM:
            stem = key[: -len(end)]
            senses = [
                s
                for s in (*gaz.names.get(stem, ()), *gaz.stems.get(stem, ()))
                if _allowed(s, bit, word, True)
            ]
            if senses:
                return senses
    return []


def _multi(
    gaz: Gazetteer,
    tokens: list[tuple[str, int, int, bool]],
    keys: dict[str, str],
    i: int,
    variants: Sequence[str],
    bit: int,
    text: str,
) -> tuple[int, list[Sense]]:
    for first in variants:
        most = gaz.multi.get(first, 0)
        for n in range(min(most, len(tokens) - i), 1, -1):
            span = tokens[i : i + n]
            if any(set(text[a[2] : b[1]]) - _JOINERS for a, b in pairwise(span)):
                continue
            rest = [keys.get(t[0]) or keys.setdefault(t[0], gaz.key(t[0])) for t in span[1:]]
            senses = [
                s
                for s in gaz.names.get(" ".join([first, *rest]), ())
                if _allowed(s, bit, span[0][0], False)
            ]
            if senses:
                return n, senses
    return 1, []


def _han_mentions(gaz: Gazetteer, run: str, bit: int) -> list[list[Sense]]:
    """Longest names first at each character of a run of Chinese characters."""
    found = []
    i = 0
    while i < len(run) - 1:
        for n in range(min(gaz.han_max, len(run) - i), 1, -1):
            senses = [s for s in gaz.names.get(run[i : i + n], ()) if s.langs & bit]
            if senses:
                found.append(senses)
                i += n
                break
        else:
            i += 1
    return found


def _resolve(gaz: Gazetteer, mentions: list[list[Sense]], bit: int) -> list[Place]:
    """Pick one place per mention: the article's own countries first, then the bigger."""
    entries = gaz.entries
    context: set[str] = set()
    for senses in mentions:
        countries = {entries[s.entry].country for s in senses}
        if len(countries) == 1 and not any(s.strict & bit for s in senses):
            context |= countries
    counts: Counter[int] = Counter()
    for senses in mentions:
        eligible = [s for s in senses if not s.strict & bit or entries[s.entry].country in context]
        if not eligible:
            continue
        best = max(eligible, key=lambda s: _rank(entries[s.entry], context))
        counts[best.entry] += 1
    places = [
        Place(id=e.id, name=e.name, country=e.country, mentions=n, kind=e.kind)
        for e, n in ((entries[idx], n) for idx, n in counts.items())
    ]
    places.sort(key=lambda p: (-p.mentions, p.name))
    return places


def _rank(entry: Entry, context: set[str]) -> tuple[bool, bool, bool, int]:
    return (entry.country in context, entry.kind == "country", entry.major, entry.population)
