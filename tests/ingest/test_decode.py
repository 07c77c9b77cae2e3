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
