"""Requests from other sites: DNS rebinding and cross-site writes.

A page on any site the user visits can make their browser send requests to a
server on loopback. Two checks keep such a page out:

- **Host.** A page on attacker.example that rebinds its name to 127.0.0.1 sends
  `Host: attacker.example`. Every request must name this server: a loopback name
  or address (when it listens on loopback) or the address it listens on, with the
  port it listens on, or a name in `allowed_hosts` (with any port: a proxy's own).
  A server listening on every
  address (0.0.0.0) cannot know its names: it takes any Host unless
  `allowed_hosts` lists them.
- **Origin.** A cross-site form or script may still POST to 127.0.0.1 by
  address. A write (any method but GET, HEAD and OPTIONS) whose browser says it
  comes from elsewhere (`Sec-Fetch-Site` cross-site or same-site, or an `Origin`
  other than the Host asked for) is refused. Clients that are not browsers send
  neither header and are not affected.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from tidings.api.limits import ASGIApp, Receive, Scope, Send, request_header, send_json
from tidings.api.security import is_loopback

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
WILDCARDS = frozenset({"0.0.0.0", "::", ""})
BROWSER_SAYS_OTHER_SITE = frozenset({"cross-site", "same-site"})


class HostNames:
    """The names this server answers to: `allowed(name)`; None when it cannot know."""

    def __init__(self, bound: str, extra: str = ""):
        self.bound = _bare(bound)
        self.extra = frozenset(_bare(n) for n in extra.split(",") if n.strip())

    @property
    def any_name(self) -> bool:
        return self.bound in WILDCARDS and not self.extra

    def allowed(self, name: str) -> bool:
        name = _bare(name)
        if name in self.extra or name == self.bound:
            return True
        return is_loopback(name) and (is_loopback(self.bound) or self.bound in WILDCARDS)


class SameOrigin:
    """400 for a Host that is not this server's, 403 for a cross-site write."""

    def __init__(self, app: ASGIApp, names: HostNames):
        self.app = app
        self.names = names

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            refusal = self.host_problem(scope) or self.origin_problem(scope)
            if refusal is not None:
                await send_json(send, *refusal, {})
                return
        await self.app(scope, receive, send)

    def host_problem(self, scope: Scope) -> tuple[int, str] | None:
        host = request_header(scope, b"host")
        if host is None or self.names.any_name:  # no Host: HTTP/1.0, never a browser
            return None
        name, port = split_host(host)
        server = scope.get("server")
        expected = server[1] if server and server[1] else None
        if name and _bare(name) in self.names.extra:  # a proxy's name: its own port
            return None
        if self.names.allowed(name) and (expected is None or (port or 80) == expected):
            return None
        return 400, (
            f"Host {host!r} is not a name of this server; it answers to its loopback "
            "names, the address it listens on, and the names in TIDINGS_ALLOWED_HOSTS"
        )

    def origin_problem(self, scope: Scope) -> tuple[int, str] | None:
        if scope["method"] in SAFE_METHODS:
            return None
        site = (request_header(scope, b"sec-fetch-site") or "").strip().lower()
        origin = request_header(scope, b"origin")
        if site in BROWSER_SAYS_OTHER_SITE:
            return 403, f"cross-site write refused (Sec-Fetch-Site: {site})"
        if origin is not None and not _same_host(origin, request_header(scope, b"host")):
            return 403, f"cross-site write refused: Origin {origin!r} is not this server"
        return None


def split_host(host: str) -> tuple[str, int | None]:
    """`name:port` (or `[v6]:port`) as the name and the port, None if none or not a number."""
    host = host.strip()
    if host.startswith("["):
        name, _, rest = host[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ""
    elif host.count(":") == 1:
        name, _, port = host.partition(":")
    else:
        name, port = host, ""
    return name, int(port) if port.isascii() and port.isdigit() else (None if not port else -1)


def _same_host(origin: str, host: str | None) -> bool:
    try:
        netloc = urlsplit(origin.strip()).netloc
    except ValueError:
        return False
    return bool(netloc) and host is not None and netloc.lower() == host.strip().lower()


def _bare(name: str) -> str:
    return name.strip().strip("[]").lower().rstrip(".")
