"""Who may write: the API token, checked in constant time, and the read-only mode.

Reads are open to whoever can reach the server. Writes (ingest) are open on a
loopback address, where only the local user can connect; elsewhere they need the
token (`TIDINGS_API_TOKEN`). A server listening beyond loopback without a token
serves read-only: it starts (a public mirror is a fair use) but refuses every
write with 403, so a forgotten setting never leaves an open ingest endpoint. A
token, once set, is required on every address, loopback included.
"""

from __future__ import annotations

import ipaddress
import secrets
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from tidings.config import Settings

# A shorter token is refused: guessing one must cost more than the rate limit allows.
MIN_TOKEN_CHARS = 16
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


class WriteMode(StrEnum):
    OPEN = "open"  # loopback, no token: the local user writes freely
    TOKEN = "token"  # writes need `Authorization: Bearer <token>`
    READ_ONLY = "read-only"  # beyond loopback without a token: no writes at all


def is_loopback(host: str) -> bool:
    """Whether `host` (an address or a name) is reachable only from this machine.

    Names other than localhost count as not loopback: they may resolve anywhere."""
    host = host.strip().strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class WriteAccess:
    host: str
    token: str = field(default="", repr=False)

    @classmethod
    def from_settings(cls, settings: Settings) -> WriteAccess:
        token = settings.api_token.strip()
        if token and len(token) < MIN_TOKEN_CHARS:
            raise ValueError(
                f"TIDINGS_API_TOKEN has {len(token)} characters; use at least {MIN_TOKEN_CHARS} "
                "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(32))')"
            )
        unsendable = next((i for i, c in enumerate(token) if not " " < c <= "~"), None)
        if unsendable is not None:  # never shown: the message must not leak the token
            raise ValueError(
                f"TIDINGS_API_TOKEN has a character other than visible ASCII at position "
                f"{unsendable + 1}; clients send the token in an HTTP header, where such a "
                "character never arrives as it was set, so no request could match it"
            )
        return cls(host=settings.host, token=token)

    @property
    def mode(self) -> WriteMode:
        if self.token:
            return WriteMode.TOKEN
        return WriteMode.OPEN if is_loopback(self.host) else WriteMode.READ_ONLY

    def describe(self) -> str:
        """One line for the server's start-up message."""
        return {
            WriteMode.OPEN: "writes open to local clients (loopback, no token)",
            WriteMode.TOKEN: "writes need the API token",
            WriteMode.READ_ONLY: (
                f"read-only: listening on {self.host} without TIDINGS_API_TOKEN, "
                "so every write is refused"
            ),
        }[self.mode]

    def check(self, authorization: str | None) -> None:
        """Raise 401 (no token sent), 403 (wrong token, or read-only), or return."""
        mode = self.mode
        if mode is WriteMode.OPEN:
            return
        if mode is WriteMode.READ_ONLY:
            raise HTTPException(
                403,
                f"this server is read-only: it listens on {self.host} and no "
                "TIDINGS_API_TOKEN is set, so writes are refused",
            )
        scheme, _, sent = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not sent.strip():
            raise HTTPException(
                401,
                "writes need the API token: send 'Authorization: Bearer <TIDINGS_API_TOKEN>'",
                headers={"WWW-Authenticate": 'Bearer realm="tidings"'},
            )
        # Bytes, so that any text compares in constant time (str needs ASCII).
        if not secrets.compare_digest(sent.strip().encode(), self.token.encode()):
            raise HTTPException(403, "wrong API token")


# Declares the scheme in the OpenAPI document (/docs gets an "Authorize" button);
# the check itself reads the header, so that its answers are ours.
_bearer = HTTPBearer(auto_error=False, description="TIDINGS_API_TOKEN, needed to write")


def require_write_access(
    request: Request,
    _: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)] = None,
) -> None:
    """FastAPI dependency of every endpoint that writes to the store."""
    access: WriteAccess = request.app.state.write_access
    access.check(request.headers.get("authorization"))
