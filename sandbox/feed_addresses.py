"""Which addresses the sandbox's bot may fetch feeds from: the internet, as in production, and
this machine too, where a newcomer serves a test feed; never the rest of the private ranges
(169.254.169.254 answers with cloud credentials on many hosts)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import Any

import httpcore

from bot.feeds.guard import BlockedAddress, refusal_reason

# Told once, as the sandbox starts: the bot refuses these addresses outside it.
BANNER_LINE = (
    "Feeds may be on this machine (127.0.0.1, localhost) in the sandbox only; "
    "other private addresses are refused, as everywhere."
)


class InternetOrThisMachine(httpcore.AnyIOBackend):
    """The network under the feed fetcher's guard, which FEED_ALLOW_PRIVATE has let pass every
    address: it connects to public and loopback addresses alone."""

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        # The guard above has resolved the name: `host` is the address it connects to.
        reason = refusal_reason(ipaddress.ip_address(host.split("%", 1)[0]))
        if reason not in (None, "loopback"):
            raise BlockedAddress(
                f"{host} is a {reason} address; feeds must be on the internet (or, in the "
                "sandbox, on this machine)"
            )
        return await super().connect_tcp(host, port, timeout, local_address, socket_options)
