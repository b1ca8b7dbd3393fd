"""The showcase channel's posts: one per featured build, pinned within Discord's 50-pin limit,
with the Featured tag on the build's forum post. Shared by `/showcase-mod feature` and the
moderation queue's approval of a nomination, so both feature a build the same way."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime, timedelta
from typing import TypeVar

import discord

from bot.builds import Build, BuildService, Totals, dollars_text
from bot.client import UNANSWERED, KeitoraBot
from bot.errors import UserError
from bot.limits import EMBED_TITLE, fit, join_within
from bot.links import message_link
from bot.privacy.posts import ShowcasePost
from bot.showcase import FeaturedNews, ShowcaseService
from bot.showcase.service import UNPOSTED_CLAIM_GIVEN_BACK
from bot.showcase.values import Feature, Recovered, UnpostedClaim
from cogs._build_posts import FEATURED_TAG, BuildPosts
from cogs._setup_access import (
    PINNING_BEFORE,
    EmbedsNotShown,
    require_embed_links,
    split_from,
)
from cogs._text import echo, member_mention, quoted
from cogs.builds_views import SPEC_LABELS, spec_value

log = logging.getLogger(__name__)
T = TypeVar("T")

MAX_PINS = 50  # Discord's limit of pinned messages per channel
# A claim is kept by the bot's clock and its post stamped by Discord's; looking back from a
# little before the claim allows for the two being apart.
CLOCKS_APART = timedelta(minutes=1)
# The post follows its claim within the moderator's 15 minutes, so among the channel's first
# messages after it (an ordinary showcase channel sees a few a day).
LOOKED_THROUGH = 100
TOO_MANY_PINS = 30003  # Discord's error code at that limit
NO_CHANNEL = (
    "This server has no showcase channel yet. A server admin can choose one with "
    "`/setup channel kind:showcase`."
)
# A refused post of the showcase's: `{nothing}` says what did not happen ("Nothing was featured").
NOT_POSTABLE = (
    "I may not post in <#{channel}>: I need to send messages and embed links there. {nothing}; "
    "a server admin can fix that, then try again."
)


def unconfirmed(what: str, channel_id: int, if_shown: str, if_not: str) -> str:
    """What a moderator is told of a post of the showcase's (a ballot, a feature) whose send
    Discord did not answer: it may be out or not, its claim is kept until the channel can tell,
    and what each case means (`if_shown`, `if_not`)."""
    return (
        f"Discord did not confirm {what} in <#{channel_id}>. If it shows there, {if_shown}; "
        f"if not, {if_not}, once I can be sure it was not posted."
    )


async def sent_or_unanswered(
    sending: Awaitable[discord.Message], channel_id: int, *, what: str, nothing: str
) -> discord.Message | None:
    """`what` (a ballot, a feature's post) as Discord took it in the channel, or None when
    Discord did not answer, so it may be out or not (`unconfirmed` says so). A refusal is the
    moderator's to hear: `nothing` says what did not happen ("Nothing was featured")."""
    try:
        return await sending
    except discord.Forbidden:
        raise UserError(NOT_POSTABLE.format(channel=channel_id, nothing=nothing)) from None
    except UNANSWERED as error:
        log.warning("Discord did not answer for %s: %r", what, error)
        return None


def feature_embed(build: Build, totals: Totals, note: str | None) -> discord.Embed:
    """The showcase post: the build's first photo, truck, spec, tags, totals and thread."""
    embed = discord.Embed(
        title=fit(feature_mark(build.id) + echo(build.title), EMBED_TITLE),
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
    if build.has_thread:
        embed.add_field(name="Build log", value=f"<#{build.thread_id}>", inline=False)
    if totals.first_photo_url:
        embed.set_image(url=totals.first_photo_url)
    return embed


def _refused(error: BaseException) -> bool:
    """Whether Discord answered a request with a refusal (a 4xx), or the bot refused first:
    either way nothing of it was posted."""
    if isinstance(error, UserError):
        return True
    return isinstance(error, discord.HTTPException) and 400 <= error.status < 500


@contextlib.asynccontextmanager
async def kept_unless_refused(
    give_back: Callable[[], Awaitable[None]],
    *,
    unanswered: Callable[[], Awaitable[None]] | None = None,
) -> AsyncIterator[None]:
    """Around sending what a claim (a feature's, a ballot's) stands for: should anything fail,
    the claim is given back (`give_back`) when Discord, or the bot first, refused it, since
    nothing was posted. A send whose answer never came (a timeout, a 5xx, the bot stopping) may
    have posted it: the claim is kept, to be looked for in the channel once no command can be
    sending it any more, or the post could go out twice (`unanswered` gives back what surely
    was never sent)."""
    try:
        yield
    except BaseException as error:
        if _refused(error):
            await give_back()
        elif unanswered is not None:
            await unanswered()
        raise


def feature_mark(build_id: int) -> str:
    """How a feature's title begins, whatever the build is named: the mark by which the bot
    knows its own post of the build again."""
    return f"★ #{build_id} · "


def message_aside(guild_id: int, channel_id: int | None, message_id: int | None) -> str:
    """` (https://discord.com/channels/…)` to follow a name to its message, once the message is
    posted; nothing before."""
    if channel_id is None or message_id is None:
        return ""
    return f" ({message_link(guild_id, channel_id, message_id)})"


def featured_notice(news: FeaturedNews) -> str:
    """The DM telling the build's owner, or a member who nominated it, of its feature."""
    link = message_link(news.guild_id, news.channel_id, news.message_id)
    where = f"is featured in the showcase of **{echo(news.server)}**: {link}"
    if news.nominated:
        return f"{quoted(news.title)}, which you nominated, {where}"
    return f"Your build {quoted(news.title)} {where}"


async def own_message(
    bot: KeitoraBot,
    channel_id: int,
    since: datetime,
    matches: Callable[[discord.Message], bool],
) -> discord.Message | Recovered:
    """The bot's first message that `matches` among the first in the channel since `since`:
    a message sent by a bot that stopped before recording it (a feature's post, a ballot).
    `Recovered.NOT_POSTED` when surely not there, `Recovered.UNCHECKED` when Discord could not
    be asked (not connected yet, no access): a nonce is remembered a few minutes only, so only
    the channel can tell."""
    if not bot.is_ready():  # at start-up: looked at again once connected
        return Recovered.UNCHECKED
    channel = bot.get_channel(channel_id)
    if channel is None:
        # Not known to the client: deleted, with its messages, or in a server Discord has not
        # made available yet, whose messages are there still.
        try:
            await bot.fetch_channel(channel_id)
        except discord.NotFound:
            return Recovered.NOT_POSTED
        except discord.HTTPException as error:
            log.warning("could not look for %s: %s", channel_id, error)
        return Recovered.UNCHECKED
    if not isinstance(channel, discord.TextChannel):
        return Recovered.NOT_POSTED  # no channel a feature or a ballot is posted in
    held = channel.permissions_for(channel.guild.me)
    if not (held.view_channel and held.read_message_history):
        # Discord would answer an empty page, as if nothing had been posted.
        log.warning("may not read %s to look for a message of mine", channel.id)
        return Recovered.UNCHECKED
    try:
        async for message in channel.history(
            limit=LOOKED_THROUGH, after=since - CLOCKS_APART, oldest_first=True
        ):
            if message.author == bot.user and matches(message):
                return message
    except discord.HTTPException as error:
        log.warning("could not look through %s: %s", channel.id, error)
        return Recovered.UNCHECKED
    return Recovered.NOT_POSTED


class ShowcasePosts:
    """Posts a claimed feature and keeps the build's tag and card in step with it."""

    def __init__(self, bot: KeitoraBot) -> None:
        self.bot = bot
        self.service: ShowcaseService = bot.services.showcase
        self.builds: BuildService = bot.services.builds
        self.build_posts = BuildPosts(bot)

    async def channel(self, guild_id: int) -> discord.TextChannel:
        config = await self.bot.services.setup.get(guild_id)
        channel = self.bot.get_channel(config.channels.get("showcase") or 0)
        if not isinstance(channel, discord.TextChannel):
            raise UserError(NO_CHANNEL)
        return channel

    async def claimed(
        self,
        build: Build,
        claiming: Awaitable[T],
        answering: Callable[[Awaitable[T]], Awaitable[T]],
    ) -> T:
        """`claiming`'s result (the feature's claim, or the approval that makes it), awaited by
        `answering` (`in_time`), which defers the interaction should the claim wait on Discord
        (a stale claim's post looked for). Should the deferral fail while the claim is still
        being made, the claim is given back as soon as it is made: the command ends there, and
        held until it went stale the claim would keep every other moderator from the build."""
        claim = asyncio.ensure_future(claiming)
        try:
            return await answering(claim)
        except BaseException:
            if not claim.done():
                await asyncio.wait({claim})
            if not claim.cancelled() and claim.exception() is None:
                await self.service.abandon_feature(build)
            raise

    def given_back_unless_posted(
        self, build: Build
    ) -> contextlib.AbstractAsyncContextManager[None]:
        """Around answering the moderator and posting a claimed feature: should anything fail
        before the post is kept (Discord expired the click or command unanswered, refused the
        post), the claim is given back, its nominations waiting again. A claim never posted is
        no feature, and would keep the build from ever being featured. One whose post was sent
        and not answered is kept for the look in the channel a stale claim gets, or the build
        could be posted twice (`kept_unless_refused`)."""
        return kept_unless_refused(
            lambda: self.service.abandon_feature(build),
            unanswered=lambda: self.service.give_back_unless_sent(build),
        )

    async def publish(
        self, build: Build, channel: discord.TextChannel, note: str | None, *, nominated: bool
    ) -> tuple[str, str]:
        """Post, pin and tag a feature claimed with `ShowcaseService.claim_feature` (inside
        `given_back_unless_posted`, since a feature nobody can see is no feature); returns
        what happened, which a queue card may show every moderator, and advice for the one who
        featured it (tags the bot may not add, a card it could not edit). A post Discord did
        not confirm keeps its claim, to be looked for; what happened then says what comes next,
        for the build and, when the claim answered them (`nominated`), its nominations."""
        totals = await self.builds.totals(build)
        claim = await self.service.posting(build, channel.id)
        try:
            # Discord answers a repeat of the create (discord.py retrying a request whose
            # answer the network lost) with the post it took, rather than posting it twice.
            sending = channel.send(
                embed=feature_embed(build, totals, note),
                allowed_mentions=discord.AllowedMentions.none(),
                nonce=claim.nonce,
            )
            message = await sent_or_unanswered(
                sending,
                channel.id,
                what=f"the feature of build {build.id}",
                nothing="Nothing was featured",
            )
            # Kept before anything else can fail: a claim whose post is out is a feature.
            recorded = message is not None and await self.service.feature_posted(
                build, channel.id, message.id
            )
        finally:
            self.service.done_posting(build)
        if message is None:
            # A queue post keeps this, read later: a time of day, not "in 15 minutes".
            after = discord.utils.format_dt(claim.claimed_at + UNPOSTED_CLAIM_GIVEN_BACK, "t")
            back = (
                ", or its nominations come back to the moderation queue within a day"
                if nominated
                else ""
            )
            told = unconfirmed(
                f"the showcase post of build #{build.id}",
                channel.id,
                f"build #{build.id} is featured, pinned and tagged once I find it",
                f"`/showcase-mod feature build:{build.id}` features it after {after}{back}",
            )
            return told, ""
        if not recorded:
            await self._unless_recorded(build, message)
        pin_note, advice = await self._pin_and_tag(build, channel, message)
        return f"Build #{build.id} is featured in {message.jump_url}.{pin_note}", advice

    async def _unless_recorded(self, build: Build, message: discord.Message) -> None:
        """A post whose claim was gone when it came to be recorded (unfeatured, or given back,
        while it was being sent) is taken down again, rather than left with no feature to point
        to it; one a look for the claim's post recorded meanwhile stays."""
        kept = await self.service.featured_post(build.guild_id, build.id)
        if kept is not None and kept.message_id == message.id:
            return
        with contextlib.suppress(discord.NotFound):
            await message.delete()
        raise UserError(
            f"Build #{build.id} was unfeatured while its post was being sent, so the post is "
            "taken down again. Feature it again if you still mean to."
        )

    async def recover(self, build: Build, claim: UnpostedClaim) -> Recovered:
        """Look for the post of a claim left unrecorded by a bot that stopped (the
        `FeatureRecovery` of `ShowcaseService`) among the first messages in its channel since
        the claim, found by its mark; found, it is recorded, pinned and tagged as `publish`
        would have. Discord's memory of a nonce is a few minutes, and the claim is looked at
        after 15, so only the channel can tell."""
        mark = feature_mark(claim.build_id)

        def marked(message: discord.Message) -> bool:
            titles = [embed.title or "" for embed in message.embeds]
            return bool(titles) and titles[0].startswith(mark)

        found = await own_message(self.bot, claim.channel_id, claim.claimed_at, marked)
        if isinstance(found, Recovered):
            return found
        channel = found.channel
        assert isinstance(channel, discord.TextChannel)
        if await self.service.feature_posted(build, channel.id, found.id):
            pin_note, advice = await self._pin_and_tag(build, channel, found)
            log.info(
                "feature of build %s found and recorded: %s%s%s",
                build.id,
                found.id,
                pin_note,
                advice,
            )
        return Recovered.POSTED

    async def _pin_and_tag(
        self, build: Build, channel: discord.TextChannel, message: discord.Message
    ) -> tuple[str, str]:
        """Pin a recorded feature's post (unless it is already) and tag its build; returns
        what the moderator is told of the pin, and the tag's advice."""
        pinned, pin_note = (True, "") if message.pinned else await self._pin(channel, message)
        if pinned:
            await self.service.set_pinned(build.id, True)
        return pin_note, await self.tag(build)

    async def _pin(
        self, channel: discord.TextChannel, message: discord.Message
    ) -> tuple[bool, str]:
        """Pin the post; at Discord's 50-pin limit, the oldest pinned feature makes room. The
        post is out already, so a pin Discord refuses leaves it featured, unpinned, and says so."""
        try:
            return await self._pin_making_room(channel, message)
        except discord.Forbidden:
            held = channel.permissions_for(channel.guild.me)
            return False, (
                f" I may not pin messages in {channel.mention} (Pin Messages), so it is not "
                f"pinned{split_from(held, PINNING_BEFORE)}; a server admin can grant Pin Messages "
                "to the Keitora role."
            )
        except discord.HTTPException as error:
            log.warning("could not pin feature %s in %s: %s", message.id, channel.id, error)
            return False, " Discord would not pin it just now; pin it by hand if you like."

    async def _pin_making_room(
        self, channel: discord.TextChannel, message: discord.Message
    ) -> tuple[bool, str]:
        try:
            await message.pin()
            return True, ""
        except discord.HTTPException as error:
            if error.code != TOO_MANY_PINS:
                raise
        # Oldest first; one deleted or unpinned by hand since frees no room, so try the next.
        for oldest in await self.service.pinned_features(channel.guild.id, channel.id):
            assert oldest.message_id is not None
            try:
                await channel.get_partial_message(oldest.message_id).unpin()
            except discord.NotFound:  # the post was deleted by hand, and its pin with it
                await self.service.set_pinned(oldest.build_id, False)
                continue
            await self.service.set_pinned(oldest.build_id, False)
            try:
                await message.pin()
            except discord.HTTPException as error:
                if error.code != TOO_MANY_PINS:
                    if await self._pinned_back(channel, oldest):
                        raise  # told as any refused pin is
                    log.warning("could not pin feature %s: %s", message.id, error)
                    return False, (
                        " Discord would not pin it just now, nor pin again the oldest feature "
                        f"(build #{oldest.build_id}), unpinned to make room; pin them by hand "
                        "if you like."
                    )
                continue
            unpinned = f" The oldest pinned feature (build #{oldest.build_id}) was unpinned"
            return True, f"{unpinned} to make room."
        return (
            False,
            f" The channel has {MAX_PINS} pins and none is a feature, so this one is not pinned.",
        )

    async def _pinned_back(self, channel: discord.TextChannel, feature: Feature) -> bool:
        """Whether the feature unpinned to make room for a post Discord then would not pin is
        pinned again: the room goes back to it, rather than both going unpinned, it unsaid."""
        assert feature.message_id is not None
        try:
            await channel.get_partial_message(feature.message_id).pin()
        except discord.HTTPException as error:
            log.warning("could not pin feature %s again: %s", feature.message_id, error)
            return False
        await self.service.set_pinned(feature.build_id, True)
        return True

    async def after_forget(self, guild_id: int, post: ShowcasePost, *, kept: bool) -> None:
        """The showcase post of a forgotten member's build: it shows a former member when the
        build was kept, and goes with the build when it was deleted. `EmbedsNotShown` where
        Keitora may no longer show embeds: the forget's edit waits for the permission."""
        channel = self.bot.get_partial_messageable(post.channel_id, guild_id=guild_id)
        message = channel.get_partial_message(post.message_id)
        if not kept:
            await message.delete()
            return
        await self._edit(await self.builds.get(guild_id, post.build_id))

    async def refresh(self, build: Build) -> str:
        """Edit the build's showcase post, if it is featured, to show the build as it now is
        (its first photo gone with a deleted update, its title renamed); left as it was where
        Keitora may no longer show embeds, as Discord refuses an edit of embeds alone (its next
        edit catches up), and a note says so."""
        try:
            await self._edit(build)
        except EmbedsNotShown as lacking:
            return lacking.note(f"The showcase post of build #{build.id}")
        return ""

    async def _edit(self, build: Build) -> None:
        feature = await self.service.featured_post(build.guild_id, build.id)
        if feature is None or feature.channel_id is None or feature.message_id is None:
            return
        require_embed_links(self.bot, build.guild_id, feature.channel_id)
        channel = self.bot.get_partial_messageable(feature.channel_id, guild_id=build.guild_id)
        embed = feature_embed(build, await self.builds.totals(build), feature.note)
        with contextlib.suppress(discord.NotFound):  # deleted by hand
            await channel.get_partial_message(feature.message_id).edit(embed=embed)

    async def tag(self, build: Build) -> str:
        """Give the build's forum post the Featured tag (or take it away) and refresh its card."""
        build = await self.builds.get(build.guild_id, build.id)
        forum = self.bot.get_channel(build.channel_id or 0)
        applied = None
        note = ""
        if isinstance(forum, discord.ForumChannel):
            extra = [FEATURED_TAG] if build.featured else []
            applied, note = await self.build_posts.forum_tags(forum, build, *extra)
        return (await self.build_posts.refresh_card(build, applied=applied)) + note
