"""Dates in an article: a dateline's publication date, the dates the text mentions, the event date.

`DateFinder` (stage `analyze.dates.v1`) reads the title and body and

1. sets `published` from a dateline when the input gave none: a full date, not after
   `ingested`, after a "published"/"updated" word ("تاريخ النشر: الثلاثاء 07-01-2020",
   "Son Güncelleme: 29.01.2020") or on a line that is little more than the date
   ("13.01.2020", "Redacción 08/06/2020 12:46 h"), among the first lines of the body
   or of `text` above the story (cleaners often drop datelines from the body);
2. fills `dates` with the day-precise dates mentioned, one `DateMention` per date,
   named by its commonest absolute form, with `year_known` False for a date whose
   year is only a guess from the ingestion time (see Resolution);
3. sets `event_date`: the publication date when known; else the day of the reported
   event when the text states it with its year and it is plausibly the article's
   own (`event_date_estimated`; see `own_event_day`); else None (date unknown).

How. Candidate spans come from our own regexes, one pass for absolute dates (day +
month name [+ year], English month name + day, dd.mm.yyyy, yyyy-mm-dd, Chinese 年月日)
and one for relative words and weekdays, and are parsed from the tables and patterns
of `date_names`. dateparser is used for its locale data only (month and weekday names
of the ten SemEval-2022 languages, Polish and Russian case forms included):
`dateparser.parse` takes ~0.4 ms a span and fails on Levantine and Maghrebi month
names and Turkish suffixes ("8 Ocak'ta"). Arabic regional month names, double forms
("كانون الثاني/يناير") and Arabic-Indic digits are handled here; the text is folded one
character for one, so match offsets are offsets into the text as written.

Resolution. A missing year puts the date latest on or before the reference day plus
`future_days`; "الماضي"/"المقبل"/"الجاري" after the month ask for past, future, this
year, and a weekday written with the date ("الثلاثاء 24 ماي") for a year where it
fits. The reference is the publication date, else the latest full date in the text,
else a year the text names more than once, else `ingested` (with no days after it).
Only a publication date grounds a year: without one, a date the text gives without
its year keeps `year_known=False` (its year is a guess; a weekday does not change that).
Relative words ("yesterday", "dün", "أمس") and weekdays (the latest such day on or
before publication; "next"/"المقبل"/"önümüzdeki" forward, "last"/"الماضي"/"geçen"
strictly before) are resolved only against a known publication date.

Limits. Month-only and year-only mentions ("Ocak 2020'de", "في مارس الماضي"), ordinal
words ("الثاني عشر من يناير"), Hijri dates, two-digit years and ranges ("12-13
January" gives the 13th) are not dates here. A weekday without a marker is read as
past, so "talks resume on Monday" is the Monday before. Numeric dates are day-first,
except in English when both readings are valid and no publication date decides.
Without a publication date, yearless dates of an archive read years later get the
wrong year (flagged: `year_known` is False). Languages outside the ten get all ten's month names and no relative dates.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from tidings.analyze.date_names import (
    AR_NEXT,
    AR_PAST,
    LANGUAGES,
    PUBLISHED,
    UNITS,
    Rules,
    build_rules,
)
from tidings.model import Article, DateMention
from tidings.pipeline import StageBase

_URL_DAY = re.compile(
    r"(?<![\d])((?:19|20)\d\d)[/_.-]?(0[1-9]|1[0-2])[/_.-]?(0[1-9]|[12]\d|3[01])(?![\d])"
)
_PUBLISHED_BEFORE = re.compile(rf"{PUBLISHED.pattern}(?:\W+\w{{1,3}}){{0,2}}\W*$", re.I)
_YEAR = re.compile(r"(?<![\d.,:/-])(?:19|20)\d\d(?![\d]|[.,:/-]\d)")
_TIME = re.compile(
    r"(?<![\d.])([01]?\d|2[0-3])\s*[:h.]\s*([0-5]\d)(?![\d.]\d)(?:\s*([ap])\.?m\b)?", re.I
)
_WORD = re.compile(r"[^\W\d_]{3,}")
OWN_EVENT_DAYS = 60  # how far apart an undated article's own dated mentions may lie


@dataclass(frozen=True)
class _Reference:
    """What a date without a year is read against."""

    day: date  # the date falls latest on or before this day + `slack` days
    slack: int
    exact: date | None  # the publication date: weekdays, numeric day/month order
    year: int | None = None  # the year a text without full dates mentions most
    grounded: bool = True  # False: only the ingestion time, which gives no year


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    groups: dict[str, str | None]
    weekday: int | None = None  # 0 = Monday, written next to the date


@dataclass(kw_only=True, eq=False)
class DateFinder(StageBase):
    """Stage `analyze.dates.v1`: `dates`, `event_date`, and `published` from a dateline.

    `head_lines`: how many lines from the top may hold a dateline. `future_days`:
    how far after the reference day a date without a year may fall. Mentions before
    `min_year` or more than `max_years_ahead` after `ingested` are dropped.
    """

    name = "analyze.dates.v1"
    # `text` for datelines the cleaner moved out of the body; `ingested` bounds dates.
    requires = ("title", "body", "text", "url", "lang", "published", "ingested")
    assigns = ("dates", "published", "event_date", "event_date_estimated")

    head_lines: int = 8
    future_days: int = 60
    min_year: int = 1900
    max_years_ahead: int = 10
    max_chars: int = 30_000
    _rules: dict[str, Rules] = field(default_factory=dict, init=False, repr=False)

    def __call__(self, article: Article) -> Article:
        text = f"{article.title or ''}\n{article.body or article.text}"[: self.max_chars]
        now = article.ingested.date()
        if article.published is None:
            article.published = self._published_in(article, text, now)
        article.dates = self.find_dates(text, article.lang, article.published, now)
        if article.published is not None:
            article.event_date, article.event_date_estimated = article.published.date(), False
        else:
            day = own_event_day(article.dates, text, now)
            article.event_date, article.event_date_estimated = day, day is not None
        return article

    def _published_in(self, article: Article, text: str, now: date) -> datetime | None:
        # Cleaners often move a dateline out of the body. Above the story any dateline
        # counts; below its start only one with a keyword, a time or a ©, for related
        # stories listed under it carry bare dates of their own.
        story = article.text.find(article.body.lstrip()[:40]) if article.body.strip() else -1
        above = article.text[: max(story, 0)]
        loose = _head(text, self.head_lines) + _head(above, 2 * self.head_lines)
        found = self.find_published("\n".join(loose), article.lang, now)
        strict = "\n".join(_head(article.text, 2 * self.head_lines))
        found = found or self.find_published(strict, article.lang, now, strict=True)
        return found or published_in_url(article.url, now)

    def find_published(
        self, head: str, lang: str | None, now: date, *, strict: bool = False
    ) -> datetime | None:
        """The publication date a dateline among the lines of `head` gives, or None;
        `strict`: not from a line that is a bare date."""
        rules = self._rules_for(lang)
        for line in head.translate(rules.fold).split("\n"):
            spans = [self._extend(s, line, rules) for s in _finditer(rules.absolute, line)]
            for span in spans:
                g = span.groups  # not 02/01/2020 on an English page: both orders are in use
                if g["ny"] and rules.lang == "en" and int(g["nd"]) <= 12 and int(g["nm"]) <= 12:
                    continue
                day = self._absolute(span, rules, None)  # None when it lacks a year
                if day is None or day.year < 1990 or day > now + timedelta(days=1):
                    continue
                keyword = _PUBLISHED_BEFORE.search(line[max(0, span.start - 40) : span.start])
                if keyword or _dateline(line, spans, span, strict):
                    return datetime.combine(day, _time_after(line, span.end), tzinfo=UTC)
        return None

    def find_dates(
        self, text: str, lang: str | None, published: datetime | None, now: date
    ) -> list[DateMention]:
        """The day-precise dates `text` mentions, each once with its count."""
        rules = self._rules_for(lang)
        folded = text.translate(rules.fold)
        spans = [self._extend(s, folded, rules) for s in _finditer(rules.absolute, folded)]
        exact = published.date() if published else None
        ref = self._reference(spans, folded, rules, exact, now)
        # (start, end, day, absolute, year known)
        found = [
            (s.start, s.end, self._absolute(s, rules, ref), True, bool(exact) or _has_year(s))
            for s in spans
        ]
        if exact is not None and rules.relative is not None:
            taken = [(s.start, s.end) for s in spans]
            for match in rules.relative.finditer(folded):
                start, end = match.span("w")
                if not any(a < end and start < b for a, b in taken):
                    day = self._relative(match, folded, rules, exact)
                    found.append((start, end, day, False, True))
        lo, hi = date(self.min_year, 1, 1), date(now.year + self.max_years_ahead, 12, 31)
        forms: dict[date, Counter[tuple[bool, str]]] = {}
        known: set[date] = set()
        for start, end, day, absolute, year_known in sorted(found, key=lambda f: f[0]):
            if day is not None and lo <= day <= hi:
                forms.setdefault(day, Counter())[absolute, " ".join(text[start:end].split())] += 1
                if year_known:
                    known.add(day)
        # One mention a date, named by its commonest absolute form ("12 يناير", not "الأحد").
        return [
            DateMention(
                text=max(c, key=lambda f: (f[0], c[f]))[1],
                date=d.isoformat(),
                mentions=c.total(),
                year_known=d in known,
            )
            for d, c in forms.items()
        ]

    def _reference(
        self, spans: list[_Span], folded: str, rules: Rules, exact: date | None, now: date
    ) -> _Reference:
        if exact is not None:
            return _Reference(exact, self.future_days, exact)
        full = [self._absolute(s, rules, None) for s in spans if _has_year(s)]
        latest = max((d for d in full if d and d <= now), default=None)
        if latest is not None:  # "12 May" after "3 April 2018" is in 2018
            return _Reference(latest, self.future_days, None)
        years = Counter(y for y in map(int, _YEAR.findall(folded)) if 1990 <= y <= now.year)
        year = max(years, key=lambda y: (years[y], y), default=None)
        if year is not None and years[year] > 1:  # "13 de marzo" where 2020 keeps coming up
            return _Reference(now, 0, None, year)
        return _Reference(now, 0, None, grounded=False)  # publication cannot follow ingestion

    def _absolute(self, span: _Span, rules: Rules, ref: _Reference | None) -> date | None:
        g = span.groups
        exact = ref.exact if ref else None
        if g["iy"]:
            return _day(int(g["iy"]), int(g["im"]), int(g["id"]))
        if g["ny"]:
            a, b, year = int(g["nd"]), int(g["nm"]), int(g["ny"])
            first, second = _day(year, b, a), _day(year, a, b)  # day-first, month-first
            if first and second and first != second:
                if exact is not None:
                    return min(first, second, key=lambda d: abs((d - exact).days))
                return second if rules.lang == "en" else first
            return first or second
        if g["zm"]:
            month, day_, year = int(g["zm"]), int(g["zd"]), g["zy"]
        else:
            names = [g[k] for k in ("m", "m2", "bm") if g[k]]
            months = {rules.months.get(_key(n)) for n in names}
            if len(months) != 1 or None in months:
                return None  # a double form whose halves disagree
            month, day_, year = months.pop(), int(g["d"] or g["bd"]), g["y"] or g["by"]
        if year:
            return _day(int(year), month, day_)
        return None if ref is None else _with_year(month, day_, ref, g.get("rel"), span.weekday)

    def _relative(
        self, match: re.Match[str], folded: str, rules: Rules, exact: date
    ) -> date | None:
        start, end = match.span("w")
        probe = f"{folded[max(0, start - 30) : start]}\x01{match['w']}\x01{folded[end : end + 20]}"
        if rules.veto is not None and rules.veto.search(probe):
            return None
        kind, value = rules.words[_key(match["w"])]
        if kind == "day":
            return _shift(exact, value)
        forward, back = (p.search(probe) for p in rules.direction) if rules.direction else (0, 0)
        if rules.lang == "zh" and (forward or back):  # 下周五: Friday of next calendar week
            return _shift(exact, value - exact.weekday() + (7 if forward else -7))
        if forward:
            return _shift(exact, (value - exact.weekday()) % 7 or 7)
        days = (exact.weekday() - value) % 7
        return _shift(exact, -(days or (7 if back else 0)))

    def _extend(self, span: _Span, folded: str, rules: Rules) -> _Span:
        """Take in a weekday written next to the date ("Miércoles, 1 Enero, 2020"),
        which also tells the year of a date that lacks one."""
        if rules.near is None:
            return span
        start, end = span.start, span.end
        before = rules.near[0].search(folded, max(0, start - 20), start)
        after = None if before else rules.near[1].match(folded, end, end + 20)
        found = before or after
        if found is None:
            return span
        weekday = rules.words[_key(found["wd"])][1]
        return _Span(min(start, found.start()), max(end, found.end("wd")), span.groups, weekday)

    def _rules_for(self, lang: str | None) -> Rules:
        key = lang if lang in LANGUAGES else "*"
        if key not in self._rules:
            self._rules[key] = build_rules(key)
        return self._rules[key]


def _finditer(pattern: re.Pattern[str], text: str) -> Iterator[_Span]:
    for match in pattern.finditer(text):
        yield _Span(match.start(), match.end(), match.groupdict())


def _key(name: str) -> str:
    return " ".join(name.split()).lower()


def _has_year(span: _Span) -> bool:
    g = span.groups
    return bool(g["iy"] or g["ny"] or g["y"] or g["by"] or g["zy"])


def _shift(day: date, days: int) -> date | None:
    """`day` moved by `days`, or None past the calendar's ends (year 1, 9999)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def _day(year: int, month: int, day_: int) -> date | None:
    try:
        return date(year, month, day_)
    except ValueError:
        return None


def _with_year(
    month: int, day_: int, reference: _Reference, rel: str | None, weekday: int | None
) -> date | None:
    """The year that puts the date latest on or before the reference day + its slack, or
    the year the text mentions most; with a weekday, only years where the day is one."""
    base = reference.year or reference.day.year
    years = range(base - 1, base + 2) if weekday is None else range(base - 10, base + 2)
    options = [d for y in years if (d := _day(y, month, day_)) and weekday in (None, d.weekday())]
    if reference.year is not None:
        return min(options, key=lambda d: abs(d.year - base), default=None)
    ref = reference.day
    if rel in AR_PAST:
        chosen = [d for d in options if d < ref]
    elif rel in AR_NEXT:
        chosen = [d for d in options if d > ref][:1]
    elif rel:  # الجاري / الحالي: this month
        chosen = [d for d in options if d.year == ref.year]
    else:
        chosen = []
    # A weekday outweighs "الجاري" when the reference is only the ingestion date.
    latest = _shift(ref, reference.slack) or date.max
    return max(chosen or [d for d in options if d <= latest], default=None)


def own_event_day(mentions: list[DateMention], text: str, now: date) -> date | None:
    """The day of an undated article's own event: the latest date it writes with its
    year (not after `now`), when every year and dated mention it names lies within
    `OWN_EVENT_DAYS` before it. A text that also names a later year (an anniversary,
    a historical reference: "22 November 1963" in a 2013 piece), or dates far apart
    (a background date, a future schedule), gives no day: which one is the article's
    own cannot be told without a publication date."""
    written = [date.fromisoformat(m.date) for m in mentions if m.year_known]
    latest = max((d for d in written if d <= now), default=None)
    if latest is None:
        return None
    earliest = latest - timedelta(days=OWN_EVENT_DAYS)
    years = {int(y) for y in _YEAR.findall(text) if 1900 <= int(y) <= now.year + 10}
    if any(d > latest or d < earliest for d in written) or any(
        y not in (earliest.year, latest.year) for y in years
    ):
        return None
    return latest


def published_in_url(url: str | None, now: date) -> datetime | None:
    """The day many news sites put in an article's address (/2020/01/13/,
    -20200113-): the publication day, when the text gives none."""
    match = _URL_DAY.search(url or "")
    if match is None:
        return None
    try:
        day = date(*(int(part) for part in match.groups()))
    except ValueError:
        return None
    return datetime.combine(day, time(), tzinfo=UTC) if day <= now else None


def _head(text: str, lines: int) -> list[str]:
    """The first `lines` non-empty lines, each cut to 300 characters."""
    head = [ln[:300] for ln in text.split("\n", 4 * lines) if ln.strip()]
    return head[:lines]


def _dateline(line: str, spans: list[_Span], span: _Span, strict: bool) -> bool:
    """A line that is little but `span`'s date: alone, with a time after it, or with a
    source before it ("Redacción 08/06/2020 12:46 h", "© Mannheimer Morgen, 02.01.2020"),
    but not a headline such as "Brexit am 31.1.2020 geplant"."""
    if len(line) > 120:
        return False
    rest = list(line)
    for other in spans:
        rest[other.start : other.end] = " " * (other.end - other.start)
    words = sum(w.lower() not in UNITS for w in _WORD.findall(PUBLISHED.sub(" ", "".join(rest))))
    if (words == 0 and not strict) or (words <= 3 and _TIME.search(line, span.end)):
        return True
    source = "©" in line or re.search(r"[,|–-]\s*$", line[: span.start])
    return words <= 3 and bool(source) and not line[span.end :].strip(" .")


def _time_after(line: str, end: int) -> time:
    found = _TIME.search(line, end, end + 24)
    if found is None:
        return time()
    hour = int(found[1]) % 12 + 12 * (found[3].lower() == "p") if found[3] else int(found[1])
    return time(hour, int(found[2]))
