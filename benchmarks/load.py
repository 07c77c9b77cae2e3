"""The API under load: N concurrent clients for T seconds over loopback, a mix of
listings, article reads (with their nearest articles, scored), searches,
comparisons, story listings, article pages and small ingests, against a copy of
the 6,880-article store.

Starts `tidings serve` in a subprocess with an API token (the ingests send it) and,
unless told otherwise, no rate limit: it measures the server, not the limiter.
Prints throughput, p50/p99 latency by kind and overall, and every error; then the
machine's load average and the server's CPU time a request, which, unlike the
latencies, do not depend on what else the machine runs. Targets: no errors, p99
under 1 s. Ingests queue for the one writer thread (SQLite takes one writer), so
their latency grows with the share of writes; reads are also printed on their own.

    python benchmarks/load.py [--db FILE] [--clients 16] [--seconds 30] [--rate-limit 0]
                              [--mix list=20,read=25,search=20,compare=10,stories=10,page=10,ingest=5]
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import httpx

from tidings.store.migrations import SCHEMA_VERSION
from web import wait_ready  # benchmarks/web.py, beside this script

DEFAULT_DB = Path(f"/tmp/tidings-web-bench/corpus-schema{SCHEMA_VERSION}.db")
SEARCHES = ("Erdoğan", "ekonomi", "futbol", "Ankara", "المغرب", "الحكومة", "الرباط", "كورونا")
# Kinds of request and how often each comes, out of 100.
MIX = {"list": 20, "read": 25, "search": 20, "compare": 10, "stories": 10, "page": 10, "ingest": 5}
P99_TARGET_MS = 1000.0


@dataclass(frozen=True)
class Sample:
    kind: str
    ms: float
    error: str | None  # None for a 2xx answer


def copy_store(source: Path, folder: Path) -> Path:
    """A consistent copy (SQLite's backup API: safe even while another process writes)."""
    target = folder / "load.db"
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path, port: int, token: str, rate_limit: float) -> subprocess.Popen:
    env = {**os.environ, "TIDINGS_API_TOKEN": token, "TIDINGS_RATE_LIMIT": str(rate_limit)}
    command = [sys.executable, "-m", "tidings", "serve", "--db", str(db), "--port", str(port)]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)


def stop(server: subprocess.Popen) -> None:
    """SIGTERM (uvicorn finishes the requests in hand), then SIGKILL after 30 s."""
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        print("(the server took over 30 s to stop: killed)")
        server.kill()
        server.wait()


def sample_ids(url: str, n: int = 400) -> list[str]:
    """Ids spread over the store: pages from across the listing."""
    with httpx.Client(base_url=url, timeout=60) as client:
        total = client.get("/api/articles", params={"limit": 1}).json()["total"]
        ids: list[str] = []
        for offset in range(0, total, max(1, total // 8)):
            page = client.get("/api/articles", params={"limit": n // 8, "offset": offset}).json()
            ids += [item["id"] for item in page["items"]]
    return ids


class Client(threading.Thread):
    """One user: requests of random kinds, one after another, until the deadline."""

    def __init__(
        self, url: str, token: str, ids: list[str], deadline: float, seed: int, mix: dict[str, int]
    ):
        super().__init__(daemon=True)
        self.url, self.token, self.ids, self.deadline = url, token, ids, deadline
        self.mix = mix
        self.rng = random.Random(seed)
        self.samples: list[Sample] = []
        self.seed = seed

    def run(self) -> None:
        kinds, weights = zip(*self.mix.items(), strict=True)
        with httpx.Client(base_url=self.url, timeout=30) as http:
            n = 0
            while time.monotonic() < self.deadline:
                kind = self.rng.choices(kinds, weights)[0]
                start = time.perf_counter()
                try:
                    answer = self.send(http, kind, n)
                    error = None if answer.is_success else f"HTTP {answer.status_code}"
                except httpx.HTTPError as failure:
                    error = type(failure).__name__
                self.samples.append(Sample(kind, 1000 * (time.perf_counter() - start), error))
                n += 1

    def send(self, http: httpx.Client, kind: str, n: int) -> httpx.Response:
        rng = self.rng
        if kind == "list":
            params = {"lang": rng.choice(["tr", "ar", ""]), "offset": rng.randrange(0, 2000)}
            return http.get("/api/articles", params=params)
        if kind == "read":
            return http.get(f"/api/articles/{rng.choice(self.ids)}")
        if kind == "search":
            return http.get("/api/articles", params={"q": rng.choice(SEARCHES)})
        if kind == "compare":
            a, b = rng.sample(self.ids, 2)
            return http.get("/api/compare", params={"a": a, "b": b})
        if kind == "stories":  # the first pages most visitors ask for, by language or not
            params = {"lang": rng.choice(["tr", "ar", ""]), "offset": rng.choice([0, 0, 0, 20])}
            return http.get("/api/stories", params=params)
        if kind == "page":
            return http.get(f"/articles/{rng.choice(self.ids)}")
        record = {"id": f"load-{self.seed}-{n}", "lang": "en",
                  "title": f"Load test article {self.seed}-{n}",
                  "text": f"Client {self.seed} sent article {n} while measuring the API "
                          f"under load at {time.time():.6f}; it repeats nothing."}  # fmt: skip
        return http.post("/api/articles", json=[record],
                         headers={"Authorization": f"Bearer {self.token}"})  # fmt: skip


def cpu_seconds(pid: int) -> float | None:
    """User and system CPU time of a process so far (Linux's /proc; None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def parse_mix(text: str) -> dict[str, int]:
    """`list=25,read=25,...`: weights of the kinds named (the others are left out)."""
    mix = {}
    for part in text.split(","):
        kind, _, weight = part.partition("=")
        if kind.strip() not in MIX or not weight.strip().isdigit():
            raise argparse.ArgumentTypeError(
                f"{part!r}: write KIND=WEIGHT, KIND one of {list(MIX)}"
            )
        mix[kind.strip()] = int(weight)
    return mix


def report(samples: list[Sample], seconds: float, clients: int) -> bool:
    errors = [s for s in samples if s.error]
    print(f"{len(samples)} requests from {clients} clients in {seconds:.1f} s: "
          f"{len(samples) / seconds:.1f} requests/s, {len(errors)} errors")  # fmt: skip
    by_kind: dict[str, list[float]] = defaultdict(list)
    for s in samples:
        by_kind[s.kind].append(s.ms)
    print(f"  {'kind':<8} {'count':>6} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for kind in by_kind:
        times = by_kind[kind]
        if times:
            print(f"  {kind:<8} {len(times):>6} {percentile(times, 50):>8.0f} "
                  f"{percentile(times, 99):>8.0f} {max(times):>8.0f}")  # fmt: skip
    reads = [s.ms for s in samples if s.kind != "ingest"] or [float("nan")]
    print(f"  {'reads':<8} {len(reads):>6} {percentile(reads, 50):>8.0f} "
          f"{percentile(reads, 99):>8.0f} {max(reads):>8.0f}   (all but ingest)")  # fmt: skip
    times = [s.ms for s in samples]
    p99 = percentile(times, 99)
    print(
        f"  {'all':<8} {len(times):>6} {percentile(times, 50):>8.0f} {p99:>8.0f} {max(times):>8.0f}"
    )
    for (kind, error), count in Counter((s.kind, s.error) for s in errors).most_common():
        print(f"  error: {kind} {error} ×{count}")
    ok = not errors and p99 < P99_TARGET_MS
    print(f"target (no errors, p99 < {P99_TARGET_MS:.0f} ms): {'ok' if ok else 'MISSED'}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help="store to copy and serve")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--rate-limit", type=float, default=0.0, help="per client address; 0: off")
    parser.add_argument("--mix", type=parse_mix, default=MIX, help="e.g. list=25,read=25,ingest=5")
    args = parser.parse_args()
    if not args.db.exists():
        raise SystemExit(f"{args.db}: no such store (python benchmarks/web.py builds it)")
    with tempfile.TemporaryDirectory(prefix="tidings-load-") as folder:
        db = copy_store(args.db, Path(folder))
        port, token = free_port(), secrets.token_urlsafe(32)
        url = f"http://127.0.0.1:{port}"
        server = start_server(db, port, token, args.rate_limit)
        try:
            with httpx.Client(base_url=url, timeout=30) as client:
                wait_ready(client, server)
            ids = sample_ids(url)
            print(f"serving a copy of {args.db} ({len(ids)} ids sampled); mix {args.mix}")
            deadline = time.monotonic() + args.seconds
            users = [
                Client(url, token, ids, deadline, seed, args.mix) for seed in range(args.clients)
            ]
            load_before, cpu_before = os.getloadavg()[0], cpu_seconds(server.pid)
            start = time.monotonic()
            for user in users:
                user.start()
            for user in users:
                user.join()
            elapsed = time.monotonic() - start
            load_after, cpu_after = os.getloadavg()[0], cpu_seconds(server.pid)
        finally:
            stop(server)
    samples = [s for u in users for s in u.samples]
    ok = report(samples, elapsed, args.clients)
    # Latencies depend on what else the machine runs; the server's own CPU time does not.
    print(f"machine load (1 min) {load_before:.1f} before, {load_after:.1f} after", end="")
    if cpu_before is not None and cpu_after is not None and samples:
        used = cpu_after - cpu_before
        print(f"; server CPU {used:.1f} s, {1000 * used / len(samples):.1f} ms a request", end="")
    print()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
