"""Story tracking benchmark: quality of the event decisions and the cost of placing articles.

Prints, in one run:

1. end-to-end ingest (read, clean, analyse, embed, place, store) of the 6,880
   Turkish and Arabic articles with the 28 20min articles mixed in (fixed seed):
   articles/s and peak memory; then, on what it stored, how many of the 14
   German–French pairs end in one event, whether a German or French article
   joins a Turkish or Arabic event, section-label purity of the Turkish and
   Arabic events, and how many events and stories they form;
2. STS22 event decisions, cross-fitted: the articles' connected components are
   split into two halves; a `PairModel` fitted on one half's pairs places the
   other half's articles (shuffled, fixed seed) and its gold pairs are scored
   (same story = gold Overall <= 1.5, different = >= 3.0); then the halves swap;
3. the time to place one article with 1k, 10k and 50k articles stored (the
   stored corpus replayed with changed ids and days shifted a year a replay).

Thresholds are the tracker's defaults (SemEval convention, not tuned here).

    python benchmarks/stories.py [--quick]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

from tidings.app import Tidings
from tidings.compare import PairModel, PairScorer
from tidings.compare.model import fold_of
from tidings.compare.train import components, design, pair_articles, read_pairs
from tidings.config import Settings
from tidings.ingest.readers import html_to_text
from tidings.model import Article
from tidings.store import SQLiteStore
from tidings.stories import StoryTracker

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sts22 import DATA, _pubtime, prepared, read_20min, seed_articles, twenty_min_articles

CORPORA = ("ttc3600-tr-news.jsonl", "hespress-ar-news.jsonl")
SEED = 0


# -- 1. end-to-end ingest of the mixed stream ---------------------------------
def mixed_stream(path: Path) -> int:
    """Write the tr/ar records with the 20min articles shuffled in; the number written."""
    records = []
    for name in CORPORA:
        with open(DATA / name, encoding="utf-8") as f:
            records += [json.loads(line) for line in f if line.strip()]
    for row in read_20min():
        for lang in ("de", "fr"):
            records.append({
                "id": f"20min-{lang}-{row[f'id_{lang}']}", "lang": lang,
                "title": row[f"head_{lang}"], "text": html_to_text(row[f"content_{lang}"]),
                "published": _iso(_pubtime(row[f"pubtime_{lang}"])), "pair": row["id_de"],
            })  # fmt: skip
    random.Random(SEED).shuffle(records)
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    return len(records)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def ingest_mixed(folder: Path) -> Path:
    stream = folder / "mixed.jsonl"
    n = mixed_stream(stream)
    db = folder / "mixed.db"
    with Tidings.open(settings=Settings().updated({"db": str(db)})) as app:
        app.pipeline.stages[0].detect("warm up the language model")
        start = time.perf_counter()
        report = app.ingest([str(stream)])
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("== end-to-end ingest (read, clean, analyse, embed, place, store)")
    print(
        f"{report.read} read of {n}, {report.new} new, {report.failed} failed in {seconds:.1f} s "
        f"= {report.read / seconds:.1f} articles/s (target >= 100 on 2 cores); "
        f"peak memory {peak:.0f} MiB; {report.new_events} events and {report.new_stories} "
        "stories opened"
    )
    return db


def replace_stored(db: Path) -> None:
    """Place the articles of an ingested mixed stream again, in their order, into a new file."""
    corpus = stored_corpus(db)
    again = db.with_name(f"{db.stem}-placed.db")
    again.unlink(missing_ok=True)
    with SQLiteStore(again) as store:
        seconds = stream(store, StoryTracker(store, PairScorer.load()), corpus)
    print(
        f"== placed {len(corpus)} stored articles again: {1000 * seconds / len(corpus):.2f} ms each"
    )
    report_mixed(again)


def report_mixed(db: Path) -> None:
    with Tidings.open(settings=Settings().updated({"db": str(db)})) as app:
        articles = list(app.articles())
        where = app.placements([a.id for a in articles])
    event_of = {a.id: where[a.id][0] for a in articles if a.id in where}
    story_of = {a.id: where[a.id][1] for a in articles if a.id in where}
    langs_of_event: dict[int, Counter] = defaultdict(Counter)
    for a in articles:
        langs_of_event[event_of[a.id]][a.lang] += 1
    pairs = defaultdict(dict)
    for a in articles:
        if a.id.startswith("20min-"):
            pairs[a.extras.get("record", {}).get("pair")][a.lang] = a.id
    together = sum(event_of[p["de"]] == event_of[p["fr"]] for p in pairs.values() if len(p) == 2)
    story = sum(story_of[p["de"]] == story_of[p["fr"]] for p in pairs.values() if len(p) == 2)
    leaked = [
        a.id for a in articles
        if a.lang in ("de", "fr") and {"tr", "ar"} & set(langs_of_event[event_of[a.id]])
    ]  # fmt: skip
    print("== 20min de-fr pairs mixed into the tr/ar stream (bundled scorer)")
    print(
        f"pairs in one event: {together}/{len(pairs)} (target all); in one story: {story}/"
        f"{len(pairs)}; de/fr articles in a tr/ar event: {len(leaked)} (target 0)"
    )
    print("== purity of the tr/ar events and stories against section labels")
    for lang in ("tr", "ar"):
        mine = [a for a in articles if a.lang == lang and not a.id.startswith("20min-")]
        label = {a.id: a.extras.get("record", {}).get("label") for a in mine}
        for level, of in (("events", event_of), ("stories", story_of)):
            groups: dict[int, Counter] = defaultdict(Counter)
            for a in mine:
                groups[of[a.id]][label[a.id]] += 1
            multi = [c for c in groups.values() if sum(c.values()) > 1]
            pure = sum(c.most_common(1)[0][1] for c in multi)
            members = sum(sum(c.values()) for c in multi)
            print(
                f"{lang} {level}: {len(mine)} articles in {len(groups)} {level}, "
                f"{len(multi)} with 2+ articles holding {members}; purity of those "
                f"{pure / max(members, 1):.3f}; largest {max(sum(c.values()) for c in groups.values())}"
            )


# -- 2. STS22 event decisions, cross-fitted ----------------------------------
def stream(store: SQLiteStore, tracker: StoryTracker, articles: list[Article]) -> float:
    """Store and place articles in batches; seconds spent placing."""
    placing = 0.0
    for start in range(0, len(articles), 64):
        batch = articles[start : start + 64]
        with store.transaction():
            outcomes = store.add(batch)
            new = [a for a, o in zip(batch, outcomes, strict=True) if o.value == "new"]
            t0 = time.perf_counter()
            tracker.update(new)
            placing += time.perf_counter() - t0
    return placing


def sts22_half(pairs: list[dict], articles: list[Article], folds: np.ndarray, half: int) -> list:
    by_id = {a.id: a for a in articles}
    train = [p for p, f in zip(pairs, folds, strict=True) if f != half]
    test = [p for p, f in zip(pairs, folds, strict=True) if f == half]
    ids = {str(p[k]) for p in train for k in ("id1", "id2")}
    X, Y = design(train, [by_id[i] for i in ids])
    scorer = PairScorer(PairModel().fit(X, Y, components(train)))
    ids = sorted({str(p[k]) for p in test for k in ("id1", "id2")})
    random.Random(SEED + half).shuffle(ids)
    with tempfile.TemporaryDirectory() as folder, SQLiteStore(Path(folder) / "s.db") as store:
        tracker = StoryTracker(store, scorer)
        stream(store, tracker, [by_id[i] for i in ids])
        event = _events_by_content(store, [by_id[i] for i in ids])
    return [(p["lang1"], p["scores"]["Overall"], event[str(p["id1"])] == event[str(p["id2"])])
            for p in test]  # fmt: skip


def _events_by_content(store: SQLiteStore, articles: list[Article]) -> dict[str, int]:
    """Article id -> event; an article not stored as a duplicate takes its twin's event."""
    keys = dict(store.db.execute("SELECT content_key, id FROM articles"))
    stored = store.placements(keys.values())
    return {a.id: stored[keys[a.content_key]][0] for a in articles}


def report_sts22() -> None:
    pairs = read_pairs()
    articles = prepared("sts22", pair_articles(pairs))
    folds = fold_of(components(pairs), 2)
    decided = sts22_half(pairs, articles, folds, 0) + sts22_half(pairs, articles, folds, 1)
    print("== STS22 event decisions, cross-fitted halves (same: gold <= 1.5, different: >= 3.0)")
    print(f"{'':<8}{'pos':>6}{'neg':>6}{'P':>8}{'R':>8}{'F1':>8}")
    for lang in [*sorted({d[0] for d in decided}), "all"]:
        rows = [d for d in decided if lang in ("all", d[0])]
        pos = [same for _, gold, same in rows if gold <= 1.5]
        neg = [same for _, gold, same in rows if gold >= 3.0]
        tp, fp = sum(pos), sum(neg)
        p = tp / (tp + fp) if tp + fp else float("nan")
        r = tp / len(pos) if pos else float("nan")
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{lang:<8}{len(pos):>6}{len(neg):>6}{p:>8.3f}{r:>8.3f}{f1:>8.3f}")


# -- 3. placement cost as the store grows --------------------------------------
def stored_corpus(db: Path) -> list[Article]:
    with SQLiteStore(db) as source:
        ids = [a.id for a in source.articles()]
        corpus = [source.get(i) for i in ids]
    return [a for a in corpus if a is not None]


def cached_corpus() -> list[Article]:
    """The benchmark cache's analysed articles (STS22, 20min, seeds), shuffled."""
    corpus = [
        *prepared("sts22", pair_articles(read_pairs())),
        *prepared("20min", twenty_min_articles(read_20min())),
        *prepared("seeds", seed_articles()),
    ]
    random.Random(SEED).shuffle(corpus)
    return corpus


def report_growth(corpus: list[Article], marks: tuple[int, ...], probe: int = 200) -> None:
    print(f"== placement cost as the store grows (replaying {len(corpus)} articles)")
    with tempfile.TemporaryDirectory() as folder, SQLiteStore(Path(folder) / "g.db") as store:
        tracker = StoryTracker(store, PairScorer.load())
        stored, replay = 0, 0
        for mark in marks:
            while stored < mark:
                batch = [_replayed(a, replay) for a in corpus[: min(len(corpus), mark - stored)]]
                stream(store, tracker, batch)
                stored += len(batch)
                replay += 1
            sample = random.Random(mark).sample(corpus, probe)
            probes = [_replayed(a, replay, tag=f"p{mark}") for a in sample]
            seconds = stream(store, tracker, probes)
            stored += len(probes)
            print(
                f"{mark:>7} stored: {1000 * seconds / probe:.2f} ms to place one article "
                f"({len(tracker.index_)} events in the index)"
            )


def _replayed(article: Article, replay: int, tag: str = "") -> Article:
    """The article again, under a new id and shifted `replay` years (so it is new news)."""
    shift = timedelta(days=365 * replay)
    mark = f"{replay}{tag}"
    return replace(
        article,
        id=f"{article.id}~{mark}",
        body=f"{article.body}\n{mark}" if mark != "0" else article.body,
        published=article.published + shift if article.published else None,
        event_date=article.event_date + shift if article.event_date else None,
        ingested=article.ingested + shift,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="growth to 10k only")
    parser.add_argument(
        "--part", choices=("all", "sts22", "growth", "place"), default="all",
        help="sts22: only the STS22 decisions; growth: only the growth, replaying --db or the "
        "cache; place: place --db's articles again (no embedding) and report on them",
    )  # fmt: skip
    parser.add_argument("--db", type=Path, help="a database an earlier full run left")
    args = parser.parse_args()
    marks = (1000, 10000) if args.quick else (1000, 10000, 50000)
    if args.part == "sts22":
        return report_sts22()
    if args.part == "growth":
        return report_growth(stored_corpus(args.db) if args.db else cached_corpus(), marks)
    if args.part == "place":
        return replace_stored(args.db)
    with tempfile.TemporaryDirectory() as folder:
        db = ingest_mixed(Path(folder))
        report_mixed(db)
        report_sts22()
        report_growth(stored_corpus(db), marks)


if __name__ == "__main__":
    main()
