"""Uploads read in a process of their own, within a time limit.

Reading what a client sent (JSON parsing, decoding, sniffing the format, the
readers' parsers) is the part of a write that depends most on the client's
bytes. Run in the server's process, a pathological input could hold the
interpreter for as long as it took: a regex that backtracks holds the GIL, so a
264-byte upload stalled every other request for 21 s (issue 13, D1). Here it
runs in one spawned worker process; the server's threads only wait for it, and a
read that takes longer than `seconds` is refused and its process replaced.
"""

from __future__ import annotations

import asyncio
import io
import multiprocessing
from collections.abc import Callable, Sequence
from multiprocessing.pool import Pool

from tidings.api.uploads import BadUpload, json_records, jsonl_input
from tidings.ingest.errors import Notice
from tidings.ingest.runner import read_input
from tidings.ingest.sources import Input
from tidings.model import Article

Sent = tuple[str, bytes | Sequence[tuple[str, bytes]]]  # ("json", body) or ("files", [...])
Records = list[Article | Notice]


def read_uploads(sent: Sent, max_bytes: int, max_records: int) -> Records:
    """The articles (and failures) of a request: in the worker process."""
    kind, payload = sent
    if kind == "json":
        assert isinstance(payload, bytes)
        records = json_records(payload)
        if len(records) > max_records:
            raise too_many(len(records), max_records)
        files: Sequence[tuple[str, bytes]] = [jsonl_input(records)]
    else:
        files = payload  # type: ignore[assignment]
    read: Records = []
    for name, data in files:
        read.extend(read_input(Input(name=name, stream=io.BytesIO(data)), max_bytes))
        articles = sum(1 for r in read if isinstance(r, Article))
        if articles > max_records:
            raise too_many(f"over {articles:,}", max_records)
    return read


def too_many(count: int | str, limit: int) -> BadUpload:
    return BadUpload(
        f"{count} records in one request, over the limit of {limit:,} (max_request_records): "
        "send them in several requests",
        too_large=True,
    )


def _ready() -> None:
    """Run once in a new worker so that its imports are done before the first upload."""


class UploadReader:
    """One worker process that reads uploads, one at a time, `seconds` at most each."""

    def __init__(self, seconds: float, read: Callable[[Sent, int, int], Records] = read_uploads):
        self.seconds = seconds
        self.read = read
        self._pool: Pool | None = None
        self._turn = asyncio.Lock()  # a timed-out read ends the process: one at a time

    def start(self) -> None:
        self._pool = multiprocessing.get_context("spawn").Pool(1)
        self._pool.apply(_ready)

    async def __call__(self, sent: Sent, max_bytes: int, max_records: int) -> Records:
        async with self._turn:
            if self._pool is None:
                raise RuntimeError("the upload reader is not started")
            pending = self._pool.apply_async(self.read, (sent, max_bytes, max_records))
            try:
                return await asyncio.to_thread(pending.get, self.seconds)
            except multiprocessing.TimeoutError:
                await asyncio.to_thread(self._replace)
                raise BadUpload(
                    f"the upload could not be read within {self.seconds:g} s "
                    "(upload_read_seconds); nothing of it was stored"
                ) from None

    def _replace(self) -> None:
        self.stop()
        self.start()

    def stop(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
