"""Decoding bytes in the encodings news archives use."""

from __future__ import annotations

import codecs

import pytest

from tidings.ingest.decode import decode
from tidings.ingest.errors import InputError

TURKISH = "Dışişleri Bakanı Çavuşoğlu, İstanbul'daki görüşmenin ardından açıklama yaptı."
ARABIC = "قال وزير الخارجية التركي إن المحادثات مع روسيا حول ليبيا ستستأنف الأسبوع المقبل"


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (TURKISH.encode("utf-8"), TURKISH),
        (codecs.BOM_UTF8 + TURKISH.encode("utf-8"), TURKISH),
        (TURKISH.encode("utf-16"), TURKISH),  # with a byte-order mark
        ("Talks resume in Moscow".encode("utf-16-le"), "Talks resume in Moscow"),
        (TURKISH.encode("cp1254"), TURKISH),
        (ARABIC.encode("cp1256"), ARABIC),
    ],
)
def test_decodes(data, text):
    assert decode(data) == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "binary file, not text"),
        (TURKISH.encode("utf-8")[:-3] + b"\xc3", "invalid UTF-8 at byte"),
    ],
)
def test_refuses(data, reason):
    with pytest.raises(InputError, match=reason):
        decode(data)


def _encodable(path, encoding: str, count: int, min_chars: int = 0) -> list[str]:
    """The first `count` texts of a corpus that the legacy page can encode."""
    import json

    found = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line)["text"]
            try:
                text.encode(encoding)
            except UnicodeEncodeError:
                continue
            if len(text) >= min_chars:
                found.append(text)
            if len(found) == count:
                break
    return found


@pytest.mark.slow
def test_real_arabic_articles_in_windows_1256_decode_right(data_dir):
    # A letter byte and the Arabic comma (0xA1) read as valid UTF-8 by chance:
    # these were refused as "invalid UTF-8 at byte 0".
    texts = _encodable(data_dir / "hespress-ar-news.jsonl", "cp1256", 60)
    wrong = [t[:40] for t in texts if decode(t.encode("cp1256")) != t]
    assert len(texts) == 60 and wrong == []


@pytest.mark.slow
def test_real_turkish_articles_in_windows_1254_decode_right(data_dir):
    # One was decoded as Windows-1252 ("Ýhlalli"); news texts of a few lines at least
    # (a three-word line "DEVAMI İÇİN TIKLAYIN" reads as no language).
    texts = _encodable(data_dir / "ttc3600-tr-news.jsonl", "cp1254", 60, min_chars=300)
    wrong = [t[:40] for t in texts if decode(t.encode("cp1254")) != t]
    assert len(texts) == 60 and wrong == []


# Turkish articles that a ranking by known words once read in another page: cp1256
# puts an invisible mark for ı inside words ("Alt\u200enordu"), which split in two.
_MARKED_INSIDE = ("PTT 1. Lig ekiplerinden Alt", "Demet Parlak, yar", "Copa America’da B Grubu",
                  "Dünya çapında milyon", "Crystal Hall da d")  # fmt: skip


@pytest.mark.slow
def test_turkish_is_not_read_in_a_page_that_marks_inside_words(data_dir):
    import json

    with (data_dir / "ttc3600-tr-news.jsonl").open(encoding="utf-8") as lines:
        texts = [
            t for t in (json.loads(line)["text"] for line in lines) if t.startswith(_MARKED_INSIDE)
        ]
    assert len(texts) >= len(_MARKED_INSIDE)
    assert [t[:30] for t in texts if decode(t.encode("cp1254")) != t] == []


def test_utf8_with_a_broken_byte_is_still_refused():
    data = ARABIC.encode("utf-8") + b"\xff" + ARABIC.encode("utf-8")
    with pytest.raises(InputError, match="invalid UTF-8 at byte"):
        decode(data)
