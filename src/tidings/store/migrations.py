"""SQLite schema, one numbered step at a time (`PRAGMA user_version` holds the step)."""

from __future__ import annotations

# Step 9 here, 6 in PostgreSQL (the same SQL): days are only what articles give
# (tidings.stories.timing); an ingest day kept for an undated placement or event, and
# story spans made of them, become unknown ('').
FORGET_INGEST_DAYS = """
    UPDATE placements SET at = '' WHERE dated = 0;
    UPDATE events SET first = '', last = '' WHERE dated = 0;
    UPDATE stories SET
        first = coalesce((SELECT min(e.first) FROM events e WHERE e.story_id = stories.id
                          AND e.dated = 1 AND e.merged_into IS NULL), ''),
        last = coalesce((SELECT max(e.last) FROM events e WHERE e.story_id = stories.id
                         AND e.dated = 1 AND e.merged_into IS NULL), '');
"""

# Step 11 here, 8 in PostgreSQL, each with its own words for a float, a serial key, and a
# table kept by its key (SQLite's WITHOUT ROWID; PostgreSQL has none).
WATCH_STATE = """
    CREATE TABLE watch_sources (
        url TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        lang TEXT,
        every_seconds {real},
        max_entries INTEGER,
        added TEXT NOT NULL,
        last_poll TEXT,
        last_status TEXT,
        etag TEXT,
        last_modified TEXT,
        last_new INTEGER NOT NULL DEFAULT 0,
        new_articles INTEGER NOT NULL DEFAULT 0,
        polls INTEGER NOT NULL DEFAULT 0,
        failures INTEGER NOT NULL DEFAULT 0
    ){keyed};
    CREATE TABLE watch_entries (
        source TEXT NOT NULL,
        entry TEXT NOT NULL,
        article_id TEXT,
        seen TEXT NOT NULL,
        PRIMARY KEY (source, entry)
    ){keyed};
    CREATE TABLE watch_failures (
        seq {serial},
        source TEXT NOT NULL,
        url TEXT NOT NULL,
        at TEXT NOT NULL,
        reason TEXT NOT NULL
    );
    CREATE INDEX watch_failures_source ON watch_failures (source, seq);
"""

# The article columns both stores declare alike (SQLite adds the analysis columns in
# step 2, PostgreSQL declares them at once).
ARTICLE_COLUMNS = """id TEXT NOT NULL UNIQUE,
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
"""
# What the two databases' DDL says in its own words, for the steps written once.
SQLITE_WORDS = {
    "serial": "INTEGER PRIMARY KEY AUTOINCREMENT",
    "id": "INTEGER",
    "article_ref": " REFERENCES articles (id)",
    "rowless": " WITHOUT ROWID",
}
# Step 8 here, 5 in PostgreSQL: placement reasons, analysts' corrections, hand marks.
CORRECTIONS = """
    CREATE TABLE placement_reasons (
        article_id TEXT PRIMARY KEY{article_ref},
        reason TEXT NOT NULL
    ){rowless};
    CREATE TABLE corrections (
        seq {serial},
        kind TEXT NOT NULL,  -- 'move', 'split', 'merge', 'lock' or 'unlock'
        story_id {id} NOT NULL,  -- the story it concerns
        other_story_id {id},  -- the other one, if two (a move between stories, a merge)
        who TEXT NOT NULL,
        at TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '{{}}'
    );
    CREATE INDEX corrections_story ON corrections (story_id);
    CREATE INDEX corrections_other_story ON corrections (other_story_id);
    CREATE TABLE hand_marks (
        item TEXT PRIMARY KEY,  -- 'event:ID' or 'story:ID'
        locked INTEGER NOT NULL DEFAULT 0
    ){rowless};
    """

MIGRATIONS: tuple[str, ...] = (
    # 1: articles and the cleaner's line counts
    """
    CREATE TABLE articles (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        """
    + ARTICLE_COLUMNS
    + """        extras TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX articles_lang ON articles (lang);
    CREATE INDEX articles_published ON articles (published);
    CREATE TABLE line_counts (
        key TEXT PRIMARY KEY,
        docs INTEGER NOT NULL
    ) WITHOUT ROWID;
    """,
    # 2: analysis (who, where, when) and an index of entity and place keys
    """
    ALTER TABLE articles ADD COLUMN entities TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE articles ADD COLUMN places TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE articles ADD COLUMN dates TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE articles ADD COLUMN event_date TEXT;
    ALTER TABLE articles ADD COLUMN event_date_estimated INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX articles_event_date ON articles (event_date);
    CREATE TABLE article_keys (
        article_id TEXT NOT NULL REFERENCES articles (id),
        kind TEXT NOT NULL,  -- 'entity', 'place' or 'country'
        key TEXT NOT NULL,
        mentions INTEGER NOT NULL,
        PRIMARY KEY (article_id, kind, key)
    ) WITHOUT ROWID;
    CREATE INDEX article_keys_key ON article_keys (kind, key);
    """,
    # 3: embedding vectors, one row per article and view, with the model that made them
    """
    CREATE TABLE article_vectors (
        article_id TEXT NOT NULL REFERENCES articles (id),
        view TEXT NOT NULL,
        model TEXT NOT NULL,
        vector BLOB NOT NULL,  -- float32, little-endian
        PRIMARY KEY (article_id, view)
    ) WITHOUT ROWID;
    """,
    # 4: stories. Every article is placed in one event, every event in one story;
    # merged events and stories keep their row, pointing to the one they joined.
    """
    CREATE TABLE stories (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        first TEXT NOT NULL,
        last TEXT NOT NULL,
        size INTEGER NOT NULL,  -- articles
        merged_into INTEGER REFERENCES stories (id)
    );
    CREATE INDEX stories_last ON stories (last);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        story_id INTEGER NOT NULL REFERENCES stories (id),
        first TEXT NOT NULL,
        last TEXT NOT NULL,
        dated INTEGER NOT NULL,  -- 1 if some member's time is known, not just its ingest time
        size INTEGER NOT NULL,
        vector_sum BLOB NOT NULL,  -- float32 sum of the members' body vectors
        merged_into INTEGER REFERENCES events (id)
    );
    CREATE INDEX events_story ON events (story_id);
    CREATE TABLE placements (
        article_id TEXT PRIMARY KEY REFERENCES articles (id),
        event_id INTEGER NOT NULL REFERENCES events (id),
        fit REAL NOT NULL,  -- cosine to the event's centroid when placed
        at TEXT NOT NULL,  -- the article's time (published, event date or ingest time)
        dated INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX placements_event ON placements (event_id, fit);
    CREATE TABLE merges (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,  -- 'event' or 'story'
        from_id INTEGER NOT NULL,
        into_id INTEGER NOT NULL,
        at TEXT NOT NULL,
        evidence TEXT NOT NULL DEFAULT '{}'
    );
    """,
    # 5: a full-text index of titles and bodies. External content over `articles`,
    # kept in step by triggers. Trigrams, not words, so that a name matches inside the words
    # Turkish and Arabic build on it (Libya'daki, وليبيا), in any case.
    """
    CREATE VIRTUAL TABLE articles_fts USING fts5 (
        title, body, content = 'articles', content_rowid = 'seq',
        tokenize = 'trigram case_sensitive 0'
    );
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, body) VALUES (new.seq, new.title, new.body);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, body)
        VALUES ('delete', old.seq, old.title, old.body);
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, body)
        VALUES ('delete', old.seq, old.title, old.body);
        INSERT INTO articles_fts (rowid, title, body) VALUES (new.seq, new.title, new.body);
    END;
    INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
    """,
    # 6: each placed article's comparison profile (tidings.compare.features.profile_bytes),
    # saved when it is placed, so that scoring it against a newcomer reads, not recomputes
    """
    CREATE TABLE article_profiles (
        article_id TEXT PRIMARY KEY REFERENCES articles (id),
        profile BLOB NOT NULL
    );
    """,
    # 7: listings without sorting the store: articles by the day they are filed under (the
    # expression `store.search` orders by), overall and within a language. And a revision
    # number a story, raised by every write to the story, its events or their placements
    # (by triggers, whoever writes), so that a summary made at one revision is known to be
    # current while the revision stays (stored articles never change).
    """
    CREATE INDEX articles_day ON articles (coalesce(substr(published, 1, 10), event_date), seq);
    CREATE INDEX articles_lang_day
        ON articles (lang, coalesce(substr(published, 1, 10), event_date), seq);
    ALTER TABLE stories ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
    CREATE TRIGGER stories_revise AFTER UPDATE OF first, last, size, merged_into ON stories
    BEGIN
        UPDATE stories SET revision = revision + 1 WHERE id = new.id;
    END;
    CREATE TRIGGER events_insert_revise AFTER INSERT ON events BEGIN
        UPDATE stories SET revision = revision + 1 WHERE id = new.story_id;
    END;
    CREATE TRIGGER events_update_revise AFTER UPDATE ON events BEGIN
        UPDATE stories SET revision = revision + 1 WHERE id IN (old.story_id, new.story_id);
    END;
    CREATE TRIGGER events_delete_revise AFTER DELETE ON events BEGIN
        UPDATE stories SET revision = revision + 1 WHERE id = old.story_id;
    END;
    CREATE TRIGGER placements_insert_revise AFTER INSERT ON placements BEGIN
        UPDATE stories SET revision = revision + 1
        WHERE id = (SELECT story_id FROM events WHERE id = new.event_id);
    END;
    CREATE TRIGGER placements_update_revise AFTER UPDATE ON placements BEGIN
        UPDATE stories SET revision = revision + 1
        WHERE id IN (SELECT story_id FROM events WHERE id IN (old.event_id, new.event_id));
    END;
    CREATE TRIGGER placements_delete_revise AFTER DELETE ON placements BEGIN
        UPDATE stories SET revision = revision + 1
        WHERE id = (SELECT story_id FROM events WHERE id = old.event_id);
    END;
    """,
    # 8: why each article was placed where it is (a JSON reason, see `stories.reasons`),
    # analysts' corrections (who, when, what; the stories each concerns) and the events
    # and stories changed by hand ("event:12", "story:3"): those are never merged
    # automatically, and a locked story takes no automatic joins (`stories.corrections`).
    CORRECTIONS.format(**SQLITE_WORDS),
    # 9: days are only what articles give (tidings.stories.timing): an ingest day kept for an
    # undated placement or event, and story spans made of them, become unknown ('').
    FORGET_INGEST_DAYS,
    # 10: when each story last changed (UTC, to the millisecond), for `updated_since`
    # cursors: set when it is made, whenever its revision rises (a placement, an event, a
    # merge: migration 7's triggers) and when a correction concerns it (a lock changes no
    # row of it); and articles by when they were stored. A story made before this step
    # changed last, as far as the data says, when its newest article was stored.
    """
    ALTER TABLE stories ADD COLUMN updated TEXT NOT NULL DEFAULT '';
    UPDATE stories SET updated = coalesce((
        SELECT strftime('%Y-%m-%dT%H:%M:%fZ', max(a.ingested)) FROM events e
        JOIN placements p ON p.event_id = e.id JOIN articles a ON a.id = p.article_id
        WHERE e.story_id = stories.id), '');
    CREATE INDEX stories_updated ON stories (updated, id);
    CREATE INDEX articles_ingested ON articles (ingested, id);
    CREATE TRIGGER stories_insert_updated AFTER INSERT ON stories BEGIN
        UPDATE stories SET updated = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = new.id;
    END;
    CREATE TRIGGER stories_revision_updated AFTER UPDATE OF revision ON stories BEGIN
        UPDATE stories SET updated = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = new.id;
    END;
    CREATE TRIGGER corrections_updated AFTER INSERT ON corrections BEGIN
        UPDATE stories SET updated = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
        WHERE id IN (new.story_id, new.other_story_id);
    END;
    """,
    # 11: what the watcher (`tidings.watch`) keeps of each source: its settings, the last
    # poll and its validators (ETag, Last-Modified), every entry seen (with the article it
    # gave), and each failure with its reason (see `store.watch_state`).
    WATCH_STATE.format(
        real="REAL", serial="INTEGER PRIMARY KEY AUTOINCREMENT", keyed=" WITHOUT ROWID"
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)
