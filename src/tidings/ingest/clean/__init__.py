"""Cleaning: site boilerplate out, headline and story in."""

from tidings.ingest.clean.cleaner import Cleaned, TextCleaner
from tidings.ingest.clean.paragraphs import Paragraphs, paragraphs_of, split_lines
from tidings.ingest.clean.repeated import (
    BufferedLineCounts,
    LineCounts,
    MemoryLineCounts,
    RepeatedLines,
)

__all__ = [
    "BufferedLineCounts",
    "Cleaned",
    "LineCounts",
    "MemoryLineCounts",
    "Paragraphs",
    "RepeatedLines",
    "TextCleaner",
    "paragraphs_of",
    "split_lines",
]
