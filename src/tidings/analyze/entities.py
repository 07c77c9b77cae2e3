"""People and organisations: mention detection without a model, keyed across scripts.

Cased scripts (en, de, es, fr, it, pl, ru, tr). A mention is a run of capitalised
words; an apostrophe suffix (Hafter'in) ends it, all-caps lines (headlines),
months and weekdays are skipped, and a sentence-initial common word (Bu, Ancak,
The) is dropped from it. A run is then read by its words:
- after a title is a person: "Dışişleri Bakanı | Mevlüt Çavuşoğlu", "Russian
  President | Vladimir Putin", "le président | Emmanuel Macron";
- a run with an organisation head is an organisation ("Milli Savunma
  Bakanlığı", "United Nations", "Ministère des Affaires"), one with an event,
  law or building head is nothing ("Dünya Kupası", "Topkapı Sarayı");
- an untitled run of two to four words is a person unless its last word is a
  common word (in jusText's stoplist for the language, or written in lower case
  elsewhere in the article) or a place;
- German capitalises every noun, so there leading common nouns are dropped from
  an untitled run ("Fussballer | Juan Izquierdo", "Tochter | Hannah") and a run
  ending in an abstract noun is none ("Seine Forderung"): see `Lexicon.noun`;
- a lone capitalised word only counts as one more mention of a person the
  article names otherwise, matched by surname or key (Putins, Лаврова), so
  "Türkiye" or "Bu" never become entities.

Arabic and Chinese have no case, so their names come from patterns around
titles, possessives, reporting verbs and organisation heads: see
`tidings.analyze.entity_patterns`. The word lists of every language are in
`tidings.analyze.entity_lexicon`, and `tidings.analyze.entity_mentions` counts
the mentions into entities.

Keys come from `tidings.analyze.names`: people on the surname, organisations on
all their words. Places are no entities: the optional `is_place(text, lang)`
hook (the gazetteer) drops them and the place words inside titles; without it
an untitled place pair ("Sri Lanka") is taken for a person.

Limits: a name mentioned once without title or given name is missed; a brand or
team in two capitalised words passes for a person; in German a run ending in a
common noun without a noun suffix passes for one ("Kellers Rückkehr"), since
German-only surnames (Höcke) are as frequent as nouns; Arabic names before an
undetected verb keep it ("خليفة حفتر غادر"); types come from head words only;
Russian and Polish organisations with lower-case genitives (Министерство
обороны) and Chinese names without a title are not found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from tidings.analyze.entity_lexicon import Lexicon, build_lexicon
from tidings.analyze.entity_mentions import Found, IsPlace, Mention, add_person, count_mentions
from tidings.analyze.entity_patterns import arabic_mentions, chinese_mentions
from tidings.analyze.names import org_key, strip_article
from tidings.model import Article, Entity
from tidings.pipeline import StageBase

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_BREAK = re.compile(r"[.!?:;\"“”«»„(…—–•|‘]")  # a gap holding one of these opens a sentence


class Token(NamedTuple):
    """A word of cased text."""

    word: str
    low: str  # lower case
    opens: bool  # opens a sentence
    joined: bool  # joined to the word before by spaces only
    cap: bool  # capitalised
    caps: bool  # all capitals
    closes: bool  # ends with an apostrophe suffix


@dataclass(kw_only=True, eq=False)
class EntityFinder(StageBase):
    """Stage `analyze.entities.v1`: sets `entities`, people and organisations by mentions.

    `is_place(text, lang)` says whether a name is a place (a country, region or
    city); such names are not entities and are skipped inside titles.
    """

    name = "analyze.entities.v1"
    requires = ("title", "body", "lang")
    assigns = ("entities",)

    is_place: IsPlace | None = None
    max_name_words: int = 4
    _lexicons: dict[str, Lexicon] = field(default_factory=dict, init=False, repr=False)

    def __call__(self, article: Article) -> Article:
        text = f"{article.title or ''}\n{article.body}"
        article.entities = self.find(text, article.lang or "")
        return article

    def find(self, text: str, lang: str | None) -> list[Entity]:
        """People and organisations named in `text`, most mentioned first."""
        lang = (lang or "").split("-")[0].lower()
        if lang == "zh":
            return count_mentions(Found(strong=chinese_mentions(text)), lang)
        if lang == "ar":
            found = arabic_mentions(text, self._lexicon(lang), self.is_place, self.max_name_words)
        else:
            found = self._cased(text, lang)
        return count_mentions(found, lang)

    def _place(self, text: str, lang: str) -> bool:
        return self.is_place is not None and self.is_place(text, lang)

    def _lexicon(self, lang: str) -> Lexicon:
        # Built on first use: the stoplists are files in jusText's package.
        if lang not in self._lexicons:
            self._lexicons[lang] = build_lexicon(lang)
        return self._lexicons[lang]

    def _person(self, words: list[str], lang: str, out: list[Mention]) -> None:
        add_person(words, lang, self.is_place, out)

    # -- scripts with case ---------------------------------------------------------------

    def _cased(self, text: str, lang: str) -> Found:
        lex = self._lexicon(lang)
        lines = [_cased_tokens(line, lang, lex) for line in text.splitlines()]
        lowered = {t.low for toks in lines for t in toks if not t.cap}
        found = Found()
        for toks in lines:
            if not _headline(toks):
                for run, before in _runs(toks, lex):
                    self._cased_run(run, before, lex, lang, lowered, found)
        return found

    def _cased_run(
        self,
        words: list[Token],
        before: Token | None,
        lex: Lexicon,
        lang: str,
        lowered: set[str],
        found: Found,
    ) -> None:
        strong, weak = found.strong, found.weak
        if words[0].opens and (words[0].low in lex.function or words[0].low in lowered):
            words = words[1:]  # a common word opening the sentence
        while words and words[0].low in lex.links:
            words = words[1:]
        if not words:
            return
        lows = [w.low for w in words]
        head = max((k for k, w in enumerate(lows) if lex.orgs(w)), default=-1)
        title = max((k for k, w in enumerate(lows) if k != head and lex.titles(w)), default=-1)
        if head > title:  # "Milli Savunma Bakanlığı", "Ministère des Affaires"
            org = words[title + 1 :] if head == title + 1 else words[title + 1 : head + 1]
            self._org(org, lang, lex, strong)
            return
        if title >= 0:  # "Rusya Dışişleri Bakanı | Sergey Lavrov"
            if head >= 0:
                self._org(words[: head + 1], lang, lex, strong)
            else:
                weak.extend(w.word for w in words[:title])  # "Putins Sprecher"
            name = words[title + 1 :]
            while name and (name[0].low in lex.links or lex.titles(name[0].low)):
                name = name[1:]
            while len(name) > 1 and lex.noun(name[0].low):
                name = name[1:]  # "Chef der Billigfluglinie | Ryanair"
            if name and not _common(name[-1], lex, lowered) and not lex.other(name[-1].low):
                self._person([w.word for w in name[: self.max_name_words]], lang, strong)
            return
        titled = before is not None and not before.cap and lex.titles(before.low)
        if len(words) == 1 and not titled:
            weak.append(words[0].word)
            return
        while len(words) > 2 and (words[0].low in lex.function or words[0].low in lex.stop):
            words = words[1:]  # "Asuntos Exteriores | Serguéi Lavrov"
        while len(words) > 1 and self._place(words[0].word, lang):
            words = words[1:]
        nouns = 0
        while len(words) > nouns + 1 and lex.noun(words[nouns].low):
            nouns += 1  # German nouns: "Fussballer | Juan Izquierdo", "Plattform | X"
        if nouns and len(words) == nouns + 1:
            weak.append(words[-1].word)
            return
        words = words[nouns:]
        if (
            _common(words[-1], lex, lowered)
            or any(w.low in lex.function for w in words)
            or lex.other(words[0].low)
            or lex.other(words[-1].low)  # events, laws, buildings: "Dünya Kupası"
            or self._place(words[-1].word, lang)  # "Başta İstanbul", "Mall of Istanbul"
        ):
            weak.extend(w.word for w in words if w.low not in lex.links)
            return
        self._person([w.word for w in words[: self.max_name_words]], lang, strong)

    @staticmethod
    def _org(words: list[Token], lang: str, lex: Lexicon, out: list[Mention]) -> None:
        if len(words) >= 2 and not (lex.other(words[0].low) or lex.other(words[-1].low)):
            out.append(
                (org_key([w.word for w in words], lang), "org", " ".join(w.word for w in words))
            )


# -- cased tokens and word tests ------------------------------------------------------------


def _lower(word: str, lang: str) -> str:
    if lang in ("tr", "az"):
        word = word.replace("I", "ı")
    return word.replace("İ", "i").lower()


def _cased_tokens(line: str, lang: str, lex: Lexicon) -> list[Token]:
    toks: list[Token] = []
    end = 0
    for match in _WORD.finditer(line):
        word, start = match.group(), match.start()
        gap = line[end:start]
        end = match.end()
        closes = False
        if "'" in word or "’" in word:
            head, _, tail = word.replace("’", "'").partition("'")
            if head.lower() in lex.elision and tail[:1].isupper():
                word = tail  # l'ONU, dell'Onu
            elif not (len(head) == 1 and head.isupper() and tail[:1].isupper()):  # O'Brien
                word, closes = head, True  # Hafter'in, Putin's
            if not word:
                continue
        first = word[0]
        cap = first.isupper() or (
            first.islower() and "-" in word[:4] and strip_article(word)[:1].isupper()
        )  # es-Serrac, al-Sisi
        if not toks:
            opens, joined = True, False
        elif gap == " ":
            opens, joined = False, True
        else:
            opens, joined = bool(_BREAK.search(gap)), not gap.strip()
        caps = cap and len(word) > 1 and word.isupper()
        low = _lower(word, lang) if "I" in word or "İ" in word else word.lower()
        toks.append(Token(word, low, opens, joined, cap, caps, closes))
    return toks


def _headline(toks: list[Token]) -> bool:
    words = [t for t in toks if len(t.word) > 1]
    return len(words) >= 2 and sum(t.caps for t in words) >= 0.6 * len(words)


def _runs(toks: list[Token], lex: Lexicon) -> Iterable[tuple[list[Token], Token | None]]:
    """Runs of capitalised words, each with the word before it (a lower-case title?)."""

    def usable(t: Token) -> bool:
        return t.cap and not t.caps and t.low not in lex.time

    run: list[Token] = []
    before = None
    for i, tok in enumerate(toks):
        link = tok.low in lex.links and i + 1 < len(toks) and usable(toks[i + 1])
        if run and tok.joined and (usable(tok) or (link and toks[i + 1].joined)):
            run.append(tok)
        else:
            if run:
                yield run, before
            run = [tok] if usable(tok) else []
            before = toks[i - 1] if i and tok.joined else None
        if run and tok.closes:  # an apostrophe suffix closes the noun phrase
            yield run, before
            run = []
    if run:
        yield run, before


def _common(tok: Token, lex: Lexicon, lowered: set[str]) -> bool:
    low = tok.low
    return low in lex.stop or low in lowered or low in lex.function or lex.noun_ending(low)
