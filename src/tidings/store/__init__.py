"""Stores: where articles live. SQLite is the embedded default."""

from __future__ import annotations

from pathlib import Path

from tidings.store.base import ArticleStore, Outcome, StoreError
from tidings.store.sqlite import SQLiteStore


def open_store(location: str | Path) -> ArticleStore:
    """The store a `--db` value names: a file path or `sqlite:///path`."""
    text = str(location)
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///") :]
    elif "://" in text:
        scheme = text.split("://", 1)[0]
        raise StoreError(f"{text}: no store for {scheme!r} databases in this version")
    return SQLiteStore(text).open()


__all__ = ["ArticleStore", "Outcome", "SQLiteStore", "StoreError", "open_store"]
