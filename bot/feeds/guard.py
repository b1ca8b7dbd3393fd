"""The SSRF guard: which addresses a feed may be fetched from, checked where the socket connects.

A feed URL is text a member typed. Checking only that text is not enough: a public-looking name
can resolve to 127.0.0.1, or resolve to a public address when checked and a private one when
connected (DNS rebinding). So the name is resolved once, here, every address is judged, and the
connection is opened to the judged address itself; nothing resolves the name a second time.
Redirects reconnect through the same path, so they are judged too.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import httpcore

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# host, port -> the addresses it resolves to; injectable so tests never leave the machine.
Resolver = Callable[[str, int], Awaitable[list[str]]]
ALLOWED_SCHEMES = frozenset({"http", "https"})


class BlockedAddress(Exception):
    """The feed's host is, or resolves to, an address feeds may not be fetched from."""


async def system_resolver(host: str, port: int) -> list[str]:
    """The operating system's answer for `host`, as address strings."""
    infos = await asyncio.get_running_loop().getaddrinfo(
        host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
    )
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def refusal_reason(address: IPAddress) -> str | None:
    """Why `address` is not a public internet address, or None when it is one."""
    if isinstance(address, ipaddress.IPv6Address):
        # ::ffff:127.0.0.1 reaches 127.0.0.1; judge the IPv4 address it carries.
        embedded = address.ipv4_mapped or address.sixtofour or _nat64(address)
        if embedded is not None:
            return refusal_reason(embedded)
    for reason, flagged in (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
        ("not globally routable", not address.is_global),
    ):
        if flagged:
            return reason
    return None


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def _nat64(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def literal_address(host: str) -> IPAddress | None:
    """`host` as an IP address when it is written as one (brackets of IPv6 URLs removed)."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def judge(host: str, addresses: Iterable[str]) -> list[str]:
    """The addresses, when every one of them is public; otherwise `BlockedAddress`.

    One private answer among public ones refuses the whole name: a feed host has no reason to
    resolve into a private network, and trying the public ones first would only move the attack.
    """
    addresses = list(addresses)
    if not addresses:
        raise BlockedAddress(f"{host} does not resolve to any address")
    for text in addresses:
        reason = refusal_reason(ipaddress.ip_address(text.split("%", 1)[0]))
        if reason is not None:
            shown = host if text == host.strip("[]") else f"{host} ({text})"
            raise BlockedAddress(f"{shown} is a {reason} address; feeds must be on the internet")
    return addresses


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend with the guard in `connect_tcp`: resolve, judge, connect to
    the judged address. `allow_private` skips the judging (FEED_ALLOW_PRIVATE), never the
    single resolution."""

    def __init__(
        self,
        *,
        resolver: Resolver = system_resolver,
        allow_private: bool = False,
        inner: httpcore.AsyncNetworkBackend | None = None,
    ) -> None:
        self._resolver = resolver
        self._allow_private = allow_private
        self._inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        literal = literal_address(host)
        if literal is not None:
            addresses = [str(literal)]
        else:
            try:
                async with asyncio.timeout(timeout):
                    addresses = await self._resolver(host, port)
            except TimeoutError:
                raise httpcore.ConnectTimeout(f"resolving {host} took too long") from None
            except OSError as error:
                raise httpcore.ConnectError(f"cannot resolve {host}: {error}") from None
        if not self._allow_private:
            addresses = judge(host, addresses)
        last_error: Exception | None = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                last_error = error
        assert last_error is not None
        raise last_error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise BlockedAddress("feeds are never fetched over a local socket")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)
