"""What the user named on the command line, expanded into single inputs.

A path may be a file, a folder (read recursively, hidden files skipped), a glob
pattern, or `-` for standard input.
"""

from __future__ import annotations

import glob
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from tidings.ingest.errors import ReadFailure

STDIN = "-"
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class Input:
    """One file (or standard input) to read."""

    name: str
    path: Path | None = None
    stream: BinaryIO | None = None

    def read_bytes(self, max_bytes: int) -> bytes:
        if self.path is not None:
            size = self.path.stat().st_size
            if size > max_bytes:
                raise OSError(f"file of {size:,} bytes is over the limit of {max_bytes:,}")
            return self.path.read_bytes()
        stream = self.stream if self.stream is not None else sys.stdin.buffer
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise OSError(f"input is over the limit of {max_bytes:,} bytes")
        return data


def expand(paths: Sequence[str], stdin: BinaryIO | None = None) -> list[Input | ReadFailure]:
    """Every input the paths name, in a stable order; a path naming nothing is a failure."""
    found: list[Input | ReadFailure] = []
    for name in paths:
        found.extend(_expand_one(name, stdin))
    return found


def _expand_one(name: str, stdin: BinaryIO | None) -> Iterator[Input | ReadFailure]:
    if name == STDIN:
        yield Input(name="<stdin>", stream=stdin)
        return
    path = Path(name)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
        if not files:
            yield ReadFailure(name, "folder holds no files")
        yield from (Input(name=str(p), path=p) for p in files)
    elif path.is_file():
        yield Input(name=name, path=path)
    elif _GLOB_CHARS & set(name):
        matches = sorted(Path(m) for m in glob.glob(name, recursive=True))
        files = [m for m in matches if m.is_file()]
        if not files:
            yield ReadFailure(name, "no file matches this pattern")
        yield from (Input(name=str(p), path=p) for p in files)
    else:
        yield ReadFailure(name, "no such file or folder")


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)
