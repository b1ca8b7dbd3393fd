"""`/showcase`: members nominate builds; moderators feature them in the showcase channel (posted,
pinned, tagged and marked on the card) and run "Build of the Month" ballots whose buttons carry
the ballot and the build in their custom_id, so votes keep counting across restarts."""

from __future__ import annotations

import contextlib
import logging
import re
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.builds import Build, BuildService, Totals, dollars_text
from bot.client import KeitoraBot, in_time, respond
from bot.errors import UserError
from bot.limits import BUTTON_LABEL, EMBED_TITLE, fit, join_within
from bot.showcase import ShowcaseService, Tally
from cogs._build_posts import FEATURED_TAG, BuildPosts
from cogs._text import echo, member_mention
from cogs.builds_views import SPEC_LABELS, build_autocomplete, build_line, guarded, spec_value
from cogs.checks import MODERATOR_PERMISSIONS, guild_id_of, moderator_only, named_build

log = logging.getLogger(__name__)

MAX_PINS = 50  # Discord's limit of pinned messages per channel
NO_CHANNEL = (
    "This server has no showcase channel yet. A server admin can choose one with "
    "`/setup channel kind:showcase`."
)
ALREADY_ANSWERED = "Voting closes when a moderator closes the ballot; counts show then."


def showcase_of(interaction: discord.Interaction) -> ShowcaseService:
    bot: KeitoraBot = interaction.client  # type: ignore[assignment]
    return bot.services.showcase


class VoteButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"showcase:vote:(?P<ballot>\d{1,18}):(?P<build>\d{1,18})",
):
    """A member's vote for one build of a ballot; clicking another moves it."""

    def __init__(self, ballot_id: int, build_id: int, label: str = "Vote") -> None:
        super().__init__(
            discord.ui.Button(
                label=fit(label, BUTTON_LABEL),
                custom_id=f"showcase:vote:{ballot_id}:{build_id}",
                style=discord.ButtonStyle.primary,
            )
        )
        self.ballot_id, self.build_id = ballot_id, build_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> VoteButton:
        return cls(int(match["ballot"]), int(match["build"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        await guarded(interaction, self._vote(interaction))

    async def _vote(self, interaction: discord.Interaction) -> None:
        vote = await in_time(
            interaction,
            showcase_of(interaction).vote(
                guild_id_of(interaction), self.ballot_id, interaction.user.id, self.build_id
            ),
        )
        moved = f" (moved from build #{vote.previous_build_id})" if vote.previous_build_id else ""
        await respond(
            interaction, f"Your vote is for build #{vote.build_id}{moved}. {ALREADY_ANSWERED}"
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
        self, interaction: discord.Interaction, build: str, reason: str | None = None
    ) -> None:
        target = await named_build(interaction)
        await self.service.nominate(target, interaction.user.id, reason)
        await respond(
            interaction,
            f"Thanks! Build #{target.id} is nominated; the moderators will have a look.",
        )


def feature_embed(build: Build, totals: Totals, note: str | None) -> discord.Embed:
    """The showcase post: the build's first photo, truck, spec, tags, totals and thread."""
    embed = discord.Embed(
        title=fit(f"★ #{build.id} · {build.title}", EMBED_TITLE),
        description=f"**{echo(build.truck)}** by {member_mention(build.owner_id)}"
        + (f"\n\n{echo(note)}" if note else ""),
        colour=discord.Colour.gold(),
    )
    spec = [
        f"{label}: {spec_value(value)}"
        for name, label in SPEC_LABELS
        if (value := getattr(build.spec, name)) is not None
    ]
    if spec:
        embed.add_field(name="Spec", value=join_within(spec, 1024), inline=False)
    embed.add_field(name="Tags", value=", ".join(build.tags) or "none")
    embed.add_field(name="Spent", value=dollars_text(totals.total_cents))
    embed.add_field(name="Updates", value=str(totals.update_count))
    if build.thread_id and not build.thread_deleted:
        embed.add_field(name="Build log", value=f"<#{build.thread_id}>", inline=False)
    if totals.first_photo_url:
        embed.set_image(url=totals.first_photo_url)
    return embed


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
        self.posts = BuildPosts(bot)

    async def _channel(self, guild_id: int) -> discord.TextChannel:
        config = await self.bot.services.setup.get(guild_id)
        channel = self.bot.get_channel(config.channels.get("showcase") or 0)
        if not isinstance(channel, discord.TextChannel):
            raise UserError(NO_CHANNEL)
        return channel

    @app_commands.command(name="nominations", description="Builds members nominated")
    @moderator_only("see nominations")
    async def nominations(self, interaction: discord.Interaction) -> None:
        found = await self.service.nominations(guild_id_of(interaction))
        lines = [
            f"#{n.build_id} nominated by <@{n.nominated_by}>"
            + (f": {echo(n.reason)}" if n.reason else "")
            for n in found
        ] or ["No pending nominations."]
        embed = discord.Embed(title="Showcase nominations", description=join_within(lines, 4000))
        await respond(interaction, embed=embed)

    @app_commands.command(name="feature", description="Feature a build in the showcase")
    @app_commands.describe(build="The build", note="A word from the moderators")
    @app_commands.autocomplete(build=build_autocomplete)
    @moderator_only("feature builds")
    async def feature(
        self, interaction: discord.Interaction, build: str, note: str | None = None
    ) -> None:
        target = await named_build(interaction)
        channel = await self._channel(target.guild_id)
        await self.service.claim_feature(target, interaction.user.id, note)
        await interaction.response.defer(ephemeral=True, thinking=True)
        totals = await self.builds.totals(target)
        try:
            message = await channel.send(
                embed=feature_embed(target, totals, note),
                allowed_mentions=discord.AllowedMentions.none(),
            )
        except discord.HTTPException:
            await self.service.unfeature(target)  # a feature nobody can see is no feature
            raise
        pinned, pin_note = await self._pin(channel, message)
        await self.service.feature_posted(target, channel.id, message.id, pinned=pinned)
        tag_note = await self._tag(target)
        await respond(
            interaction,
            f"Build #{target.id} is featured in {message.jump_url}.{pin_note}{tag_note}",
        )

    async def _pin(
        self, channel: discord.TextChannel, message: discord.Message
    ) -> tuple[bool, str]:
        """Pin the post; at Discord's 50-pin limit, the oldest pinned feature makes room."""
        try:
            await message.pin()
            return True, ""
        except discord.HTTPException as error:
            if error.code != 30003:
                raise
        oldest = await self.service.oldest_pinned(channel.guild.id)
        if oldest is None or oldest.message_id is None:
            full = f" The channel has {MAX_PINS} pins and none is a feature"
            return False, f"{full}, so this one is not pinned."
        await channel.get_partial_message(oldest.message_id).unpin()
        await self.service.set_pinned(oldest.build_id, False)
        await message.pin()
        return (
            True,
            f" The oldest pinned feature (build #{oldest.build_id}) was unpinned to make room.",
        )

    async def _tag(self, build: Build) -> str:
        """Give the build's forum post the Featured tag (or take it away) and refresh its card."""
        build = await self.builds.get(build.guild_id, build.id)
        forum = self.bot.get_channel(build.channel_id or 0)
        applied = None
        note = ""
        if isinstance(forum, discord.ForumChannel):
            extra = [FEATURED_TAG] if build.featured else []
            applied, note = await self.posts.forum_tags(forum, build, *extra)
        return (await self.posts.refresh_card(build, applied=applied)) + note

    @app_commands.command(name="unfeature", description="Take a build out of the showcase")
    @app_commands.describe(build="The build")
    @app_commands.autocomplete(build=build_autocomplete)
    @moderator_only("unfeature builds")
    async def unfeature(self, interaction: discord.Interaction, build: str) -> None:
        target = await named_build(interaction)
        feature = await self.service.unfeature(target)
        await interaction.response.defer(ephemeral=True, thinking=True)
        if feature.channel_id is not None and feature.message_id is not None:
            channel = self.bot.get_partial_messageable(feature.channel_id, guild_id=target.guild_id)
            with contextlib.suppress(discord.NotFound):  # deleted by hand already
                await channel.get_partial_message(feature.message_id).delete()
        note = await self._tag(target)
        await respond(interaction, f"Build #{target.id} is no longer featured.{note}")

    @vote.command(name="start", description="Open a Build of the Month ballot")
    @app_commands.describe(
        candidates="Build numbers, e.g. 12, 15, 18 (else this month's nominations)"
    )
    @moderator_only("run Build of the Month")
    async def vote_start(
        self, interaction: discord.Interaction, candidates: str | None = None
    ) -> None:
        guild_id = guild_id_of(interaction)
        channel = await self._channel(guild_id)
        ballot = await self.service.start_ballot(guild_id, interaction.user.id, candidates)
        await interaction.response.defer(ephemeral=True, thinking=True)
        builds = [await self.builds.get(guild_id, build_id) for build_id in ballot.candidates]
        view = discord.ui.View(timeout=None)
        for build in builds:
            view.add_item(VoteButton(ballot.id, build.id, f"#{build.id} {build.title}"))
        view.stop()  # the dynamic items answer the clicks, also after a restart
        lines = [build_line(build) for build in builds]
        embed = discord.Embed(
            title="Build of the Month: vote!",
            description=join_within(lines, 3800)
            + "\n\nOne vote each; click another build to move yours. Counts show at the close.",
            colour=discord.Colour.gold(),
        )
        try:
            message = await channel.send(embed=embed, view=view)
        except discord.HTTPException:
            await self.service.discard_ballot(ballot)
            raise
        await self.service.ballot_posted(ballot, channel.id, message.id)
        await respond(interaction, f"The ballot is open: {message.jump_url}")

    @vote.command(name="close", description="Close the ballot and announce the winner")
    @moderator_only("run Build of the Month")
    async def vote_close(self, interaction: discord.Interaction) -> None:
        guild_id = guild_id_of(interaction)
        tally = await self.service.close_ballot(guild_id)
        await interaction.response.defer(ephemeral=True, thinking=True)
        result = await self._result(guild_id, tally)
        ballot = tally.ballot
        if ballot.channel_id is not None and ballot.message_id is not None:
            channel = self.bot.get_partial_messageable(ballot.channel_id, guild_id=guild_id)
            with contextlib.suppress(discord.NotFound):  # the ballot deleted by hand
                await channel.get_partial_message(ballot.message_id).edit(view=None)
            await channel.send(embed=result, allowed_mentions=discord.AllowedMentions.none())
        await respond(interaction, "The ballot is closed and the result posted.", embed=result)

    async def _result(self, guild_id: int, tally: Tally) -> discord.Embed:
        names = {b: (await self.builds.get(guild_id, b)).title for b, _ in tally.counts}
        lines = [f"#{b} {echo(names[b])}: {votes} votes" for b, votes in tally.counts]
        if not tally.winners:
            headline = "Nobody voted this time."
        elif len(tally.winners) == 1:
            winner = tally.winners[0]
            headline = f"The Build of the Month is **#{winner} {echo(names[winner])}**!"
        else:
            tied = " and ".join(f"**#{b} {echo(names[b])}**" for b in tally.winners)
            headline = f"It's a tie between {tied}!"
        return discord.Embed(
            title="Build of the Month",
            description=headline + "\n\n" + join_within(lines, 3500),
            colour=discord.Colour.gold(),
        )


async def setup(bot: KeitoraBot) -> None:
    bot.add_dynamic_items(VoteButton)
    await bot.add_cog(ShowcaseCog(bot))
    await bot.add_cog(ShowcaseModCog(bot))
