"""Search words in the spellings a text may use: with or without diacritics.

An analyst types "cavusoglu" for Çavuşoğlu, or "Çavuşoğlu" where an English text
wrote "Cavusoglu". The full-text index holds the texts as written (trigrams, any
case), so a word is looked up in each spelling it may have: as typed, folded
(diacritics, dotless ı and Arabic short-vowel marks removed), and the folded form
with the letters that Turkish and other Latin alphabets mark put back in every
combination, up to `MAX_SPELLINGS` (a long word with many such letters is looked
up as typed and folded only).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import product

# Letters a folded word may stand for: the base letter and its marked forms.
MARKED = {"c": "cç", "g": "gğ", "i": "iı", "o": "oö", "s": "sş", "u": "uü"}
MAX_SPELLINGS = 64
_ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")  # harakat, dagger alif, tatweel


def fold(text: str) -> str:
    """`text` without diacritics (ç -> c, ı -> i) or Arabic short-vowel marks, lower case."""
    bare = _ARABIC_MARKS.sub("", text).replace("ı", "i").replace("İ", "I")
    decomposed = unicodedata.normalize("NFD", bare)
    kept = "".join(ch for ch in decomposed if not _latin_mark(ch))
    return unicodedata.normalize("NFC", kept).lower()


@lru_cache(maxsize=4096)
def spellings(term: str) -> tuple[str, ...]:
    """The spellings `term` is looked up in: as typed first, then folded, then the
    folded form's marked variants (at most `MAX_SPELLINGS` in all). Remembered: a
    search's snippets ask again for every article found."""
    folded = fold(term)
    found = [term, folded]
    choices = [MARKED.get(ch, ch) for ch in folded]
    count = 1
    for options in choices:
        count *= len(options)
    if count <= MAX_SPELLINGS:
        found += ["".join(letters) for letters in product(*choices)]
    return tuple(dict.fromkeys(found))


def _latin_mark(ch: str) -> bool:
    """A combining mark (cedilla, breve, umlaut…); Arabic marks are taken off apart."""
    return unicodedata.combining(ch) > 0 and not "\u0600" <= ch <= "\u06ff"
