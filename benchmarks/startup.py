"""Start-up time of the command line: `tidings --help`, `tidings articles --help` and a
small read (`tidings articles --limit 1` on the seeds), each in a fresh process.

Prints the median and the fastest of `--runs` starts with the load average beside.
`--base SRC` also times another source tree (e.g. an export of main's `src/`) in the
same run, alternating with this one, and prints the ratio. Target: `--help` under 0.3 s.

    python benchmarks/startup.py [--runs 15] [--base /tmp/main/src] [--seeds ../shared/seeds]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def commands(db: Path) -> dict[str, list[str]]:
    return {
        "tidings --help": ["--help"],
        "tidings articles --help": ["articles", "--help"],
        "tidings articles --limit 1": ["articles", "--db", str(db), "--limit", "1"],
    }


def start_seconds(args: list[str], src: Path | None) -> float:
    env = dict(os.environ)
    if src is not None:  # this tree's modules before the installed ones
        env["PYTHONPATH"] = str(src)
    begin = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tidings", *args], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    return time.perf_counter() - begin


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--base", type=Path, help="another src/ to time alongside")
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    options = parser.parse_args()
    trees: dict[str, Path | None] = {"this tree": None}
    if options.base is not None:
        trees["base"] = options.base
    with tempfile.TemporaryDirectory(prefix="tidings-startup-") as folder:
        db = Path(folder) / "seeds.db"
        subprocess.run([sys.executable, "-m", "tidings", "ingest", str(options.seeds),
                        "--db", str(db), "-q"], check=True, stdout=subprocess.DEVNULL)  # fmt: skip
        times: dict[tuple[str, str], list[float]] = {}
        print(f"load average before: {os.getloadavg()[0]:.2f}")
        for _ in range(options.runs):  # alternating, so that both meet the same load
            for name, args in commands(db).items():
                for tree, src in trees.items():
                    times.setdefault((name, tree), []).append(start_seconds(args, src))
        print(f"load average after: {os.getloadavg()[0]:.2f} ({options.runs} runs each)")
    for name in commands(db):
        for tree in trees:
            runs = times[(name, tree)]
            print(f"{name:<28} {tree:<10} median {statistics.median(runs):.3f} s  "
                  f"fastest {min(runs):.3f} s")  # fmt: skip
        if "base" in trees:
            ratio = statistics.median(times[(name, "this tree")]) / statistics.median(
                times[(name, "base")]
            )
            print(f"{name:<28} this tree / base = {ratio:.2f}")


if __name__ == "__main__":
    main()
