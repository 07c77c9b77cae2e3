"""What one write may cost the others: reads go on while a write is slow, a request
takes at most `max_request_records`, writes under way at once at most
`max_queued_writes` (503 with Retry-After past it), and a queued write whose client
has gone is not run. A real server with the real pipeline and store."""

from __future__ import annotations

import asyncio
import json
import threading
import time

import httpx
import pytest

from tests.live import LiveServer
from tidings.api.reading import UploadReader, read_uploads
from tidings.api.uploads import BadUpload
from tidings.config import Settings

pytestmark = pytest.mark.slow  # a server of its own, with the real models

MAX_RECORDS = 200
MAX_WRITES = 2
READ_BOUND = 3.0  # seconds a read may wait while a write is under way (or a third of it)


def records(prefix: str, n: int) -> list[dict]:
    text = "The harbour reopened on Monday after the storm closed it for a week. " * 4
    return [{"id": f"{prefix}-{i}", "title": f"Harbour {prefix} {i}", "text": f"{text} {i}"}
            for i in range(n)]  # fmt: skip


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    settings = Settings(rate_limit=0, max_request_records=MAX_RECORDS,
                        max_queued_writes=MAX_WRITES)  # fmt: skip
    live = LiveServer(tmp_path_factory.mktemp("writes") / "t.db", settings).start()
    yield live
    live.stop()


def stored(server, article_id: str) -> bool:
    with server.client() as client:
        return client.get(f"/api/articles/{article_id}", params={"similar": 0}).status_code == 200


def test_reads_are_served_while_an_upload_is_read_slowly(server):
    """An upload that took the sniffer's backtracking regex 21 s (issue 13, D1) held the
    interpreter: every read waited for it. However long it takes now, reads do not."""
    slow = ("<!---->" * 25 + "x\nHarbour headline\n\nText about the harbour.\n").encode()
    upload = threading.Thread(target=lambda: _post(server, files=[("files", ("r.txt", slow))]))
    began = time.monotonic()
    upload.start()
    waits = []
    with server.client() as client:
        while upload.is_alive() or len(waits) < 3:
            started = time.monotonic()
            assert client.get("/api/articles", params={"limit": 1}).status_code == 200
            waits.append(time.monotonic() - started)
            time.sleep(0.2)
    upload.join()
    uploading = time.monotonic() - began
    # A stalled read waits about as long as the upload; a loaded machine slows any read.
    assert max(waits) < max(READ_BOUND, uploading / 3), (waits, uploading)


def test_records_over_the_limit_are_refused_whole(server):
    over = records("over", MAX_RECORDS + 1)
    answer = _post(server, json=over)
    assert answer.status_code == 413
    assert f"over the limit of {MAX_RECORDS}" in answer.json()["error"]
    lines = "\n".join(json.dumps(r) for r in over).encode()
    answer = _post(server, files=[("files", ("over.jsonl", lines))])
    assert answer.status_code == 413 and "max_request_records" in answer.json()["error"]
    assert not stored(server, "over-0")
    assert _post(server, json=over[:MAX_RECORDS]).json()["new"] == MAX_RECORDS


def test_a_full_write_queue_answers_503_with_retry_after(server):
    """Writers that send their bodies slowly hold their places in the queue."""
    release = threading.Event()

    def slow_body(n: int):
        body = json.dumps(records(f"held{n}", 1)).encode()
        yield body[:10]
        release.wait(60)
        yield body[10:]

    held = [threading.Thread(target=_post, args=(server,), kwargs={"content": slow_body(n)})
            for n in range(MAX_WRITES)]  # fmt: skip
    for thread in held:
        thread.start()
    try:
        # Wait for the held writes to be in (a write sent before them would take a place
        # while it runs and get one of them refused instead), then one more is refused.
        queue = server.server.config.app.state.writes
        deadline = time.monotonic() + 30
        while queue.under_way < MAX_WRITES:
            assert time.monotonic() < deadline, "the held writes never came in"
            time.sleep(0.05)
        refused = _post(server, json=records("late", 1))
        assert refused.status_code == 503, refused.text
        assert int(refused.headers["retry-after"]) >= 1
        assert "max_queued_writes" in refused.json()["error"]
        with server.client() as client:  # reads are not queued
            assert client.get("/api/articles", params={"limit": 1}).status_code == 200
    finally:
        release.set()
        for thread in held:
            thread.join()
    assert stored(server, "held0-0") and stored(server, "held1-0")
    assert _post(server, json=records("late", 1)).status_code == 200


def real_records(data_dir, prefix: str, n: int) -> list[dict]:
    """`n` real Arabic articles: seconds of the writer's time, however idle the machine
    (the same short text again and again is cleaned and embedded from caches at once)."""
    with (data_dir / "hespress-ar-news.jsonl").open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line, _ in zip(lines, range(n), strict=False)]
    return [{"id": f"{prefix}-{i}", "text": text} for i, text in enumerate(texts)]


def test_a_queued_write_whose_client_left_is_not_run(server, data_dir):
    busy_records = real_records(data_dir, "busy", MAX_RECORDS)
    busy = threading.Thread(target=_post, args=(server,), kwargs={"json": busy_records})
    busy.start()
    time.sleep(1.0)  # read and under way on the writer thread
    with pytest.raises(httpx.TimeoutException):  # the client gives up and disconnects
        _post(server, json=records("left", 1), timeout=0.5)
    busy.join()
    time.sleep(1.0)
    assert stored(server, "busy-199")
    assert not stored(server, "left-0")


def _post(server, timeout: float = 300, **request) -> httpx.Response:
    headers = {"content-type": "application/json"} if "content" in request else {}
    with server.client() as client:
        return client.post("/api/articles", headers=headers, timeout=timeout, **request)


def read_forever(sent, max_bytes, max_records):
    """A reader stage slower than any limit (must be importable: it runs in the worker)."""
    time.sleep(600)


def test_upload_reading_is_bounded_in_time():
    async def run() -> None:
        reader = UploadReader(seconds=1.0, read=read_forever)
        await asyncio.to_thread(reader.start)
        try:
            started = time.monotonic()
            with pytest.raises(BadUpload, match="could not be read within 1 s"):
                await reader(("json", b"[]"), 2**20, 10)
            assert time.monotonic() - started < 60  # the worker replaced, not waited for
            reader.read = read_uploads
            body = json.dumps(records("fast", 2)).encode()
            read = await reader(("json", body), 2**20, 10)
            assert [a.id for a in read] == ["fast-0", "fast-1"]
        finally:
            await asyncio.to_thread(reader.stop)

    asyncio.run(run())
