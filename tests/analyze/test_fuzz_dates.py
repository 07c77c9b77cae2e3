"""Property-based tests of the date finder on arbitrary text and dates.

For any text, language, publication date and ingestion time, `DateFinder`
raises nothing; every mention is a day between `min_year` and
`max_years_ahead` years after ingestion, counted at least once, and written
in the text; a dateline's publication date is aware, from 1990 on and not
after the day after ingestion; the event date is the publication day or an
estimate not after ingestion.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.ingest.fuzz_text import scraped_text
from tidings.analyze.date_names import LANGUAGES, build_rules
from tidings.analyze.dates import DateFinder, published_in_url
from tidings.model import Article

FUZZ = settings(max_examples=150, deadline=None)
FINDER = DateFinder()
LANGS = st.sampled_from([None, "xx", *LANGUAGES])
MOMENTS = st.datetimes(timezones=st.just(UTC))
NOW = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)).map(
    lambda d: d.replace(tzinfo=UTC)
)
DATES = st.sampled_from(
    [
        "13 Ocak 2020",
        "8 Ocak'ta",
        "12 كانون الثاني/يناير",
        "الثلاثاء 24 ماي",
        "2020-01-13",
        "13.01.2020",
        "02/01/2020",
        "Jan. 5",
        "May 5, 2019",
        "1 de enero de 2020",
        "2020年1月13日",
        "1月13日",
        "yesterday",
        "dün",
        "أمس",
        "next Monday",
        "geçen Cuma",
        "الأحد المقبل",
        "Son Güncelleme: 29.01.2020",
        "29 февраля",
        "31 April",
        "0 May",
        "9999-12-31",
        "0001-01-01",
    ]
)
TEXT = st.lists(st.one_of(DATES, scraped_text(6)), max_size=20).map(" ".join)


def _in_text(mention: str, text: str) -> bool:
    return " ".join(mention.split()) in " ".join(text.split())


@FUZZ
@given(TEXT, LANGS, st.one_of(st.none(), MOMENTS), NOW, st.one_of(st.none(), scraped_text(4)))
# Found by fuzzing: relative days and weekdays overflowed the calendar's ends.
@example("yesterday", "en", datetime(1, 1, 1, tzinfo=UTC), datetime(2020, 1, 1, tzinfo=UTC), None)
@example(
    "next Monday", "en", datetime(9999, 12, 31, tzinfo=UTC), datetime(2020, 1, 1, tzinfo=UTC), None
)
def test_date_finder_on_any_article(text, lang, published, now, url):
    article = Article(id="x", source="x", raw=text, text=text, body=text, lang=lang, url=url)
    article.published, article.ingested = published, now
    FINDER(article)
    lo, hi = date(FINDER.min_year, 1, 1), date(now.year + FINDER.max_years_ahead, 12, 31)
    for mention in article.dates:
        assert lo <= date.fromisoformat(mention.date) <= hi and mention.mentions >= 1
        assert _in_text(mention.text, text), mention
    if published is None and article.published is not None:
        assert article.published.tzinfo is not None
        assert article.published.year >= 1990
        assert article.published.date() <= now.date() + timedelta(days=1)
    if article.event_date is not None and article.event_date_estimated:
        assert article.event_date <= now.date()


@FUZZ
@given(TEXT, LANGS, NOW)
def test_find_published_is_a_plausible_day(head, lang, now):
    found = FINDER.find_published(head, lang, now.date())
    assert found is None or (
        found.tzinfo is not None
        and found.year >= 1990
        and found.date() <= now.date() + timedelta(days=1)
    )


@FUZZ
@given(
    st.one_of(scraped_text(6), st.from_regex(r"https://e\.org/\d{4}/\d\d/\d\d/a", fullmatch=True)),
    NOW,
)
def test_a_url_day_is_a_past_day(url, now):
    found = published_in_url(url, now.date())
    assert found is None or (found.tzinfo is not None and found.date() <= now.date())


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["*", *LANGUAGES]), TEXT)
def test_month_and_weekday_tables_read_any_text(lang, text):
    rules = build_rules(lang)
    folded = text.translate(rules.fold)
    assert len(folded) == len(text)  # one character for one: offsets are the text's
    for match in rules.absolute.finditer(folded):
        assert match.end() > match.start()
