"""How long reads wait while the server is busy with one write (issue 13, D1).

Starts `tidings serve` on a fresh store in a subprocess, then sends one upload at a
time and, while it is under way, reads `GET /api/articles?limit=1` every 0.2 s,
printing the upload's time and the reads' median and worst waits:

- `regex`: a 264-byte plain-text article opened by 23 empty HTML comments (the
  format sniffer's regex backtracked on it: 21 s, every read stalled behind it);
- `records`: a JSON array of `--records` tiny articles (the pipeline's work on the
  writer thread).

    python benchmarks/write_stall.py [--records 1000] [--comments 23]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from load import free_port, stop


def serve(db: Path, port: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "tidings", "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/articles", timeout=5)
            return server
        except httpx.HTTPError:
            time.sleep(0.5)
    stop(server)
    raise SystemExit("the server did not start")


def measure(url: str, name: str, **request) -> None:
    answer: list[httpx.Response] = []
    started = time.monotonic()

    def upload() -> None:
        with httpx.Client(base_url=url, timeout=900) as client:
            answer.append(client.post("/api/articles", **request))

    writer = threading.Thread(target=upload)
    writer.start()
    waits, errors = [], 0
    while writer.is_alive():
        began = time.monotonic()
        try:  # a connection of its own each: a stalled server drops kept-alive ones
            httpx.get(f"{url}/api/articles", params={"limit": 1}, timeout=900)
        except httpx.HTTPError:
            errors += 1
        waits.append(time.monotonic() - began)
        time.sleep(0.2)
    writer.join()
    took = time.monotonic() - started
    print(f"{name:<8} upload {answer[0].status_code} in {took:6.1f} s · reads {len(waits):>4}: "
          f"median {statistics.median(waits or [0]) * 1000:7.0f} ms, "
          f"worst {max(waits or [0]) * 1000:7.0f} ms, failed {errors}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--comments", type=int, default=23)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tidings-stall-") as folder:
        port = free_port()
        server = serve(Path(folder) / "stall.db", port)
        url = f"http://127.0.0.1:{port}"
        try:
            text = "<!---->" * args.comments + "x\nHarbour headline\n\nText about the harbour.\n"
            measure(url, "regex", files=[("files", ("r.txt", text.encode()))])
            records = [{"id": f"r{i}", "title": f"Harbour {i}",
                        "text": f"The harbour reopened on Monday, report {i}."}
                       for i in range(args.records)]  # fmt: skip
            measure(url, "records", content=json.dumps(records),
                    headers={"content-type": "application/json"})  # fmt: skip
        finally:
            stop(server)


if __name__ == "__main__":
    main()
