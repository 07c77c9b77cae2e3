"""What goes wrong with one input, said so that the user can find and fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Notice:
    """Something said about one input (or one line or row of it)."""

    source: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class ReadFailure(Notice):
    """One input (or one line or row of it) that could not be read."""


@dataclass(frozen=True)
class ReadWarning(Notice):
    """A field of one record that was dropped or changed; the article is still stored."""


class InputError(ValueError):
    """Raised by a reader for input it cannot read; carries the line if known."""

    def __init__(self, reason: str, line: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.line = line
