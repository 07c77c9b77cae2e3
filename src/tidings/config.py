"""Settings: defaults, then a TOML file, then `TIDINGS_*` environment variables.

Nothing else reads the environment: the settings object is passed explicitly.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

CONFIG_FILE = "tidings.toml"

# The ingest pipeline's stages by registered name, in order (`tidings.registry`).
STAGES = (
    "analyze.language.v1",
    "ingest.clean_text.v1",
    "analyze.places.v1",  # before entities: a name that is a place is no entity
    "analyze.entities.v1",
    "analyze.dates.v1",
    "embed.views.v2",
)


@dataclass(frozen=True)
class Settings:
    db: str = "tidings.db"  # a SQLite file (or sqlite:///path), or postgresql://user@host/db
    batch_size: int = 256  # articles processed and stored per transaction
    max_input_bytes: int = 256 * 2**20  # larger inputs are refused, not read
    repeated_line_docs: int = 3  # a line in this many articles is site furniture
    # BLAS threads of the bundled model; 1 on a machine other work keeps busy, where
    # more threads than free cores spin against each other (several times slower).
    embed_threads: int = 2
    # Processes that clean, analyse and embed a bulk ingest (inputs of 1 MiB or more)
    # while the main one stores and places; 1: all in one process.
    workers: int = 2
    # The pipeline (stage names, comma-separated in TIDINGS_STAGES) and the model that
    # embeds (`name` or `name:model`, e.g. "embed.sentence_transformers.v1:org/model").
    stages: tuple[str, ...] = STAGES
    embedder: str = "embed.use_multilingual.v3"
    # `tidings serve` (see SECURITY.md): where it listens, and what it lets clients do.
    host: str = "127.0.0.1"  # loopback only unless told otherwise
    port: int = 8000
    api_token: str = field(default="", repr=False)  # TIDINGS_API_TOKEN: needed to write
    # Names beyond its own address (and loopback's) the server answers to, comma-separated:
    # a name a proxy forwards, or those of a server on 0.0.0.0 (other Hosts get a 400).
    allowed_hosts: str = ""
    max_request_bytes: int = 8 * 2**20  # larger request bodies get a 413
    rate_limit: float = 50.0  # requests a second per client address, sustained (0: none)
    rate_burst: int = 100  # requests a client may send at once before the rate applies
    # What one write may cost (see SECURITY.md, "Writes"): records a request, writes
    # waiting or running at once (more get a 503 with Retry-After), and seconds to read
    # an upload (in a process of its own; a slower one is refused).
    max_request_records: int = 1000
    max_queued_writes: int = 4
    upload_read_seconds: float = 60.0
    # `tidings watch` (see README, "Watching feeds"): loopback, private and link-local
    # addresses are refused unless allowed (intranet feeds, tests); seconds between two
    # requests to one host; seconds for one answer; the largest answer read.
    watch_allow_private: bool = False
    watch_delay: float = 1.0
    watch_timeout: float = 20.0
    watch_max_bytes: int = 10 * 2**20

    @classmethod
    def load(cls, path: str | Path | None = None, env: dict[str, str] | None = None) -> Settings:
        """Defaults, overridden by the TOML file (`TIDINGS_CONFIG` or ./tidings.toml)
        and then by `TIDINGS_<NAME>` variables."""
        env = dict(os.environ) if env is None else env
        settings = cls()
        config = Path(path or env.get("TIDINGS_CONFIG") or CONFIG_FILE)
        if config.is_file():
            with config.open("rb") as handle:
                settings = settings.updated(tomllib.load(handle), origin=str(config))
        from_env = {
            f.name: env[f"TIDINGS_{f.name.upper()}"]
            for f in fields(cls)
            if f"TIDINGS_{f.name.upper()}" in env
        }
        return settings.updated(from_env, origin="environment")

    def updated(self, values: dict[str, Any], origin: str = "arguments") -> Settings:
        types = {f.name: type(getattr(self, f.name)) for f in fields(self)}
        unknown = set(values) - set(types)
        if unknown:
            raise ValueError(f"{origin}: unknown settings {sorted(unknown)}")
        try:
            converted = {k: _converted(types[k], v) for k, v in values.items() if v is not None}
        except ValueError as error:
            raise ValueError(f"{origin}: {error}") from None
        return replace(self, **converted)


def _converted(kind: type, value: Any) -> Any:
    """`value` as the setting's type; a list of names may come as one comma-separated string."""
    if kind is tuple:
        names = value.split(",") if isinstance(value, str) else value
        return tuple(str(name).strip() for name in names if str(name).strip())
    if kind is bool and isinstance(value, str):  # "false", "0", "no" and "off" are false
        words = {"true": True, "1": True, "yes": True, "on": True}
        words |= {"false": False, "0": False, "no": False, "off": False, "": False}
        if value.strip().lower() not in words:
            raise ValueError(f"{value!r} is not true or false")
        return words[value.strip().lower()]
    return kind(value)
