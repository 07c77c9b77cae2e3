"""Word forms of place names in the ten SemEval languages.

The languages and their scripts (as bits of a sense's language set), the flags
that say how a form is matched, the folding of text to lookup keys, the script
of a name, and the forms a name takes in running text: Arabic proclitics and
article, Arabic nisba adjectives, inflectional endings and vowel-less stems.
Both the index (`tidings.analyze.gazetteer`) and the stage that reads it
(`tidings.analyze.places`) fold and strip words with these.
"""

from __future__ import annotations

import re
import unicodedata

LANGS = ("en", "de", "es", "fr", "it", "pl", "ru", "tr", "ar", "zh")
SCRIPTS = {"ru": "cyrl", "ar": "arab", "zh": "hani"}  # the others write Latin

# Endings tried when a word is not a name itself, written as keys are (no accents).
ENDINGS = {
    lang: tuple(ends.split())
    for lang, ends in {
        "en": "ians ans ns ian n s",
        "de": "es en er em e s n",
        "es": "as os es a o s",
        "fr": "nes ne es s e",
        "it": "i e a o",
        "pl": "iego ego iej ej ich ych imi ymi ami ach ie im ym ow om em a e i y u",
        "ru": "ого его ому ему ами ями ой ей ых их ым им ах ях ий ый ая яя ое ее ие ые ую юю ом ем "
        "а я у ю е и ы о",
        # Turkish writes case suffixes of names after an apostrophe; these attach without one.
        "tr": "lilarin lilerin lularin lilar liler lular lari leri larin lerin lar ler li lu",
    }.items()
}

# Sense flags.
ADJECTIVE = 1  # a nationality adjective: any letter case
ACRONYM = 2  # matched only when written in capitals
STEM = 4  # a name less its final vowel: matched only with an inflectional ending

VOWELS = frozenset("aeiouyаяоеиыуюьй")
_LATIN_NAME = re.compile(
    r"^[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+(?:[ -][A-Za-z\u00c0-\u024f\u1e00-\u1eff]+)*$"
)
_CYRILLIC_NAME = re.compile(r"^[\u0400-\u04ff]+(?:[ -][\u0400-\u04ff]+)*$")
# Arabic-language letters only: names spelt with Persian or Urdu letters never match.
_ARABIC_NAME = re.compile(r"^[\u0621-\u064a\u064b-\u0652]+(?: [\u0621-\u064a\u064b-\u0652]+)*$")
_HAN_NAME = re.compile(r"^[\u4e00-\u9fff]{2,}$")


def lang_bit(lang: str) -> int:
    return 1 << LANGS.index(lang)


ALL_LANGS = (1 << len(LANGS)) - 1


def fold_table() -> dict[int, str | None]:
    """Case-folded text to a matching key: no accents, Turkish ı as i, Arabic alef
    forms as ا and alef maqsura as ي, no Arabic vowel marks or tatweel."""
    table: dict[int, str | None] = {}
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        base = unicodedata.normalize("NFKD", chr(code))
        stripped = "".join(ch for ch in base if not unicodedata.combining(ch))
        if stripped != chr(code):
            table[code] = stripped.casefold()
    table.update({ord("ı"): "i", ord("ł"): "l", ord("ø"): "o", ord("đ"): "d", ord("ё"): "е"})
    table.update({ord(ch): None for ch in map(chr, range(0x300, 0x370))})
    table.update({ord(ch): "ا" for ch in "أإآٱ"})
    table.update({ord("ى"): "ي", 0x640: None, 0x670: None})
    table.update({code: None for code in range(0x64B, 0x660)})
    return table


def script_of(name: str) -> str | None:
    if _LATIN_NAME.match(name):
        return "latn"
    if _CYRILLIC_NAME.match(name):
        return "cyrl"
    if _ARABIC_NAME.match(name):
        return "arab"
    if _HAN_NAME.match(name):
        return "hani"
    return None


def min_length(script: str, major: bool) -> int:
    if script == "hani":
        return 2
    return 3 if script == "arab" or major else 4


def stems_of(key: str) -> set[str]:
    """Stems that inflected forms share: Москва → москв (Москве), Rosja → rosj
    (Rosji), rosyjski → rosyjsk (rosyjskiego)."""
    out = set()
    if key[-1:] in VOWELS and len(key) >= 4:
        out.add(key[:-1])
        if key[-2:-1] in VOWELS and len(key) >= 5:
            out.add(key[:-2])
    return out


def arabic_nisba(core: str) -> list[str]:
    """Arabic relative adjectives of a one-word name without its article:
    ليبيا → ليبي, ليبية, الليبيين ...; مصر → مصري ...; السعودية → سعودي ..."""
    if " " in core or core.endswith("ي"):  # مالي: its nisba is that of مال "money"
        return []
    if core.endswith(("يا", "ية")):
        stem = core[:-1]
    elif core.endswith(("ا", "ة")):
        stem = core[:-1] + "ي"
    else:
        stem = core + "ي"
    return nisba_forms(stem)


def nisba_forms(stem: str) -> list[str]:
    """روسي → روسي, روسية, روسيين, روسيون ..., with and without the article."""
    if len(stem) < 4:
        return []
    forms = [stem + end for end in ("", "ة", "ين", "ون", "ان", "تان", "تين")]
    return forms + ["ال" + f for f in forms]


def arabic_variants(key: str, article: bool = True) -> list[str]:
    """The word, then the word less proclitics and article: وبليبيا → ليبيا,
    لليبيا → ليبيا, بالجزائر → الجزائر, جزائر."""
    out = [key]
    for p1 in ("", "و", "ف"):
        if not key.startswith(p1):
            continue
        rest = key[len(p1) :]
        for p2 in ("", "ب", "ل", "ك"):
            if not rest.startswith(p2):
                continue
            core = rest[len(p2) :]
            forms = [core]
            if p2 == "ل" and core.startswith("ل"):  # لل: ل + ال, whose alef is dropped
                forms.append("ا" + core)
            if article:
                forms += [f[2:] for f in list(forms) if f.startswith("ال")]
            out += [f for f in forms if len(f) >= 3 and f not in out]
    return out
