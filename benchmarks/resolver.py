"""The resolver from typed names to stored keys: how right, how fast, and what a
search page costs with it, on real data.

1. Precision and recall of name -> key on the SemEval-2022 Task 8 gold pairs that
   `analysis_signal.py` uses (train: same-language; eval-dev: cross-lingual, the
   only pairs across scripts). Both articles of a pair are analysed; each person or
   organisation name written in the first is what an analyst would type, and it is
   "found in" the second when one of the keys the resolver reads it as
   (`explore.resolve.name_keys`) is among the second's entity keys. A pair is
   predicted to share a named entity when any name of the first is found in the
   second; gold says so when its Entities score is <= 1.5 (pairs scored >= 3.0 say
   not; those between are left out, as in data/README.md). Beside it, the same with
   the name searched as written (case-folded) in the second's text: what search
   did before the resolver.
2. Names resolved per second (`Resolver.entity_candidates`, `place_candidates`)
   against the 6,880-article store: names read off the store's own entities, and
   place names in several languages.
3. Search latency over loopback (`tidings serve` on that store): the story search
   page, the stories API and the articles API with names typed in several scripts,
   and filters by entity and place name; p50/p99 (target: p99 <= 200 ms for a
   search page). The load average is printed before and after.

    python benchmarks/resolver.py [--data ../shared/data] [--cache FILE] [--runs 20]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx

from analysis_signal import analysed_articles
from tidings.analyze.names import person_key
from tidings.analyze.places import PlaceFinder
from tidings.app import analysis_pipeline
from tidings.explore.query import ArticleQuery
from tidings.explore.resolve import Resolver, name_keys
from tidings.model import Article
from tidings.store import open_store
from web import DEFAULT_CACHE, build_cache, free_port, serve, wait_ready

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
PAIR_FILES = ("sts22-eval-dev-pairs.jsonl", "sts22-train-pairs.jsonl")
SAME, DIFFERENT = 1.5, 3.0  # gold Entities: same entities at most, different at least
PLACES = ("Fas", "Morocco", "Marokko", "المغرب", "Türkiye", "Turkey", "تركيا", "Ankara",
          "الرباط", "Rabat", "İstanbul", "Istanbul", "Paris", "Moskova", "Москва")  # fmt: skip
SEARCHES = ("Erdoğan", "Erdogan", "أردوغان", "Эрдоган", "cavusoglu", "Ankara", "المغرب",
            "Morocco", "futbol", "الحكومة", "AB", "Fas ekonomi")  # fmt: skip
FILTERS = ({"entity": "Erdogan"}, {"entity": "أردوغان"}, {"place": "Morocco"},
           {"place": "Türkiye"}, {"place": "المغرب"})  # fmt: skip


def load() -> str:
    """The load average over 1, 5 and 15 minutes (2 cores, shared)."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def analysed_pairs(data: Path, name: str, pipeline) -> list[tuple[Article, Article, float]]:
    pairs = [json.loads(line) for line in (data / name).open()]
    articles = analysed_articles(pairs, pipeline)
    return [(articles[p["id1"]], articles[p["id2"]], p["scores"]["Entities"]) for p in pairs]


class ResolvedIn:
    """Whether a name of one article, resolved against the store of every pair's
    articles, gives a key of the other (resolutions cached by name)."""

    def __init__(self, resolver: Resolver):
        self.resolver = resolver
        self.keys: dict[str, set[str]] = {}

    def __call__(self, a: Article, b: Article) -> bool:
        stored = {e.key for e in b.entities}
        return any(self._keys(e.name) & stored for e in a.entities)

    def _keys(self, name: str) -> set[str]:
        if name not in self.keys:
            self.keys[name] = {c.key for c in self.resolver.entity_candidates(name)}
        return self.keys[name]


def found_by_readings(a: Article, b: Article) -> bool:
    """The same with every reading's key, unconfirmed by the store."""
    keys = {e.key for e in b.entities}
    return any(set(name_keys(e.name)) & keys for e in a.entities)


def found_as_written(a: Article, b: Article) -> bool:
    text = f"{b.title or ''}\n{b.body}".casefold()
    return any(e.name.casefold() in text for e in a.entities)


def precision_recall(pairs, predict) -> tuple[float, float, int, int]:
    judged = [
        (predict(a, b), gold <= SAME) for a, b, gold in pairs if gold <= SAME or gold >= DIFFERENT
    ]
    tp = sum(p and g for p, g in judged)
    predicted = sum(p for p, _ in judged)
    positive = sum(g for _, g in judged)
    return tp / max(predicted, 1), tp / max(positive, 1), positive, len(judged)


def accuracy(data: Path, folder: Path) -> None:
    pipeline = analysis_pipeline()
    places = PlaceFinder()
    print("1. name -> key on the gold pairs (a pair shares a named entity: gold Entities <= 1.5)")
    for name in PAIR_FILES:
        pairs = analysed_pairs(data, name, pipeline)
        with open_store(str(folder / f"{name}.db")) as store:
            store.add(list({a.id: a for pair in pairs for a in pair[:2]}.values()))
            predictors = {"resolver": ResolvedIn(Resolver(store, places)),
                          "all readings": found_by_readings, "as written": found_as_written}  # fmt: skip
            subsets = (("all", pairs), ("across languages", _across(pairs)))
            for subset, chosen in [(n, c) for n, c in subsets if c]:
                for label, predict in predictors.items():
                    p, r, positive, judged = precision_recall(chosen, predict)
                    print(f"  {name:<28} {subset:<17} {label:<13} precision {p:.3f}  "
                          f"recall {r:.3f}  ({positive} of {judged} judged pairs share entities)")  # fmt: skip


def _across(pairs: list[tuple[Article, Article, float]]) -> list[tuple[Article, Article, float]]:
    return [t for t in pairs if t[0].lang != t[1].lang]


def spellings_accuracy(cache: Path) -> None:
    """Name-level: each spelling of the gold groups of tests/analyze/test_names.py (one
    person as each language's press writes them) typed whole, resolved against the
    store; right when the person's key is among the candidates, and precise as the
    share of candidates that are it. Persons the store does not hold are left out."""
    path = Path(__file__).resolve().parents[1] / "tests" / "analyze" / "test_names.py"
    spec = importlib.util.spec_from_file_location("gold_names", path)
    gold = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(gold)  # type: ignore[union-attr]
    with open_store(str(cache)) as store:
        resolver = Resolver(store, PlaceFinder())
        right = candidates = typed = 0
        for spellings in gold.SAME_PERSON.values():
            key = person_key(*spellings[0])
            if not store.find(ArticleQuery(entity=key, limit=1)).total:
                continue
            for tokens, _lang in spellings:
                found = {c.key for c in resolver.entity_candidates(" ".join(tokens))}
                typed += 1
                right += key in found
                candidates += len(found)
    print(f"1b. name -> key, {typed} gold spellings of the persons the store holds: "
          f"recall {right / max(typed, 1):.3f}, precision {right / max(candidates, 1):.3f} "
          f"({candidates} candidates)")  # fmt: skip


def speed(cache: Path) -> None:
    with open_store(str(cache)) as store:
        resolver = Resolver(store, PlaceFinder())
        resolver.place_candidates("Ankara")  # the gazetteer loads once
        hits = [
            h
            for offset in (0, 200)
            for h in store.find(ArticleQuery(limit=200, offset=offset)).items
        ]
        names = list(dict.fromkeys(e.name for h in hits for e in h.article.entities))[:300]
        start = time.perf_counter()
        known = sum(bool(resolver.entity_candidates(n)) for n in names)
        entity_rate = len(names) / (time.perf_counter() - start)
        start = time.perf_counter()
        places = sum(bool(resolver.place_candidates(n)) for n in PLACES * 10)
        place_rate = len(PLACES) * 10 / (time.perf_counter() - start)
    print(f"2. resolving (load {load()})")
    print(f"  {len(names)} entity names from the store: {entity_rate:,.0f} names/s, "
          f"{known} resolved")  # fmt: skip
    print(f"  {len(PLACES) * 10} place names: {place_rate:,.0f} names/s, {places} resolved")


def latency(cache: Path, runs: int) -> None:
    port = free_port()
    server = serve(cache, port)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
            wait_ready(client, server)
            urls = [f"{path}?{urlencode({'q': q})}" for q in SEARCHES
                    for path in ("/", "/api/stories", "/api/articles")]  # fmt: skip
            urls += [f"{path}?{urlencode(f)}" for f in FILTERS for path in ("/", "/api/stories")]
            client.get("/?place=Ankara")  # the gazetteer loads once
            print(f"3. search over loopback (load before {load()})")
            first: dict[str, list[float]] = {}
            for url in urls:  # each asked once: no answer cached yet
                first.setdefault(_kind(url), []).append(_timed(client, url))
            times: dict[str, list[float]] = {}
            for _ in range(runs):  # asked again: the story listings' answers are cached
                for url in urls:
                    times.setdefault(_kind(url), []).append(_timed(client, url))
            for kind, values in first.items():
                print(f"  first {kind:<30} p50 {_pct(values, 50):6.1f} ms  "
                      f"max {max(values):6.1f} ms  ({len(values)} requests)")  # fmt: skip
            for kind, values in times.items():
                print(f"  again {kind:<30} p50 {_pct(values, 50):6.1f} ms  p99 {_pct(values, 99):6.1f} ms"
                      f"  ({len(values)} requests)")  # fmt: skip
            every = [v for values in (*times.values(), *first.values()) for v in values]
            print(f"  {'all':<32} p50 {_pct(every, 50):6.1f} ms  p99 {_pct(every, 99):6.1f} ms"
                  f"  (target: p99 <= 200 ms for a search page; load after {load()})")  # fmt: skip
    finally:
        server.terminate()
        server.wait(30)


def _kind(url: str) -> str:
    return url.split("?")[0] + ("?q=" if "q=" in url else "?entity|place=")


def _timed(client: httpx.Client, url: str) -> float:
    start = time.perf_counter()
    answer = client.get(url)
    elapsed = 1000 * (time.perf_counter() - start)
    if answer.status_code != 200:
        print(f"  {url}: {answer.status_code} {answer.text[:120]}")
    return elapsed


def _pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--skip-accuracy", action="store_true", help="no gold pairs (1)")
    parser.add_argument("--skip-latency", action="store_true", help="no server (3)")
    args = parser.parse_args()
    if not args.cache.exists():
        build_cache(args.data, args.cache)
    if not args.skip_accuracy:
        with tempfile.TemporaryDirectory(prefix="tidings-resolver-") as folder:
            accuracy(args.data, Path(folder))
    spellings_accuracy(args.cache)
    speed(args.cache)
    if not args.skip_latency:
        latency(args.cache, args.runs)


if __name__ == "__main__":
    main()
