"""The bad-input corpus, written by the tests: one file per way an input goes wrong.

`write_corpus(folder)` writes every case; `EXPECTED` says what each must give:
the text it decodes to (stored) or the words its failure must say.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

TURKISH_TITLE = "Türkiye ve Rusya Libya'da ateşkes için görüştü"
TURKISH = (
    "Dışişleri Bakanı Mevlüt Çavuşoğlu, İstanbul'daki görüşmenin ardından Rusya ile Libya "
    "konusundaki müzakerelerin önümüzdeki hafta Moskova'da yeniden başlayacağını söyledi. "
    "Açıklamada, tarafların ateşkes konusunda uzlaştığı ve görüşmelerin olumlu geçtiği belirtildi."
)
ARABIC_TITLE = "روسيا وتركيا تبحثان وقف إطلاق النار في ليبيا"
ARABIC = (
    "قال وزير الخارجية التركي إن المحادثات مع روسيا حول ليبيا ستستأنف الأسبوع المقبل في موسكو، "
    "وأضاف أن الطرفين اتفقا على وقف إطلاق النار خلال الاجتماع الذي عقد في إسطنبول يوم الاثنين."
)
TURKISH_2 = (
    "Bakan Çavuşoğlu, Ankara'da düzenlenen basın toplantısında Libya'daki ateşkesin korunması "
    "için tüm tarafların sorumluluk alması gerektiğini vurguladı ve görüşmelerin süreceğini söyledi."
)
ARABIC_2 = (
    "وأكد المتحدث باسم الخارجية الروسية أن موسكو ستواصل العمل مع أنقرة من أجل تثبيت الهدنة "
    "في ليبيا، مشيرا إلى أن الوفود ستلتقي مجددا في العاصمة الروسية خلال الأيام المقبلة."
)
ENGLISH_TITLE = "Talks on Libya resume in Moscow"
ENGLISH = (
    "The foreign ministers of Russia and Turkey met in Moscow on Monday to discuss the ceasefire "
    "in Libya, and said that the talks would continue later in the week with both delegations."
)
ENGLISH_2 = (
    "A spokesman for the Russian foreign ministry said that Moscow would keep working with Ankara "
    "to hold the truce in Libya, and that the delegations would meet again in the coming days."
)
# Inuktitut in syllabics: a language and a script tidings has no stoplist, places or dates for.
INUKTITUT = (
    "ᓄᓇᕗᑦ ᒐᕙᒪᒃᑯᖏᑦ ᐅᓪᓗᒥ ᐅᖃᐅᓯᖃᖅᑐᑦ ᓄᓇᓕᖕᓂ ᐃᓄᒃᑎᑐᑦ ᐃᓕᓐᓂᐊᖅᑎᑦᑎᓂᖅ ᐱᕙᓪᓕᐊᑎᑦᑎᓂᐊᕐᒪᑕ "
    "ᐊᒻᒪᓗ ᐃᓕᓐᓂᐊᕐᕕᖕᓂ ᐃᓕᓐᓂᐊᖅᑎᓄᑦ ᐃᑲᔪᖅᑐᐃᓂᐊᕐᒪᑕ ᐊᕐᕌᒍᒥ ᑕᒫᓂ."
)
HUGE_MB = 50


@dataclass(frozen=True)
class Case:
    """What one file of the corpus must give: stored articles (their decoded
    text) or failures (words of the reason, and the line where there is one)."""

    stored: tuple[str, ...] = ()
    failures: tuple[tuple[int | None, str], ...] = ()


def _article(title: str, body: str) -> str:
    return f"{title}\n\n{body}\n"


def _html(body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>{ENGLISH_TITLE}</title></head><body>{body}</body></html>"


def _jsonl() -> str:
    good = [
        {"id": f"bad-jsonl-{i}", "title": ENGLISH_TITLE, "text": f"{ENGLISH} ({i})"} for i in (1, 2)
    ]
    return "\n".join(
        [
            json.dumps(good[0]),
            '{"id": "cut", "title": "A line cut in the mid',
            "[1, 2, 3]",
            "",
            json.dumps({"id": "no-text", "title": "Only a title"}),
            "[" * 100_000,
            json.dumps(good[1], ensure_ascii=False),
        ]
    )


def _csv() -> str:
    return "\r\n".join(
        [
            "id,title,text,url",
            f'bad-csv-1,{ENGLISH_TITLE},"{ENGLISH}",https://example.org/1',
            "bad-csv-2,Only a title",
            "bad-csv-3",
            f'bad-csv-4,{ENGLISH_TITLE},"{ENGLISH} Four.",https://example.org/4,extra,cells',
            "",
        ]
    )


def _huge(path: Path) -> None:
    """50 MB of prose, written by repetition in well under a second."""
    block = (ENGLISH + "\n") * 4096
    data = block.encode()
    with path.open("wb") as handle:
        for _ in range(HUGE_MB * 2**20 // len(data) + 1):
            handle.write(data)


def write_corpus(folder: Path) -> None:
    """Write every case of `EXPECTED` into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {
        "empty.txt": b"",
        "blank.txt": b" \n\t\r\n   \n",
        "image.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16,
        "broken-utf8.txt": _article(TURKISH_TITLE, TURKISH).encode()[:60] + b"\xff\xfe more",
        "utf16-bom.txt": _article(TURKISH_TITLE, TURKISH_2).encode("utf-16"),
        "utf16le-arabic.txt": _article(ARABIC_TITLE, ARABIC_2).encode("utf-16-le"),
        "utf16be-english.txt": _article(ENGLISH_TITLE, ENGLISH_2).encode("utf-16-be"),
        "cp1254-turkish.txt": _article(TURKISH_TITLE, TURKISH).encode("cp1254"),
        "cp1256-arabic.txt": _article(ARABIC_TITLE, ARABIC).encode("cp1256"),
        "deep.html": _html("<div>" * 5000 + f"<p>{ENGLISH}</p>" + "</div>" * 5000).encode(),
        "malformed.html": _html(
            f"<p>{ENGLISH}<div><b><i>{ENGLISH} Again.</span></td></table><<<p>>>"
        ).encode()[: -len("</body></html>")],
        "no-body.html": b"<html><head><title>A title and nothing else</title></head></html>",
        "broken.jsonl": _jsonl().encode(),
        "missing.csv": _csv().encode(),
        "not-xml.rss": b"this is not a feed <rss version='2.0'><channel><item>",
        "inuktitut.txt": _article(INUKTITUT[:30], INUKTITUT).encode(),
        "three-words.txt": b"Talks resumed today.",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    _huge(folder / "huge.txt")


EXPECTED = {
    "empty.txt": Case(failures=((None, "empty file"),)),
    "blank.txt": Case(failures=((None, "empty file"),)),
    "image.png": Case(failures=((None, "binary file"),)),
    "broken-utf8.txt": Case(failures=((None, "invalid UTF-8 at byte 60"),)),
    "utf16-bom.txt": Case(stored=(TURKISH_2,)),
    "utf16le-arabic.txt": Case(stored=(ARABIC_2,)),
    "utf16be-english.txt": Case(stored=(ENGLISH_2,)),
    "cp1254-turkish.txt": Case(stored=(TURKISH,)),
    "cp1256-arabic.txt": Case(stored=(ARABIC,)),
    "huge.txt": Case(failures=((None, "over the limit of 1,000,000"),)),
    "deep.html": Case(failures=((None, "nested 5,00"),)),
    "malformed.html": Case(stored=(ENGLISH,)),
    "no-body.html": Case(failures=((None, "HTML page without article text"),)),
    "broken.jsonl": Case(
        stored=(f"{ENGLISH} (1)", f"{ENGLISH} (2)"),
        failures=(
            (2, "malformed JSON"),
            (3, "expected an object"),
            (5, "record has no text"),
            (6, "nested too deeply"),
        ),
    ),
    "missing.csv": Case(
        stored=(ENGLISH, f"{ENGLISH} Four."),
        failures=((3, "record has no text"), (4, "record has no text")),
    ),
    "not-xml.rss": Case(failures=((None, "not well-formed XML"),)),
    "inuktitut.txt": Case(stored=(INUKTITUT,)),
    "three-words.txt": Case(stored=("Talks resumed today.",)),
}
