"""A store built by an old tidings and by this one, compared table for table.

Ingests the 6,880 Turkish and Arabic news articles (`ttc3600-tr-news.jsonl`,
`hespress-ar-news.jsonl`) with `tidings ingest` twice into fresh SQLite files: once
with the sources of an old checkout (`--old-src`, e.g. a `git worktree add
/tmp/old 1d9fb7c`; same interpreter and packages, its `src/` first on the path),
once with this checkout's. Then every ordinary table of the two files is compared
row for row, and the schemas and schema versions too.

Left out of the comparison, because they are the wall clock of the run and not
data: `articles.ingested` (when each article was stored), `merges.at` and
`corrections.at` (when a merge or correction was made), and `stories.updated` (when a
story last changed, for `updated_since` cursors). The full-text index
(`articles_fts` and its shadow tables) is left out as a table: it is derived from
`articles` by triggers, and its b-tree pages depend on how FTS5 merged segments;
the same searches are run on both stores instead.

    python benchmarks/store_equal.py --old-src /tmp/old/src [--data ../shared/data]
        [--work /tmp/store-equal] [--old-db FILE] [--new-db FILE]
    python benchmarks/store_equal.py --old-src /tmp/old/src --postgres [--per-corpus N]

`--postgres` builds both stores in PostgreSQL instead (two databases on a throwaway
embedded server, `tidings.store.pg_embedded`) and compares every table of the public
schema the same way (vectors as their text); `--per-corpus N` ingests only the first
N articles of each corpus (interleaved, as `tests/ingest/test_crash.py` cuts them).

`--old-db`/`--new-db` reuse a store built before (an old build takes minutes).
When the new store's schema version is higher (later steps: issue 17's `stories.updated`,
issue 18's watch tables), what those steps add is listed and everything else compared.
Exit status 0 when the stores are equal, 1 when they differ.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import tidings
from tidings.store.redact import redacted

CORPORA = ("ttc3600-tr-news.jsonl", "hespress-ar-news.jsonl")
DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
NEW_SRC = Path(tidings.__file__).resolve().parents[1]
# Wall-clock columns: when the run stored or merged, not what it stored.
RUN_TIME_COLUMNS = {
    ("articles", "ingested"),
    ("merges", "at"),
    ("corrections", "at"),
    ("stories", "updated"),
}
# Searches run on both stores (terms in each language, a filter, a miss).
SEARCHES = ("Libya", "Erdoğan", "ليبيا", "المغرب", "ekonomi", "zzzqqq")


def build(src: Path, paths: list[Path], db: Path | str, cwd: Path) -> float:
    """Ingest `paths` into a new `db` with the tidings in `src`; seconds taken."""
    cwd.mkdir(parents=True, exist_ok=True)
    if isinstance(db, Path) and db.exists():
        raise SystemExit(f"{db}: exists; remove it or pass it as --old-db/--new-db")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(src), os.environ.get("PYTHONPATH", "")]),
    }
    command = [sys.executable, "-m", "tidings", "ingest", *map(str, paths), "--db", str(db), "-q"]
    start = time.perf_counter()
    # cwd: the db's folder, so that no tidings.toml of the caller's folder applies.
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"ingest with {src} failed:\n{done.stderr}")
    print(f"built {redacted(str(db))} with {src}: {done.stdout.strip().splitlines()[-1]}")
    return time.perf_counter() - start


def tables(conn: sqlite3.Connection) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every ordinary table: its compared columns and its rows, in a stable order."""
    schema = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = tuple(name for name, sql in schema if sql.upper().startswith("CREATE VIRTUAL"))
    shadows = tuple(f"{name}_" for name in virtual)
    found = {}
    for name, _ in schema:
        if name.startswith(("sqlite_", *shadows)) or name in virtual:
            continue
        # Names from the file's own schema, not from input.
        columns = [c[1] for c in conn.execute(f'PRAGMA table_info("{name}")')]
        kept = [c for c in columns if (name, c) not in RUN_TIME_COLUMNS]
        rows = conn.execute(f'SELECT {", ".join(kept)} FROM "{name}"').fetchall()
        found[name] = (kept, sorted(rows, key=repr))
    return found


def schema(conn: sqlite3.Connection) -> list[tuple]:
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
    return [*rows, ("user_version", conn.execute("PRAGMA user_version").fetchone()[0], None)]


def searches(conn: sqlite3.Connection) -> list[list[int]]:
    sql = (
        "SELECT a.seq FROM articles_fts f JOIN articles a ON a.seq = f.rowid "
        "WHERE articles_fts MATCH ? ORDER BY f.rank, a.seq"
    )
    return [[r[0] for r in conn.execute(sql, (f'"{t}"',))] for t in SEARCHES]


def pg_tables(url: str) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every table of the public schema: its compared columns and rows, in a stable order
    (vectors read as text: no pgvector adapter on this connection)."""
    import psycopg

    found = {}
    with psycopg.connect(url) as db:
        names = db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
            "AND table_type = 'BASE TABLE'"
        ).fetchall()
        for (name,) in names:
            columns = [
                c
                for (c,) in db.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = "
                    "'public' AND table_name = %s ORDER BY ordinal_position",
                    (name,),
                )
                if (name, c) not in RUN_TIME_COLUMNS
            ]
            # Names from the database's own catalogue, not from input.
            rows = db.execute(f'SELECT {", ".join(columns)} FROM "{name}"').fetchall()
            plain = [tuple(bytes(v) if isinstance(v, memoryview) else v for v in r) for r in rows]
            found[name] = (columns, sorted(plain, key=repr))
    return found


def cut(paths: list[Path], per_corpus: int, into: Path) -> list[Path]:
    """The first `per_corpus` lines of each corpus, interleaved, as one input file."""
    heads = []
    for path in paths:
        with path.open(encoding="utf-8") as lines:
            heads.append([line for _, line in zip(range(per_corpus), lines, strict=False)])
    into.parent.mkdir(parents=True, exist_ok=True)
    into.write_text("".join(x for pair in zip(*heads, strict=True) for x in pair), "utf-8")
    return [into]


def compare_tables(old_tables: dict, new_tables: dict, newer: bool = False) -> bool:
    """Every table row for row. `newer`: the new store's schema has later steps, so its
    tables and columns that the old store lacks are listed, and the rest compared."""
    same = True
    print(f"{'table':<20} {'old rows':>9} {'new rows':>9}  result")
    for name in sorted(old_tables.keys() | new_tables.keys()):
        if name not in old_tables or name not in new_tables:
            where = "old" if name in old_tables else "new"
            later = newer and where == "new"
            print(f"{name:<20} only in the {where} store" + (" (a later step)" if later else ""))
            same &= later
            continue
        (old_cols, old_rows), (new_cols, new_rows) = old_tables[name], new_tables[name]
        added = [c for c in new_cols if c not in old_cols]
        if newer and added and set(old_cols) <= set(new_cols):
            at = [new_cols.index(c) for c in old_cols]  # the old columns only
            new_rows = sorted((tuple(row[i] for i in at) for row in new_rows), key=repr)
            new_cols = old_cols
        if old_cols != new_cols:
            verdict = f"columns differ: {old_cols} vs {new_cols}"
        else:
            differing = len(set(old_rows) ^ set(new_rows))
            verdict = "equal" if old_rows == new_rows else f"DIFFER ({differing} rows)"
        same &= verdict == "equal"
        note = f" (later steps add {added}, not compared)" if added and verdict == "equal" else ""
        print(f"{name:<20} {len(old_rows):>9} {len(new_rows):>9}  {verdict}{note}")
    return same


def compare_schemas(old: sqlite3.Connection, new: sqlite3.Connection, newer: bool) -> bool:
    """Equal schemas; or, for a newer one, every old entry kept as it was (a table that
    later steps gave columns excepted: its columns are compared with its rows)."""
    if not newer:
        return schema(old) == schema(new)
    kept = {(kind, name): sql for kind, name, sql in schema(new)[:-1]}
    changed = [(k, n) for k, n, sql in schema(old)[:-1] if kept.get((k, n)) != sql]
    altered = [n for k, n in changed if k == "table" and (k, n) in kept]
    print(f"{'schema':<20} newer: {len(kept) - len(schema(old)) + 1} entries added; "
          f"tables given columns: {altered or 'none'}")  # fmt: skip
    return all(k == "table" and (k, n) in kept for k, n in changed)


def compare(old_db: Path, new_db: Path) -> bool:
    old, new = sqlite3.connect(old_db), sqlite3.connect(new_db)
    versions = [c.execute("PRAGMA user_version").fetchone()[0] for c in (old, new)]
    newer = versions[1] > versions[0]
    print(f"schema versions: old {versions[0]}, new {versions[1]}")
    same = compare_tables(tables(old), tables(new), newer)
    same_schema = compare_schemas(old, new, newer)
    hits = searches(old), searches(new)
    print(f"{'schema':<20} {'':>9} {'':>9}  {'equal' if same_schema else 'DIFFER'}")
    print(
        f"{'searches':<20} {sum(map(len, hits[0])):>9} {sum(map(len, hits[1])):>9}  "
        f"{'equal' if hits[0] == hits[1] else 'DIFFER'}"
    )
    return same and same_schema and hits[0] == hits[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--old-src", type=Path, required=True, help="the old checkout's src/")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--work", type=Path, default=Path("/tmp/store-equal"))
    parser.add_argument("--old-db", type=Path, help="an old store built before")
    parser.add_argument("--new-db", type=Path, help="a new store built before")
    parser.add_argument("--build-only", choices=("old", "new"), help="build one store, no compare")
    parser.add_argument("--postgres", action="store_true", help="build and compare in PostgreSQL")
    parser.add_argument("--per-corpus", type=int, help="only the first N articles of each corpus")
    args = parser.parse_args()
    paths = [args.data / name for name in CORPORA]
    if args.per_corpus:
        paths = cut(paths, args.per_corpus, args.work / "input.jsonl")
    if args.postgres:
        return compare_in_postgres(args, paths)
    for which, src in (("old", args.old_src), ("new", NEW_SRC)):
        given = getattr(args, f"{which}_db")
        if given is None and args.build_only in (None, which):
            db = args.work / which / "store.db"
            seconds = build(src, paths, db, db.parent)
            print(f"{which}: {seconds:.0f} s")
            setattr(args, f"{which}_db", db)
    if args.build_only:
        return
    equal = compare(args.old_db, args.new_db)
    print("the stores are equal" if equal else "the stores DIFFER")
    sys.exit(0 if equal else 1)


def compare_in_postgres(args: argparse.Namespace, paths: list[Path]) -> None:
    from tidings.store.pg_embedded import create_database, start

    server = start(args.work / "pg", throwaway=True)
    urls = {}
    for which, src in (("old", args.old_src), ("new", NEW_SRC)):
        urls[which] = create_database(server)
        seconds = build(src, paths, urls[which], args.work / which)
        print(f"{which}: {seconds:.0f} s")
    equal = compare_tables(pg_tables(urls["old"]), pg_tables(urls["new"]))
    print("the stores are equal" if equal else "the stores DIFFER")
    sys.exit(0 if equal else 1)


if __name__ == "__main__":
    main()
