"""The quick mojibake check (`paragraphs.is_bad`) answers exactly as ftfy's own:
it only skips ftfy's scan for text without any character its patterns need."""

from __future__ import annotations

import itertools
import json

from ftfy.badness import MOJIBAKE_CATEGORIES
from ftfy.badness import is_bad as ftfy_is_bad
from hypothesis import given, settings
from hypothesis import strategies as st

from tidings.ingest.clean.paragraphs import _MOJIBAKE_LITERALS, is_bad

# The characters ftfy's patterns are made of, with ASCII, Arabic and spaces around them.
_PATTERN_CHARS = (
    "".join(MOJIBAKE_CATEGORIES.values()).replace("\\x80-\\x9f", "") + _MOJIBAKE_LITERALS
)
_ALPHABET = st.sampled_from(
    sorted(set(_PATTERN_CHARS)) + list("aZz.,?! \n\t0") + ["\x85", "\xa0", "ş", "ı", "ب", "ا"]
)


@settings(max_examples=3000)
@given(st.text(alphabet=_ALPHABET, max_size=12))
def test_agrees_with_ftfy_on_arbitrary_text(text):
    assert is_bad(text) == ftfy_is_bad(text)


@given(st.text(max_size=40))
def test_agrees_with_ftfy_on_any_unicode(text):
    assert is_bad(text) == ftfy_is_bad(text)


def test_finds_real_mojibake():
    assert is_bad("prÃ©posÃ©s")
    assert is_bad("Ø§Ù„Ù…ØºØ±Ø¨")  # Arabic UTF-8 read as Windows-1252
    assert not is_bad("Türkiye'nin başkenti Ankara")
    assert not is_bad("المغرب")


def test_agrees_with_ftfy_on_the_corpora(data_dir):
    for name in ("ttc3600-tr-news.jsonl", "hespress-ar-news.jsonl", "sts22-train-pairs.jsonl"):
        with (data_dir / name).open(encoding="utf-8") as lines:
            for line in itertools.islice(lines, 150):
                record = json.loads(line)
                texts = [v for v in record.values() if isinstance(v, str)]
                for text in texts:
                    for piece in [text, *text.splitlines()]:
                        assert is_bad(piece) == ftfy_is_bad(piece), piece[:80]
