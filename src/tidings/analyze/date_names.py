"""Per-language tables for `DateFinder`, and the patterns built from them.

Month names (Levantine, Maghrebi and Moroccan Arabic included), weekday and relative
words, "next"/"last" markers, vetoes and dateline keywords, in folded spellings; and
`build_rules`, which adds dateparser's locale names and compiles one language's regexes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

LANGUAGES = ("en", "de", "es", "fr", "it", "pl", "ru", "tr", "ar", "zh")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# One character for one character, so folded offsets are offsets into the original.
_FOLD = {chr(0x660 + i): str(i) for i in range(10)}  # Arabic-Indic digits
_FOLD |= {chr(0x6F0 + i): str(i) for i in range(10)}  # Persian digits
_FOLD |= {chr(0xFF10 + i): str(i) for i in range(10)}  # full-width digits
_FOLD |= dict.fromkeys("أإآٱ", "ا") | {"ى": "ي", "’": "'", "‘": "'", "ʼ": "'", "\u00a0": " "}
_FOLD_TR = {"İ": "i", "I": "ı"}  # Turkish casing, which re.IGNORECASE does not know

# Folded spellings: Egyptian/Gulf, Levantine/Iraqi, Algerian/Tunisian, Moroccan.
_ARABIC_MONTHS = (
    ("يناير", "كانون الثاني", "كانون ثاني", "جانفي"), ("فبراير", "شباط", "فيفري"), ("مارس", "اذار"),
    ("ابريل", "نيسان", "افريل"), ("مايو", "ايار", "ماي"), ("يونيو", "يونيه", "يونية", "حزيران", "جوان"),
    ("يوليو", "يوليه", "يولية", "تموز", "جويلية", "جويلة", "يوليوز"), ("اغسطس", "اب", "اوت", "غشت"),
    ("سبتمبر", "ايلول", "شتنبر"), ("اكتوبر", "تشرين الاول", "تشرين اول"),
    ("نوفمبر", "تشرين الثاني", "تشرين ثاني", "نونبر"), ("ديسمبر", "كانون الاول", "كانون اول", "دجنبر"),
)  # fmt: skip
# dateparser abbreviations that are common words: Turkish "ara" (between), "set".
_DENY = {"tr": {"ara"}, "it": {"set"}, "es": {"set"}}

# Words for days relative to publication (folded spellings).
_RELATIVE = {
    "en": {"day before yesterday": -2, "yesterday": -1, "today": 0, "tomorrow": 1},
    "de": {"vorgestern": -2, "gestern": -1, "heute": 0, "morgen": 1, "übermorgen": 2},
    "fr": {"avant-hier": -2, "hier": -1, "aujourd'hui": 0, "demain": 1, "après-demain": 2},
    "es": {"anteayer": -2, "ayer": -1, "hoy": 0, "mañana": 1, "pasado mañana": 2},
    "it": {"l'altro ieri": -2, "ieri": -1, "oggi": 0, "domani": 1, "dopodomani": 2},
    "pl": {"przedwczoraj": -2, "wczoraj": -1, "dzisiaj": 0, "dziś": 0, "jutro": 1, "pojutrze": 2},
    "ru": {"позавчера": -2, "вчера": -1, "сегодня": 0, "завтра": 1, "послезавтра": 2},
    "tr": {"dün": -1, "bugün": 0, "yarın": 1},
    "ar": {"امس الاول": -2, "اول امس": -2, "اول من امس": -2, "امس": -1, "الامس": -1,
           "اليوم": 0, "غداً": 1, "غدًا": 1, "بعد غد": 2},
    "zh": {"前天": -2, "昨天": -1, "昨日": -1, "今天": 0, "今日": 0, "明天": 1, "明日": 1, "后天": 2},
}  # fmt: skip
# Around a weekday (\x01 marks it): forward ("next Monday"), strictly back ("last Monday").
_DIRECTION = {
    "en": (r"\b(?:next|coming)\s+\x01", r"\b(?:last|past)\s+\x01"),
    "de": (r"(?i:nächsten|kommenden)\s+\x01", r"(?i:letzten|vergangenen)\s+\x01"),
    "fr": (r"\x01\s+prochain", r"\x01\s+dernier"),
    "es": (r"próximo\s+\x01|\x01\s+(?:próximo|que viene)", r"\x01\s+pasado"),
    "it": (r"prossim[oa]\s+\x01|\x01\s+prossim[oa]", r"\x01\s+scors[oa]"),
    "pl": (r"(?:przyszł|najbliższ)\w+\s+\x01", r"(?:zeszł|ostatni|ubiegł)\w*\s+\x01"),
    "ru": (r"(?:следующ|ближайш)\w+\s+\x01", r"прошл\w+\s+\x01"),
    "tr": (r"(?:önümüzdeki|gelecek)\s+\x01", r"(?:geçen|geçtiğimiz)\s+\x01"),
    "ar": (r"\x01\s*(?:ال)?(?:مقبل|قادم)|(?:اعتبار|ابتداء)\S*\s+من\s+(?:يوم\s+)?\x01",
           r"\x01\s*(?:ال)?(?:ماضي|فائت|منصرم)"),
    "zh": (r"下\x01", r"上\x01"),
}  # fmt: skip
# Uses that are not a date: "Black Friday", "la mañana" (the morning), "الاثنين" as "the two".
_VETO = {
    "en": r"(?:Black|Good|Cyber|Super|Ash|Holy|Easter|Palm|Bloody)\s+\x01|USA\s+\x01"
    r"|\x01Sunday\x01\s+(?:Times|Telegraph|Mirror|Express|Post|Herald|Mail|People|World)",
    "de": r"\b(?i:heute|gestern|am|guten|den|einen|diesen)\s+\x01morgen|\x01Morgen\x01|\bjeden\s+\x01",
    "es": r"\b(?i:la|esta|por|cada|una|media)\s+\x01|\x01hoy\x01\s+en\s+d|[A-Z]\w+\s+\x01Domingo",
    "ru": r"(?<!\bв )(?<!\bво )\x01(?:понедельник|вторник|сред|четверг|пятниц|суббот|воскресен)",
    "tr": r"(?i:\x01pazar\x01(?!\s*(?:günü|sabah|akşam|gece|öğle))|\x01cuma\x01\s*namaz)",
    "ar": r"\x01اليوم\x01\s*(?:ال|نفس|ذات|من\b)|(?:بين|كلا)\s+\x01|\x01(?:الاحد|الاثنين)\x01\s*عشر",
}
AR_PAST, AR_NEXT = ("الماضي", "المنصرم", "الفائت"), ("المقبل", "القادم")

# Words that put a date on a dateline; the bare ones for "date" need a colon.
PUBLISHED = re.compile(
    r"(?<![^\W\d_])(?:published|posted|updated|publié\w*|mise? à jour|veröffentlicht|aktualisiert"
    r"|stand|erstellt|publicado|actualizado|pubblicato|aggiornato|opublikowano|aktualizacja"
    r"|опубликовано|обновлено|yayınlanma|yayın tarihi|güncelleme|güncellenme|eklenme tarihi"
    r"|تاريخ النشر|نشر في|نشر بتاريخ|اخر تحديث|تم النشر|发布时间|发布日期|发布于|发表于|更新时间"
    r"|(?:date|datum|fecha|data|дата|tarih|تاريخ|日期|时间)\s*[:：])",
    re.IGNORECASE,
)
UNITS = frozenset({"uhr", "gmt", "utc", "saat", "الساعة", "heure", "hora", "ore", "час"})


@dataclass(frozen=True)
class Rules:
    """Compiled patterns and name tables for one language."""

    lang: str
    fold: dict[int, str]
    absolute: re.Pattern[str]
    relative: re.Pattern[str] | None
    # A weekday just before or after a date: "الأحد 12 يناير", "13 Mayıs Çarşamba".
    near: tuple[re.Pattern[str], re.Pattern[str]] | None
    months: dict[str, int]
    words: dict[str, tuple[str, int]]  # ("day", offset) or ("weekday", 0-6)
    direction: tuple[re.Pattern[str], re.Pattern[str]] | None  # forward, strictly back
    veto: re.Pattern[str] | None


def build_rules(lang: str) -> Rules:
    # dateparser's import and locale files take ~0.1 s: loaded on first use only.
    from dateparser.languages.loader import default_loader

    fold = str.maketrans(_FOLD | (_FOLD_TR if lang == "tr" else {}))
    codes = LANGUAGES if lang == "*" else (lang,)
    months: dict[str, int] = {}
    words: dict[str, tuple[str, int]] = {}
    for code in codes:
        info = default_loader.get_locale(code).info
        for number, name in enumerate(_MONTHS, 1):
            for form in info[name] if code not in ("zh", "ar") else ():
                if len(form) >= 3 and form.lower() not in _DENY.get(code, ()):
                    months.update(dict.fromkeys(_variants(form, code, fold), number))
        for number, spellings in enumerate(_ARABIC_MONTHS if code == "ar" else (), 1):
            months.update(dict.fromkeys(spellings, number))
        if lang == "*":
            continue
        for number, name in enumerate(_WEEKDAYS):
            forms = [f.lower() for f in info[name]]
            for form in forms:  # full names only: abbreviations are prefixes of them
                full = not any(o != form and o.startswith(form) for o in forms)
                if full and (len(form) >= 4 or code == "zh"):
                    words.update(dict.fromkeys(_variants(form, code, fold), ("weekday", number)))
        for form, offset in _RELATIVE[code].items():
            words.update(dict.fromkeys(_variants(form, code, fold), ("day", offset)))
    flags = 0 if lang == "en" else re.IGNORECASE  # "May 5", not "may 5"
    month_alt = _alternation(months, lang) or "(?!)"  # Chinese: numbers only
    year = r"(?:1\d|20)\d\d(?![\d:])"  # "21 مايو 1864" is dropped, not given a year
    suffix = (
        r"(?:'[a-zçğıöşü]{1,6}|[dt][ae]n?)?(?:\s+ay(?:ı|ın|ında|ının))?" if lang == "tr" else ""
    )
    year_suffix = r"(?:'[a-zçğıöşü]{1,6})?" if lang == "tr" else r"(?:م(?![^\W\d_]))?"
    double = rf"(?:\s*[/(]\s*(?P<m2>{month_alt})(?:\s*\))?)?" if lang in ("ar", "*") else "(?P<m2>)"
    rel = rf"(?:\s+(?P<rel>{'|'.join(AR_PAST + AR_NEXT)}|الجاري|الحالي))?" if lang == "ar" else ""
    parts = [
        r"(?P<iy>(?:19|20)\d\d)(?P<isep>[-/.])(?P<im>[01]?\d)(?P=isep)(?P<id>[0-3]?\d)(?![\d]|[-/.]\d)",
        r"(?P<nd>[0-3]?\d)(?P<nsep>[-/.])(?P<nm>[01]?\d)(?P=nsep)(?P<ny>(?:19|20)\d\d)(?![\d]|[-/.]\d)",
        rf"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|º|ª|\.)?\s*(?:(?:de|del|of|di|من)\s+)?(?P<m>{month_alt})"
        rf"(?:\.(?=\s*\d))?{double}{suffix}(?![^\W\d_])"
        rf"(?:[\s,،]+(?:(?:de|del)\s+)?(?P<y>{year}){year_suffix})?{rel}",
        rf"(?<![^\W\d_])(?P<bm>{month_alt})\.?\s+(?P<bd>[0-3]?\d)(?:st|nd|rd|th)?(?![\d]|[.,:]\d)"
        rf"(?:,?\s+(?P<by>{year}))?"
        if lang == "en"
        else "(?P<bm>)(?P<bd>)(?P<by>)(?!)",
        r"(?:(?P<zy>(?:19|20)\d\d)\s*年\s*)?(?P<zm>[01]?\d)\s*月\s*(?P<zd>[0-3]?\d)\s*[日号]"
        if lang == "zh"
        else "(?P<zy>)(?P<zm>)(?P<zd>)(?!)",
    ]
    absolute = re.compile(r"(?<![\d.,:/])(?:" + "|".join(parts) + ")", flags)
    relative = near = None
    if words:
        bound = ("", "") if lang == "zh" else (r"(?<![^\W\d_])", r"(?![^\W\d_])")
        pre = "[وفب]?" if lang == "ar" else ""
        relative = re.compile(
            rf"{bound[0]}{pre}(?P<w>{_alternation(words, lang)}){bound[1]}", flags
        )
        weekdays = {w: v for w, v in words.items() if v[0] == "weekday"}
        weekday_alt = _alternation(weekdays, lang)
        near = (
            re.compile(rf"{bound[0]}(?P<wd>{weekday_alt})\s*[,،]?\s*\Z", flags),
            re.compile(rf"[\s,،]*(?P<wd>{weekday_alt}){bound[1]}", flags),
        )
    direction = tuple(map(re.compile, _DIRECTION[lang])) if lang in _DIRECTION else None
    veto = re.compile(_VETO[lang]) if lang in _VETO else None
    return Rules(lang, fold, absolute, relative, near, months, words, direction, veto)


def _variants(form: str, code: str, fold: dict[int, str]) -> set[str]:
    key = form.translate(fold).lower()
    out = {key}
    if code not in ("ar", "ru", "zh"):  # "lunedi" for "lunedì", "carsamba" for "çarşamba"
        out.add(
            "".join(c for c in unicodedata.normalize("NFD", key) if not unicodedata.combining(c))
        )
    return out


def _alternation(names: dict[str, object], lang: str) -> str:
    forms = set(names)
    if lang == "en":  # matched case-sensitively: "may", "May", "MAY"
        forms |= {f[0].upper() + f[1:] for f in names} | {f.upper() for f in names}
    return "|".join(
        re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=len, reverse=True)
    )
