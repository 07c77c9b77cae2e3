"""Peak memory of this process and its children (worker processes), sampled.

`ru_maxrss` sees one process; an ingest with workers is three, so the figure
that matters is the peak of their sum, sampled here every `interval` seconds.
"""

from __future__ import annotations

import threading
from types import TracebackType

import psutil


class TreePeak:
    """`with TreePeak() as peak: ...`, then `peak.mib`: the largest sum of resident
    memory of this process and its descendants seen while the block ran."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.bytes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    @property
    def mib(self) -> float:
        return self.bytes / 2**20

    def __enter__(self) -> TreePeak:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for process in [me, *me.children(recursive=True)]:
                try:
                    total += process.memory_info().rss
                except psutil.Error:  # ended between listing and reading
                    continue
            self.bytes = max(self.bytes, total)
            self._stop.wait(self.interval)
