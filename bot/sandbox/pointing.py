"""Pointing the real discord.py client at another Discord (the loopback, or a REST proxy)."""

from __future__ import annotations

from collections.abc import Callable

import aiohttp
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route


async def point_client_at(api_base: str, token: str) -> Callable[[], None]:
    """Send discord.py's REST calls to `api_base` and connect to the gateway it names.

    Call before `Client.start()`/`login()`. discord.py 2.7 keeps its REST base in the class
    attribute `Route.BASE` and its first gateway URL in `DiscordWebSocket.DEFAULT_GATEWAY`
    (also where it goes after an INVALID_SESSION), so the change is process-wide. The gateway
    URL comes from `GET {api_base}/gateway/bot`, as a bot asks Discord. Returns an undo function.
    """
    base = api_base.rstrip("/")
    headers = {"Authorization": f"Bot {token}"}
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"{base}/gateway/bot", headers=headers) as response,
    ):
        response.raise_for_status()
        gateway = yarl.URL((await response.json())["url"])
    previous = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    Route.BASE = base
    DiscordWebSocket.DEFAULT_GATEWAY = gateway

    def undo() -> None:
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = previous

    return undo
