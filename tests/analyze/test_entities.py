"""People and organisations in the five seed articles, in sentences in other languages,
and across the Turkish and Arabic corpora."""

from __future__ import annotations

import json
from collections import Counter, defaultdict

import pytest

from tests.conftest import seed_file
from tidings.analyze.entities import EntityFinder
from tidings.analyze.names import person_key
from tidings.ingest.clean import TextCleaner
from tidings.model import Article, Entity
from tidings.pipeline import Stage

SEED_LANGS = {"000": "tr", "001": "tr", "002": "ar", "003": "ar", "004": "ar"}
# Who each seed names, as it writes them (the surname is enough).
SEED_PEOPLE = {
    "000": ["Hafter", "Çavuşoğlu", "Akar", "Erdoğan", "Putin", "Lavrov"],
    "001": [
        "Hafter",
        "Serrac",
        "Çavuşoğlu",
        "Akar",
        "Fidan",
        "Lavrov",
        "Şoygu",
        "Erdoğan",
        "Putin",
    ],
    "002": ["حفتر", "أردوغان", "بوتين", "لافروف", "تشاوش أوغلو"],
    "003": ["حفتر", "السراج", "لافروف", "شويغو", "تشاووش أغلو", "أكار", "بوتين", "أردوغان"],
    "004": ["حفتر", "جاويش أوغلو", "بوتين", "أردوغان", "لافروف"],
}
# The same people across the two languages: Turkish spelling -> Arabic spellings.
ACROSS = {
    "Hafter": ["حفتر"],
    "Çavuşoğlu": ["تشاوش أوغلو", "تشاووش أغلو", "جاويش أوغلو"],
    "Lavrov": ["لافروف"],
    "Putin": ["بوتين"],
    "Erdoğan": ["أردوغان"],
    "Serrac": ["السراج"],
    "Akar": ["أكار"],
    "Şoygu": ["شويغو"],
}
# A stand-in for the gazetteer: the places these tests name.
PLACES = {"Sri Lanka", "Libya", "Moskova", "Türkiye", "Rusya", "Trablus", "بنغازي", "سرت"}


def is_place(text: str, lang: str) -> bool:
    return text in PLACES


@pytest.fixture(scope="module")
def finder() -> EntityFinder:
    return EntityFinder(is_place=is_place)


@pytest.fixture(scope="module")
def seeds(finder: EntityFinder, seeds_dir) -> dict[str, list[Entity]]:
    cleaner = TextCleaner()
    found = {}
    for seed, lang in SEED_LANGS.items():
        cleaned = cleaner.clean(seed_file(seed).read_text(encoding="utf-8"), lang)
        found[seed] = finder.find(f"{cleaned.title}\n" + "\n".join(cleaned.body), lang)
    return found


def named(entities: list[Entity], surname: str) -> Entity:
    """The entity whose name ends with `surname`."""
    hits = [e for e in entities if e.name.endswith(surname) or f"{surname} " in e.name]
    assert hits, (surname, [e.name for e in entities])
    return hits[0]


@pytest.mark.parametrize("seed", sorted(SEED_PEOPLE))
def test_seed_people_are_found(seeds, seed: str) -> None:
    for surname in SEED_PEOPLE[seed]:
        assert named(seeds[seed], surname).type == "person", surname


@pytest.mark.parametrize("turkish", sorted(ACROSS))
def test_turkish_and_arabic_spellings_share_a_key(seeds, turkish: str) -> None:
    keys = {named(seeds[s], turkish).key for s in ("000", "001") if turkish in SEED_PEOPLE[s]}
    for arabic in ACROSS[turkish]:
        keys |= {
            named(seeds[s], arabic).key for s in ("002", "003", "004") if arabic in SEED_PEOPLE[s]
        }
    assert len(keys) == 1, (turkish, keys)


def test_seed_counts_and_names(seeds) -> None:
    hafter = named(seeds["001"], "Hafter")
    assert hafter.name == "Halife Hafter" and hafter.mentions == 6  # 3 full, 3 "Hafter'le/'e"
    assert named(seeds["000"], "Hafter").mentions == 7
    assert named(seeds["004"], "حفتر").mentions == 4  # "قوات حفتر" four times
    for entities in seeds.values():
        assert [e.mentions for e in entities] == sorted(
            (e.mentions for e in entities), reverse=True
        )


def test_seed_organisations(seeds) -> None:
    orgs = {seed: {e.name for e in found if e.type == "org"} for seed, found in seeds.items()}
    assert "Ulusal Mutabakat Hükümeti" in orgs["001"]
    assert "Milli Savunma Bakanlığı" in orgs["001"]
    assert "الجيش الوطني الليبي" in orgs["002"]
    assert "وزارة الخارجية الروسية" in orgs["003"]
    assert "شركة فاغنر الروسية" in orgs["004"]


def test_no_common_words_or_places_in_seeds(seeds) -> None:
    names = {e.name for found in seeds.values() for e in found}
    for word in ("Bu", "Ancak", "Türkiye", "Libya", "Sri Lanka", "Moskova", "Rus Heyet", "وقال"):
        assert word not in names


def test_places_hook_removes_places(seeds) -> None:
    without = EntityFinder().find("Resmi ziyaret için gittiği Sri Lanka'da konuştu.", "tr")
    assert [e.name for e in without] == ["Sri Lanka"]  # an untitled pair looks like a name
    assert EntityFinder(is_place=is_place).find("Ziyaret için Sri Lanka'da.", "tr") == []
    text = "وتقدمت قوات بنغازي نحو المدينة. وسيطرت قوات سرت على الميناء."  # forces of a city
    assert {e.name for e in EntityFinder().find(text, "ar")} == {"بنغازي", "سرت"}
    assert EntityFinder(is_place=is_place).find(text, "ar") == []


def test_lone_capitalised_words_need_a_person_found_otherwise(finder) -> None:
    text = "Bu sabah Ankara'da toplantı yapıldı. Ancak Hafter gelmedi. Türkiye bekliyor."
    assert finder.find(text, "tr") == []
    text += " Libya'da General Hafter ise konuştu."
    assert [(e.name, e.mentions) for e in finder.find(text, "tr")] == [("Hafter", 2)]


def test_all_caps_headlines_are_skipped(finder) -> None:
    assert finder.find("LAVROV: LİBYA SÜRECİ BİTMEDİ\nSON DAKİKA", "tr") == []


def keys(entities: list[Entity]) -> dict[str, Entity]:
    return {e.key: e for e in entities}


def test_english(finder) -> None:
    found = keys(
        finder.find(
            "Russian President Vladimir Putin met Turkish President Recep Tayyip Erdoğan in "
            "Istanbul on Wednesday. Putin said the United Nations should support the talks. "
            "Foreign Minister Sergei Lavrov will meet Khalifa Haftar in Moscow. Haftar's forces "
            "hold the east. However, Lavrov said on Monday that the Libyan National Army agreed.",
            "en",
        )
    )
    for name, mentions in [("Putin", 2), ("Erdoğan", 1), ("Lavrov", 2), ("Hafter", 2)]:
        assert found[person_key([name], "tr")].mentions == mentions, name
    orgs = {e.name for e in found.values() if e.type == "org"}
    assert orgs == {"United Nations", "Libyan National Army"}


def test_german(finder) -> None:
    found = keys(
        finder.find(
            "Der russische Präsident Wladimir Putin hat den türkischen Staatschef Recep Tayyip "
            "Erdoğan getroffen. Außenminister Sergej Lawrow sagte, die Vereinten Nationen sollten "
            "helfen. Bundeskanzlerin Angela Merkel lädt nach Berlin ein. Putins Sprecher schwieg.",
            "de",
        )
    )
    assert found[person_key(["Putin"], "tr")].mentions == 2  # "Putins" too
    assert found[person_key(["Lavrov"], "tr")].name == "Sergej Lawrow"
    assert found[person_key(["Erdoğan"], "tr")].type == "person"
    assert found[person_key(["Merkel"], "de")].name == "Angela Merkel"
    assert "Vereinten Nationen" in {e.name for e in found.values() if e.type == "org"}


def test_german_common_nouns_are_no_names(finder) -> None:
    # German capitalises nouns: a leading noun is no part of a name, a run of nouns
    # or one ending in an abstract noun is no name; given names stay (Hannah Weber).
    found = finder.find(
        "Der Fussballer Juan Izquierdo ist gestorben. Sein Trainer Marco Bielsa trauert. "
        "Auf der Plattform X schrieb der Verein: Izquierdo war ein Vorbild. "
        "Die Tochter Hannah Weber spielte im Garten. Millionen Passagiere warten. "
        "Seine Forderung nach Ruhe blieb ungehört, doch Kantonschemiker Martin Brunner "
        "widersprach. Brunner blieb ruhig.",
        "de",
    )
    by_key = keys(found)
    izquierdo = by_key[person_key(["Juan", "Izquierdo"], "de")]
    assert (izquierdo.name, izquierdo.mentions) == ("Juan Izquierdo", 2)
    assert by_key[person_key(["Brunner"], "de")].name == "Martin Brunner"
    assert by_key[person_key(["Weber"], "de")].name == "Hannah Weber"
    assert by_key[person_key(["Bielsa"], "de")].name == "Marco Bielsa"
    names = {e.name for e in found}
    assert not names & {"Plattform X", "Millionen Passagiere", "Seine Forderung"}
    assert not any(n.startswith(("Fussballer", "Tochter", "Kantonschemiker")) for n in names)


def test_russian(finder) -> None:
    found = keys(
        finder.find(
            "Президент Владимир Путин встретился с Реджепом Тайипом Эрдоганом в Стамбуле. "
            "Министр иностранных дел Сергей Лавров заявил, что Путин и Эрдоган призвали к "
            "перемирию. Лавров провёл переговоры с Халифой Хафтаром. По словам Лаврова, всё идёт.",
            "ru",
        )
    )
    assert found[person_key(["Putin"], "tr")].mentions == 2
    assert found[person_key(["Erdoğan"], "tr")].mentions == 2  # Эрдоганом, Эрдоган
    assert found[person_key(["Lavrov"], "tr")].mentions == 3  # Лавров twice, Лаврова
    assert found[person_key(["Hafter"], "tr")].name == "Халифой Хафтаром"


def test_chinese(finder) -> None:
    found = keys(
        finder.find(
            "土耳其总统埃尔多安和俄罗斯总统普京在伊斯坦布尔举行会谈。俄罗斯外长拉夫罗夫表示，"
            "利比亚国民军司令哈夫塔尔已离开莫斯科。普京呼吁各方停火。国家主席习近平会见了弗拉基米尔·普京。",
            "zh",
        )
    )
    assert found["普京"].mentions == 3 and found["普京"].name == "弗拉基米尔·普京"
    assert {"埃尔多安", "拉夫罗夫", "哈夫塔尔", "习近平"} <= set(found)
    assert found["利比亚国民军"].type == "org"
    assert person_key(["Putin"], "tr") not in found  # Han names are not transliterated


def test_romance_and_polish(finder) -> None:
    texts = {
        "fr": "Le président russe Vladimir Poutine a rencontré le maréchal Khalifa Haftar. "
        "Lundi, Poutine a appelé Haftar.",
        "es": "El ministro de Asuntos Exteriores Serguéi Lavrov dijo que el mariscal Jalifa "
        "Haftar dejó Moscú.",
        "it": "Il presidente russo Vladimir Putin ha incontrato il generale Khalifa Haftar.",
        "pl": "Prezydent Władimir Putin rozmawiał z Chalifą Haftarem. Putinowi zależy na rozejmie.",
    }
    for lang, text in texts.items():
        found = keys(finder.find(text, lang))
        assert person_key(["Hafter"], "tr") in found, lang
    assert keys(finder.find(texts["es"], "es"))[person_key(["Lavrov"], "tr")].name == (
        "Serguéi Lavrov"
    )
    assert keys(finder.find(texts["pl"], "pl"))[person_key(["Putin"], "tr")].mentions == 2


def test_stage_sets_entities() -> None:
    stage = EntityFinder()
    assert isinstance(stage, Stage)
    assert (stage.name, stage.requires, stage.assigns) == (
        "analyze.entities.v1",
        ("title", "body", "lang"),
        ("entities",),
    )
    article = Article(
        id="a",
        source="test",
        raw="",
        text="",
        lang="tr",
        title="Hafter Moskova'dan ayrıldı",
        body="Libya'da General Hafter, Dışişleri Bakanı Mevlüt Çavuşoğlu ile görüştü.",
    )
    assert [(e.name, e.mentions) for e in stage(article).entities] == [
        ("Hafter", 2),
        ("Mevlüt Çavuşoğlu", 1),
    ]
    assert EntityFinder().find("", None) == []


CORPORA = [("ttc3600-tr-news.jsonl", "tr"), ("hespress-ar-news.jsonl", "ar")]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "lang"), CORPORA)
def test_corpus_top_entities_are_no_common_words(data_dir, name: str, lang: str) -> None:
    finder = EntityFinder()
    docs: Counter[str] = Counter()
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    with open(data_dir / name, encoding="utf-8") as lines:
        for line in lines:
            for entity in finder.find(json.loads(line)["text"], lang):
                if entity.type != "person":
                    continue
                docs[entity.key] += 1
                surfaces[entity.key][entity.name] += 1
    lexicon = finder._lexicon(lang)
    top = [surfaces[key].most_common(1)[0] for key, _ in docs.most_common(30)]
    # no person keyed on a common word: "Bu", "Ancak", "وقال", "الذي", "حملة"
    common = {w.replace("i\u0307", "i") for w in lexicon.stop | lexicon.function}
    bad = [
        name
        for name, _ in top
        if name.split()[-1].lower() in common
        and name.split()[-2:-1] not in (["عبد"], ["آل"], ["بن"])  # عبد الله, آل ثاني
    ]
    assert not bad, bad
    assert len(top) == 30
