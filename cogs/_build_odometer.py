"""An update whose odometer reads lower than the build's last reading, held by `/build update`
(cogs/builds.py) until its author confirms it: the question, and its "Yes, record it" button."""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.builds import Build, BuildUpdate
from bot.builds.moderated import ModeratorChange
from bot.client import guarded, respond, stateless_view
from bot.errors import NotFound
from cogs._build_posts import BuildPosts
from cogs._build_reasons import moderator_change, reason_asked, reason_kept, told_by_dm
from cogs.builds_views import lower_reading_question, service_of
from cogs.checks import guild_id_of


async def ask_lower_reading(
    interaction: discord.Interaction, build: Build, update: BuildUpdate, by: ModeratorChange | None
) -> None:
    """Ask the author of the held `update` to confirm it; a moderator's reason, told to the
    owner once it is confirmed, waits with the question."""
    last = (await service_of(interaction).totals(build)).last_odometer
    view = stateless_view([ConfirmOdometerButton(update.id, build.id)])
    question = lower_reading_question(build, last, update)
    await respond(interaction, question, view=view, **reason_kept(by.reason if by else None))


class ConfirmOdometerButton(
    discord.ui.DynamicItem[discord.ui.Button],
    # The build's number, after the update's, names a build deleted since; questions asked
    # before it was kept carry none.
    template=r"build:confirm:(?P<update>\d{1,18})(?::(?P<build>\d{1,18}))?",
):
    """Records an update whose odometer reads lower than the last one, once its author agrees."""

    def __init__(self, update_id: int, build_id: int | None) -> None:
        tail = f":{build_id}" if build_id is not None else ""
        super().__init__(
            discord.ui.Button(
                label="Yes, record it",
                custom_id=f"build:confirm:{update_id}{tail}",
                style=discord.ButtonStyle.danger,
            )
        )
        self.update_id = update_id
        self.build_id = build_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ConfirmOdometerButton:
        return cls(int(match["update"]), int(match["build"]) if match["build"] else None)

    async def callback(self, interaction: discord.Interaction) -> None:
        await guarded(interaction, self._confirm(interaction))

    async def _confirm(self, interaction: discord.Interaction) -> None:
        service = service_of(interaction)
        guild_id = guild_id_of(interaction)
        posts = BuildPosts(interaction.client)  # type: ignore[arg-type]
        try:
            pending = await service.update(guild_id, self.update_id)
        except NotFound:
            gone = self.build_id and await service.deletion(guild_id, self.build_id)
            if not gone:
                raise
            raise NotFound(
                f"Build #{self.build_id} was deleted since; nothing is left to record this "
                "update on."
            ) from None
        build = await service.get(guild_id, pending.build_id)
        posts.require_update_postable(build, photo=pending.photo is not None)
        by = moderator_change(
            interaction, build, str(interaction.id), reason_asked(interaction.message)
        )
        update = await service.confirm_update(guild_id, self.update_id, interaction.user.id, by)
        await interaction.response.defer(ephemeral=True, thinking=True)
        posted = await posts.publish_update(build, update)
        await respond(interaction, posted + told_by_dm(by, build))
