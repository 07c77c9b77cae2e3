"""One GET as a polite and careful crawler sends it (httpx underneath).

Every hop of a redirect is checked by `guard` (http(s), public addresses) and by
robots.txt, and waits its turn at its host (`polite.HostGate`). The body is read
as a stream and given up past `max_bytes` (decompressed), or past `timeout` seconds
in all; a host that does not answer, answers 5xx or 429 is asked again after a
pause that doubles each time. What cannot be fetched raises `FetchError` with the
reason, which the watcher records.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urljoin

import httpx

import tidings
from tidings.watch.guard import Refused, Target, target
from tidings.watch.polite import HostGate, Robots

USER_AGENT = f"tidings/{tidings.__version__} (news watcher; +https://pypi.org/project/tidings/)"
ROBOTS_AGENT = "tidings"  # the name robots.txt rules address
_REDIRECTS = (301, 302, 303, 307, 308)
_AGAIN = (429, 500, 502, 503, 504)  # worth asking again, later


@dataclass(frozen=True)
class FetchLimits:
    timeout: float = 20.0  # seconds for one answer, body and all
    max_bytes: int = 10 * 2**20  # a larger answer is given up
    max_redirects: int = 5
    retries: int = 2  # more tries after the first, for timeouts, 5xx and 429
    backoff: float = 2.0  # seconds before the first retry, doubled after each
    delay: float = 1.0  # seconds between two requests to one host
    allow_private: bool = False  # loopback, private and link-local addresses too


class FetchError(Exception):
    """Why a URL could not be fetched."""

    def __init__(self, reason: str, again: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.again = again  # worth trying again (timeouts, 5xx)


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int  # 200, or 304 for a conditional GET of something unchanged
    headers: httpx.Headers
    body: bytes


class Fetcher:
    """GETs with the limits, one connection pool for all hosts; safe across threads."""

    def __init__(self, limits: FetchLimits):
        self.limits = limits
        self.gate = HostGate(limits.delay)
        self.client = httpx.Client(
            follow_redirects=False,  # each hop is checked here
            timeout=httpx.Timeout(limits.timeout),
            headers={"User-Agent": USER_AGENT},
            trust_env=False,  # no proxy from the environment between the check and the host
            # No connection kept open: one to an address would be reused for another name
            # at the same address (a TLS session made for the first); the delays between
            # two requests to a host make a new connection cheap beside them.
            limits=httpx.Limits(max_keepalive_connections=0),
        )
        self.robots = Robots(self._robots_txt, ROBOTS_AGENT, self.gate)

    def get(self, url: str, headers: dict[str, str] | None = None) -> Fetched:
        """The answer to a GET of `url` (a 200 or a 304), or `FetchError`."""
        pause = self.limits.backoff
        for attempt in range(self.limits.retries + 1):
            try:
                return self._follow(url, headers or {}, obey_robots=True)
            except FetchError as error:
                if not error.again or attempt == self.limits.retries:
                    if attempt:
                        raise FetchError(f"{error.reason} ({attempt + 1} tries)") from None
                    raise
            time.sleep(pause)
            pause *= 2
        raise AssertionError("unreachable")

    def _follow(self, url: str, headers: dict[str, str], obey_robots: bool) -> Fetched:
        for _hop in range(self.limits.max_redirects + 1):
            where = self._target(url)
            refusal = self.robots.refusal(where.origin, _host(where), url) if obey_robots else None
            if refusal is not None:
                raise FetchError(f"{url}: {refusal}")
            status, answer_headers, body = self._send(where, headers)
            if status in _REDIRECTS and "location" in answer_headers:
                url = urljoin(url, answer_headers["location"])
                continue
            if status in (200, 304):
                return Fetched(url, status, answer_headers, body)
            raise FetchError(f"{url}: HTTP {status}", again=status in _AGAIN)
        raise FetchError(f"{url}: more than {self.limits.max_redirects} redirects")

    def _target(self, url: str) -> Target:
        try:
            return target(url, self.limits.allow_private)
        except Refused as refused:
            raise FetchError(f"{url}: refused: {refused.reason}") from None

    def _send(self, where: Target, headers: dict[str, str]) -> tuple[int, httpx.Headers, bytes]:
        name = f"[{where.host}]" if ":" in where.host else where.host  # an IPv6 address
        host_header = name if where.port in (80, 443) else f"{name}:{where.port}"
        request = self.client.build_request(
            "GET",
            where.address_url(),
            headers={**headers, "Host": host_header},
            extensions={"sni_hostname": where.host},
        )
        with self.gate.turn(_host(where)):
            try:
                response = self.client.send(request, stream=True)
            except httpx.TimeoutException:
                raise FetchError(
                    f"{where.url}: no answer in {self.limits.timeout:g} s", True
                ) from None
            except httpx.HTTPError as error:
                raise FetchError(f"{where.url}: {type(error).__name__}: {error}", True) from None
            try:
                return response.status_code, response.headers, self._body(where.url, response)
            finally:
                response.close()

    def _body(self, url: str, response: httpx.Response) -> bytes:
        """The body, read as it streams in, given up past the size or time limit."""
        if response.status_code not in (200,):
            return b""
        cap = self.limits.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(f"{url}: {int(declared):,} bytes, over the limit of {cap:,}")
        deadline = time.monotonic() + self.limits.timeout
        chunks, size = [], 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > cap:
                    raise FetchError(f"{url}: over the limit of {cap:,} bytes")
                if time.monotonic() > deadline:
                    raise FetchError(f"{url}: not read in {self.limits.timeout:g} s", again=True)
                chunks.append(chunk)
        except httpx.TimeoutException:
            raise FetchError(f"{url}: no answer in {self.limits.timeout:g} s", True) from None
        except httpx.HTTPError as error:
            raise FetchError(f"{url}: {type(error).__name__}: {error}", again=True) from None
        return b"".join(chunks)

    def _robots_txt(self, url: str) -> tuple[int, str]:
        try:
            fetched = self._follow(url, {}, obey_robots=False)
        except FetchError as error:
            status = error.reason.rsplit("HTTP ", 1)[-1]
            if status.isdigit():
                return int(status), ""
            raise
        return fetched.status, fetched.body.decode("utf-8", "replace")

    def close(self) -> None:
        self.client.close()


def _host(where: Target) -> str:
    return f"{where.host}:{where.port}"
