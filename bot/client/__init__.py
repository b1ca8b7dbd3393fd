"""The one part of bot/ that imports discord: the bot, what it is built from, and what the cogs
share.

- `composition`: the composition root, `Services` built and wired once, and their `Renderers`;
- `keitora`: for now everything else.
"""

from bot.client.composition import Renderers, Services
from bot.client.keitora import (
    GUILD_ONLY,
    DiscordAuthoredPosts,
    DiscordEventsTab,
    DiscordPublisher,
    DiscordSender,
    KeitoraBot,
    KeitoraTree,
    create_bot,
    feed_runner_for,
    guarded,
    in_time,
    inert_quotes,
    is_cog_module,
    point_client_at,
    report_error,
    respond,
    running,
    stateless_view,
)

__all__ = [
    "GUILD_ONLY",
    "DiscordAuthoredPosts",
    "DiscordEventsTab",
    "DiscordPublisher",
    "DiscordSender",
    "KeitoraBot",
    "KeitoraTree",
    "Renderers",
    "Services",
    "create_bot",
    "feed_runner_for",
    "guarded",
    "in_time",
    "inert_quotes",
    "is_cog_module",
    "point_client_at",
    "report_error",
    "respond",
    "running",
    "stateless_view",
]
