"""/privacy: a member's own data as a file, or forgotten after a confirmation; and what happens to
a server's data when the bot is removed from it (kept 30 days, then purged)."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import (
    KeitoraBot,
    answer_in_place,
    guarded,
    in_time,
    respond,
    stateless_view,
)
from bot.limits import MESSAGE_CONTENT, fit, join_within, listed
from bot.privacy import SCHEMA_VERSION, ForgetReport, ForgetRequest, PrivacyService
from bot.privacy.ballots import BallotStake, ballots_at_stake
from cogs._text import counted, quoted
from cogs.checks import READ_ONLY, guild_id_of
from cogs.showcase import linked


def privacy_of(interaction: discord.Interaction) -> PrivacyService:
    bot: KeitoraBot = interaction.client  # type: ignore[assignment]
    return bot.services.privacy


NOTHING_STORED = (
    "Keitora stores nothing about you: no RSVPs, settings, alerts, votes, builds or suggestions "
    "in any server."
)
WHAT_FORGET_DOES = (
    "**Forget me** deletes, in every server where you used Keitora: your RSVPs (your places go "
    "to the next on each waitlist), time zone and reminder settings, alerts, votes, nominations, "
    "DMs still to come and the record of those sent, and any importer profile linked to you, "
    "with its feed, announcements and importer role (what it posted stays in the announcements "
    "channel: a moderator can take it down). "
    "Your glossary suggestions and edits, meetups and templates you made, and what you decided "
    "as a moderator stay for the server with your name taken off (“a former member”, or “a "
    "moderator” on the moderation queue's posts). "
    "Reminders and notices Keitora already posted in meetup threads keep their mentions of "
    "you.\n"
    "**Your builds**: delete them with everything recorded about them, their threads in "
    "Discord included (with the replies in them), or keep them anonymised: their threads stay, "
    "with the card and the updates Keitora posted for you (your words and photos) shown as by "
    "a former member (a moderator can delete a thread).\n"
    "{ballots}These buttons expire {expires}. Use /privacy export first for a copy."
)


BUILDS = "builds"  # how a forget counts builds, deleted or anonymised


PLURAL = ("they", "them", "leave", "stay")  # of several of a member's builds on one ballot


def on_ballots(stakes: Sequence[BallotStake], room: int) -> str:
    """What each choice does to the open Build of the Month ballots the member's builds are
    on, a line each, within `room` characters (nothing when they are on none)."""
    lines = []
    for stake in stakes:
        one = len(stake.builds) == 1
        names = listed([f"#{build.id} {quoted(build.title)}" for build in stake.builds])
        it, them, leaves, stays = ("it", "it", "leaves", "stays") if one else PLURAL
        if stake.called_off_without_them():
            left = "one build" if stake.others == 1 else "no build"
            deleted = f"which would be left with {left} and called off: no votes are counted"
        else:
            others = counted(stake.others, "other build")
            deleted = f"which goes on with the {others}; votes for {them} are free again"
        lines.append(
            f"**On the open Build of the Month ballot**{linked(stake.ballot)}: your "
            f"build{'' if one else 's'} {names}. Deleted, {it} {leaves} the ballot, {deleted}. "
            f"Kept anonymised, {it} {stays} on the ballot as a former member's."
        )
    return join_within(lines, room - 1) + "\n" if lines else ""


def forget_question(expires: datetime, stakes: Sequence[BallotStake]) -> str:
    """The confirmation: what a forget does, and to the ballots the member's builds are on."""
    when = discord.utils.format_dt(expires, "R")
    room = MESSAGE_CONTENT - len(WHAT_FORGET_DOES.format(expires=when, ballots=""))
    return WHAT_FORGET_DOES.format(expires=when, ballots=on_ballots(stakes, room))


def _lines(counts: Mapping[str, int]) -> str:
    """`builds (1), RSVPs (3)`: a count after its label would read as the label's number."""
    return ", ".join(f"{label} ({count})" for label, count in sorted(counts.items())) or "nothing"


def forget_report(report: ForgetReport) -> str:
    """What a forget deleted and anonymised, with counts."""
    done = report.forgotten
    servers = len(report.servers)
    text = (
        f"Done: you are forgotten in {counted(servers, 'server')}.\n"
        f"**Deleted:** {_lines(done.deleted)}.\n**Anonymised:** {_lines(done.anonymised)}.\n"
        "If you use Keitora again, it starts from nothing. Messages you posted yourself stay in "
        "Discord until you delete them."
    )
    if done.build_threads:
        text += (
            " Your build threads are being deleted from Discord; a moderator can delete one "
            "that stays (where Keitora may not manage threads)."
        )
    if BUILDS in done.anonymised:
        # Keitora's posts, which the member cannot delete themselves.
        text += (
            " Your kept build threads stay in Discord with Keitora's posts of your updates; a "
            "moderator can delete them."
        )
    return fit(text, MESSAGE_CONTENT)


HELP = (
    "Both cover every server where you used Keitora. A forget cannot be undone: export first. "
    "What Keitora posted for you in Discord (the threads of builds you keep, importer "
    "announcements, reminders that mention you) stays there; a moderator can delete it."
)


@app_commands.guild_only()
class PrivacyCog(
    commands.GroupCog,
    group_name="privacy",
    group_description="Your data: a copy, or forget it",
    group_extras={"help": HELP},
):
    def __init__(self, bot: KeitoraBot) -> None:
        self.bot = bot
        self.privacy = bot.services.privacy

    @app_commands.command(
        name="export",
        description="Everything Keitora stores about you, as a file",
        extras=READ_ONLY,
    )
    async def export(self, interaction: discord.Interaction) -> None:
        names = {guild.id: guild.name for guild in self.bot.guilds}
        exported = await in_time(interaction, self.privacy.export(interaction.user.id, names))
        if exported is None:
            await respond(interaction, NOTHING_STORED)
            return
        await respond(
            interaction,
            f"Everything Keitora stores about you: {counted(exported.rows, 'record')} from "
            f"{counted(exported.servers, 'server')} (export format version {SCHEMA_VERSION}).",
            file=discord.File(io.BytesIO(exported.data), filename=exported.filename),
        )

    @app_commands.command(name="forget", description="Delete what Keitora stores about you")
    async def forget(self, interaction: discord.Interaction) -> None:
        member_id = interaction.user.id
        asked = await in_time(interaction, self._ask_to_forget(guild_id_of(interaction), member_id))
        if asked is None:
            await respond(interaction, NOTHING_STORED)
            return
        request, stakes = asked
        view = stateless_view(
            [
                ForgetButton(member_id, request.id, keep_builds=False),
                ForgetButton(member_id, request.id, keep_builds=True),
                CancelForgetButton(member_id, request.id),
            ]
        )
        await respond(interaction, forget_question(request.expires_at, stakes), view=view)

    async def _ask_to_forget(
        self, guild_id: int, member_id: int
    ) -> tuple[ForgetRequest, list[BallotStake]] | None:
        """The member's confirmation, and the open ballots their builds are on; None when
        nothing is stored about them."""
        request = await self.privacy.request_forget(guild_id, member_id)
        if request is None:
            return None
        services = self.bot.services
        stakes = await ballots_at_stake(
            services.builds, services.showcase.ballots, request.servers, member_id
        )
        return request, stakes

    @commands.Cog.listener()
    async def on_guild_remove(self, guild: discord.Guild) -> None:
        # discord.py calls this for a removal only; an outage is `on_guild_unavailable`.
        await self.bot.services.retention.left(guild.id)

    @commands.Cog.listener()
    async def on_guild_join(self, guild: discord.Guild) -> None:
        await self.bot.services.retention.returned([guild.id])

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        # Removed or added back while the bot was offline: no event comes for either.
        await self.bot.services.retention.reconcile({guild.id for guild in self.bot.guilds})


class ForgetButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"privacy:forget:(?P<member>\d{1,20}):(?P<request>\d{1,19}):(?P<builds>keep|delete)",
):
    """Confirms a member's forget, with their choice for their builds."""

    def __init__(self, member_id: int, request_id: int, *, keep_builds: bool) -> None:
        label = (
            "Forget me, keep my builds anonymised"
            if keep_builds
            else "Forget me and delete my builds"
        )
        super().__init__(
            discord.ui.Button(
                label=label,
                style=discord.ButtonStyle.danger,
                custom_id=f"privacy:forget:{member_id}:{request_id}:"
                + ("keep" if keep_builds else "delete"),
            )
        )
        self.member_id, self.request_id, self.keep_builds = member_id, request_id, keep_builds

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ForgetButton:
        return cls(
            int(match["member"]), int(match["request"]), keep_builds=match["builds"] == "keep"
        )

    async def callback(self, interaction: discord.Interaction) -> None:
        await guarded(interaction, self._forget(interaction))

    async def _forget(self, interaction: discord.Interaction) -> None:
        report = await in_time(
            interaction,
            privacy_of(interaction).forget(
                interaction.user.id, self.member_id, self.request_id, keep_builds=self.keep_builds
            ),
            editing=True,
        )
        await answer_in_place(interaction, forget_report(report))


class CancelForgetButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"privacy:cancel:(?P<member>\d{1,20}):(?P<request>\d{1,19})",
):
    def __init__(self, member_id: int, request_id: int) -> None:
        super().__init__(
            discord.ui.Button(
                label="Cancel",
                style=discord.ButtonStyle.secondary,
                custom_id=f"privacy:cancel:{member_id}:{request_id}",
            )
        )
        self.member_id, self.request_id = member_id, request_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> CancelForgetButton:
        return cls(int(match["member"]), int(match["request"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        await guarded(interaction, self._cancel(interaction))

    async def _cancel(self, interaction: discord.Interaction) -> None:
        await privacy_of(interaction).cancel(interaction.user.id, self.member_id, self.request_id)
        await answer_in_place(interaction, "Cancelled; nothing was deleted.")


async def setup(bot: KeitoraBot) -> None:
    await bot.add_cog(PrivacyCog(bot))
    bot.add_dynamic_items(ForgetButton, CancelForgetButton)
