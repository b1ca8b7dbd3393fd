"""The servers' names that the showcase's DMs give (a member in several kei truck servers reads
which one featured their build or held their ballot), as Discord gives them when a DM goes:
read through the discord layer, whose lookup the bot registers as it is built."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from bot.jobs import NotYet

# A server's name as the discord layer knows it now; None while it does not (at start-up,
# before Discord has sent the server).
ServerNameLookup = Callable[[int], str | None]

# How long a DM waits before asking again for a name not known yet.
NAME_RECHECK = timedelta(minutes=1)


class ServerNames:
    """The lookup the showcase's DM handlers share, registered as the bot is built."""

    def __init__(self) -> None:
        self._lookup: ServerNameLookup | None = None

    def read_with(self, lookup: ServerNameLookup) -> None:
        """Names are read through `lookup` from now on (the discord layer's)."""
        self._lookup = lookup

    def of(self, guild_id: int, now: datetime) -> str:
        """The name of server `guild_id`; a DM that must give it waits (NotYet, no attempt
        counted) while it is not known."""
        name = self._lookup(guild_id) if self._lookup is not None else None
        if name is None:
            raise NotYet(now + NAME_RECHECK, f"the name of server {guild_id} is not known yet")
        return name
