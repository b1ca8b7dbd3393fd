"""At most one public answer of a kind per channel every few seconds: `public` lets any member
post to everyone, and a channel should not fill with the same card asked for over and over."""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.errors import UserError

PUBLIC_COOLDOWN = timedelta(seconds=5)


class ChannelCooldown:
    """At most one public `what` ("glossary card") per channel every `PUBLIC_COOLDOWN`.

    A public answer claims the channel before it is sent, so two members asking at the same
    moment cannot both post; an answer that fails or is not posted publicly gives the claim back.
    """

    def __init__(self, clock: Clock, what: str) -> None:
        self._clock = clock
        self._what = what
        self._last: dict[int, datetime] = {}

    def _claim(self, channel_id: int) -> datetime:
        """Refuse while the channel's last public answer is younger than `PUBLIC_COOLDOWN`;
        otherwise the wait starts now, the claim's time returned."""
        now = self._clock.now()
        last = self._last.get(channel_id)
        if last is not None and now - last < PUBLIC_COOLDOWN:
            wait = math.ceil((PUBLIC_COOLDOWN - (now - last)).total_seconds())
            raise UserError(
                f"A {self._what} was just posted in this channel. Try again in {wait} s, "
                "or leave `public` off to see it yourself."
            )
        self._last[channel_id] = now
        return now

    async def answer(
        self, channel_id: int, public: bool, send: Callable[[], Awaitable[bool]]
    ) -> None:
        """Run `send`, which answers and says whether it posted to everyone; a public answer
        first claims the channel, and gives it back unless `send` posted. A slow answer whose
        claim ran out meanwhile gives back nothing: the channel may be another's claim by then."""
        if not public:
            await send()
            return
        claimed_at = self._claim(channel_id)
        posted = False
        try:
            posted = await send()
        finally:
            if not posted and self._last.get(channel_id) == claimed_at:
                del self._last[channel_id]
