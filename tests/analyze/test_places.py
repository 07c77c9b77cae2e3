"""Places on the five real seed scrapes and on sentences in the ten SemEval languages."""

from __future__ import annotations

import pytest

from tests.conftest import seed_file
from tidings.analyze.language import LanguageDetector
from tidings.analyze.places import PlaceFinder
from tidings.ingest.clean import TextCleaner
from tidings.model import Article, Place
from tidings.pipeline import Pipeline

LIBYA, RUSSIA, TURKEY, SYRIA = "country:LY", "country:RU", "country:TR", "country:SY"
MOSCOW, TRIPOLI, SIRTE, IDLIB = (
    "geonames:524901",
    "geonames:2210247",
    "geonames:2210554",
    "geonames:169389",
)
BERLIN, ISTANBUL = "geonames:2950159", "geonames:745044"
LILLE, VLADIMIR, TRIPOLI_LB = "geonames:2998324", "geonames:473247", "geonames:266826"

# What each seed names, by the places it must yield.
SEEDS = {
    "000": ("tr", {LIBYA, RUSSIA, TURKEY, MOSCOW, TRIPOLI, IDLIB, BERLIN, ISTANBUL}),
    "001": ("tr", {LIBYA, RUSSIA, TURKEY, MOSCOW, IDLIB, BERLIN}),
    "002": ("ar", {LIBYA, RUSSIA, TURKEY, TRIPOLI, SIRTE, ISTANBUL}),
    "003": ("ar", {LIBYA, RUSSIA, TURKEY, MOSCOW, TRIPOLI}),
    "004": ("ar", {LIBYA, RUSSIA, TURKEY, TRIPOLI, SIRTE, ISTANBUL}),
}


def seed_article(prefix: str, lang: str) -> Article:
    text = seed_file(prefix).read_text(encoding="utf-8")
    cleaned = TextCleaner().clean(text, lang)
    return Article(
        id=prefix,
        source="seed",
        raw=text,
        text=text,
        title=cleaned.title,
        body="\n".join(cleaned.body),
        lang=lang,
    )


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_seed_places(finder, prefix):
    lang, expected = SEEDS[prefix]
    article = finder(seed_article(prefix, lang))
    ids = {p.id for p in article.places}
    assert expected <= ids, f"missing {expected - ids}"
    # وقف "ceasefire" is no Egyptian village, ليل "night" no Lille, فلاديمير (Putin) no city.
    assert not ids & {LILLE, VLADIMIR, TRIPOLI_LB}
    assert not [p for p in article.places if p.country == "EG"]
    by_id = {p.id: p for p in article.places}
    assert by_id[LIBYA] == Place(LIBYA, "Libya", "LY", by_id[LIBYA].mentions, "country")
    mentions = [p.mentions for p in article.places]
    assert mentions == sorted(mentions, reverse=True)


def test_seed_counts_inflected_mentions(finder):
    """Moskova'da, Moskova’daki, Moskova'ya all count; Libya is the story's main place."""
    places = finder(seed_article("001", "tr")).places
    by_id = {p.id: p for p in places}
    assert by_id[MOSCOW].mentions >= 8
    assert places[0].id == LIBYA


# Sentences written for this test, one or two per language, with what they name.
SENTENCES = {
    "en": (
        "Russian and Turkish diplomats met in Moscow on Monday to discuss the ceasefire in "
        "Libya. The Libyan government in Tripoli said Nice weather helped.",
        {RUSSIA, TURKEY, MOSCOW, LIBYA, TRIPOLI},
    ),
    "de": (
        "Die russische Regierung lud die Konfliktparteien nach Moskau ein. In Berlin soll eine "
        "Libyen-Konferenz stattfinden; die Türkei unterstützt Tripolis.",
        {RUSSIA, MOSCOW, BERLIN, LIBYA, TURKEY, TRIPOLI},
    ),
    "es": (
        "Rusia y Turquía se reunieron en Moscú para hablar de Libia. El gobierno libio de "
        "Trípoli y las fuerzas rusas discutieron en Estambul.",
        {RUSSIA, TURKEY, MOSCOW, LIBYA, TRIPOLI, ISTANBUL},
    ),
    "fr": (
        "Les négociations de Moscou sur la Libye ont échoué ; la Turquie et la Russie appellent "
        "au cessez-le-feu. Une conférence aura lieu à Berlin. Les forces libyennes tiennent Syrte.",
        {MOSCOW, LIBYA, TURKEY, RUSSIA, BERLIN, SIRTE},
    ),
    "it": (
        "I colloqui di Mosca sulla Libia sono terminati. La Turchia e la Russia chiedono il "
        "cessate il fuoco; a Berlino si terrà una conferenza. Il governo libico di Tripoli.",
        {MOSCOW, LIBYA, TURKEY, RUSSIA, BERLIN, TRIPOLI},
    ),
    "pl": (
        "Rozmowy w Moskwie w sprawie Libii zakończyły się bez porozumienia. Turcja i Rosja "
        "wezwały do rozejmu, a w Berlinie odbędzie się konferencja. Rosyjski minister przyleciał "
        "do Stambułu.",
        {MOSCOW, LIBYA, TURKEY, RUSSIA, BERLIN, ISTANBUL},
    ),
    "ru": (
        "Переговоры в Москве по ситуации в Ливии завершились. Турция и Россия призвали к "
        "перемирию, а в Берлине пройдёт конференция. Владимир Путин встретился с Эрдоганом в "
        "Стамбуле.",
        {MOSCOW, LIBYA, TURKEY, RUSSIA, BERLIN, ISTANBUL},
    ),
    "tr": (
        "Libyalı taraflar Moskova'da bir araya geldi. Türk ve Rus heyetleri Trablus’un "
        "durumunu görüştü. Son dakika: Bu akşam İdlib'de çatışma çıktı.",
        {LIBYA, MOSCOW, TURKEY, RUSSIA, TRIPOLI, IDLIB},
    ),
    "ar": (
        "اجتمع الطرفان الليبيان في موسكو، وقال الرئيس الروسي فلاديمير بوتين إن وقف إطلاق "
        "النار في طرابلس ولليبيا كلها سيبدأ منتصف ليل الأحد، وإن القوات التركية في إدلب.",
        {LIBYA, MOSCOW, RUSSIA, TRIPOLI, TURKEY, IDLIB},
    ),
    "zh": (
        "俄罗斯和土耳其在莫斯科举行会谈，讨论利比亚停火问题。利比亚政府位于的黎波里，德国将在柏林主办会议。",
        {RUSSIA, TURKEY, MOSCOW, LIBYA, TRIPOLI, BERLIN, "country:DE"},
    ),
}


@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_semeval_languages(finder, lang):
    text, expected = SENTENCES[lang]
    ids = {p.id for p in finder.find(text, lang)}
    assert ids == expected


def test_common_words_are_no_places(finder):
    assert finder.find("اليوم عام مدينة الليل وقف المالية كبيرا السلطات المشهد", "ar") == []
    assert finder.find("Bu sabah Son dakika haberi: Barış için Milli takım Salı günü", "tr") == []
    assert finder.find("It was a nice day for a sale; we are reading in the bath.", "en") == []


def test_tripoli_follows_the_article_s_country(finder):
    lebanon = finder.find("Clashes in Tripoli, north of Beirut, shook Lebanon.", "en")
    assert {p.id for p in lebanon} >= {TRIPOLI_LB, "country:LB"}
    libya = finder.find("Fighting near Tripoli, Libya.", "en")
    assert TRIPOLI in {p.id for p in libya}


def test_acronyms_and_unknown_language(finder):
    assert "country:US" in {p.id for p in finder.find("ABD ve Rusya görüştü.", "tr")}
    assert "country:US" not in {p.id for p in finder.find("abd ve rusya görüştü.", "tr")}
    ids = {p.id for p in finder.find("Moskova'da ve موسكو", None)}
    assert MOSCOW in ids


def test_stage_in_a_pipeline(finder, seeds_dir):
    """Language, cleaning and places run in order on a raw seed article."""
    text = seed_file("003").read_text(encoding="utf-8")
    pipeline = Pipeline([LanguageDetector(), TextCleaner(), finder])
    assert pipeline.names[-1] == "analyze.places.v1"
    article = pipeline(Article(id="003", source="seed", raw=text, text=text))
    assert {LIBYA, MOSCOW, TRIPOLI} <= {p.id for p in article.places}


def test_title_and_body_both_count(finder):
    article = Article(
        id="x", source="t", raw="", text="", title="Berlin", body="Berlin, Germany", lang="en"
    )
    assert [(p.id, p.mentions) for p in finder(article).places] == [(BERLIN, 2), ("country:DE", 1)]


def test_constructor_only_stores_settings():
    finder = PlaceFinder(min_population=5000)
    assert finder.gazetteer_ is None and finder.min_population == 5000
