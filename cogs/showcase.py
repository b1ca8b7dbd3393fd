"""`/showcase`: members nominate builds; moderators feature them in the showcase channel (posted,
pinned, tagged and marked on the card) and run "Build of the Month" ballots whose buttons carry
the ballot and the build in their custom_id, so votes keep counting across restarts."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence

import discord
from discord import app_commands
from discord.ext import commands

from bot.builds import Build, BuildService
from bot.client import KeitoraBot, in_time, respond, stateless_view
from bot.errors import UserError
from bot.limits import MESSAGE_CONTENT, fit, join_within, listed
from bot.showcase import NOMINATION_KIND, Ballot, ShowcaseService
from bot.showcase.values import FEATURE_NOTE, NOMINATION_REASON, ballot_nonce, month_named
from cogs._modqueue_places import decided_in_time, defer_decision
from cogs._setup_access import EmbedsNotShown, require_embed_links
from cogs._showcase_posts import (
    ShowcasePosts,
    message_aside,
    sent_or_unanswered,
    unconfirmed,
)
from cogs._showcase_results import (
    ballot_found,
    closed_in_words,
    closed_message,
    linked,
    make_way,
    opening,
    result_card,
    result_headline,
    why_called_off,
)
from cogs._showcase_votes import VoteButton
from cogs._text import quoted
from cogs.builds_views import build_autocomplete, build_line
from cogs.checks import (
    MODERATOR_PERMISSIONS,
    guild_id_of,
    is_moderator,
    moderator_only,
    named_build,
)
from cogs.modqueue_views import (
    approvers,
    seen_revision,
    settle,
    show_decision,
)

log = logging.getLogger(__name__)

NO_BALLOT_EMBEDS = (
    "I need Embed Links in <#{channel}> to show a ballot there: Discord would show its buttons "
    "alone. Nothing was opened; a server admin can allow that for the Keitora role, then try "
    "again."
)


@app_commands.guild_only()
class ShowcaseCog(
    commands.GroupCog, group_name="showcase", group_description="The community's best builds"
):
    def __init__(self, bot: KeitoraBot) -> None:
        self.service: ShowcaseService = bot.services.showcase

    @app_commands.command(name="nominate", description="Nominate someone's build for the showcase")
    @app_commands.describe(build="The build", reason="Why it deserves a place")
    @app_commands.autocomplete(build=build_autocomplete)
    async def nominate(
        self,
        interaction: discord.Interaction,
        build: str,
        reason: app_commands.Range[str, 1, NOMINATION_REASON] | None = None,
    ) -> None:
        target = await named_build(interaction)
        nomination = await self.service.nominate(
            target, interaction.user.id, reason, moderator=await is_moderator(interaction)
        )
        counts_for = (
            "the ballot after the next one (the last winner sits the next one out)"
            if nomination.sits_out_next
            else "the next one too"
        )
        await respond(
            interaction,
            f"Thanks! Build #{target.id} is nominated again: your nomination, which a ballot held "
            f"already, counts for {counts_for}, and still waits for the moderators to feature it."
            if nomination.renewed
            else f"Thanks! Build #{target.id} is nominated; the moderators will have a look.",
        )


@app_commands.guild_only()
@app_commands.default_permissions(MODERATOR_PERMISSIONS)
class ShowcaseModCog(
    commands.GroupCog,
    group_name="showcase-mod",
    group_description="Run the showcase (moderators)",
):
    vote = app_commands.Group(name="vote", description="Build of the Month ballots")

    def __init__(self, bot: KeitoraBot) -> None:
        self.bot = bot
        self.service: ShowcaseService = bot.services.showcase
        self.builds: BuildService = bot.services.builds
        self.posts = ShowcasePosts(bot)

    @app_commands.command(name="feature", description="Feature a build in the showcase")
    @app_commands.describe(build="The build", note="A word from the moderators")
    @app_commands.autocomplete(build=build_autocomplete)
    @moderator_only("feature builds")
    async def feature(
        self,
        interaction: discord.Interaction,
        build: str,
        note: app_commands.Range[str, 1, FEATURE_NOTE] | None = None,
    ) -> None:
        target = await named_build(interaction)
        self.service.refuse_own_feature(
            target, interaction.user.id, own_allowed=interaction.permissions.manage_guild
        )
        channel = await self.posts.channel(target.guild_id)
        # A stale claim is first looked for in the channel, which may take longer than Discord
        # waits for an answer.
        answered = await self.posts.claimed(
            target,
            self.service.claim_feature(target, interaction.user.id, note),
            lambda claim: in_time(interaction, claim),
        )
        async with self.posts.given_back_unless_posted(target):
            if not interaction.response.is_done():
                await interaction.response.defer(ephemeral=True, thinking=True)
            outcome, advice = await self.posts.publish(
                target, channel, note, nominated=answered is not None
            )
        await respond(interaction, outcome + advice)
        if answered is not None:
            approved = f"Approved by <@{interaction.user.id}> with /showcase-mod feature. {outcome}"
            await show_decision(
                self.bot, target.guild_id, NOMINATION_KIND, answered, approved, became="approved"
            )

    @app_commands.command(name="unfeature", description="Take a build out of the showcase")
    @app_commands.describe(build="The build")
    @app_commands.autocomplete(build=build_autocomplete)
    @moderator_only("unfeature builds")
    async def unfeature(self, interaction: discord.Interaction, build: str) -> None:
        target = await named_build(interaction)
        feature = await self.service.featured(target)
        await interaction.response.defer(ephemeral=True, thinking=True)
        if feature.channel_id is not None and feature.message_id is not None:
            channel = self.bot.get_partial_messageable(feature.channel_id, guild_id=target.guild_id)
            with contextlib.suppress(discord.NotFound):  # deleted by hand already, or by a try
                await channel.get_partial_message(feature.message_id).delete()
        await self.service.unfeature(target)
        note = await self.posts.tag(target)
        await respond(interaction, f"Build #{target.id} is no longer featured.{note}")

    @vote.command(name="start", description="Open a Build of the Month ballot")
    @app_commands.describe(
        candidates=(
            "Builds by number or title, e.g. 12, Camper Carry, 18 (else nominations no ballot held)"
        )
    )
    @moderator_only("run Build of the Month")
    async def vote_start(
        self, interaction: discord.Interaction, candidates: str | None = None
    ) -> None:
        guild_id = guild_id_of(interaction)
        channel = await self.posts.channel(guild_id)
        try:
            require_embed_links(self.bot, guild_id, channel.id)
        except EmbedsNotShown:
            # Discord would post the buttons and drop the ballot's words, the builds' lines.
            raise UserError(NO_BALLOT_EMBEDS.format(channel=channel.id)) from None
        # A ballot whose send went unanswered is looked for first, which may take longer than
        # Discord waits for an answer.
        await in_time(interaction, make_way(self.bot, guild_id))
        ballots = self.service.ballots
        zone = (await self.bot.services.setup.get(guild_id)).timezone
        ballot = await ballots.start_ballot(guild_id, interaction.user.id, candidates, zone)
        async with opening(ballots, ballot):
            if not interaction.response.is_done():
                await interaction.response.defer(ephemeral=True, thinking=True)
            builds = [await self.builds.get(guild_id, build_id) for build_id in ballot.candidates]
            embed, view = ballot_message(ballot, builds)
            sent = await ballots.sending(ballot, channel.id)
            sending = channel.send(
                embed=embed,
                view=view,
                nonce=ballot_nonce(sent),
                allowed_mentions=discord.AllowedMentions.none(),
            )
            message = await sent_or_unanswered(
                sending, channel.id, what=f"ballot {ballot.id}", nothing="No ballot was opened"
            )
            if message is None:
                told = unconfirmed(
                    "the ballot's message",
                    channel.id,
                    "the ballot is open and members can vote on it",
                    "`/showcase-mod vote start` opens a new one in 15 minutes",
                )
            else:
                await ballots.ballot_posted(sent, channel.id, message.id)
                told = f"The ballot is open: {message.jump_url}"
            if candidates is None or not candidates.strip():
                # Picked by the bot: the moderator sees which before members vote, and which
                # nominated build it left out, and why.
                taken = listed([f"#{build.id} {quoted(build.title)}" for build in builds])
                left_out = await self._left_out(guild_id)
                told = fit(
                    f"{told}\nFrom the nominations no ballot held yet it holds {taken}.{left_out}",
                    MESSAGE_CONTENT,
                )
        # Outside: a follow-up Discord refuses (the command's token expired) says nothing of
        # the ballot, which may be out.
        await respond(interaction, told)

    async def _left_out(self, guild_id: int) -> str:
        """The last ballot's winners an automatic ballot left out, and why, in a sentence (or
        nothing)."""
        winners = await self.service.ballots.sitting_out(guild_id)
        if not winners.build_ids:
            return ""
        builds = [await self.builds.get(guild_id, build_id) for build_id in winners.build_ids]
        named = listed([f"#{build.id} {quoted(build.title)}" for build in builds])
        of_month = f" for {month_named(winners.month)}" if winners.month else ""
        if len(builds) == 1:
            return (
                f" It leaves out {named}, the Build of the Month{of_month}: the last ballot's "
                "winner sits out the next one, and its nominations wait for the one after."
            )
        return (
            f" It leaves out {named}, tied for Build of the Month{of_month}: the last ballot's "
            "winners sit out the next one, and their nominations wait for the one after."
        )

    @vote.command(name="close", description="Close the ballot and announce the winner")
    @moderator_only("run Build of the Month")
    async def vote_close(self, interaction: discord.Interaction) -> None:
        guild_id = guild_id_of(interaction)
        tally = await self.service.ballots.close_ballot(guild_id)
        await interaction.response.defer(ephemeral=True, thinking=True)
        names = await self.service.ballots.titles(tally)
        ballot = await ballot_found(self.bot, tally.ballot)
        where = ballot.channel_id or ballot.sent_to
        said = (
            f"The ballot is closed; its result is on its way to <#{where}>."
            if where is not None
            else "The ballot is closed. Its message was never recorded, so no result is posted; "
            "here it is for you to share."
        )
        shown = True
        if ballot.channel_id is not None and ballot.message_id is not None:
            try:
                async with self.service.ballots.rendering.turn(ballot.id):
                    try:
                        # The ballot says voting is closed, and points to the result's post.
                        await render_ballot(self.bot, guild_id, ballot.id)
                    except EmbedsNotShown as lacking:
                        channel = self.bot.get_partial_messageable(
                            ballot.channel_id, guild_id=guild_id
                        )
                        message = channel.get_partial_message(ballot.message_id)
                        headline = result_headline(tally, names)
                        said = await closed_in_words(message, headline, lacking)
            except discord.NotFound:  # the ballot deleted by hand
                pass
            except discord.HTTPException as error:
                # The close stands: the job committed with it shows it on the ballot, brought
                # forward once the result is out.
                log.warning("could not show the close on ballot %s: %s", ballot.id, error)
                said += (
                    " Discord did not take the ballot's edit just now; it shows the close shortly."
                )
                shown = False
        if shown:
            await self.service.ballots.close_shown(ballot)
        headline, counts = result_card(tally, names)
        await respond(
            interaction, f"{said}\n\n{headline}", embed=discord.Embed.from_dict(dict(counts))
        )


def ballot_message(
    ballot: Ballot, builds: Sequence[Build]
) -> tuple[discord.Embed, discord.ui.View]:
    """The open ballot: a line and a button per build, and the builds withdrawn since it opened
    (deleted with their owner's data, or locked), whose voters may vote again."""
    lines = [build_line(build) for build in builds]
    gone = "".join(
        f"\nBuild #{build_id} was withdrawn; if you voted for it, your vote is free again."
        for build_id in ballot.withdrawn
    )
    embed = discord.Embed(
        title="Build of the Month: vote!",
        description=join_within(lines, 3500)
        + "\n\nOne vote each; click another build to move yours. Counts show at the close."
        + fit(gone, 300),
        colour=discord.Colour.gold(),
    )
    view = stateless_view(
        VoteButton(ballot.id, build.id, f"#{build.id} {build.title}") for build in builds
    )
    return embed, view


def called_off_message(ballot: Ballot) -> discord.Embed:
    """A ballot withdrawals called off: no buttons, and why there is no winner."""
    return discord.Embed(
        title="Build of the Month: called off",
        description=f"This ballot is called off: {why_called_off(ballot)}. No votes are "
        "counted; the moderators may start a new ballot.",
        colour=discord.Colour.light_grey(),
    )


def called_off_notice(ballot: Ballot) -> str:
    """What the moderators are told, in the mod-queue channel, of a ballot called off."""
    return fit(
        f"The Build of the Month ballot{linked(ballot)} is called off: {why_called_off(ballot)}. "
        "Start a new one with `/showcase-mod vote start` when you are ready.",
        MESSAGE_CONTENT,
    )


async def off_ballot(bot: KeitoraBot, before: Ballot | None) -> str:
    """For the moderator who locked a build that was on the open ballot `before` (read just
    before the lock): what the lock did to it, in a sentence (or nothing)."""
    if before is None:
        return ""
    ballot = await bot.services.showcase.ballots.ballot(before.guild_id, before.id)
    if ballot.called_off:
        return (
            f" It is withdrawn from the Build of the Month ballot{linked(ballot)}, which is "
            "called off, as it was left with one build; an unlock does not open it again. Start "
            "a new one with `/showcase-mod vote start` when you are ready."
        )
    return (
        f" It is withdrawn from the open Build of the Month ballot{linked(ballot)}; votes for it "
        "are free again, and an unlock puts it back."
    )


async def back_on_ballot(bot: KeitoraBot, build: Build) -> str:
    """For the moderator who unlocked `build`: the open ballot its unlock put it back on, if
    any, in a sentence (or nothing)."""
    ballot = await bot.services.showcase.ballots.open_ballot_holding(build)
    if ballot is None:
        return ""
    return (
        f" It is back on the open Build of the Month ballot{linked(ballot)}, where its lock took "
        "it off."
    )


async def still_featured(bot: KeitoraBot, build: Build) -> str:
    """For the moderator who locked `build`: that its showcase post, if any, still shows it,
    and how to take it out (a lock may be for what the post shows, such as stolen photos)."""
    feature = await bot.services.showcase.featured_post(build.guild_id, build.id)
    if feature is None:
        return ""
    where = message_aside(build.guild_id, feature.channel_id, feature.message_id)
    return (
        f" It is still featured in the showcase{where}; "
        f"`/showcase-mod unfeature build:{build.id}` takes it out."
    )


async def show_renamed(bot: KeitoraBot, build: Build) -> str:
    """A renamed build's showcase post and the open ballot it is on show its new title (left
    as they were where Keitora may no longer show embeds, their next edit catching up: the
    note returned says so)."""
    note = await ShowcasePosts(bot).refresh(build)
    ballot = await bot.services.showcase.ballots.open_ballot_holding(build)
    if ballot is not None:
        try:
            await refresh_ballot(bot, build.guild_id, ballot.id)
        except EmbedsNotShown as lacking:
            note += lacking.note("The Build of the Month ballot")
    return note


async def refresh_ballot(bot: KeitoraBot, guild_id: int, ballot_id: int) -> None:
    """Render an open ballot's message again from the database (after a forget changed who
    owns its builds, or took some away; after a lock or an unlock), or as called off when
    withdrawals left it without a choice; a closed ballot says so, with its winner and a link
    to its result's post, without buttons (after a bot stopped mid-close, as the close itself
    would have). A message a stopped bot never recorded is looked for first. `EmbedsNotShown` where
    Keitora may no longer show embeds: Discord would keep the buttons and drop the ballot's
    words, or refuse a called-off ballot's edit as empty."""
    async with bot.services.showcase.ballots.rendering.turn(ballot_id):
        await render_ballot(bot, guild_id, ballot_id)


async def render_ballot(bot: KeitoraBot, guild_id: int, ballot_id: int) -> None:
    """`refresh_ballot`'s read and edit, for a caller already holding the ballot's turn."""
    ballots = bot.services.showcase.ballots
    ballot = await ballot_found(bot, await ballots.ballot(guild_id, ballot_id))
    if ballot.channel_id is None or ballot.message_id is None:
        return
    require_embed_links(bot, guild_id, ballot.channel_id)
    if ballot.called_off:
        embed, view = called_off_message(ballot), None
    elif ballot.closed:
        tally = await ballots.tally(guild_id, ballot_id)
        result = await ballots.result_post(ballot)
        embed, view = closed_message(tally, await ballots.titles(tally), result), None
    else:
        builds = [await bot.services.builds.get(guild_id, b) for b in ballot.candidates]
        embed, view = ballot_message(ballot, builds)
    channel = bot.get_partial_messageable(ballot.channel_id, guild_id=guild_id)
    await channel.get_partial_message(ballot.message_id).edit(
        embed=embed, view=view, allowed_mentions=discord.AllowedMentions.none()
    )


async def approve_nomination(interaction: discord.Interaction, nomination_id: int) -> None:
    """Approve a nomination from the moderation queue: feature its build as
    `/showcase-mod feature` does (one post per build, pinned, tagged)."""
    bot: KeitoraBot = interaction.client  # type: ignore[assignment]
    guild_id = guild_id_of(interaction)
    posts = ShowcasePosts(bot)
    build = await bot.services.showcase.nominated_build(guild_id, nomination_id)
    own_allowed = interaction.permissions.manage_guild
    bot.services.showcase.refuse_own_feature(build, interaction.user.id, own_allowed=own_allowed)
    channel = await posts.channel(guild_id)  # refused before anything is decided
    # The approval claims the feature, looking first in the channel for a stale claim's post.
    await posts.claimed(
        build,
        bot.services.modqueue.approve(
            guild_id,
            NOMINATION_KIND,
            nomination_id,
            interaction.user.id,
            seen=seen_revision(interaction),
            own_allowed=own_allowed,
        ),
        lambda claim: decided_in_time(interaction, claim),
    )
    async with posts.given_back_unless_posted(build):
        await defer_decision(interaction)
        outcome, advice = await posts.publish(build, channel, None, nominated=True)
    approved = f"Approved by <@{interaction.user.id}>. {outcome}"
    await settle(
        interaction, NOMINATION_KIND, nomination_id, approved, advice=advice, became="approved"
    )


async def setup(bot: KeitoraBot) -> None:
    bot.add_dynamic_items(VoteButton)
    approvers[NOMINATION_KIND] = approve_nomination
    await bot.add_cog(ShowcaseCog(bot))
    await bot.add_cog(ShowcaseModCog(bot))
