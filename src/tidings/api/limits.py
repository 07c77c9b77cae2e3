"""What every request is held to: a body size, a rate per client, safe headers.

Plain ASGI middleware (no request objects), so a refused request costs next to
nothing: an oversized body is refused on its Content-Length before it is read,
and counted while it streams in when it has none (chunked uploads); a client
over its rate gets 429 with Retry-After before any handler runs.
"""

from __future__ import annotations

import json
import math
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.exceptions import HTTPException

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Clients whose buckets are kept; past this the least recently seen is forgotten
# (it comes back with a full bucket), so memory stays bounded whoever connects.
MAX_CLIENTS = 10_000
# Paths not rate-limited: the stylesheet and script every page loads.
UNLIMITED_PREFIXES = ("/static/",)
# Pages get a policy that runs only the app's own script, the API docs (/docs, Swagger UI
# served from its package's files) too.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int):
        super().__init__(413, f"request body over the limit of {limit:,} bytes")


async def send_json(send: Send, status: int, detail: str, headers: dict[str, str]) -> None:
    """A complete JSON error answer, `{"error": ...}` like every other API error."""
    body = json.dumps({"error": detail}).encode()
    pairs = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    pairs += [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    await send({"type": "http.response.start", "status": status, "headers": pairs})
    await send({"type": "http.response.body", "body": body})


def request_header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


class AnswerWatch:
    """`send`, noting whether the answer has begun: after that, no error answer fits."""

    def __init__(self, send: Send):
        self.send = send
        self.started = False

    async def __call__(self, message: Message) -> None:
        self.started = self.started or message["type"] == "http.response.start"
        await self.send(message)


class HttpMiddleware:
    """An ASGI middleware for HTTP requests: other scopes (lifespan) pass straight
    through; a subclass writes `http`."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.http(scope, receive, send)

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        raise NotImplementedError


class BodyLimit:
    """413 for a request body over `max_bytes` (0: no limit)."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.max_bytes <= 0:
            await self.app(scope, receive, send)
            return
        declared = request_header(scope, b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            error = BodyTooLarge(self.max_bytes)
            await send_json(send, 413, error.detail, {"connection": "close"})
            return
        received = 0
        watched = AnswerWatch(send)

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:  # raised inside the handler: a JSON 413
                raise BodyTooLarge(self.max_bytes)
            return message

        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge as error:  # read outside a handler (e.g. in middleware)
            if not watched.started:
                await send_json(send, 413, error.detail, {"connection": "close"})


class TokenBuckets:
    """A token bucket per client: `rate` requests a second, `burst` at once."""

    def __init__(self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic):
        self.rate = rate
        self.burst = max(1, burst)
        self.clock = clock
        self.buckets_: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def take(self, client: str) -> float:
        """0 when the request may go ahead, else the seconds until it could."""
        now = self.clock()
        tokens, last = self.buckets_.pop(client, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - last) * self.rate)
        wait = 0.0 if tokens >= 1 else (1 - tokens) / self.rate
        self.buckets_[client] = (tokens - 1 if wait == 0 else tokens, now)
        while len(self.buckets_) > MAX_CLIENTS:
            self.buckets_.popitem(last=False)
        return wait


class RateLimit:
    """429 with Retry-After for a client address past its rate (rate 0: no limit).

    Runs on the event loop's one thread, so the buckets need no lock."""

    def __init__(self, app: ASGIApp, rate: float, burst: int):
        self.app = app
        self.buckets = TokenBuckets(rate, burst) if rate > 0 else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and self.buckets is not None
            and not scope["path"].startswith(UNLIMITED_PREFIXES)
        ):
            client = scope.get("client")
            wait = self.buckets.take(client[0] if client else "-")
            if wait > 0:
                retry = str(max(1, math.ceil(wait)))
                detail = (
                    f"too many requests: over {self.buckets.rate:g} a second; retry in {retry} s"
                )
                await send_json(send, 429, detail, {"retry-after": retry})
                return
        await self.app(scope, receive, send)


class SecurityHeaders(HttpMiddleware):
    """Headers that keep a page from being framed, sniffed or made to run others' code."""

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        extra = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                 (b"x-frame-options", b"DENY"), (b"content-security-policy", CSP.encode())]  # fmt: skip

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)
