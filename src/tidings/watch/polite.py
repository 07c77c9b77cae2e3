"""Politeness: one request at a time to each host, a delay between two, and robots.txt."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from urllib.robotparser import RobotFileParser

# How long a host's robots.txt is trusted before it is read again; and how long one that
# could not be read keeps tidings off the host before it is asked for again.
ROBOTS_SECONDS = 3600.0
ROBOTS_RETRY_SECONDS = 60.0


class HostGate:
    """Lets one request at a time reach each host (name and port), `delay` seconds (or the
    host's robots.txt Crawl-delay, if longer) after the end of the one before."""

    def __init__(self, delay: float):
        self.delay = delay
        self._lock = threading.Lock()
        self._hosts: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}
        self._delays: dict[str, float] = {}

    def slow_down(self, host: str, seconds: float) -> None:
        """A longer delay for one host (its Crawl-delay)."""
        self._delays[host] = max(seconds, self.delay)

    @contextmanager
    def turn(self, host: str) -> Iterator[None]:
        with self._lock:
            lock = self._hosts.setdefault(host, threading.Lock())
        with lock:
            wait = self._last.get(host, -1e9) + self._delays.get(host, self.delay)
            pause = wait - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            try:
                yield
            finally:
                self._last[host] = time.monotonic()


class Robots:
    """Each host's robots.txt, read once an hour through `fetch(url) -> (status, text)`
    (the watcher keeps its fetcher, and so these, from one round of polls to the next).

    As RFC 9309 says: no robots.txt (a 4xx) allows everything; one that cannot be
    read (a 5xx, no answer) allows nothing until it can."""

    def __init__(self, fetch: Callable[[str], tuple[int, str]], agent: str, gate: HostGate):
        self.fetch = fetch
        self.agent = agent
        self.gate = gate
        self._lock = threading.Lock()
        self._rules: dict[str, tuple[float, RobotFileParser | bool]] = {}

    def refusal(self, origin: str, host: str, url: str) -> str | None:
        """Why robots.txt keeps tidings from `url`, or None if it may fetch it."""
        rules = self._rules_of(origin, host)
        if rules is False:
            return f"{origin}/robots.txt could not be read: nothing is fetched there until it can"
        if rules is True or rules.can_fetch(self.agent, url):
            return None
        return "robots.txt does not allow tidings to fetch it"

    def _rules_of(self, origin: str, host: str) -> RobotFileParser | bool:
        with self._lock:
            cached = self._rules.get(origin)
        if cached is not None:
            trusted = ROBOTS_RETRY_SECONDS if cached[1] is False else ROBOTS_SECONDS
            if time.monotonic() - cached[0] < trusted:
                return cached[1]
        rules = self._read(origin, host)
        with self._lock:
            self._rules[origin] = (time.monotonic(), rules)
        return rules

    def _read(self, origin: str, host: str) -> RobotFileParser | bool:
        try:
            status, text = self.fetch(f"{origin}/robots.txt")
        except Exception:
            return False
        if 400 <= status < 500:
            return True
        if status >= 500 or status < 200:
            return False
        parser = RobotFileParser()
        parser.parse(text.splitlines())
        delay = parser.crawl_delay(self.agent)
        if delay:
            self.gate.slow_down(host, float(delay))
        return parser
