"""`/build part`: the parts ledger of a build, its commands kept apart from the rest of `/build`.
Discord takes a subcommand group only from the group's own cog, so these are a mixin of the
`/build` cog (cogs/builds.py), not a cog of their own."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.builds import CATEGORIES, Build, BuildService, Fallback, Part, dollars_text
from bot.client import choices_or_none, respond
from bot.errors import UserError
from bot.limits import AUTOCOMPLETE_CHOICES, CHOICE_NAME, fit
from cogs._build_pages import show_parts
from cogs._build_posts import BuildPosts
from cogs._build_reasons import moderator_change, require_reason, told_by_dm
from cogs._text import echo
from cogs.builds_views import (
    ModeratorReason,
    PartName,
    build_autocomplete,
    choices,
    told_to_the_owner,
)
from cogs.checks import READ_ONLY, build_owner_only, guild_id_of, named_build, resolve_build


async def read_build(interaction: discord.Interaction, build: str | None) -> Build:
    """The build a reading command is about: as `named_build` (closed or locked builds are
    shown to every member), a member with none told so without being offered a change."""
    return await resolve_build(interaction, build, Fallback.NEWEST)


async def build_to_change(interaction: discord.Interaction) -> Build:
    """The build a changing command is about (`named_build`); in a deleted build's thread left
    standing (where Keitora may not manage threads), refused without `build:`, rather than
    falling back to the member's newest."""
    target = await named_build(interaction)
    channel = interaction.channel
    named = getattr(interaction.namespace, "build", None)
    if (named or "").strip() or not isinstance(channel, discord.Thread):
        return target
    if target.thread_id == channel.id:
        return target
    builds: BuildService = interaction.client.services.builds  # type: ignore[attr-defined]
    if await builds.thread_was_deleted_builds(guild_id_of(interaction), channel.id):
        raise UserError(
            "This thread's build was deleted. Name a build with `build:` to post to it."
        )
    return target


def part_choice(part: Part) -> str:
    """A part as the removal's list names it: as `/build part list` shows it, by its number,
    so parts of one name are told apart, its name cut to keep its cost in sight."""
    number, rest = f"{part.id} · ", f" — {part.category} — {dollars_text(part.cost_cents)}"
    return number + fit(part.name, CHOICE_NAME - len(number) - len(rest)) + rest


class LedgerCommands:
    """`/build part add`, `remove` and `list`, for the `/build` cog that mixes them in."""

    service: BuildService
    posts: BuildPosts
    part = app_commands.Group(name="part", description="The build's parts ledger")

    @part.command(name="add", description="Add a part to your build's ledger")
    @app_commands.describe(
        name="The part",
        cost="What it cost, in dollars: 129.99",
        category="Its category",
        build="The build (in its thread, that one; else your newest)",
        reason=told_to_the_owner(),
    )
    @app_commands.autocomplete(build=build_autocomplete)
    @app_commands.choices(category=choices(CATEGORIES))
    @build_owner_only("change a build's parts")
    async def part_add(
        self,
        interaction: discord.Interaction,
        name: PartName,
        cost: str,
        category: str = "other",
        build: str | None = None,
        reason: ModeratorReason | None = None,
    ) -> None:
        target = await build_to_change(interaction)
        by = moderator_change(interaction, target, str(interaction.id), reason)
        part = await self.service.add_part(target, interaction.user.id, name, cost, category, by)
        await interaction.response.defer(ephemeral=True, thinking=True)
        note = await self.posts.refresh_card(target)
        total = (await self.service.ledger(target)).total_cents
        twice = ""
        if namesakes := await self.service.namesakes(target, part):
            # Two of one part are real (a pair of shocks); a command sent twice is too.
            twice = (
                f"\nIt already lists a part of that name (number {namesakes[0].id}); if it "
                "went in twice, `/build part remove` takes one off."
            )
        await respond(
            interaction,
            f"Added {echo(part.name)} ({dollars_text(part.cost_cents)}, {part.category}) to "
            f"build #{target.id}. Parts total: {dollars_text(total)}.{told_by_dm(by, target)}"
            f"{twice}{note}",
        )

    @part.command(name="remove", description="Remove a part from your build's ledger")
    @app_commands.describe(part="The part", build="The build", reason=told_to_the_owner())
    @app_commands.autocomplete(build=build_autocomplete)
    @build_owner_only("change a build's parts")
    async def part_remove(
        self,
        interaction: discord.Interaction,
        part: str,
        build: str | None = None,
        reason: ModeratorReason | None = None,
    ) -> None:
        target = await build_to_change(interaction)
        by = moderator_change(interaction, target, str(interaction.id), reason)
        require_reason(by, target, "removed their part")
        removed = await self.service.remove_part(target, part, by)
        await interaction.response.defer(ephemeral=True, thinking=True)
        note = await self.posts.refresh_card(target)
        told = told_by_dm(by, target)
        await respond(
            interaction, f"Removed {echo(removed.name)} from build #{target.id}.{told}{note}"
        )

    @part_remove.autocomplete("part")
    async def part_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        async def listed() -> list[app_commands.Choice[str]]:
            target = await named_build(interaction)
            parts = await self.service.parts(target, 0, AUTOCOMPLETE_CHOICES, current.strip())
            return [app_commands.Choice(name=part_choice(p), value=str(p.id)) for p in parts]

        return await choices_or_none("part", current, listed())

    @part.command(name="list", description="A build's parts with totals", extras=READ_ONLY)
    @app_commands.describe(build="The build")
    @app_commands.autocomplete(build=build_autocomplete)
    async def part_list(self, interaction: discord.Interaction, build: str | None = None) -> None:
        await show_parts(interaction, await read_build(interaction, build), 0)
