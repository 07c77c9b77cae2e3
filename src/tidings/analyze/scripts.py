"""Which script a text is written in, and whether a language is written in it.

py3langid knows 97 languages and names one of them for any text: Inuktitut in
Canadian syllabics comes out as Amharic with 99.9 % confidence. A language
whose usual script (CLDR's likely subtags, from babel) is not the script of
the text's letters is not the text's language; a script none of its languages
use means a language the identifier does not know.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from babel.core import get_global

# The first word of a letter's Unicode name -> its ISO 15924 script, for the
# scripts of the languages py3langid identifies.
_SCRIPT_OF_NAME = {
    "LATIN": "Latn",
    "ARABIC": "Arab",
    "CYRILLIC": "Cyrl",
    "GREEK": "Grek",
    "HEBREW": "Hebr",
    "ETHIOPIC": "Ethi",
    "DEVANAGARI": "Deva",
    "BENGALI": "Beng",
    "GUJARATI": "Gujr",
    "GURMUKHI": "Guru",
    "ORIYA": "Orya",
    "TAMIL": "Taml",
    "TELUGU": "Telu",
    "KANNADA": "Knda",
    "MALAYALAM": "Mlym",
    "SINHALA": "Sinh",
    "THAI": "Thai",
    "LAO": "Laoo",
    "TIBETAN": "Tibt",
    "MYANMAR": "Mymr",
    "GEORGIAN": "Geor",
    "ARMENIAN": "Armn",
    "KHMER": "Khmr",
    "HANGUL": "Kore",
    "HIRAGANA": "Jpan",
    "KATAKANA": "Jpan",
    "CJK": "Hani",
}
# Han characters are written in Chinese, Japanese and (as Hanja) Korean.
_HAN_WRITERS = frozenset({"Hans", "Hant", "Jpan", "Kore"})
UNKNOWN = "unknown"


def script_of(text: str) -> str | None:
    """The script of most of the letters of `text` (ISO 15924), `UNKNOWN` for
    a script outside the table, None for a text without letters."""
    counts: Counter[str] = Counter()
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "").split(" ", 1)[0]
            counts[_SCRIPT_OF_NAME.get(name, UNKNOWN)] += 1
    return counts.most_common(1)[0][0] if counts else None


def scripts_of(lang: str) -> frozenset[str]:
    """The scripts CLDR writes `lang` in, in any region (Serbian: Cyrillic and
    Latin; Uzbek: Latin, Cyrillic, Arabic); empty when CLDR does not know it."""
    prefix = f"{lang}_"
    return frozenset(
        parts[1]
        for value in get_global("likely_subtags").values()
        if value.startswith(prefix) and len(parts := value.split("_")) > 2
    )


def written_in(script: str | None, scripts: frozenset[str]) -> bool:
    """Whether a text in `script` may be in a language written in `scripts`.
    A text without letters, or a language CLDR does not know, passes; a script
    outside the table does not."""
    if script is None or not scripts:
        return True
    if script == UNKNOWN:
        return False
    return script in scripts or (script == "Hani" and bool(scripts & _HAN_WRITERS))
