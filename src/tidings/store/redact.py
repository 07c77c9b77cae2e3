"""Store locations as they may be shown: without the passwords they carry.

A PostgreSQL URL may hold a password in its user part (`postgresql://alice:pw@host/db`)
or its query (`?password=pw`, `sslpassword=`); every message, log line and start-up
line that names a store shows `redacted(location)`, and an error from the driver,
which may quote the URL it was given, passes through `hide_secrets` first.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

MASK = "***"
# A query parameter whose name holds "password" (password, sslpassword): its value.
_QUERY_SECRET = re.compile(r"([?&][^=&#]*password[^=&#]*=)([^&#]*)", re.I)


def redacted(location: str) -> str:
    """`location` with every password replaced by `***` (a file path is returned as is)."""
    parts = _split(location)
    if parts is None:
        return location
    scheme, authority, tail = parts
    user, at, host = authority.rpartition("@")
    if at and ":" in user:
        authority = f"{user.split(':', 1)[0]}:{MASK}@{host}"
    tail = _QUERY_SECRET.sub(lambda m: m.group(1) + MASK, tail)
    return f"{scheme}://{authority}{tail}"


def secrets_of(location: str) -> list[str]:
    """The passwords `location` carries, as written and percent-decoded."""
    parts = _split(location)
    if parts is None:
        return []
    user, at, _ = parts[1].rpartition("@")
    found = [user.split(":", 1)[1]] if at and ":" in user else []
    found += [m.group(2) for m in _QUERY_SECRET.finditer(parts[2])]
    return [s for secret in found if secret for s in {secret, unquote(secret)}]


def hide_secrets(text: str, location: str) -> str:
    """`text` (a driver's message) with the passwords of `location` masked."""
    text = text.replace(location, redacted(location))
    for secret in sorted(secrets_of(location), key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


def _split(location: str) -> tuple[str, str, str] | None:
    """A URL's scheme, authority (user@host:port) and the rest; None for a path."""
    scheme, sep, rest = location.partition("://")
    if not sep:
        return None
    end = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
    return scheme, rest[:end], rest[end:]
