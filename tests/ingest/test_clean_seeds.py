"""The cleaner on the five real seed scrapes: boilerplate out, every story line in.

For each seed the test names the lines that are site boilerplate (by how they
begin); every other non-empty line of the file is the story and must survive,
except the headline, which becomes the title.
"""

from __future__ import annotations

import pytest

from tests.conftest import seed_file
from tidings.analyze.language import LanguageDetector
from tidings.ingest.clean import TextCleaner
from tidings.ingest.clean.lines import normalize_line

SEEDS = {
    "000": {
        "lang": "tr",
        "title": "Hafter milisleri saldırı için toplanıyor",
        "boilerplate": [
            "SON DAKİKA",
            "EN ÇOK OKUNANLAR",
            "Netanyahu küplere bindi",
            "SON DAKİKA || Gerilim",
            "Bir telefonla satıldı!",
            "İran’da neden",
            "NASA'nın geleceği",
        ],
    },
    "001": {
        "lang": "tr",
        "title": "Moskova'da Libya buluşması",
        "boilerplate": ["ulusal.com.tr", "türkiye rusya libya Mavi Vatan"],
    },
    "002": {
        "lang": "ar",
        "title": "الرئيس التركي والروسي يدعوان لوقف النار في ليبيا اعتباراً من الأحد",
        "boilerplate": [
            "الرئيسية > عربية ودولية",
            '" class="main-news-image img',
            "الحجر الصحفي في زمن الحوثي",  # a link to another article, under the story
        ],
    },
    "003": {
        "lang": "ar",
        "title": "انتهاء مفاوضات موسكو حول ليبيا ليوم الاثنين",
        "boilerplate": [
            "تركيا الآن",
            ".",
            "المصدر: وكالات",
            "أحدث الأخبار",
            "الاستثمارات الأجنبية",
            "ارتفع تدفق",
            "01/11/2024",
            "31/10/2024",
            "وزير الدفاع التركي: قواتنا",
            "قال وزير الدفاع التركي يشار",
            "تركيا..أسيلسان",
            "وقعت شركتا",
            "سفينة “تي جي",
            "شاركت سفينة",
            "التقارب المصري",
            "قال السفير التركي",
            "دعاء وشكر",
            "يستقطب سوق",
        ],
    },
    "004": {
        "lang": "ar",
        "title": "اتفاق تركي روسي على استئناف المحادثات للوصول الى وقف إطلاق النار في ليبيا",
        "boilerplate": [
            "موقع إخباري تفاعلي يهتم",
            "0 9",
            "ميدل ايست – الصباحية",
            "اترك رد",
            "لن يتم نشر عنوان بريدك الإلكتروني",
        ],
    },
}


def _lines(prefix: str) -> list[str]:
    text = seed_file(prefix).read_text(encoding="utf-8")
    return [normalize_line(line) for line in text.splitlines() if normalize_line(line)]


def _is_boilerplate(line: str, starts: list[str]) -> bool:
    return any(line.startswith(start) for start in starts)


@pytest.fixture(scope="module")
def cleaned() -> dict:
    detector, cleaner = LanguageDetector(), TextCleaner()
    results = {}
    for prefix in SEEDS:
        text = seed_file(prefix).read_text(encoding="utf-8")
        lang = detector.detect(text)
        results[prefix] = (lang, cleaner.clean(text, lang))
    return results


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_language(cleaned, prefix):
    assert cleaned[prefix][0] == SEEDS[prefix]["lang"]


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_title_is_the_real_headline(cleaned, prefix):
    assert cleaned[prefix][1].title == SEEDS[prefix]["title"]


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_no_boilerplate_survives(cleaned, prefix):
    body = cleaned[prefix][1].body
    kept = [line for line in body if _is_boilerplate(line, SEEDS[prefix]["boilerplate"])]
    assert kept == []


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_every_story_line_survives(cleaned, prefix):
    expected = SEEDS[prefix]
    story = [
        line
        for line in _lines(prefix)
        if not _is_boilerplate(line, expected["boilerplate"]) and line != expected["title"]
    ]
    body = cleaned[prefix][1].body
    assert [line for line in story if line not in body] == []
    assert len(story) >= 5  # the labels leave a real story to check


def test_boilerplate_named_in_the_issue_is_gone(cleaned):
    body = "\n".join(line for _, result in cleaned.values() for line in result.body)
    for fragment in [
        "SON DAKİKA",
        "EN ÇOK OKUNANLAR",
        "ulusal.com.tr",
        "الرئيسية > عربية ودولية",
        'class="main-news-image img',
        "أحدث الأخبار",
        "اترك رد",
        "لن يتم نشر عنوان بريدك الإلكتروني",
        "موقع إخباري تفاعلي",
        "0 9",
        "تركيا الآن",
    ]:
        assert fragment not in body


def test_removed_lines_are_kept_for_inspection(cleaned):
    removed = cleaned["004"][1].removed
    assert "اترك رد" in removed
    assert "0 9" in removed
