"""Bytes to text: UTF-8 first, then byte-order marks, then charset detection.

Legacy encodings (Windows-1254 Turkish, Windows-1256 Arabic) are still common
in archives. charset-normalizer proposes the encodings that decode the bytes
into something like language, but single-byte Latin code pages all decode
Turkish into plausible letters (cp1252 reads "Dışişleri" as "Dýþiþleri"), so
its candidates are ranked by the share of their words that wordfreq knows in
the language py3langid reads them as. Binary files are refused rather than
decoded into noise.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import py3langid
from charset_normalizer import from_bytes
from wordfreq import available_languages, zipf_frequency

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
# Encodings are told from the head of the input: enough text for language.
_SAMPLE_BYTES = 65536
_SCORE_CHARS = 4000
# UTF-16 of one script puts few distinct values in the high byte of each unit
# (0x00 for Latin, 0x06 for Arabic, 0x04 for Cyrillic); noise spreads them.
_UTF16_TOP_HIGH_BYTES = 3
_UTF16_MIN_TOP_SHARE = 0.9
# A word to score: two characters or more, no digit (numbers say nothing of language).
_WORD = re.compile(r"[^\d\s]{2,}")
_EDGES = "".join(chr(c) for c in range(0x2000, 0x2070)) + '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~«»¡¿،؛؟'
# Legacy pages tried beside charset-normalizer's proposals, and the share of known
# words a decoding by one of them must reach.
_CODE_PAGES = tuple(f"cp{n}" for n in range(1250, 1259))
_MIN_KNOWN_SHARE = 0.5


def decode(data: bytes) -> str:
    """Decode `data` to text, or raise `InputError` saying why it is not text."""
    if not data or data.isspace():  # no copy of a large input
        raise InputError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_marked(data, encoding)
    sample = data[:_SAMPLE_BYTES]
    utf16 = _utf16_without_bom(sample)
    if utf16:
        return data.decode(utf16, errors="replace")
    if _looks_binary(sample):
        raise InputError("binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        return _detect(data, error)


def _decode_marked(data: bytes, encoding: str) -> str:
    """Text behind a byte-order mark. A UTF-16/32 file cut at an odd byte
    loses only its last character; broken UTF-8 is refused as without a mark."""
    if encoding != "utf-8-sig":
        return data.decode(encoding, errors="replace")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(f"invalid UTF-8 at byte {error.start}") from None


def _looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in b"\t\n\r\f")
    return control > _MAX_CONTROL_SHARE * len(sample)


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' where the bytes read as UTF-16 text without
    a byte-order mark: one byte of each pair from a few script blocks (NUL for
    Latin), and the decoded text without control characters."""
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    sample = sample[: len(sample) // 2 * 2]
    for encoding, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        counts = sorted((high.count(b) for b in set(high)), reverse=True)
        if sum(counts[:_UTF16_TOP_HIGH_BYTES]) < _UTF16_MIN_TOP_SHARE * len(high):
            continue
        text = sample.decode(encoding, errors="replace").rstrip("\ufffd")
        if _reads_as_text(text):
            return encoding
    return None


def _reads_as_text(text: str) -> bool:
    if not text or "\x00" in text or "\ufffd" in text:
        return False
    odd = sum(1 for ch in text if ch not in "\t\n\r\f" and unicodedata.category(ch)[0] == "C")
    return odd <= _MAX_CONTROL_SHARE * len(text)


def _detect(data: bytes, error: UnicodeDecodeError) -> str:
    invalid = f"invalid UTF-8 at byte {error.start}"
    sample = data[:_SAMPLE_BYTES]
    if _mostly_utf8(sample):  # UTF-8 text with broken bytes: refused, not guessed
        raise InputError(invalid)
    matches = [m for m in from_bytes(sample) if m.coherence >= _MIN_COHERENCE]
    found = [m.encoding for m in matches if m.chaos <= _MAX_CHAOS]
    # The Windows code pages are tried too: charset-normalizer may rank a Latin
    # page over Turkish (Ýhlalli for İhlalli) or miss one on a short text.
    candidates = list(dict.fromkeys(found + [c for c in _CODE_PAGES if c not in found]))
    scored = []
    for encoding in candidates:
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue  # the sample may end inside a character of a multi-byte page
        share = _known_word_share(text[:_SCORE_CHARS])
        if encoding in found or share >= _MIN_KNOWN_SHARE:
            scored.append((share, -len(scored), encoding))
    if not scored:
        raise InputError(f"{invalid}, and no other encoding reads it as language")
    # Ties keep the candidates' order (charset-normalizer's first).
    return data.decode(max(scored)[2], errors="replace")


def _mostly_utf8(sample: bytes) -> bool:
    """Whether most non-ASCII characters of `sample` are valid UTF-8 sequences: then
    it is UTF-8 with broken bytes. A legacy page makes a valid sequence here and
    there by chance (an Arabic letter byte and the Arabic comma 0xA1), not mostly."""
    decoded = sample.decode("utf-8", errors="replace")
    broken = decoded.count("\ufffd")
    valid = sum(1 for ch in decoded if ord(ch) > 127) - broken
    return valid > broken


def _known_word_share(text: str) -> float:
    """Share of the words of `text` that are words of the language it reads as. A
    word is what stands between spaces, punctuation stripped from its ends: a wrong
    page that puts a mark or a symbol inside a word (cp1256 reads Turkish ı as an
    invisible left-to-right mark: "Alt\u200enordu") makes it unknown, rather than
    two short words that may be known."""
    words = [w for w in (t.strip(_EDGES) for t in text.split()) if _WORD.fullmatch(w)]
    lang, _score = py3langid.classify(text)
    if not words or lang not in available_languages():
        return 0.0
    try:
        known = sum(_letters_only(w) and zipf_frequency(w, lang) > 0 for w in words)
    except ImportError:  # Japanese and Korean need a tokenizer wordfreq does not ship
        return 0.0
    return known / len(words)


def _letters_only(word: str) -> bool:
    return all(ch.isalpha() or ch in "'’" or unicodedata.category(ch)[0] == "M" for ch in word)
