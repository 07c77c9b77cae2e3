"""Bytes to text: UTF-8 first, then byte-order marks, then charset detection.

Legacy encodings (Windows-1254 Turkish, Windows-1256 Arabic) are still common
in archives; charset-normalizer recognises them from the bytes. Binary files
are refused rather than decoded into noise.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from tidings.ingest.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Share of control bytes (other than tab, newline, carriage return, form feed)
# above which a file is binary, not text.
_MAX_CONTROL_SHARE = 0.01
# How much like a language a legacy decoding must read (charset-normalizer's
# coherence and mess ratio) before it is accepted.
_MIN_COHERENCE = 0.2
_MAX_CHAOS = 0.2


def decode(data: bytes) -> str:
    """Decode `data` to text, or raise `InputError` saying why it is not text."""
    if not data.strip():
        raise InputError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
    sample = data[:65536]
    utf16 = _utf16_without_bom(sample)
    if utf16:
        return data.decode(utf16, errors="replace")
    if _looks_binary(sample):
        raise InputError("binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        return _detect(data, error)


def _looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in b"\t\n\r\f")
    return control > _MAX_CONTROL_SHARE * len(sample)


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' where every other byte is mostly NUL, as in
    UTF-16 text of Latin script written without a byte-order mark."""
    even, odd = sample[0::2], sample[1::2]
    if len(sample) < 4:
        return None
    if odd.count(0) > 0.3 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _detect(data: bytes, error: UnicodeDecodeError) -> str:
    invalid = f"invalid UTF-8 at byte {error.start}"
    # Valid multi-byte sequences elsewhere mean UTF-8 text with broken bytes,
    # not a legacy encoding: refuse it rather than guess.
    if any(ord(ch) > 127 and ch != "\ufffd" for ch in data.decode("utf-8", errors="replace")):
        raise InputError(invalid)
    best = from_bytes(data).best()
    if best is None or best.coherence < _MIN_COHERENCE or best.chaos > _MAX_CHAOS:
        raise InputError(f"{invalid}, and no other encoding reads it as language")
    return str(best)
