"""`/build delete` (cogs/builds.py): a build deleted for good by its owner, or by a moderator
with a reason told to its owner, after a Delete it / Keep it question. A locked build is a
moderator's decision, so only a moderator deletes it."""

from __future__ import annotations

import discord

from bot.builds import Build
from bot.builds.deletion import BuildGone, Contents
from bot.builds.model import Asker
from bot.client import (
    ConfirmButton,
    KeepItButton,
    KeitoraBot,
    answer_in_place,
    in_time,
    respond,
    stateless_view,
)
from bot.errors import NotFound, UserError
from bot.privacy import FORMER_MEMBER
from bot.showcase import Ballot
from cogs._build_reasons import moderator_change, question_embeds, reason_asked, reason_kept
from cogs._showcase_posts import message_aside
from cogs._text import counted, quoted
from cogs.builds_views import service_of
from cogs.checks import guild_id_of, is_moderator
from cogs.showcase import linked


async def ask_to_delete(interaction: discord.Interaction, build: Build, reason: str | None) -> None:
    """Ask first: the build goes for good. A moderator deleting another member's build gives
    the reason its owner is told, kept with the question."""
    await require_may_delete(interaction, build)
    told = owner_to_tell(interaction, build)
    if told and not (reason or "").strip():
        raise UserError(
            f"Give a reason: the owner of build #{build.id} is told by DM why a moderator "
            "deleted it."
        )
    held = await service_of(interaction).contents(build)
    kept_in = thread_kept_in(interaction, build)
    question = deletion_question(build, held, told, card_alone(interaction, build), kept_in)
    # Calling the ballot off is for good, and takes every vote with it: said before it is done.
    showcase = bot_of(interaction).services.showcase
    question += leaving_ballot(await showcase.ballots.open_ballot_holding(build))
    feature = await showcase.featured_post(build.guild_id, build.id)
    if feature is not None:
        where = message_aside(build.guild_id, feature.channel_id, feature.message_id)
        question += f" It is featured: its showcase post{where} goes too."
    view = stateless_view([DeleteBuildButton(build.id), KeepItButton("deleted")])
    await respond(interaction, question, view=view, **reason_kept(reason if told else None))


async def require_may_delete(interaction: discord.Interaction, build: Build) -> None:
    """A locked build stays as a moderator left it: its owner may not delete it."""
    if build.locked and not await is_moderator(interaction):
        raise UserError(
            f"Build #{build.id} is locked by a moderator; only a moderator can delete it."
        )


def owner_to_tell(interaction: discord.Interaction, build: Build) -> bool:
    """Whether a moderator deletes another member's build, whose owner is told by DM."""
    return build.owner_id not in (interaction.user.id, FORMER_MEMBER)


def deletion_question(
    build: Build, held: Contents, told: bool, card: bool, kept_in: int | None
) -> str:
    """Names what goes from what exists: the thread and its card while the thread stands, as
    Keitora deletes them together; `card`, a text channel's card alone (its thread gone);
    `kept_in`, as `deleted_text` takes it."""
    owner = " Its owner is told by DM." if told else ""
    recorded = f"{counted(held.updates, 'update')} and {counted(held.parts, 'part')}"
    if build.has_thread and not kept_in:
        goes = f"Its thread goes, with its card, {recorded}"
    elif card or kept_in:
        goes = f"Its card goes, with {recorded}"
    else:
        goes = f"{recorded} go with it"
    return (
        f"Delete build #{build.id} {quoted(build.title)} for good? {goes}; this cannot be "
        f"undone.{thread_stays(kept_in)}{owner}"
    )


def deleted_text(build: Build, gone: BuildGone, told: bool, kept_in: int | None, card: bool) -> str:
    """The answer to a confirmed deletion; `kept_in`, the channel where Keitora may not delete
    the build's thread (lacking Manage Threads), which then stays without its posts; `card`, a
    text channel's card going alone (its thread gone)."""
    held = gone.contents
    thread = "its thread, " if build.has_thread and not kept_in else "its card, " if card else ""
    stays = thread_stays(kept_in)
    owner = " Its owner is told by DM." if told else ""
    return (
        f"Deleted build #{build.id} {quoted(build.title)}, with {thread}"
        f"{counted(held.updates, 'update')} and {counted(held.parts, 'part')}."
        f"{stays}{owner}"
    )


def bot_of(interaction: discord.Interaction) -> KeitoraBot:
    return interaction.client  # type: ignore[return-value]


def leaving_ballot(ballot: Ballot | None) -> str:
    """What the question adds for a build on the open ballot `ballot`: whether the ballot goes
    on without it, or is left with one build and called off."""
    if ballot is None:
        return ""
    if ballot.called_off_by_a_withdrawal():
        return (
            f" It is on the open Build of the Month ballot{linked(ballot)}, which would be left "
            "with one build and called off: no votes are counted."
        )
    others = counted(len(ballot.candidates) - 1, "other build")
    return (
        f" It leaves the open Build of the Month ballot{linked(ballot)}, which goes on with the "
        f"{others}; votes for it are free again."
    )


async def left_ballots(bot: KeitoraBot, guild_id: int, gone: BuildGone, moderator: bool) -> str:
    """What the answer adds for the open ballots the build left: each called off, as left with
    one build, or going on without it. Only a `moderator` may start another ballot: a member
    is told who can."""
    said = ""
    for ballot_id in sorted(gone.ballots):
        ballot = await bot.services.showcase.ballots.ballot(guild_id, ballot_id)
        if ballot.called_off:
            again = (
                ". Start a new one with `/showcase-mod vote start` when you are ready."
                if moderator
                else "; the moderators can start a new one."
            )
            said += (
                f" It left the Build of the Month ballot{linked(ballot)}, which is called off, "
                f"as it was left with one build{again}"
            )
        else:
            others = counted(len(ballot.candidates), "other build")
            said += (
                f" It left the open Build of the Month ballot{linked(ballot)}, which goes on "
                f"with the {others}."
            )
    return said


def thread_stays(kept_in: int | None) -> str:
    return (
        f" Keitora may not manage threads in <#{kept_in}>, so it deletes its own posts there "
        "and the thread stays: a moderator can delete it."
        if kept_in
        else ""
    )


def card_alone(interaction: discord.Interaction, build: Build) -> bool:
    """Whether the build's card goes without its thread: a text channel's card stays when
    Discord deletes the thread started on it (a forum post's card is the thread's)."""
    guild = interaction.guild
    channel = guild.get_channel(build.channel_id or 0) if guild else None
    stands = build.starter_id is not None and not build.starter_deleted
    return stands and not build.has_thread and isinstance(channel, discord.TextChannel)


def thread_kept_in(interaction: discord.Interaction, build: Build) -> int | None:
    """The build's channel when its thread would stay: Keitora may not manage threads there."""
    guild = interaction.guild
    channel = guild.get_channel(build.channel_id or 0) if guild else None
    if guild is None or channel is None or not build.has_thread:
        return None
    return None if channel.permissions_for(guild.me).manage_threads else channel.id


async def already_deleted(interaction: discord.Interaction, build_id: int) -> None:
    """Answer a question whose build was deleted meanwhile, naming who as its deletion recorded
    it to those it may be told (`Deletion.told_to`: not its owner once forgotten): a moderator,
    or its owner, where the question was a moderator's about another member's build (keeping
    the reason they were to read); an owner's own deletion answers their own question without
    naming them. A second click on the question that deleted it (a double click) leaves the
    first click's answer shown, whichever reaches Discord last."""
    gone = await service_of(interaction).deletion(guild_id_of(interaction), build_id)
    question = interaction.message
    if gone is not None and question is not None and gone.question_id == question.id:
        if not interaction.response.is_done():
            await interaction.response.defer()
        return
    asker = Asker(interaction.user.id, await is_moderator(interaction))
    if gone is None or not gone.told_to(asker):
        by = ""
    elif gone.by == "moderator":
        by = " by a moderator"
    elif reason_asked(question):
        by = " by its owner"
    else:
        by = ""
    text = f"Build #{build_id} was already deleted{by}: nothing is left to delete."
    await answer_in_place(interaction, text)


class DeleteBuildButton(ConfirmButton, prefix="build:delete", label="Delete it"):
    """Deletes the build, for its owner or a moderator who asked to and confirms."""

    async def confirmed(self, interaction: discord.Interaction) -> None:
        service = service_of(interaction)
        try:
            build = await service.get(guild_id_of(interaction), self.target_id)
        except NotFound:
            await already_deleted(interaction, self.target_id)
            return
        if build.owner_id != interaction.user.id and not await is_moderator(interaction):
            raise UserError("Only its owner or a moderator can delete a build.")
        await require_may_delete(interaction, build)
        told = owner_to_tell(interaction, build)
        by = moderator_change(interaction, build, str(build.id), reason_asked(interaction.message))
        kept_in = thread_kept_in(interaction, build)
        question_id = interaction.message.id if interaction.message else None
        # Read before the deletion takes the post with the build.
        showcase = bot_of(interaction).services.showcase
        featured = await showcase.featured_post(build.guild_id, build.id) is not None
        deleting = service.delete(
            build, by, thread_kept=kept_in is not None, question_id=question_id
        )
        try:
            gone = await in_time(interaction, deleting, editing=True)
        except NotFound:  # deleted between the look above and this, by a click elsewhere
            await already_deleted(interaction, build.id)
            return
        said = deleted_text(build, gone, told, kept_in, card_alone(interaction, build))
        if featured:
            said += " Its showcase post went with it."
        moderator = await is_moderator(interaction)
        said += await left_ballots(bot_of(interaction), build.guild_id, gone, moderator)
        await answer_in_place(interaction, said, embeds=question_embeds(interaction))
