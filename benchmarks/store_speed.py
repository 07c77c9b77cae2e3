"""The store's own speed, an old tidings against this one, in one run.

Each round runs both versions one after the other, in fresh processes (the old one
with `--old-src` first on the path), on a store built before (e.g. by
`store_equal.py`): writing, every article of it stored again in batches of 256 into a
new SQLite file (`add`, with its keys and vectors); reading, on the built store, what
the summaries and listings ask (`placements` and `briefs` of every article, the
`story_ids` listing, `events` and `event_members` of 2,000 events, `story_revisions`
of every story). Prints seconds per version and the ratio new/old for each round; the
version that runs first alternates between rounds.

    python benchmarks/store_speed.py --old-src /tmp/old/src --db /tmp/store-equal/new/store.db
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import tidings

NEW_SRC = Path(tidings.__file__).resolve().parents[1]
BATCH = 256


def measure(db: Path) -> dict[str, float]:
    """Seconds of writing and of reading, with whichever tidings is on the path."""
    from tidings.store.sqlite import SQLiteStore
    from tidings.store.story_rows import StoryFilter

    with SQLiteStore(db) as source:
        articles = list(source.articles())
        vectors = source.embeddings(a.id for a in articles)
        for article in articles:
            article.embeddings = vectors.get(article.id, {})
        ids = [a.id for a in articles]
        start = time.perf_counter()
        placed = source.placements(ids)
        source.briefs(ids)
        stories = source.story_ids(StoryFilter())
        events = sorted({e for e, _ in placed.values()})[:2000]
        source.events(events)
        for event in events:
            source.event_members(event)
        source.story_revisions(stories)
        reading = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder, SQLiteStore(Path(folder) / "w.db") as target:
        start = time.perf_counter()
        for at in range(0, len(articles), BATCH):
            target.add(articles[at : at + BATCH])
        writing = time.perf_counter() - start
    return {"write": writing, "read": reading, "articles": len(articles)}


def run(src: Path, db: Path) -> dict[str, float]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(src), os.environ.get("PYTHONPATH", "")]),
    }
    command = [sys.executable, __file__, "--child", "--db", str(db)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="a built SQLite store")
    parser.add_argument("--old-src", type=Path, help="the old checkout's src/")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.db)))
        return
    for round_ in range(1, args.rounds + 1):
        # Each version first in every other round: the first one also warms the file cache.
        if round_ % 2:
            old, new = run(args.old_src, args.db), run(NEW_SRC, args.db)
        else:
            new, old = run(NEW_SRC, args.db), run(args.old_src, args.db)
        load = os.getloadavg()[0]
        for what in ("write", "read"):
            print(
                f"round {round_} {what}: old {old[what]:.2f} s, new {new[what]:.2f} s, "
                f"new/old {new[what] / old[what]:.2f} ({old['articles']} articles, load {load:.1f})"
            )


if __name__ == "__main__":
    main()
