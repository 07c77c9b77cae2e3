"""Language identification on real articles and on the SemEval languages."""

from __future__ import annotations

import json
from collections import Counter, defaultdict

import pytest

from tidings.analyze.language import LanguageDetector

# One sentence each, written for this test, for the SemEval-2022 Task 8
# languages the shared training pairs lack.
SENTENCES = {
    "it": "I ministri degli esteri si sono incontrati lunedì nella capitale per discutere del cessate il fuoco.",
    "pl": "Ministrowie spraw zagranicznych spotkali się w poniedziałek w stolicy, aby omówić zawieszenie broni.",
    "ru": "Министры иностранных дел встретились в понедельник в столице, чтобы обсудить прекращение огня.",
    "zh": "外交部长周一在首都会晤，讨论停火问题，双方表示会谈将在本周晚些时候继续进行。",
}


@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_languages_without_training_pairs(lang):
    assert LanguageDetector().detect(SENTENCES[lang]) == lang


def test_semeval_training_articles(data_dir):
    """Each language of the shared SemEval pairs is recognised in ≥ 95% of its articles."""
    detector = LanguageDetector()
    right: Counter[str] = Counter()
    seen: dict[str, set[str]] = defaultdict(set)
    with (data_dir / "sts22-train-pairs.jsonl").open(encoding="utf-8") as pairs:
        for line in pairs:
            pair = json.loads(line)
            for side in ("1", "2"):
                lang, text = pair[f"lang{side}"], pair[f"text{side}"]
                if len(seen[lang]) >= 60 or len(text) < 300 or pair[f"id{side}"] in seen[lang]:
                    continue
                seen[lang].add(pair[f"id{side}"])
                right[lang] += detector.detect(text) == lang
    assert set(seen) == {"ar", "de", "en", "es", "fr", "tr"}
    for lang, ids in seen.items():
        assert right[lang] / len(ids) >= 0.95, (lang, right[lang], len(ids))


def test_too_little_text_gets_no_language():
    assert LanguageDetector().detect("0 9 — 12") is None


def test_given_language_is_kept():
    from tidings.model import Article

    article = Article(id="a", source="s", raw="Bonjour à tous", text="Bonjour à tous", lang="fr")
    assert LanguageDetector()(article).lang == "fr"
