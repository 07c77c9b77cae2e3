"""A news site on 127.0.0.1 for the watcher's tests: feeds, sitemaps and article pages
made from the seeds, served by a real HTTP server in a thread of the test.

Each route answers as told (status, delay, headers, a stream of a given size); the
server logs every request (path, headers, start and end) and counts the requests
it serves at once, so a test can say what the watcher asked for, and how.
"""

from __future__ import annotations

import html
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    stream_bytes: int = 0  # instead of `body`: this many bytes, sent 1 MiB at a time
    fail_times: int = 0  # answer 500 this many times first
    etag: str | None = None  # answer 304 to a matching If-None-Match


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    start: float
    end: float = 0.0
    sent: int = 0
    status: int = 0


class Site:
    """`with Site() as site:` a server on 127.0.0.1 at a free port."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.busy = 0
        self.most_at_once = 0
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    def requests_for(self, path: str) -> list[Hit]:
        return [h for h in self.hits if h.path == path]

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    # -- the site's content ---------------------------------------------
    def add_article(self, path: str, title: str, text: str, canonical: bool = True) -> None:
        link = f'<link rel="canonical" href="{self.url(path)}">' if canonical else ""
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.splitlines() if p.strip())
        page = (
            f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}"
            f"</title>{link}</head><body><nav><a href='/'>Home</a></nav><article>"
            f"<h1>{html.escape(title)}</h1>{paragraphs}</article></body></html>"
        )
        self.routes[path] = Route(page.encode())

    def set_feed(self, path: str, items: list[tuple[str, str, datetime | None]]) -> None:
        """An RSS feed of (link, title, published) items; its ETag changes with it."""
        entries = "".join(
            f"<item><title>{html.escape(title)}</title><link>{html.escape(link)}</link>"
            + (f"<pubDate>{format_datetime(day)}</pubDate>" if day else "")
            + "</item>"
            for link, title, day in items
        )
        body = (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Test</title><link>{self.url('/')}</link>{entries}</channel></rss>"
        ).encode()
        etag = f'"v{hash(body) & 0xFFFFFFFF:x}"'
        headers = {"ETag": etag, "Last-Modified": "Mon, 06 Jan 2020 10:00:00 GMT"}
        self.routes[path] = Route(body, content_type="application/rss+xml", headers=headers,
                                  etag=etag)  # fmt: skip


def seed_articles(seeds: Path) -> list[tuple[str, str]]:
    """(title, text) of each seed: its first line, then the rest."""
    found = []
    for path in sorted(seeds.glob("*.txt")):
        title, _, text = path.read_text(encoding="utf-8").partition("\n")
        found.append((title.strip(), text))
    return found


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hit = Hit(self.path, dict(self.headers.items()), time.monotonic())
            with site._lock:
                site.hits.append(hit)
                site.busy += 1
                site.most_at_once = max(site.most_at_once, site.busy)
            try:
                self._answer(site.routes.get(self.path), hit)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a size cap): what was sent is logged
            finally:
                hit.end = time.monotonic()
                with site._lock:
                    site.busy -= 1

        def _answer(self, route: Route | None, hit: Hit) -> None:
            if route is None:
                return self._send(hit, 404, b"not found", {})
            time.sleep(route.delay)
            if route.fail_times > 0:
                route.fail_times -= 1
                return self._send(hit, 500, b"try later", {})
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                return self._send(hit, 304, b"", route.headers)
            if route.stream_bytes:
                return self._stream(hit, route)
            headers = {"Content-Type": route.content_type, **route.headers}
            return self._send(hit, route.status, route.body, headers)

        def _send(self, hit: Hit, status: int, body: bytes, headers: dict[str, str]) -> None:
            hit.status = status
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)
                hit.sent = len(body)

        def _stream(self, hit: Hit, route: Route) -> None:
            hit.status = 200
            self.send_response(200)
            self.send_header("Content-Type", "text/html")  # no length: it must be read to know
            self.end_headers()
            for chunk in _chunks(route.stream_bytes):
                self.wfile.write(chunk)
                hit.sent += len(chunk)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


def _chunks(total: int, size: int = 2**20) -> Iterator[bytes]:
    chunk = b"<p>" + b"x" * (size - 7) + b"</p>\n"
    for _ in range(total // size):
        yield chunk


def data_articles(data: Path, count: int) -> list[tuple[str, str]]:
    """(title, text) of the first `count` Hespress articles (title on the first line)."""
    import json

    found = []
    with (data / "hespress-ar-news.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            title, _, text = json.loads(line)["text"].strip().partition("\n")
            if len(text) > 400:
                found.append((title.strip(), text))
            if len(found) == count:
                break
    return found
