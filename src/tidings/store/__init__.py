"""Stores: where articles live. SQLite is the embedded default; PostgreSQL the server one."""

from __future__ import annotations

from pathlib import Path

from tidings.store.base import (
    ArticleStore,
    ArticleTable,
    CorrectionLog,
    Outcome,
    StoreError,
    StoryTables,
    TableRows,
)
from tidings.store.redact import redacted
from tidings.store.sqlite import SQLiteStore

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def open_store(location: str | Path) -> ArticleStore:
    """The store a `--db` value names: a file path, `sqlite:///path` or
    `postgresql://user@host/dbname` (needs `pip install tidings[postgres]`)."""
    text = str(location)
    if text.startswith(POSTGRES_SCHEMES):
        try:
            from tidings.store.postgres import PostgresStore
        except ImportError as error:
            raise StoreError(
                f"PostgreSQL stores need psycopg and pgvector: pip install 'tidings[postgres]' "
                f"({error})"
            ) from None
        return PostgresStore(text).open()
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///") :]
    elif "://" in text:
        scheme = text.split("://", 1)[0]
        raise StoreError(f"{redacted(text)}: no store for {scheme!r} databases in this version")
    return SQLiteStore(text).open()


__all__ = [
    "ArticleStore",
    "ArticleTable",
    "CorrectionLog",
    "Outcome",
    "SQLiteStore",
    "StoreError",
    "StoryTables",
    "TableRows",
    "open_store",
]
