"""Which linked pages a feed may make claimlog fetch.

A feed is a stranger's text: its item links must not reach local files, other schemes, or
the user's own network (a loopback admin port, the router, cloud metadata) unless the feed
itself lives on that network or the user allows it (`allow_private_links`).
"""

from __future__ import annotations

import asyncio
import ipaddress
import os
import socket
from urllib.parse import urlsplit


def is_private(ip: str) -> bool:
    """Loopback, private, link-local, reserved, multicast or unspecified: not the public internet."""
    try:
        addr = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return True  # not an address we understand: treat it as the unsafe kind
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    return not addr.is_global or addr.is_multicast


def scheme_refusal(url: str) -> str | None:
    """Why a link is not an http(s) URL with a host, or None when it is one."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return "not a valid URL"
    if parts.scheme.lower() not in ("http", "https"):
        return "only http(s) links are fetched"
    if not parts.hostname:
        return "the URL has no host"
    return None


async def resolve(host: str, port: int) -> list[str]:
    """Every address a host name resolves to."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


async def on_private_network(url: str) -> bool:
    """Whether an http(s) URL's host is on a loopback or private address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    try:
        addrs = await resolve(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    except (OSError, UnicodeError):
        return False
    return any(is_private(a) for a in addrs)


class LinkGuard:
    """Checks every URL a linked-page fetch goes to, redirects included, and the peer it reached."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private
        # Through a proxy the peer is the proxy, often on loopback: only the name check applies.
        self.via_proxy = any(os.environ.get(k) for k in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY",
                                                          "http_proxy", "https_proxy", "all_proxy"))

    async def refusal(self, url: str) -> str | None:
        """Why `url` must not be fetched, or None."""
        why = scheme_refusal(url)
        if why or self.allow_private:
            return why
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
        try:
            addrs = await resolve(host, parts.port or (443 if parts.scheme.lower() == "https" else 80))
        except (OSError, UnicodeError) as exc:
            return f"cannot resolve {host}: {exc}"
        bad = [a for a in addrs if is_private(a)]
        if bad:
            return f"{host} is a private or loopback address ({bad[0]}); set allow_private_links to fetch it"
        return None

    def peer_refusal(self, ip: str | None) -> str | None:
        """Why the address actually connected to is refused (a name can resolve anew: rebinding)."""
        if self.allow_private or self.via_proxy or ip is None or not is_private(ip):
            return None
        return f"connected to a private or loopback address ({ip}); set allow_private_links to fetch it"
