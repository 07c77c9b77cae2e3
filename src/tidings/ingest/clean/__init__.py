"""Cleaning: site boilerplate out, headline and story in."""

from tidings.ingest.clean.cleaner import Cleaned, TextCleaner, split_lines
from tidings.ingest.clean.repeated import LineCounts, MemoryLineCounts, RepeatedLines

__all__ = [
    "Cleaned",
    "LineCounts",
    "MemoryLineCounts",
    "RepeatedLines",
    "TextCleaner",
    "split_lines",
]
