"""What storing placement reasons and respecting corrections costs the tracker.

The same articles are placed into two fresh SQLite stores, batch by batch, alternating
which goes first: one with the tracker as it is, one with its reason and correction
hooks switched off (`explain`, `save_reasons`, the lock and hand-mark checks patched
out in this process only). Prints the time to place one article on each side (wall and
this process's CPU, the less noisy on a shared machine), their ratio, and whether both
sides made the same events (reasons must not change a decision).

    python benchmarks/reasons_cost.py [--limit 800]

The articles come from ../shared/data (Turkish and Arabic news, half each), ingested
once into a cached store under /tmp (analysis and embedding are not what is measured).
"""

from __future__ import annotations

import argparse
import itertools
import os
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import tidings
from tidings.compare import PairScorer
from tidings.model import Article
from tidings.store import SQLiteStore
from tidings.stories import tracker as tracker_module
from tidings.stories.tracker import StoryTracker

SHARED = Path(os.environ.get("TIDINGS_SHARED", Path(__file__).resolve().parents[2] / "shared"))
CACHE = Path("/tmp/tidings-reasons-bench")
BATCH = 64


def corpus(limit: int) -> list[Article]:
    """`limit` stored, analysed, embedded articles (half Turkish, half Arabic), cached."""
    db = CACHE / f"corpus-{limit}.db"
    if not db.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        part = CACHE / f"corpus-{limit}.jsonl"
        with part.open("w", encoding="utf-8") as out:
            for name in ("ttc3600-tr-news.jsonl", "hespress-ar-news.jsonl"):
                with (SHARED / "data" / name).open(encoding="utf-8") as lines:
                    out.writelines(itertools.islice(lines, limit // 2))
        with tidings.open(str(db)) as app:
            app.ingest([str(part)], engine="inline")
    with SQLiteStore(db) as store:
        ids = [a.id for a in store.articles()]
        return [a for a in (store.get(i) for i in ids) if a is not None]


@contextmanager
def hooks_off():
    """The tracker without reasons and correction checks (this process only)."""
    saved = (tracker_module.explain, tracker_module.hold_locked, tracker_module.keep_hand_made)
    tracker_module.explain = lambda *args: {}
    tracker_module.hold_locked = lambda store, rows, scores: (scores, {})
    tracker_module.keep_hand_made = lambda store, proposal, rows: proposal
    try:
        yield
    finally:
        tracker_module.explain, tracker_module.hold_locked, tracker_module.keep_hand_made = saved


class Side:
    def __init__(self, folder: Path, name: str, scorer: PairScorer, hooks: bool):
        self.store = SQLiteStore(folder / f"{name}.db").open()
        self.tracker = StoryTracker(self.store, scorer)
        self.hooks = hooks
        self.wall = self.cpu = 0.0
        if not hooks:
            self.store.save_reasons = lambda items: None  # type: ignore[method-assign]

    def place(self, batch: list[Article]) -> None:
        with self.store.transaction():
            self.store.add(batch)
            t0, c0 = time.perf_counter(), time.process_time()
            if self.hooks:
                self.tracker.update(batch)
            else:
                with hooks_off():
                    self.tracker.update(batch)
            self.wall += time.perf_counter() - t0
            self.cpu += time.process_time() - c0

    def events(self) -> set[frozenset[str]]:
        groups: dict[int, set[str]] = {}
        for article_id, (event, _) in self.store.placements(
            r[0] for r in self.store.db.execute("SELECT id FROM articles")
        ).items():
            groups.setdefault(event, set()).add(article_id)
        return {frozenset(g) for g in groups.values()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=800, help="articles placed on each side")
    args = parser.parse_args()
    articles = corpus(args.limit)
    scorer = PairScorer.load()
    with tempfile.TemporaryDirectory(prefix="tidings-reasons-") as folder:
        on = Side(Path(folder), "on", scorer, hooks=True)
        off = Side(Path(folder), "off", scorer, hooks=False)
        for n, start in enumerate(range(0, len(articles), BATCH)):
            batch = articles[start : start + BATCH]
            for side in (on, off) if n % 2 == 0 else (off, on):
                side.place(batch)
        count = len(articles)
        print(f"== placing {count} articles (Turkish and Arabic news), batches of {BATCH}")
        for label, side in (("with reasons and corrections", on), ("hooks off", off)):
            print(
                f"{label:<30} {1000 * side.wall / count:6.2f} ms wall "
                f"{1000 * side.cpu / count:6.2f} ms CPU per article"
            )
        print(f"ratio (with / off): wall {on.wall / off.wall:.2f}, CPU {on.cpu / off.cpu:.2f}")
        reasons = on.store.db.execute("SELECT count(*) FROM placement_reasons").fetchone()[0]
        print(f"reasons stored: {reasons} of {count}; same events on both sides: "
              f"{on.events() == off.events()}")  # fmt: skip
        print(f"load average: {os.getloadavg()[0]:.1f} (1 min)")


if __name__ == "__main__":
    main()
