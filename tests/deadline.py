"""A time limit for code that may run away (a backtracking regex), so that a
regression fails its test instead of hanging the suite."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager


class Overrun(Exception):
    """The code ran past its deadline."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise `Overrun` in the block once `seconds` have passed (the main thread's
    SIGALRM; sre checks for signals as it backtracks, so a runaway match stops)."""

    def stop(signum: int, frame: object) -> None:
        raise Overrun(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
