"""The client: the one part of bot/ that imports discord. It wires the Store and services to
discord.py, loads the cogs, runs the jobs, and holds what the cogs share.

- `composition`: the composition root, `Services` built and wired once, and their `Renderers`;
- `interactions`: what cogs answer interactions with: `respond`, `in_time`, the one error path
  (`KeitoraTree`, `guarded`, `report_error`, `inert_quotes`), `stateless_view`,
  `answer_in_place`, `ConfirmButton` and `KeepItButton` for a confirmation's buttons, and
  `choices_or_none` for an autocomplete that fails, and `UNANSWERED`, the errors of a send
  Discord may have taken without saying so;
- `held`: the forms held in memory (`HeldForm`), and `answer_if_forgotten` for those a restart
  or time let go of;
- `adapters`: the discord.py side of the services' protocols: `DiscordSender` for the outbox,
  `DiscordEventsTab`, `DiscordPublisher` and `DiscordAuthoredPosts`;
- `keitora`: `KeitoraBot` (start-up, command sync, close), `create_bot`, the one way to build it,
  `running` and `feed_runner_for`, and `point_client_at`, which sends discord.py to another API.
"""

from bot.client.adapters import (
    DiscordAuthoredPosts,
    DiscordEventsTab,
    DiscordPublisher,
    DiscordSender,
    button_view,
)
from bot.client.composition import Renderers, Services
from bot.client.held import HeldForm, answer_if_forgotten
from bot.client.interactions import (
    GUILD_ONLY,
    UNANSWERED,
    ConfirmButton,
    KeepItButton,
    KeitoraTree,
    answer_in_place,
    choices_or_none,
    guarded,
    in_time,
    inert_quotes,
    report_error,
    respond,
    stateless_view,
)
from bot.client.keitora import (
    KeitoraBot,
    ServerNotJoined,
    create_bot,
    feed_runner_for,
    is_cog_module,
    load_cogs,
    point_client_at,
    running,
)

__all__ = [
    "GUILD_ONLY",
    "UNANSWERED",
    "ConfirmButton",
    "DiscordAuthoredPosts",
    "DiscordEventsTab",
    "DiscordPublisher",
    "DiscordSender",
    "HeldForm",
    "KeepItButton",
    "KeitoraBot",
    "KeitoraTree",
    "Renderers",
    "ServerNotJoined",
    "Services",
    "answer_if_forgotten",
    "answer_in_place",
    "button_view",
    "choices_or_none",
    "create_bot",
    "feed_runner_for",
    "guarded",
    "in_time",
    "inert_quotes",
    "is_cog_module",
    "load_cogs",
    "point_client_at",
    "report_error",
    "respond",
    "running",
    "stateless_view",
]
