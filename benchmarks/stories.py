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
from typing import NamedTuple

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import pdist

from tidings.analyze.dates import DateFinder
from tidings.app import Tidings
from tidings.compare import PairModel, PairScorer
from tidings.compare.model import fold_of
from tidings.compare.train import components, design, pair_articles, read_pairs
from tidings.config import Settings
from tidings.ingest.readers import html_to_text
from tidings.model import Article
from tidings.store import SQLiteStore
from tidings.stories import StoryTracker
from tidings.stories.timing import DateRules, article_day

sys.path.insert(0, str(Path(__file__).resolve().parent))
from memory import TreePeak
from sts22 import DATA, _pubtime, prepared, read_20min, seed_articles, twenty_min_articles

CORPORA = ("ttc3600-tr-news.jsonl", "hespress-ar-news.jsonl")
SEED = 0


# -- 1. end-to-end ingest of the mixed stream ---------------------------------
def mixed_stream(path: Path, limit: int | None = None) -> int:
    """Write the tr/ar records (the first `limit` of each) with the 20min articles shuffled
    in; the number written."""
    records = []
    for name in CORPORA:
        with open(DATA / name, encoding="utf-8") as f:
            records += [json.loads(line) for line in f if line.strip()][:limit]
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


def ingest_mixed(folder: Path, limit: int | None = None) -> Path:
    stream = folder / "mixed.jsonl"
    n = mixed_stream(stream, limit)
    db = folder / "mixed.db"
    # The default ingest: the stream is over 1 MiB, so two worker processes clean, analyse
    # and embed while this one stores and places (tidings.ingest.parallel).
    with Tidings.open(settings=Settings().updated({"db": str(db)})) as app, TreePeak() as peak:
        start = time.perf_counter()
        report = app.ingest([str(stream)])
        seconds = time.perf_counter() - start
    print("== end-to-end ingest (read, clean, analyse, embed, place, store)")
    print(
        f"{report.read} read of {n}, {report.new} new, {report.failed} failed in {seconds:.1f} s "
        f"= {report.read / seconds:.1f} articles/s (target >= 100 on 2 cores); peak memory of "
        f"all processes {peak.mib:.0f} MiB (this one alone "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB); "
        f"{report.new_events} events and {report.new_stories} stories opened"
    )
    return db


def replace_stored(db: Path, *, redate: bool = False) -> None:
    """Place the articles of an ingested mixed stream again, in their order, into a new file."""
    corpus = stored_corpus(db, redate=redate)
    again = db.with_name(f"{db.stem}-placed.db")
    again.unlink(missing_ok=True)
    with SQLiteStore(again) as store:
        spent = stream(store, StoryTracker(store, PairScorer.load()), corpus)
    print(f"== placed {len(corpus)} stored articles again: {_per_article(spent, len(corpus))} each")
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
                f"{len(multi)} with 2+ articles holding {members} "
                f"({members / max(len(mine), 1):.1%} of the articles); purity of those "
                f"{pure / max(members, 1):.3f} (target >= 0.95); largest "
                f"{max(sum(c.values()) for c in groups.values())}"
            )
    report_story_days(db, articles)


def report_story_days(db: Path, articles: list[Article]) -> None:
    """Spans, the largest story, and days shown that are no member's own."""
    with Tidings.open(settings=Settings().updated({"db": str(db)})) as app:
        stories = app.stories()
    by_id = {a.id: a for a in articles}
    own = {a.id: article_day(a).day for a in articles}
    ingest_days = {a.ingested.date().isoformat() for a in articles}
    foreign = guessed = 0
    for story in stories:
        days = {own[i] for i in story.article_ids if own.get(i)}
        for shown in {story.first, story.last} - {None}:
            foreign += shown not in days
            guessed += shown in ingest_days and shown not in days
    dated = [s for s in stories if s.span_days is not None]
    long = [s for s in dated if s.span_days > 120]
    print("== story days (only the articles' own days are shown)")
    print(
        f"{len(stories)} stories, {len(dated)} with known days; spanning > 120 days: {len(long)}; "
        f"days shown that are no member's own day: {foreign} (of those, an ingest day: {guessed})"
    )
    largest = max(stories, key=lambda s: s.size)
    labels = Counter(by_id[i].extras.get("record", {}).get("label") for i in largest.article_ids)
    span = "date unknown" if largest.first is None else f"{largest.first} – {largest.last}"
    print(
        f"largest story: {largest.size} articles in {len(largest.event_ids)} events, {span}, "
        f"label purity {labels.most_common(1)[0][1] / largest.size:.3f}, "
        f"evidence {largest.evidence[:6]}, title {largest.title[:60]!r}"
    )


def report_seeds(folder: Path) -> None:
    """The seeds' stories' days as `tidings stories --format jsonl` gives them (first, last):
    unknown without `published`, then the supplied day."""
    seeds = Path(DATA).parent / "seeds"
    print("== the seeds' stories (first, last)")
    for published in (None, "2020-01-13"):
        db = folder / f"seeds-{published}.db"
        with Tidings.open(settings=Settings().updated({"db": str(db)})) as app:
            app.ingest([str(seeds)], published=published)
            days = sorted({(s.first, s.last) for s in app.stories()}, key=repr)
        print(f"published={published}: {days}")


# -- 2. STS22 event decisions, cross-fitted ----------------------------------
class Spent(NamedTuple):
    wall: float  # seconds
    cpu: float  # seconds of this process's CPU: on a shared machine, less noisy than wall


def stream(store: SQLiteStore, tracker: StoryTracker, articles: list[Article]) -> Spent:
    """Store and place articles in batches; the time spent placing."""
    wall = cpu = 0.0
    for start in range(0, len(articles), 64):
        batch = articles[start : start + 64]
        with store.transaction():
            outcomes = store.add(batch)
            new = [a for a, o in zip(batch, outcomes, strict=True) if o.value == "new"]
            t0, c0 = time.perf_counter(), time.process_time()
            tracker.update(new)
            wall += time.perf_counter() - t0
            cpu += time.process_time() - c0
    return Spent(wall, cpu)


def _per_article(spent: Spent, n: int) -> str:
    return f"{1000 * spent.wall / n:.2f} ms ({1000 * spent.cpu / n:.2f} ms CPU)"


# Each date rule flipped from the default (see tidings.stories.timing.DateRules).
RULES = {
    "default": DateRules(),
    "firm_window off": DateRules(firm_window=False),
    "text_window on": DateRules(text_window=True),
    "strict_undated on": DateRules(strict_undated=True),
    "all date rules off": DateRules(firm_window=False, story_span=False),
}
LINKAGE_GRID = np.round(np.arange(0.20, 0.80, 0.02), 2)  # cosine distance thresholds


def sts22_half(
    pairs: list[dict], articles: list[Article], folds: np.ndarray, half: int
) -> dict[str, list]:
    """Decisions on the `half` pairs: per date-rule variant of the tracker (the scorer
    fitted on the other half), and average linkage of the same body vectors at the
    threshold that did best on the other half."""
    by_id = {a.id: a for a in articles}
    train = [p for p, f in zip(pairs, folds, strict=True) if f != half]
    test = [p for p, f in zip(pairs, folds, strict=True) if f == half]
    ids = {str(p[k]) for p in train for k in ("id1", "id2")}
    X, Y = design(train, [by_id[i] for i in ids])
    scorer = PairScorer(PairModel().fit(X, Y, components(train)))
    ids = sorted({str(p[k]) for p in test for k in ("id1", "id2")})
    random.Random(SEED + half).shuffle(ids)
    decided = {}
    for name, rules in RULES.items():
        with tempfile.TemporaryDirectory() as folder, SQLiteStore(Path(folder) / "s.db") as store:
            tracker = StoryTracker(store, scorer, rules=rules)
            stream(store, tracker, [by_id[i] for i in ids])
            event = _events_by_content(store, [by_id[i] for i in ids])
        decided[name] = _decisions(test, event)
    threshold = max(LINKAGE_GRID, key=lambda t: _f1(_decisions(train, _linkage(by_id, train, t))))
    decided[f"average linkage (t={threshold:.2f} from the other half)"] = _decisions(
        test, _linkage(by_id, test, threshold)
    )
    return decided


def _decisions(pairs: list[dict], event: dict[str, int]) -> list:
    return [(p["lang1"], p["scores"]["Overall"], event[str(p["id1"])] == event[str(p["id2"])])
            for p in pairs]  # fmt: skip


def _linkage(by_id: dict[str, Article], pairs: list[dict], threshold: float) -> dict[str, int]:
    """Average-linkage clusters (cosine distance of the body vectors) of the pairs' articles."""
    ids = sorted({str(p[k]) for p in pairs for k in ("id1", "id2")})
    vectors = np.vstack([by_id[i].embeddings["body"] for i in ids]).astype(np.float64)
    labels = fcluster(linkage(pdist(vectors, "cosine"), "average"), threshold, "distance")
    return dict(zip(ids, labels.tolist(), strict=True))


def _prf(decided: list) -> tuple[int, int, float, float, float]:
    pos = [same for _, gold, same in decided if gold <= 1.5]
    neg = [same for _, gold, same in decided if gold >= 3.0]
    tp, fp = sum(pos), sum(neg)
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / len(pos) if pos else float("nan")
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return len(pos), len(neg), p, r, f1


def _f1(decided: list) -> float:
    return _prf(decided)[4]


def _events_by_content(store: SQLiteStore, articles: list[Article]) -> dict[str, int]:
    """Article id -> event; an article not stored as a duplicate takes its twin's event."""
    keys = dict(store.db.execute("SELECT content_key, id FROM articles"))
    stored = store.placements(keys.values())
    return {a.id: stored[keys[a.content_key]][0] for a in articles}


def report_sts22() -> None:
    pairs = read_pairs()
    articles = prepared("sts22", pair_articles(pairs))
    folds = fold_of(components(pairs), 2)
    halves = [sts22_half(pairs, articles, folds, half) for half in (0, 1)]
    decided = halves[0]["default"] + halves[1]["default"]
    print("== STS22 event decisions, cross-fitted halves (same: gold <= 1.5, different: >= 3.0)")
    print(f"{'':<8}{'pos':>6}{'neg':>6}{'P':>8}{'R':>8}{'F1':>8}")
    for lang in [*sorted({d[0] for d in decided}), "all"]:
        rows = [d for d in decided if lang in ("all", d[0])]
        pos, neg, p, r, f1 = _prf(rows)
        print(f"{lang:<8}{pos:>6}{neg:>6}{p:>8.3f}{r:>8.3f}{f1:>8.3f}")
    print("== the same pairs (all languages) by tracker date rules, and average linkage")
    for index, name in enumerate(halves[0]):
        rows = halves[0][name] + halves[1][list(halves[1])[index]]
        _, _, p, r, f1 = _prf(rows)
        label = name if "linkage" not in name else "average linkage (t from the other half)"
        print(f"{label:<42} P {p:.3f}  R {r:.3f}  F1 {f1:.3f}")


# -- 3. placement cost as the store grows --------------------------------------
def stored_corpus(db: Path, *, redate: bool = False) -> list[Article]:
    """The articles stored in `db`; `redate`: their dates found again by today's
    `DateFinder` (for a file an older tidings analysed: no embedding needed)."""
    with SQLiteStore(db) as source:
        ids = [a.id for a in source.articles()]
        corpus = [a for a in (source.get(i) for i in ids) if a is not None]
    if redate:
        finder = DateFinder()
        corpus = [finder(a) for a in corpus]
    return corpus


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
            spent = stream(store, tracker, probes)
            stored += len(probes)
            print(
                f"{mark:>7} stored: {_per_article(spent, probe)} to place one article "
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
        "--part", choices=("all", "sts22", "growth", "place", "mixed"), default="all",
        help="sts22: only the STS22 decisions; growth: only the growth, replaying --db or the "
        "cache; place: place --db's articles again (no embedding) and report on them",
    )  # fmt: skip
    parser.add_argument("--db", type=Path, help="a database an earlier full run left")
    parser.add_argument(
        "--limit", type=int, help="with --part mixed: only the first N articles of each corpus"
    )
    parser.add_argument(
        "--redate", action="store_true",
        help="with --db: find its articles' dates again with today's DateFinder",
    )  # fmt: skip
    args = parser.parse_args()
    marks = (1000, 10000) if args.quick else (1000, 10000, 50000)
    if args.part == "sts22":
        return report_sts22()
    if args.part == "growth":
        corpus = stored_corpus(args.db, redate=args.redate) if args.db else cached_corpus()
        return report_growth(corpus, marks)
    if args.part == "place":
        return replace_stored(args.db, redate=args.redate)
    if args.part == "mixed":  # the seeds and the mixed stream only, keeping the database
        folder = Path(tempfile.mkdtemp(prefix="tidings-stories-"))
        report_seeds(folder)
        db = ingest_mixed(folder, args.limit)
        print(f"(database kept: {db})")
        return report_mixed(db)
    with tempfile.TemporaryDirectory() as folder:
        report_seeds(Path(folder))
        db = ingest_mixed(Path(folder))
        report_mixed(db)
        report_sts22()
        report_growth(stored_corpus(db), marks)


if __name__ == "__main__":
    main()
