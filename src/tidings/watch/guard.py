"""Which URLs the watcher may fetch: http(s) only, and public addresses only unless allowed.

A feed is written by someone else: it must never make tidings read a local file
(`file:`, or any scheme but http and https) nor, unless the user allows it
(`--allow-private-addresses`, the setting `watch_allow_private`), reach the machine
itself or its network (loopback, private, link-local and other non-public
addresses), whether by a link or by a redirect. The name is resolved here and the
request goes to the address checked, so a second lookup cannot give another.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

SCHEMES = ("http", "https")


class Refused(Exception):
    """A URL the watcher will not fetch; `reason` says why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Target:
    """Where one request goes: the URL as written, its host, and the address checked."""

    url: str
    scheme: str
    host: str  # the name, for the Host header, TLS and politeness
    port: int
    address: str  # the IP address the request connects to

    @property
    def origin(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"

    def address_url(self) -> str:
        """The URL with the checked address in place of the name."""
        parts = urlsplit(self.url)
        ip = f"[{self.address}]" if ":" in self.address else self.address
        return parts._replace(netloc=f"{ip}:{self.port}").geturl()


def target(url: str, allow_private: bool) -> Target:
    """The checked target of `url`, or `Refused`."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise Refused(f"not a valid URL ({error})") from None
    if parts.scheme.lower() not in SCHEMES:
        scheme = parts.scheme or "no scheme"
        raise Refused(f"{scheme}: URLs are never fetched (only http and https)")
    if not parts.hostname:
        raise Refused("the URL has no host")
    try:  # a name in another script goes on the wire (DNS, Host, SNI) in ASCII
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        raise Refused(f"{parts.hostname} is not a valid host name") from None
    address = _resolve(host, port)
    if not allow_private:
        _check_public(host, address)
    return Target(url, parts.scheme.lower(), host, port, str(address))


def _resolve(host: str, port: int) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise Refused(f"cannot resolve {host} ({getattr(error, 'strerror', error)})") from None
    if not infos:
        raise Refused(f"cannot resolve {host}")
    return ipaddress.ip_address(infos[0][4][0])


def _check_public(host: str, address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> None:
    mapped = getattr(address, "ipv4_mapped", None)
    checked = mapped or address
    if not checked.is_global or checked.is_multicast:
        raise Refused(
            f"{host} is at {address}, a private, loopback or otherwise non-public address "
            "(allowed only with --allow-private-addresses or the setting watch_allow_private)"
        )
