"""`/build-mod`: moderators lock a build (no more updates or changes, its thread archived and
locked, its owner told by DM) and unlock it. A top-level command of its own, so members do not
see it. Also the questions a moderator answers first: before a lock that would call the open
Build of the Month ballot off, and before taking back another member's update (from
`/build delete-update`); and the DMs telling owners what moderators changed."""

from __future__ import annotations

import re
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.builds import Build, BuildService, BuildUpdate
from bot.builds.model import Asker
from bot.builds.moderated import ModeratorChange
from bot.client import (
    ConfirmButton,
    KeepItButton,
    KeitoraBot,
    answer_in_place,
    in_time,
    respond,
    stateless_view,
)
from bot.showcase import Ballot
from cogs._build_ledger import build_to_change
from cogs._build_posts import BuildPosts
from cogs._build_reasons import (
    moderator_change,
    owner_told_by_dm,
    question_embeds,
    reason_asked,
    reason_kept,
    told_by_dm,
)
from cogs._showcase_posts import ShowcasePosts
from cogs._text import quoted, server_name
from cogs.builds_views import (
    ModeratorReason,
    build_autocomplete,
    removal_question,
    service_of,
)
from cogs.checks import (
    MODERATOR_PERMISSIONS,
    guild_id_of,
    moderator_only,
    named_build,
    require_moderator,
)
from cogs.showcase import back_on_ballot, linked, off_ballot, still_featured


@app_commands.guild_only()
@app_commands.default_permissions(MODERATOR_PERMISSIONS)
class BuildModCog(
    commands.GroupCog, group_name="build-mod", group_description="Keep build logs tidy (moderators)"
):
    def __init__(self, bot: KeitoraBot) -> None:
        self.bot = bot
        self.service: BuildService = bot.services.builds
        self.posts = BuildPosts(bot)

    @app_commands.command(name="lock", description="Lock a build: no more updates")
    @app_commands.describe(build="The build", reason="Why; shown on its card")
    @app_commands.autocomplete(build=build_autocomplete)
    @moderator_only("lock builds")
    async def lock(
        self, interaction: discord.Interaction, build: str, reason: ModeratorReason | None = None
    ) -> None:
        target = await named_build(interaction)
        ballot = await self.bot.services.showcase.ballots.open_ballot_holding(target)
        if ballot is not None and ballot.called_off_by_a_withdrawal():
            # Calling the ballot off is for good, unlike the lock itself: asked first, the
            # reason checked before it is kept with the question.
            kept = reason_kept(reason)
            view = stateless_view([LockBuildButton(target.id), KeepItButton("locked")])
            await respond(interaction, lock_question(target, ballot), view=view, **kept)
            return
        await lock_build(interaction, target, reason)

    @app_commands.command(name="unlock", description="Unlock a locked build")
    @app_commands.describe(build="The build")
    @app_commands.autocomplete(build=build_autocomplete)
    @moderator_only("unlock builds")
    async def unlock(self, interaction: discord.Interaction, build: str) -> None:
        target = await named_build(interaction)
        unlocked = await self.service.unlock(target, server_name(interaction))
        ballot = await back_on_ballot(self.bot, unlocked)
        await interaction.response.defer(ephemeral=True, thinking=True)
        note = await self.posts.settle(unlocked, unlocked=True)
        told = owner_told_by_dm(unlocked)
        await respond(interaction, f"Build #{unlocked.id} is unlocked.{told}{ballot}{note}")


def spec_told(by: ModeratorChange | None, before: Build, after: Build) -> str:
    """What the answer to a moderator's spec adds: its owner is told of what now reads
    otherwise; a change to nothing tells nobody, so a reason given was not sent."""
    if by is None:
        return ""
    shown = (after.spec, set(after.tags), after.truck) != (
        before.spec,
        set(before.tags),
        before.truck,
    )
    if shown:
        return told_by_dm(by, before)
    if by.reason:
        return " Nothing in it changed, so its owner is not told and your reason was not sent."
    return ""


def owner_told(by: ModeratorChange | None, before: Build, after: Build) -> str:
    """What the answer adds when a moderator's change to the title or truck DMs the owner."""
    changed = (after.title, after.truck) != (before.title, before.truck)
    return told_by_dm(by, before) if changed else ""


async def take_back(
    bot: KeitoraBot, build: Build, update: BuildUpdate, by: ModeratorChange | None
) -> str:
    """Take `update` back with its post (the owner told by DM when `by` a moderator), and
    bring what shows the build up to date; returns the answer's notes."""
    service = bot.services.builds
    note = await BuildPosts(bot).unpost_update(
        build, update, lambda: service.remove_update(build, update, by)
    )
    # A featured build's showcase post shows its photo, totals and count of updates.
    return note + await ShowcasePosts(bot).refresh(build)


async def close_or_reopen(
    interaction: discord.Interaction, reason: str | None, *, closing: bool
) -> None:
    """Close or reopen the build `interaction` names (`/build close`, `/build reopen`), a
    moderator's telling its owner by DM."""
    target = await build_to_change(interaction)
    by = moderator_change(interaction, target, str(interaction.id), reason)
    service = service_of(interaction)
    changed = await (service.close if closing else service.reopen)(target, by)
    await interaction.response.defer(ephemeral=True, thinking=True)
    note = await BuildPosts(interaction.client).settle(changed)  # type: ignore[arg-type]
    state = "closed" if closing else "open again"
    await respond(interaction, f"Build #{changed.id} is {state}.{told_by_dm(by, target)}{note}")


async def lock_build(interaction: discord.Interaction, target: Build, reason: str | None) -> None:
    """Lock `target` for the moderator of `interaction` (a command, or the button of the question
    `lock` asked) and tell them what the lock did to the open ballot and the showcase."""
    bot: KeitoraBot = interaction.client  # type: ignore[assignment]
    on_ballot = await bot.services.showcase.ballots.open_ballot_holding(target)
    locked = await bot.services.builds.lock(
        target, interaction.user.id, reason, server_name(interaction)
    )
    withdrawn = await off_ballot(bot, on_ballot)
    featured = await still_featured(bot, locked)
    # Archiving and locking its thread may wait out Discord's rate limits: answered later.
    clicked = interaction.type is discord.InteractionType.component
    if clicked:
        await interaction.response.defer()
    else:
        await interaction.response.defer(ephemeral=True, thinking=True)
    note = await BuildPosts(bot).settle(locked)
    told = owner_told_by_dm(locked)
    said = f"Build #{locked.id} is locked.{told}{withdrawn}{featured}{note}"
    if clicked:  # the reason the question kept stays shown under the answer, as it was told
        await answer_in_place(interaction, said, embeds=question_embeds(interaction))
    else:
        await respond(interaction, said)


def lock_question(build: Build, ballot: Ballot) -> str:
    """What a moderator whose lock would call the open ballot off is asked first."""
    return (
        f"Lock build #{build.id} {quoted(build.title)}? It is on the open Build of the Month "
        f"ballot{linked(ballot)}, which would be left with one build and called off; an unlock "
        "does not open it again."
    )


class LockBuildButton(ConfirmButton, prefix="build:lock", label="Lock it"):
    """Locks the build, calling its ballot off, for the moderator who asked to and confirms."""

    async def confirmed(self, interaction: discord.Interaction) -> None:
        await require_moderator(interaction, "lock builds")
        asker = Asker(interaction.user.id, moderator=True)
        target = await service_of(interaction).get(guild_id_of(interaction), self.target_id, asker)
        await lock_build(interaction, target, reason_asked(interaction.message))


async def ask_to_take_back(
    interaction: discord.Interaction,
    build: Build,
    update: BuildUpdate,
    reason: str | None,
    *,
    told: bool = True,
) -> None:
    """Ask to confirm first (a slip in the list would take a photo and cost for good): a
    moderator taking back another member's update, its owner `told`, the reason kept with the
    question; or a member their own update with a photo or a cost."""
    view = stateless_view([DeleteUpdateButton(update.id), KeepItButton("deleted")])
    question = removal_question(build, update, told)
    await respond(interaction, question, view=view, **reason_kept(reason))


class DeleteUpdateButton(
    ConfirmButton,
    prefix="build:unpost",
    label="Delete it",
    # A question asked before its reason moved to the footer carries it after the number.
    tail=r"(?::(?P<reason>.*))?",
):
    """Takes back an update, for the member who asked to and confirms: its author or the
    build's owner, or a moderator (another member's, its owner told)."""

    reason: str | None = None

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> DeleteUpdateButton:
        button = cls(int(match["id"]))
        button.reason = reason_asked(interaction.message) or match["reason"]
        return button

    async def confirmed(self, interaction: discord.Interaction) -> None:
        service = service_of(interaction)
        guild_id = guild_id_of(interaction)
        update = await service.update(guild_id, self.target_id)
        build = await service.get(guild_id, update.build_id)
        by = None
        if interaction.user.id not in (build.owner_id, update.author_id):
            await require_moderator(interaction, "delete members' updates")
            by = moderator_change(interaction, build, f"{update.id}", self.reason)
        bot: KeitoraBot = interaction.client  # type: ignore[assignment]
        note = await in_time(interaction, take_back(bot, build, update, by), editing=True)
        told = told_by_dm(by, build)
        await answer_in_place(
            interaction,
            f"Deleted the update {quoted(update.text)} from build #{build.id}.{told}{note}",
            embeds=question_embeds(interaction),
        )


async def setup(bot: KeitoraBot) -> None:
    await bot.add_cog(BuildModCog(bot))
    bot.add_dynamic_items(DeleteUpdateButton, LockBuildButton)
