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
from bot.privacy import (
    BUILDS,
    SCHEMA_VERSION,
    BuildsSinceAsked,
    ForgetReport,
    PrivacyService,
)
from bot.privacy.ballots import BallotStake, ballots_at_stake
from cogs._setup_access import cannot_give
from cogs._text import counted, echo, quoted
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
    "{builds}{ballots}These buttons expire {expires}. Use /privacy export first for a copy."
)
# Asked of a member with builds only: one with none has nothing to choose.
WHAT_BECOMES_OF_BUILDS = (
    "**Your builds**: delete them with everything recorded about them, their threads in "
    "Discord included (with the replies in them), or keep them anonymized: their threads stay, "
    "with the card and the updates Keitora posted for you (your words and photos) shown as by "
    "a former member (a moderator can delete a thread).\n"
)


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
            f"Kept anonymized, {it} {stays} on the ballot as a former member's."
        )
    return join_within(lines, room - 1) + "\n" if lines else ""


def forget_question(
    expires: datetime, stakes: Sequence[BallotStake], *, owns_builds: bool = True, lead: str = ""
) -> str:
    """The confirmation: what a forget does, and, to a member who `owns_builds`, the choice of
    what becomes of them and of the ballots they are on; `lead` (a line) says why it is asked
    again."""
    when = discord.utils.format_dt(expires, "R")
    builds = WHAT_BECOMES_OF_BUILDS if owns_builds else ""
    room = MESSAGE_CONTENT - len(
        lead + WHAT_FORGET_DOES.format(expires=when, builds=builds, ballots="")
    )
    return lead + WHAT_FORGET_DOES.format(
        expires=when, builds=builds, ballots=on_ballots(stakes, room)
    )


# Labels two services count one alert DM under, in words that tell the two apart: the record of
# each DM Keitora sent (the job queue's), and of each announcement an alert DM listed, kept to
# edit the DM when the announcement changes (the alerts'). As labelled, "alert DM records (1)"
# beside "records of direct messages (1)" read as two DMs.
SAID_AS = {
    "records of direct messages": "records of the DMs Keitora sent you",
    "alert DM records": "records of which announcements your alert DMs listed",
}


def _lines(counts: Mapping[str, int]) -> str:
    """`builds (1), RSVPs (3)`: a count after its label would read as the label's number."""
    said = sorted((SAID_AS.get(label, label), count) for label, count in counts.items())
    return ", ".join(f"{label} ({count})" for label, count in said) or "nothing"


def forget_report(report: ForgetReport, roles_kept: Sequence[str] = ()) -> str:
    """What a forget deleted and anonymised, with counts; and `roles_kept`, what Keitora could
    not take back of the importer roles it gave (`importer_roles_kept`)."""
    done = report.forgotten
    servers = len(report.servers)
    text = (
        f"Done: you are forgotten in {counted(servers, 'server')}.\n"
        f"**Deleted:** {_lines(done.deleted)}.\n**Anonymized:** {_lines(done.anonymised)}.\n"
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
    for kept in roles_kept:
        text += f" {kept}"
    return fit(text, MESSAGE_CONTENT)


async def importer_roles_kept(interaction: discord.Interaction, report: ForgetReport) -> list[str]:
    """What the forget's follow-up cannot take back of the importer role of a profile it
    removed, in each server where Keitora lacks what Discord needs for that (said as
    registering and suspending say it) and the member holds it."""
    bot: KeitoraBot = interaction.client  # type: ignore[assignment]
    member_id = interaction.user.id
    kept = []
    for guild_id, done in report.by_server.items():
        guild = bot.get_guild(guild_id)
        if member_id not in done.importer_roles or guild is None:
            continue
        role_id = (await bot.services.setup.get(guild_id)).roles.get("importer")
        role = None if role_id is None else guild.get_role(role_id)
        if role is None:
            continue
        lacking = cannot_give(role)
        if not lacking:
            continue
        # The member clicking is known with their roles where they clicked.
        here = guild_id == interaction.guild_id
        holder = interaction.user if here else await member_now(guild, member_id)
        if not isinstance(holder, discord.Member) or role not in holder.roles:
            continue
        # A role mention shows as the role only in its own server.
        what = f"{role.mention} role" if here else f"importer role in {echo(role.guild.name)}"
        kept.append(
            f"I could not take back your {what}: I need {lacking}; a moderator can take it "
            "from you."
        )
    return kept


async def member_now(guild: discord.Guild, member_id: int) -> discord.Member | None:
    """The member in `guild` with their roles as Discord has them now, asked of Discord: without
    the members intent Keitora hears of nobody's roles there. None when they are not in it, or
    Discord could not say."""
    try:
        return await guild.fetch_member(member_id)
    except discord.HTTPException:
        return None


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
        asked = await in_time(interaction, ask_to_forget(interaction))
        if asked is None:
            await respond(interaction, NOTHING_STORED)
            return
        question, view = asked
        await respond(interaction, question, view=view)

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


async def ask_to_forget(
    interaction: discord.Interaction, lead: str = ""
) -> tuple[str, discord.ui.View] | None:
    """The member's confirmation, with `lead` above it, and its buttons: a choice for their
    builds when they own some; None when nothing is stored about them."""
    bot: KeitoraBot = interaction.client  # type: ignore[assignment]
    member_id = interaction.user.id
    request = await bot.services.privacy.request_forget(guild_id_of(interaction), member_id)
    if request is None:
        return None
    stakes = await ballots_at_stake(
        bot.services.builds, bot.services.showcase.ballots, request.servers, member_id
    )
    owns_builds = BUILDS in request.sections
    choices = ("delete", "keep") if owns_builds else ("none",)
    view = stateless_view(
        [
            *(ForgetButton(member_id, request.id, choice) for choice in choices),
            CancelForgetButton(member_id, request.id),
        ]
    )
    question = forget_question(request.expires_at, stakes, owns_builds=owns_builds, lead=lead)
    return question, view


# A forget's confirming buttons, by what becomes of the member's builds: "none" for a member
# who had none when asked (one who started a build since is asked again, with the choice).
FORGET_CHOICES = {
    "delete": "Forget me and delete my builds",
    "keep": "Forget me, keep my builds anonymized",
    "none": "Forget me",
}


class ForgetButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=(
        r"privacy:forget:(?P<member>\d{1,20}):(?P<request>\d{1,19}):(?P<builds>keep|delete|none)"
    ),
):
    """Confirms a member's forget, with their choice for their builds."""

    def __init__(self, member_id: int, request_id: int, choice: str) -> None:
        super().__init__(
            discord.ui.Button(
                label=FORGET_CHOICES[choice],
                style=discord.ButtonStyle.danger,
                custom_id=f"privacy:forget:{member_id}:{request_id}:{choice}",
            )
        )
        self.member_id, self.request_id = member_id, request_id
        self.keep_builds = None if choice == "none" else choice == "keep"

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ForgetButton:
        return cls(int(match["member"]), int(match["request"]), match["builds"])

    async def callback(self, interaction: discord.Interaction) -> None:
        await guarded(interaction, self._forget(interaction))

    async def _forget(self, interaction: discord.Interaction) -> None:
        try:
            report = await in_time(
                interaction,
                privacy_of(interaction).forget(
                    interaction.user.id,
                    self.member_id,
                    self.request_id,
                    keep_builds=self.keep_builds,
                ),
                editing=True,
            )
        except BuildsSinceAsked as since:
            await ask_again(interaction, since.count)
            return
        kept = await importer_roles_kept(interaction, report)
        await answer_in_place(interaction, forget_report(report, kept))


async def ask_again(interaction: discord.Interaction, started: int) -> None:
    """Replace a confirmation that asked nothing of builds with one that asks what becomes of
    the `started` builds the member started since; its old buttons then refuse."""
    builds, them = ("a build", "it") if started == 1 else (counted(started, "build"), "them")
    lead = (
        f"You started {builds} since I asked, so nothing was deleted yet: choose what becomes "
        f"of {them}.\n"
    )
    asked = await in_time(interaction, ask_to_forget(interaction, lead), editing=True)
    assert asked is not None  # the builds are stored about them
    question, view = asked
    if interaction.response.is_done():
        await interaction.edit_original_response(content=question, view=view)
    else:
        await interaction.response.edit_message(content=question, view=view)


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
