"""SQLite schema, one numbered step at a time (`PRAGMA user_version` holds the step)."""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: articles and the cleaner's line counts
    """
    CREATE TABLE articles (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        content_key TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        url TEXT,
        lang TEXT,
        title TEXT,
        body TEXT NOT NULL,
        boilerplate TEXT NOT NULL DEFAULT '[]',
        raw TEXT NOT NULL,
        text TEXT,
        published TEXT,
        ingested TEXT NOT NULL,
        extras TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX articles_lang ON articles (lang);
    CREATE INDEX articles_published ON articles (published);
    CREATE TABLE line_counts (
        key TEXT PRIMARY KEY,
        docs INTEGER NOT NULL
    ) WITHOUT ROWID;
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
