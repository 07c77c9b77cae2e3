"""Dates: datelines, mentioned dates and event dates on the real seeds and on written sentences."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from tests.conftest import seed_file
from tidings.analyze.dates import DateFinder
from tidings.analyze.language import LanguageDetector
from tidings.ingest.clean import TextCleaner
from tidings.model import Article
from tidings.pipeline import Pipeline

WED = datetime(2020, 1, 8, 12, 0, tzinfo=UTC)  # the Istanbul summit, a Wednesday
NOW = date(2026, 1, 1)


def seed_article(prefix: str, **fields) -> Article:
    """A seed as the pipeline gives it to the stage: language found, boilerplate cleaned."""
    text = seed_file(prefix).read_text(encoding="utf-8")
    article = Article(id=prefix, source=prefix, raw=text, text=text, **fields)
    return DateFinder()(TextCleaner()(LanguageDetector()(article)))


def dates(text: str, lang: str, published: datetime | None = WED) -> dict[str, str]:
    """{text as written: date} of what `text` mentions."""
    return {m.text: m.date for m in DateFinder().find_dates(text, lang, published, NOW)}


def by_date(article: Article) -> dict[str, str]:
    return {m.date: m.text for m in article.dates}


# --- the seeds (they give no publication date; the events are from January 2020) ---


def test_seed_002_levantine_double_month_name():
    mentions = {m.text: m.date for m in seed_article("002").dates}
    assert mentions["12 كانون الثاني/يناير"][5:] == "01-12"
    given = seed_article("002", published=WED)
    assert by_date(given)["2020-01-12"] == "12 كانون الثاني/يناير"
    # the same text's weekdays against the Wednesday it was published
    assert by_date(given)["2020-01-06"] == "الاثنين"  # Sirte taken on Monday
    assert "2020-01-08" in by_date(given)  # اليوم الأربعاء


def test_seed_001_turkish_suffixed_date():
    mentions = {m.text: m.date for m in seed_article("001").dates}
    assert mentions["8 Ocak'ta"][5:] == "01-08"
    given = seed_article("001", published=datetime(2020, 1, 13, tzinfo=UTC))
    assert by_date(given)["2020-01-08"] == "8 Ocak'ta"


def test_seed_yearless_dates_keep_their_year_unknown():
    for prefix, day in (("001", 8), ("002", 12), ("003", 12)):
        article = seed_article(prefix)
        assert article.published is None
        mention = next(m for m in article.dates if m.date[5:] == f"01-{day:02d}")
        assert not mention.year_known and mention.shown == f"--01-{day:02d} (year unknown)"
        # no event day from a guessed year, however soon after the events it is read
        for ingested in (None, datetime(2020, 1, 20, tzinfo=UTC)):
            extra = {"ingested": ingested} if ingested else {}
            article = seed_article(prefix, **extra)
            assert article.event_date is None and not article.event_date_estimated
    # only "dün", "أمس" and weekdays: nothing to resolve them against
    for prefix in ("000", "004"):
        article = seed_article(prefix)
        assert article.dates == [] and article.event_date is None
        assert not article.event_date_estimated


def test_seed_event_date_is_the_publication_date_when_given():
    article = seed_article("003", published=datetime(2020, 1, 13, 18, 0, tzinfo=UTC))
    assert article.event_date == date(2020, 1, 13) and not article.event_date_estimated
    assert by_date(article)["2020-01-13"] == "الاثنين"  # "محادثات يوم الاثنين"
    assert by_date(article)["2020-01-12"] == "12 يناير"
    assert not any(d.startswith("2024") for d in by_date(article))  # the sidebar is cleaned off


def _undated(text: str, lang: str = "en") -> Article:
    article = Article(id="u", source="u", raw=text, text=text, body=text, lang=lang,
                      ingested=datetime(2026, 12, 7, tzinfo=UTC))  # fmt: skip
    return DateFinder()(article)


def test_event_day_of_an_undated_article_is_a_date_it_writes_with_its_year():
    article = _undated("The talks in Moscow on 13 January 2020 ended without a deal.")
    assert article.event_date == date(2020, 1, 13) and article.event_date_estimated
    # dates close together: the latest is the article's own
    article = _undated("Fighting began on 4 April 2019. On 12 May 2019 the ceasefire was signed.")
    assert article.event_date == date(2019, 5, 12)


def test_no_event_day_from_history_anniversaries_or_schedules():
    for text in (
        # a historical reference in a later article: a later year is named
        "Fifty years after 22 November 1963, Dallas remembers Kennedy in 2013.",
        # a future schedule beside the present
        "The Games postponed on 24 March 2020 will open on 23 July 2021.",
        # a background date far from another
        "Castro took power on 1 January 1959; on 19 April 2018 Díaz-Canel took over.",
        # the 1980 coup named in a text that dates itself only by a year
        "12 Eylül 1980 darbesinin yıl dönümü 2015 yılında anıldı.",
    ):
        article = _undated(text, "tr" if "Eylül" in text else "en")
        assert article.event_date is None and not article.event_date_estimated, text


# --- Arabic regional month names and digits ---


def test_maghrebi_months():
    found = dates(
        "وقع الاتفاق يوم 12 جانفي 2020 بعد لقاء 5 فيفري 2019، وتأجل إلى 3 أفريل 2020 ثم "
        "7 جوان 2020 و14 جويلية 2020 و15 أوت 2020 و1 ماي 2020.",
        "ar",
    )
    assert found == {
        "12 جانفي 2020": "2020-01-12",
        "5 فيفري 2019": "2019-02-05",
        "3 أفريل 2020": "2020-04-03",
        "7 جوان 2020": "2020-06-07",
        "14 جويلية 2020": "2020-07-14",
        "15 أوت 2020": "2020-08-15",
        "1 ماي 2020": "2020-05-01",
    }


def test_moroccan_months():
    found = dates(
        "صدر في الجريدة الرسمية يوم 22 يوليوز 2021، وجرت الانتخابات في 8 شتنبر 2021، "
        "بعد حادث 19 نونبر 2017 ومهرجان 20 غشت 2019 وحفل 12 دجنبر 2019 و3 يونيو 2020.",
        "ar",
    )
    assert found == {
        "22 يوليوز 2021": "2021-07-22",
        "8 شتنبر 2021": "2021-09-08",
        "19 نونبر 2017": "2017-11-19",
        "20 غشت 2019": "2019-08-20",
        "12 دجنبر 2019": "2019-12-12",
        "3 يونيو 2020": "2020-06-03",
    }


def test_levantine_months_and_both_orders_of_double_names():
    found = dates(
        "في 9 أبريل/نيسان 1981 و24 آب 2011 و3 تشرين الأول 2019 و5 شباط (فبراير) 2020", "ar"
    )
    assert found == {
        "9 أبريل/نيسان 1981": "1981-04-09",
        "24 آب 2011": "2011-08-24",
        "3 تشرين الأول 2019": "2019-10-03",
        "5 شباط (فبراير) 2020": "2020-02-05",
    }


def test_arabic_indic_digits():
    assert dates("الاثنين ١٣ يناير ٢٠٢٠ - 13:40", "ar") == {"الاثنين ١٣ يناير ٢٠٢٠": "2020-01-13"}
    assert dates("بتاريخ ٠٧-٠١-٢٠٢٠", "ar") == {"٠٧-٠١-٢٠٢٠": "2020-01-07"}


def test_weekday_and_day_without_a_year():
    # "الأحد 12 يناير": the weekday comes with the date and is not a second mention
    assert dates("تبدأ الهدنة الأحد 12 يناير", "ar") == {"الأحد 12 يناير": "2020-01-12"}
    # with no publication date, the weekday tells the year: Tuesday 24 May is 2022
    assert dates("انطلقت يوم الثلاثاء 24 ماي الجاري", "ar", None) == {
        "الثلاثاء 24 ماي الجاري": "2022-05-24"
    }


# --- relative dates, resolved against a given publication date (Wednesday 8 January 2020) ---


def test_relative_turkish():
    found = DateFinder().find_dates(
        "Dün Moskova'da görüştüler. Pazartesi günü Berlin'e gidecek heyet geçen Cuma Ankara'daydı; "
        "önümüzdeki Pazartesi yeniden toplanacaklar. Bugün açıklama yapıldı, pazar yerinde.",
        "tr",
        WED,
        NOW,
    )
    assert {m.date: m.text for m in found} == {
        "2020-01-07": "Dün",
        "2020-01-06": "Pazartesi",
        "2020-01-03": "Cuma",  # geçen: last
        "2020-01-13": "Pazartesi",  # önümüzdeki: next
        "2020-01-08": "Bugün",
    }  # and "pazar yeri" is a market, not Sunday


def test_relative_arabic():
    found = dates(
        "وقال الجيش الاثنين إنه سيطر على سرت، وأجلت المحادثات التي كانت مقررة أمس، "
        "وتستأنف الأحد المقبل بعد لقاء الأربعاء الماضي بين الاثنين.",
        "ar",
    )
    assert found == {
        "الاثنين": "2020-01-06",
        "أمس": "2020-01-07",
        "الأحد": "2020-01-12",
        "الأربعاء": "2020-01-01",
    }


def test_relative_english():
    found = dates(
        "The ministers met on Monday, said yesterday that talks resume next Friday, "
        "after a summit last Wednesday. Black Friday sales are unaffected.",
        "en",
    )
    assert found == {
        "Monday": "2020-01-06",
        "yesterday": "2020-01-07",
        "Friday": "2020-01-10",
        "Wednesday": "2020-01-01",
    }


def test_relative_dates_need_a_publication_date():
    assert dates("Dün Moskova'da görüştüler, Pazartesi günü", "tr", None) == {}
    assert dates("The ministers met on Monday and yesterday", "en", None) == {}


# --- the other SemEval-2022 languages, one sentence each ---


@pytest.mark.parametrize(
    ("lang", "sentence", "written", "iso"),
    [
        (
            "de",
            "Am 13. Januar 2020 trafen sich die Außenminister in Moskau.",
            "13. Januar 2020",
            "2020-01-13",
        ),
        (
            "fr",
            "Le 1er février 2020, les ministres se sont réunis à Berlin.",
            "1er février 2020",
            "2020-02-01",
        ),
        (
            "es",
            "El 19 de enero de 2020 se celebró la conferencia de Berlín.",
            "19 de enero de 2020",
            "2020-01-19",
        ),
        ("ru", "Переговоры прошли 13 января 2020 года в Москве.", "13 января 2020", "2020-01-13"),
        ("zh", "2020年1月13日，双方在莫斯科举行会谈。", "2020年1月13日", "2020-01-13"),
        (
            "it",
            "Il 19 gennaio 2020 si è tenuta la conferenza di Berlino.",
            "19 gennaio 2020",
            "2020-01-19",
        ),
        (
            "pl",
            "Rozmowy odbyły się 13 stycznia 2020 r. w Moskwie.",
            "13 stycznia 2020",
            "2020-01-13",
        ),
        (
            "en",
            "The conference was held on January 19, 2020 in Berlin.",
            "January 19, 2020",
            "2020-01-19",
        ),
        ("tr", "Berlin Konferansı 19 Ocak 2020'de yapıldı.", "19 Ocak 2020'de", "2020-01-19"),
    ],
)
def test_absolute_date_in_each_language(lang, sentence, written, iso):
    assert dates(sentence, lang, None) == {written: iso}


def test_weekdays_in_other_languages():
    assert dates("Die Minister trafen sich am Montag, gestern", "de") == {
        "Montag": "2020-01-06",
        "gestern": "2020-01-07",
    }
    assert dates("Министры встретились в понедельник; окружающая среда", "ru") == {
        "понедельник": "2020-01-06"
    }
    assert dates("外交部长周一会晤，下周五继续", "zh") == {
        "周一": "2020-01-06",
        "周五": "2020-01-17",
    }
    assert dates("Por la mañana el ministro habló", "es") == {}


# --- the year, plausibility, and what is not a date ---


def test_missing_year_is_the_nearest_before_or_shortly_after_publication():
    found = dates("El 25 de diciembre y el 12 de enero y el 3 de marzo", "es")
    assert found == {
        "25 de diciembre": "2019-12-25",
        "12 de enero": "2020-01-12",
        "3 de marzo": "2020-03-03",
    }
    # without a publication date: the latest full date the text gives
    assert dates("Le 3 avril 2018, puis le 12 mai", "fr", None)["12 mai"] == "2018-05-12"


def test_quantities_and_implausible_dates_are_not_dates():
    text = (
        "ارتفع تدفق الاستثمارات بنسبة 31.5 بالمئة، وصفقة بقيمة 68 مليون دولار، ومنظومة S-400 "
        "وإس 400 الروسية، و3 نقاط و12 عاما. Yaklaşık 2 buçuk saat sürdü, 3 yeni kontrol noktası. "
        "31 فبراير 2020 و5 ماي 2090 و1.2.3.2020"
    )
    for lang in ("ar", "tr", "en", None):
        assert dates(text, lang) == {}, lang
    # before 1900: dropped, rather than read as a date without a year
    assert dates("أحيت الشعوب الشركسية ذكرى يوم 21 مايو/أيار 1864", "ar", None) == {}


def test_numeric_dates_day_first_and_iso():
    assert dates("Am 31.12.2019 gegen 17 Uhr und am 2020-01-12", "de") == {
        "31.12.2019": "2019-12-31",
        "2020-01-12": "2020-01-12",
    }
    # English: both readings valid, the one nearer the publication date wins
    assert dates("Posted 01/02/2020", "en") == {"01/02/2020": "2020-01-02"}


def test_mentions_are_counted_once_a_date():
    found = DateFinder().find_dates("12 يناير ... 12 يناير ... 12 كانون الثاني", "ar", WED, NOW)
    assert [(m.text, m.date, m.mentions) for m in found] == [("12 يناير", "2020-01-12", 3)]


# --- publication dates from datelines ---


@pytest.mark.parametrize(
    ("lang", "head", "published"),
    [
        (
            "ar",
            "عنوان\nعدد القراءات: 47 تاريخ النشر: الثلاثاء 07-01-2020\nنص",
            datetime(2020, 1, 7),
        ),
        ("en", "Headline\nPublished: 13 January 2020\nText of the story.", datetime(2020, 1, 13)),
        (
            "tr",
            "Başlık\n29.01.2020 14:32 | Son Güncelleme: 29.01.2020 14:37\nMetin",
            datetime(2020, 1, 29, 14, 32),
        ),
        ("es", "Titular\nRedacción 08/06/2020 12:46 h\nTexto", datetime(2020, 6, 8, 12, 46)),
        ("de", "Schlagzeile\n13.01.2020\nText", datetime(2020, 1, 13)),
        ("es", "Titular\nAP • 1 Ene 2020 - 05:09 PM\nTexto", datetime(2020, 1, 1, 17, 9)),
    ],
)
def test_dateline_gives_publication_date(lang, head, published):
    assert DateFinder().find_published(head, lang, NOW) == published.replace(tzinfo=UTC)


@pytest.mark.parametrize(
    "head",
    [
        "Brexit am 31.1.2020 geplant",  # a headline with a date is not a dateline
        "Der Vertrag gilt seit dem 13. Januar 2020 für alle Mitglieder des Vereins in der Stadt.",
        "Schlagzeile\n13. Januar\nText",  # no year: not confident
        "Schlagzeile\n13.01.2027\nText",  # after the article was read
    ],
)
def test_no_publication_date_unless_confident(head):
    assert DateFinder().find_published(head, "de", NOW) is None


def test_stage_fills_published_only_when_missing():
    text = "Başlık\n29.01.2020 14:32 | Son Güncelleme: 29.01.2020 14:37\nDün Ankara'da görüştüler."
    article = Article(id="a", source="s", raw=text, text=text, lang="tr", title="Başlık")
    article.body = text.split("\n", 1)[1]
    DateFinder()(article)
    assert article.published == datetime(2020, 1, 29, 14, 32, tzinfo=UTC)
    assert article.event_date == date(2020, 1, 29) and not article.event_date_estimated
    assert by_date(article)["2020-01-28"] == "Dün"  # resolved against the dateline
    given = Article(id="b", source="s", raw=text, text=text, lang="tr", published=WED)
    assert DateFinder()(given).published == WED


def test_stage_contract():
    finder = DateFinder()
    assert finder.name == "analyze.dates.v1"
    assert finder.assigns == ("dates", "published", "event_date", "event_date_estimated")
    Pipeline([LanguageDetector(), TextCleaner(), finder])  # the chain of fields holds


@pytest.mark.slow
def test_semeval_datelines(data_dir):
    """On the SemEval-2022 training articles (published January to June 2020) the
    datelines found give dates of that half year, for at least 60 articles."""
    finder, cleaner, found = DateFinder(), TextCleaner(), []
    with (data_dir / "sts22-train-pairs.jsonl").open(encoding="utf-8") as pairs:
        for line in pairs:
            pair = json.loads(line)
            text, lang = pair["text1"], pair["lang1"]
            article = cleaner(Article(id="x", source="s", raw=text, text=text, lang=lang))
            if finder(article).published is not None:
                found.append(article.published.date())
    assert len(found) >= 60
    assert all(date(2019, 12, 1) <= d <= date(2020, 7, 31) for d in found), sorted(found)


def test_publication_day_from_the_address():
    from tidings.analyze.dates import published_in_url

    today = date(2026, 12, 1)
    assert published_in_url("https://e.es/espana/2020/01/13/5e1c.html", today).date() == date(
        2020, 1, 13
    )
    assert published_in_url("https://e.com/news-20200113-talks", today).date() == date(2020, 1, 13)
    assert published_in_url("https://e.com/story/123456789", today) is None
    assert published_in_url("https://e.com/2020/13/45/x", today) is None
    assert published_in_url("https://e.com/2030/01/01/x", today) is None  # not yet


def test_year_known_only_when_something_dates_the_text():
    finder = DateFinder()

    def known(text: str, lang: str, published: datetime | None) -> dict[str, bool]:
        return {m.text: m.year_known for m in finder.find_dates(text, lang, published, NOW)}

    # no publication date, no full date, no repeated year: the year is the ingestion's guess
    assert known("8 Ocak'ta Moskova'da", "tr", None) == {"8 Ocak'ta": False}
    assert known("انطلقت يوم الثلاثاء 24 ماي الجاري", "ar", None) == {
        "الثلاثاء 24 ماي الجاري": False
    }
    # only a publication date grounds a yearless date; a full date or a repeated year
    # in an undated text only guides the guess ("12 Eylül" in a text about 2015 may be 1980)
    assert known("8 Ocak'ta Moskova'da", "tr", WED) == {"8 Ocak'ta": True}
    assert known("Le 3 avril 2018, puis le 12 mai", "fr", None) == {
        "3 avril 2018": True,
        "12 mai": False,
    }
    found = finder.find_dates("El 13 de marzo de 2020 ... en 2020, el 14 de marzo", "es", None, NOW)
    assert {m.date: m.year_known for m in found} == {"2020-03-13": True, "2020-03-14": False}


def test_seeds_without_a_publication_date_have_guessed_years():
    for prefix in ("001", "002", "003"):
        article = seed_article(prefix)
        assert article.dates and not any(m.year_known for m in article.dates)
    article = seed_article("003", published=datetime(2020, 1, 13, 18, 0, tzinfo=UTC))
    assert all(m.year_known for m in article.dates)
