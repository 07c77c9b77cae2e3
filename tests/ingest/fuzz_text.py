"""Hypothesis strategies for scraped text: mixed scripts, markup, entities,
mojibake, control characters, bidi marks, dates and very long lines."""

from __future__ import annotations

from hypothesis import strategies as st

PIECES = (
    "Moskova'da",
    "görüşme",
    "İstanbul",
    "ليبيا",
    "وبليبيا",
    "حفتر",
    "Москва",
    "Москве",
    "北京",
    "利比亚",
    "Haftar",
    "Tripoli",
    "New York",
    "13 Ocak 2020",
    "12 كانون الثاني/يناير",
    "2020-01-13",
    "13.01.2020",
    "Jan. 5",
    "yesterday",
    "الثلاثاء",
    "14:05",
    "١٢",
    "٢٠٢٠",
    "Home > World > Libya",
    "www.example.com",
    "https://e.org/a?b=1",
    '<div class="x">',
    "</p>",
    "&amp;",
    "&amp;amp;",
    "&#x200f;",
    "&lt;b&gt;",
    "Ã©",
    "â€™",
    "Â ",
    "\u200f",
    "\u200e",
    "\u202e",
    "\u200b",
    "\u00ad",
    "\ufeff",
    "\x00",
    "\x1b[31m",
    "\x85",
    "\u2028",
    "\r\n",
    "\n",
    "\n\n",
    "\t",
    "  ",
    ". ",
    "؟",
    "。",
    "…",
    "«",
    "»",
    '"',
    "'",
    ",",
    " - ",
    "e\u0301",
    "\u0301",
    "ﬁ",
    "Ａ",
    "\U0001f600",
    "\ud7ff",
    "ǅ",
)


def scraped_text(max_pieces: int = 80) -> st.SearchStrategy[str]:
    """Text made of pieces of real scrapes and of arbitrary characters."""
    piece = st.one_of(st.sampled_from(PIECES), st.text(max_size=12))
    joined = st.lists(piece, max_size=max_pieces).map("".join)
    return st.one_of(joined, st.text(max_size=200))


def long_line() -> st.SearchStrategy[str]:
    """One line of 20,000 to 100,000 characters: a scrape without line breaks."""
    unit = st.lists(st.sampled_from(PIECES[:30]), min_size=1, max_size=6).map(" ".join)
    return st.builds(
        lambda u, n: (u + " ") * (n // (len(u) + 1) + 1), unit, st.integers(20_000, 100_000)
    )
