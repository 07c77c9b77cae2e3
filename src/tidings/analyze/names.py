"""Cross-lingual name keys: a name in any script reduced to a Latin consonant skeleton.

The same person is written "Hafter" in Turkish, "Haftar" in English, "Хафтар" in
Russian and "حفتر" in Arabic. Arabic script writes no short vowels, so no key
that keeps vowels can match it; the key is therefore the sequence of consonant
*classes* that every script agrees on:

1. Lower-case (Turkish dotted/dotless i kept apart) and strip an Arabic article:
   ال on Arabic tokens, es-/el-/al-/as-/ad-/er-... on Latin ones; cut Russian
   and Polish case endings that carry a consonant (Путиным, Putinowi).
2. Transliterate with the rules of the text's language, so each letter becomes
   the sound it stands for there: Turkish c=ç=/dʒ,tʃ/, ş=/ʃ/, ğ=g; German sch,
   tsch, ch=/x/, w=v, z=ts, j=/j/; Spanish j=h, ll=y; French ch=/ʃ/, j=/ʒ/;
   Italian c/g before e/i; Polish cz, sz, rz, w, ł; English ch, sh, th, j.
   Cyrillic and Arabic go through fixed tables.
3. Merge the classes that scripts confuse and drop what they disagree on:
   p=b (Arabic has no p), f=v=w, s=ş=sh=ش=ص, tʃ=dʒ=ʒ=ç=c(tr)=j(en)=ج=تش=ч=ж,
   k=q=ق=ك, h=ḥ=kh=x=ح=خ=ه=х, t=ط=ت=ث(th), d=د=ض, g=ğ=gh=غ=г, and the
   sibilants s=z=ts=ز=ظ=ذ=ц: German reads z as /ts/ and French or Spanish as
   /z/ or /s/, and a name keeps its spelling across Latin-script languages,
   so "Izquierdo" and "Scholz" must key the same in a German and a French
   text (and as شولتس in Arabic).
   Vowels and y-glides (y, й, ي) are dropped; only a word-initial vowel leaves
   a mark ("a"), because Arabic always writes it (أ, إ, ع) and it keeps
   "Akar" apart from "Kerr". Doubled classes collapse.

The v/w/f choice. Arabic renders Russian v with ف (Лавров = لافروف) but Turkish
v with و (Çavuşoğlu = تشاوش أوغلو), and و is also the long vowel u/o
(بوتين = Putin). Dropping v/w/و/ف altogether would make every f vanish; so
v, w and f are one class, ف is always in it, and و counts as that consonant
only where Arabic spelling makes it one: word-initially, next to a bare alif
(اوا, اَو) or doubled (وو); elsewhere it is a vowel. Hence Lavrov = لافروف =
"lfrf", Çavuşoğlu = تشاوش أوغلو = جاويش أوغلو = "cfsgl", Putin = بوتين = "ptn".

A person is keyed on the surname (`person_key`): the last token, joined to the
one before where Arabic and Russian spell a Turkish compound surname as two
words (أوغلو, "oğlu") or where the last token needs its head (عبد الله,
Abu Bakr). So "Hafter", "Halife Hafter" and "خليفة حفتر" share "hftr".

A key is a string over the 13 class letters p f t d s c k g h l m n r (c is
the affricate class, h all the h/kh sounds), led by "a" when the name begins
with a vowel: Erdoğan = أردوغان = Эрдоган = "ardgn".

Limits, by design or left for later:
- Names differing only in vowels collide: Putin = Peyton = "ptn", and short
  keys (Şoygu "sg", Akar "akr") are shared by many names. That is the price of
  matching Arabic; keys are one signal among several downstream, and the entity
  finder matches a lone word to a person by its spelling in Arabic for this
  reason.
- The key follows the spelling of the text's language: an English text that
  folds Turkish letters ("Cavusoglu", c=k) keys unlike "Çavuşoğlu"; Spanish j=h
  parts "al Sarraj" (es) from "Sarraj" (en); French silent h or Egyptian
  ج=g spellings are not modelled; t and d stay apart (Ahmet ≠ أحمد).
- Chinese names are not transliterated: a Han name keys on its characters
  (the part after the last "·"), so 普京 does not meet Putin.
- Translated organisation names (Birleşmiş Milletler / الأمم المتحدة) cannot
  meet; `org_key` only helps for transliterated ones (NATO = الناتو).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence


def _pairs(spec: str) -> dict[str, str]:
    """ "sch:S ch:C ll:" -> {"sch": "S", "ch": "C", "ll": ""}."""
    return dict(item.split(":") for item in spec.split())


def _table(spec: str, drop: str) -> dict[int, str]:
    """A str.translate table: "bp:P c:K" sends b and p to P, c to K; `drop` goes."""
    table = dict.fromkeys(map(ord, drop + "-' ’"), "")
    for letters, target in _pairs(spec).items():
        table.update(dict.fromkeys(map(ord, letters), target))
    return table


# Rules per language, read longest first; outputs are class letters in upper case so
# that no later rule reads them again as source letters.
_COMMON = "ç:C ş:S ğ:G x:KS q:K j:C"
_RULES = {
    "en": "sch:S tch:C tsh:C dzh:C dj:C ch:C sh:S zh:C kh:H gh:G ph:F th:T dh:Z ck:K qu:K ce:S ci:S cy:S",
    "tr": "c:C sh:S",
    "de": "tsch:C dsch:C sch:S ch:H ck:K ph:F th:T dt:T tz:TS z:TS qu:K ß:S j: ce:TS ci:TS sh:S kh:H dj:C",
    "es": "ch:C ll: ñ:N j:H gue:G gui:G ge:H gi:H qu:K ce:S ci:S sh:S kh:H th:T ph:F",
    "fr": "tch:C dj:C ch:S sh:S ph:F th:T qu:K gn:N ge:C gi:C gy:C ce:S ci:S cy:S ç:S kh:H gh:G",
    "it": "ch:K gh:G gli:L gn:N sce:S sci:S ce:C ci:C ge:C gi:C qu:K j: sh:S kh:H th:T ph:F",
    "pl": "szcz:SC sz:S cz:C rz:C dż:C dź:C dz:Z ż:C ź:C ch:H ś:S ć:C ci:C si:S zi:C c:TS j: sh:S",
    "pt": "ch:S lh:L nh:N j:C ge:C gi:C qu:K ce:S ci:S ç:S sh:S kh:H th:T ph:F",
}
_RULES["az"] = _RULES["tr"]
_ORDERED = {
    lang: sorted({**_pairs(_COMMON), **_pairs(rules)}.items(), key=lambda kv: -len(kv[0]))
    for lang, rules in _RULES.items()
}

# What is left after the rules: one class per letter; vowels and glides vanish.
_LATIN_VOWELS = "aeiouıöüäåæœøàáâãèéêëìíîïòóôõùúûāēīōūăąęėěőűų"
_LATIN = _table(
    "bp:P cqk:K dđð:D fvw:F g:G h:H jžżźčćçř:C lł:L m:M nñń:N r:R sśšßş:S tþ:T z:Z x:KS ğ:G",
    _LATIN_VOWELS + "yý",
)
_CYRILLIC = _table(
    "бп:P вф:F гґ:G д:D жч:C з:Z к:K л:L м:M н:N р:R сшщ:S т:T х:H ц:TS", "аеёиоуыэюяйъьіїєў"
)
_CYRILLIC_VOWELS = frozenset("аиоуыэ")  # е ё ю я begin with a y-glide
_ARABIC = _table(
    "بپ:P تثط:T جچژ:C حخه:H دض:D ذزظ:Z ر:R سشص:S غگڭڨ:G فڤ:F قكک:K ل:L م:M ن:N",
    "اأإآءؤئىيةعوی",
)
_ARABIC_VOWELS = frozenset("اأإآعء")
_LATIN_VOWELS_SET = frozenset(_LATIN_VOWELS)
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, dagger alif, tatweel
# و is the consonant w only word-initially, beside a bare alif, or doubled.
_ARABIC_W = re.compile("^و|وو|(?<=ا)و|و(?=ا)")

_LATIN_ARTICLE = re.compile(r"^(?:a[lsdrtnz]|e[lsdrtnz]|ash|esh|ul|ad-dh)[-‐‑–]")
_DOUBLES = re.compile(r"(.)\1+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")

# A last token that is half of a compound surname, and a second-last token that
# is the head of one ("Abd al-...", "Abu ...").
_SURNAME_TAILS = frozenset(
    {"oğlu", "oglu", "أوغلو", "اوغلو", "أغلو", "اغلو", "أوغلي", "оглу", "zade", "zadeh", "زاده"}
)
_SURNAME_HEADS = frozenset(
    {"abd", "abdel", "abdul", "abdal", "abu", "abou", "ebu", "عبد", "أبو", "ابو", "абд", "абу"}
)
# Russian and Polish case endings that carry a consonant (vowels vanish anyway).
_INFLECTIONS = {"ru": ("ого", "его", "ому", "ему", "ым", "ом", "ем"), "pl": ("owi", "iem", "em")}


def script(text: str) -> str:
    """ "latin", "cyrillic", "arabic", "han" or "other", from the first letter."""
    for ch in text:
        if not ch.isalpha():
            continue
        code = ord(ch)
        if code < 0x250 or 0x1E00 <= code < 0x1F00:
            return "latin"
        if 0x400 <= code < 0x530:
            return "cyrillic"
        if 0x600 <= code < 0x700 or 0x750 <= code < 0x780 or 0xFB50 <= code < 0xFF00:
            return "arabic"
        if _HAN.match(ch):
            return "han"
        return "other"
    return "other"


def skeleton(text: str, lang: str | None = None) -> str:
    """The consonant-class skeleton of one word or of words read as one."""
    text = unicodedata.normalize("NFC", text.strip())
    kind = script(text)
    if kind == "arabic":
        return _arabic(text)
    if kind == "cyrillic":
        low = text.lower()
        mark = "a" if low[:1] in _CYRILLIC_VOWELS else ""
        return mark + _collapse(low.replace("дж", "C").translate(_CYRILLIC))
    if kind == "han":
        return "".join(_HAN.findall(text))
    return _latin(text, lang)


def _latin(text: str, lang: str | None) -> str:
    low = text.replace("İ", "i")
    low = low.replace("I", "ı").lower() if lang in ("tr", "az") else low.lower()
    low = _LATIN_ARTICLE.sub("", low)
    mark = "a" if low[:1] in _LATIN_VOWELS_SET else ""
    for source, target in _ORDERED.get(lang or "en", _ORDERED["en"]):
        if source in low:
            low = low.replace(source, target)
    out = low.translate(_LATIN)
    if not out.isascii():  # letters no table knows: read their base letter
        base = unicodedata.normalize("NFD", out)
        out = "".join(ch for ch in base if not unicodedata.combining(ch)).translate(_LATIN)
        out = "".join(ch for ch in out if "A" <= ch <= "Z")
    return mark + _collapse(out)


def _arabic(text: str) -> str:
    word = _ARABIC_MARKS.sub("", text)
    if word.startswith("ال") and len(word) > 3:
        word = word[2:]
    mark = "a" if word[:1] in _ARABIC_VOWELS else ""
    word = _ARABIC_W.sub("F", word.replace("تش", "C"))
    return mark + _collapse(word.translate(_ARABIC))


def _collapse(classes: str) -> str:
    return _DOUBLES.sub(r"\1", classes.replace("TS", "S").replace("Z", "S")).lower()


def strip_article(token: str) -> str:
    """A name token without its Arabic article: السراج -> سراج, es-Serrac -> Serrac."""
    if token.startswith("ال") and len(token) > 3:
        return token[2:]
    match = _LATIN_ARTICLE.match(token.lower())
    return token[match.end() :] if match else token


def person_key(tokens: Sequence[str], lang: str | None = None) -> str:
    """The key of a person named by `tokens` (given names first): the surname's skeleton."""
    words = [t for t in tokens if t.lower() not in ("al", "el", "ال")]
    if not words:
        return ""
    if script(words[-1]) == "han":
        return skeleton(words[-1].split("·")[-1])
    surname = [_uninflect(strip_article(words[-1]), lang)]
    if len(words) > 1 and (
        surname[0].lower() in _SURNAME_TAILS or words[-2].lower() in _SURNAME_HEADS
    ):
        surname.insert(0, strip_article(words[-2]))
    key = skeleton("".join(surname), lang)
    if len(key) < 2 and len(words) > len(surname):  # "Li", "Xi": the whole name
        key = skeleton("".join(strip_article(w) for w in words), lang)
    return key


def org_key(tokens: Sequence[str], lang: str | None = None) -> str:
    """The key of an organisation: each word's skeleton, articles and 'and' dropped."""
    parts = []
    for token in tokens:
        word = token[1:] if token.startswith("وال") else token
        skel = skeleton(strip_article(word), lang)
        if skel:
            parts.append(skel)
    return "-".join(parts)


def _uninflect(token: str, lang: str | None) -> str:
    for ending in _INFLECTIONS.get(lang or "", ()):
        if len(token) >= len(ending) + 4 and token.lower().endswith(ending):
            return token[: -len(ending)]
    return token
