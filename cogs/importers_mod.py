"""The moderators' importer commands: register, edit, suspend (with a reason told by DM),
lift a suspension and remove."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import (
    ConfirmButton,
    KeepItButton,
    KeitoraBot,
    answer_in_place,
    respond,
    stateless_view,
)
from bot.importers.profile_fields import MAX_NAME, MAX_REASON, MAX_URL, NONE, is_none
from bot.importers.removal import RemovedBy
from bot.importers.suspensions import IMPORTER_REMOVED_JOB, IMPORTER_SUSPENSION_JOB
from bot.limits import BUTTON_LABEL, fit
from cogs._importer_picks import importer_id
from cogs._importer_posts import change_importer_role
from cogs._text import quoted, server_name
from cogs.checks import MODERATOR_PERMISSIONS, guild_id_of, moderator_only, require_moderator
from cogs.importers import MANAGE_IMPORTERS, importer_autocomplete, profile_embed
from cogs.importers_views import (
    feed_changed_note,
    held_note,
    removal_question,
    told_by_dm,
    waiting_note,
    withdrawn_note,
)


# Discord hides per top-level command only: registering and suspending gather here.
@app_commands.guild_only()
@app_commands.default_permissions(MODERATOR_PERMISSIONS)
class ImporterModCog(
    commands.GroupCog, group_name="importer-mod", group_description="Manage importers (moderators)"
):
    def __init__(self, bot: KeitoraBot) -> None:
        self.bot = bot
        self.importers = bot.services.importers

    @app_commands.command(name="register", description="Register a verified importer")
    @app_commands.describe(
        name="The business name",
        member="The member who speaks for it",
        website="Its website (https://…)",
        feed="Its RSS or Atom feed (https://…)",
        state="Its US state: TX or Texas",
        trusted="Post its announcements without review",
    )
    @moderator_only(MANAGE_IMPORTERS)
    async def register(
        self,
        interaction: discord.Interaction,
        name: app_commands.Range[str, 1, MAX_NAME],
        member: discord.Member,
        website: app_commands.Range[str, 1, 512] | None = None,
        feed: app_commands.Range[str, 1, 512] | None = None,
        state: app_commands.Range[str, 1, 20] | None = None,
        trusted: bool = False,
    ) -> None:
        guild_id = guild_id_of(interaction)
        if feed:  # read before it is saved, which may take longer than 3 s
            await interaction.response.defer(ephemeral=True, thinking=True)
        importer = await self.importers.register(
            guild_id,
            name,
            member.id,
            website=website,
            feed_url=feed,
            state=state,
            trusted=trusted,
            member_is_bot=member.bot,
            by=interaction.user.id,
            own_allowed=interaction.permissions.manage_guild,
        )
        role_note = await change_importer_role(
            self.bot, guild_id, member.id, add=True, held=[role.id for role in member.roles]
        )
        await respond(
            interaction, f"Registered {quoted(importer.name)} for <@{member.id}>. {role_note}"
        )

    @app_commands.command(
        name="edit", description="Change an importer's name, website, state, feed or trust"
    )
    @app_commands.describe(
        importer="The importer",
        name="The new business name",
        website=f"The new website (https://…), or {NONE} to remove it",
        state=f"The new US state (TX or Texas), or {NONE}",
        trusted="Post its announcements without review",
        feed=f"Its new RSS or Atom feed (https://…), or {NONE} to stop reading it",
    )
    @app_commands.autocomplete(importer=importer_autocomplete)
    @moderator_only(MANAGE_IMPORTERS)
    async def edit(
        self,
        interaction: discord.Interaction,
        importer: str,
        name: app_commands.Range[str, 1, MAX_NAME] | None = None,
        website: app_commands.Range[str, 1, MAX_URL] | None = None,
        state: app_commands.Range[str, 1, 20] | None = None,
        trusted: bool | None = None,
        feed: app_commands.Range[str, 1, MAX_URL] | None = None,
    ) -> None:
        if feed is not None and not is_none(feed):  # read before it is saved: maybe over 3 s
            await interaction.response.defer(ephemeral=True, thinking=True)
        guild_id = guild_id_of(interaction)
        before = await self.importers.get(guild_id, importer_id(importer))
        edited = await self.importers.edit(
            guild_id,
            before.id,
            name=name,
            website=website,
            state=state,
            trusted=trusted,
            feed=feed,
            server=interaction.guild.name if interaction.guild else "this server",
            by=interaction.user.id,
            own_allowed=interaction.permissions.manage_guild,
        )
        note = "" if feed is None else f" {feed_changed_note(edited)}"
        # What changes how its announcements show or are handled is told to its member.
        if feed is not None or (edited.name, edited.trusted) != (before.name, before.trusted):
            note += f" <@{edited.member_id}> is told by DM."
        await respond(
            interaction,
            f"Saved {quoted(edited.name)}.{note}",
            embed=await profile_embed(self.bot, edited, for_moderator=True),
        )

    @app_commands.command(name="remove", description="Remove an importer, its feed and its queue")
    @app_commands.describe(importer="The importer")
    @app_commands.autocomplete(importer=importer_autocomplete)
    @moderator_only(MANAGE_IMPORTERS)
    async def remove(self, interaction: discord.Interaction, importer: str) -> None:
        # Removal cannot be undone, and the importer is picked from a list where a slip is
        # easy: say what goes, and ask first.
        found = await self.importers.get(guild_id_of(interaction), importer_id(importer))
        announcements = self.bot.services.announcements
        waiting = await announcements.queued_count(found.id)
        unsent = await announcements.waiting_to_post(found.id)
        remove = RemoveImporterButton(found.id, label=fit(f"Remove {found.name}", BUTTON_LABEL))
        view = stateless_view([remove, KeepItButton("removed")])
        question = removal_question(found.name, waiting, unsent, found.member_id)
        await respond(interaction, question, view=view)

    @app_commands.command(name="suspend", description="Suspend an importer and stop its feed")
    @app_commands.describe(importer="The importer", reason="Why (the importer is told by DM)")
    @app_commands.autocomplete(importer=importer_autocomplete)
    @moderator_only(MANAGE_IMPORTERS)
    async def suspend(
        self,
        interaction: discord.Interaction,
        importer: str,
        reason: app_commands.Range[str, 1, MAX_REASON],
    ) -> None:
        await self._set_suspended(interaction, importer, suspended=True, reason=reason)

    @app_commands.command(name="unsuspend", description="Lift an importer's suspension")
    @app_commands.describe(importer="The importer")
    @app_commands.autocomplete(importer=importer_autocomplete)
    @moderator_only(MANAGE_IMPORTERS)
    async def unsuspend(self, interaction: discord.Interaction, importer: str) -> None:
        await self._set_suspended(interaction, importer, suspended=False)

    async def _set_suspended(
        self,
        interaction: discord.Interaction,
        importer: str,
        *,
        suspended: bool,
        reason: str | None = None,
    ) -> None:
        # The DM's outcome is waited for a moment, and changing the role is a request: either
        # may outlast Discord's 3 seconds.
        await interaction.response.defer(ephemeral=True, thinking=True)
        guild_id = guild_id_of(interaction)
        server = interaction.guild.name if interaction.guild else "this server"
        suspension = await self.importers.set_suspended(
            guild_id,
            importer_id(importer),
            suspended,
            reason=reason,
            server=server,
            by=interaction.user.id,
            own_allowed=interaction.permissions.manage_guild,
        )
        changed = suspension.importer
        dm_note = await told_by_dm(
            self.bot.services.jobs,
            IMPORTER_SUSPENSION_JOB,
            suspension.dm_key,
            changed.member_id,
            with_what=", with your reason" if changed.suspended else "",
        )
        role_note = await change_importer_role(
            self.bot, guild_id, changed.member_id, add=not suspended
        )
        if suspended:
            announcements = self.bot.services.announcements
            waiting = await announcements.queued_count(changed.id)
            held = await announcements.waiting_to_post(changed.id)
            verb = (
                "Suspended; its feed is not read until the suspension is lifted."
                + (waiting_note(waiting) if waiting else "")
                + (held_note(held) if held else "")
            )
        else:
            verb = "Suspension lifted."
        await respond(interaction, f"{quoted(changed.name)}: {verb} {dm_note} {role_note}")


class RemoveImporterButton(ConfirmButton, prefix="importer:remove", label="Remove"):
    """Removes the importer, for a moderator who asked to and confirms."""

    async def confirmed(self, interaction: discord.Interaction) -> None:
        await require_moderator(interaction, MANAGE_IMPORTERS)
        # The DM's outcome is waited for a moment, and changing the role is a request.
        await interaction.response.defer()
        bot: KeitoraBot = interaction.client  # type: ignore[assignment]
        guild_id = guild_id_of(interaction)
        # Its queue posts say so with the removal, as a decision taken in a list does, and
        # their buttons go.
        removed = await bot.services.announcements.remove_importer(
            guild_id,
            self.target_id,
            RemovedBy(interaction.user.id, quoted),
            server=server_name(interaction),
        )
        name = quoted(removed.importer.name)
        member_id = removed.importer.member_id
        dm_note = await told_by_dm(
            bot.services.jobs, IMPORTER_REMOVED_JOB, removed.dm_key, member_id
        )
        role_note = await change_importer_role(bot, guild_id, member_id, add=False)
        await answer_in_place(
            interaction,
            f"Removed {name}: its feed is no longer read, and what it posted stays, its card "
            "naming a former importer."
            f"{withdrawn_note(len(removed.withdrawn))} {dm_note} {role_note}",
        )


async def setup(bot: KeitoraBot) -> None:
    await bot.add_cog(ImporterModCog(bot))
    bot.add_dynamic_items(RemoveImporterButton)
