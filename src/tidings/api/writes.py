"""A write through the API, from the request to the report: admitted while the
queue has room, read in the upload reader's process, stored on the writer thread
unless its client has gone.

Each write costs the single writer thread seconds (about 13 ms an article with
the bundled model), so what one client may queue is bounded: `max_request_records`
a request (413 past it) and `max_queued_writes` writes reading, waiting or
running at once (503 with Retry-After past it, the wait estimated from the
recent writes' durations).
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import HTTPException, Request

from tidings.api.reading import Records, Sent, UploadReader
from tidings.api.service import Service
from tidings.api.uploads import BadUpload
from tidings.ingest.runner import IngestReport

MAX_RETRY_SECONDS = 600


class ClientGone(Exception):
    """The client disconnected before its write began: the write is not run."""


class WriteQueue:
    """Counts the writes under way, and how long they take."""

    def __init__(self, limit: int):
        self.limit = limit
        self.under_way = 0
        self.seconds_each = 1.0  # a running mean of the recent writes' durations

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        if self.under_way >= self.limit:
            wait = min(MAX_RETRY_SECONDS, max(1, math.ceil(self.seconds_each * self.under_way)))
            raise HTTPException(
                503,
                f"the server is busy with {self.under_way} writes (max_queued_writes "
                f"{self.limit}); retry in {wait} s",
                headers={"Retry-After": str(wait)},
            )
        self.under_way += 1  # on the event loop's one thread: no lock needed
        try:
            yield
        finally:
            self.under_way -= 1

    def took(self, seconds: float) -> None:
        self.seconds_each = 0.7 * self.seconds_each + 0.3 * seconds


async def ingest(request: Request, sent: Sent, svc: Service, reader: UploadReader,
                 queue: WriteQueue) -> IngestReport:  # fmt: skip
    """Read `sent`, then store it on the writer thread if its client is still there."""
    settings = svc.settings
    try:
        records = await reader(sent, settings.max_input_bytes, settings.max_request_records)
    except BadUpload as error:
        raise HTTPException(413 if error.too_large else 400, str(error)) from None
    gone = threading.Event()
    if await request.is_disconnected():  # left while its upload was read
        gone.set()
    watcher = asyncio.create_task(_watch(request, gone))
    try:
        return await svc.write(_store, svc, records, gone, queue)
    except ClientGone:
        raise HTTPException(499, "the client disconnected before its write began") from None
    finally:
        watcher.cancel()


def _store(
    svc: Service, records: Records, gone: threading.Event, queue: WriteQueue
) -> IngestReport:
    """On the writer thread, when the write's turn has come."""
    if gone.is_set():
        raise ClientGone
    assert svc.writer_ is not None
    started = time.monotonic()
    report = svc.writer_.ingest_read(records)
    queue.took(time.monotonic() - started)
    return report


async def _watch(request: Request, gone: threading.Event) -> None:
    """Sets `gone` when the client disconnects (its body is read: the next message
    the server gets for it is the disconnect)."""
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            gone.set()
            return
