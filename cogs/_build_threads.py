"""A build's card or thread whose start Discord did not answer (a 5xx, a timeout, a dropped
connection) may have been posted all the same, and a retry of a thread Discord took is refused
as started already: a card is sent again with its nonce, and a thread is looked for before the
build is given up, so a build is started on the thread it has, and one given up leaves no card
the bot could find, nor a thread when Discord could not say whether it started one. A forum
post discord.py asked for twice (it asks again on a 500, 502 or 504, which Discord may send
for a post it started) keeps one."""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

import discord

from bot.builds import Build
from bot.builds.unsent import LostPost
from bot.client import UNANSWERED, KeitoraBot
from bot.privacy.posts import PostedMessage

log = logging.getLogger(__name__)

# How long a forum post Discord did not answer for is waited for: Discord tells the bot of a
# thread started (THREAD_CREATE) as it starts it; one not told of by then is looked for in the
# server's active threads, as a gateway may be late.
FORUM_POST_TOLD_WITHIN = 2.0
# The waits before each send again of a card Discord did not answer, as discord.py spaces its
# own retries: well within the few minutes Discord answers a nonce with the message it took.
CARD_RESENDS = (1.0, 3.0, 5.0)
# How far the bot's clock may be from Discord's, which dates what it starts.
CLOCKS_APART = timedelta(minutes=1)


async def card_sent(
    bot: KeitoraBot, channel: discord.TextChannel, card: discord.Embed, build_id: int
) -> discord.Message:
    """A build's card, posted in a text channel. A send Discord left unanswered may have posted
    it: it is sent again with the same nonce, which Discord answers, for a few minutes, with
    the card it took, if it took one; so there is never a second card, and a card Discord took
    is known by the answer to a later send, within CARD_RESENDS, or else found by a job, which
    deletes it, as the build is given up."""
    nonce, sent_at = f"build-{build_id}", bot.clock.now()

    async def send() -> discord.Message:
        return await channel.send(
            embed=card, allowed_mentions=discord.AllowedMentions.none(), nonce=nonce
        )

    for wait in CARD_RESENDS:
        try:
            return await send()
        except UNANSWERED as error:
            log.info("no answer for build #%s's card (%r): sent again", build_id, error)
            await asyncio.sleep(wait)
    try:
        return await send()
    except UNANSWERED as error:
        log.warning("no answer for build #%s's card, nonce %s: %r", build_id, nonce, error)
        await bot.services.builds.unsent.card_lost(
            channel.guild.id, channel.id, build_id, nonce, sent_at
        )
        raise


class NoTelling(enum.Enum):
    """Discord could not say whether something is there."""

    NO_TELLING = "no telling"


NO_TELLING = NoTelling.NO_TELLING


async def thread_started(
    bot: KeitoraBot, build: Build, card: discord.Message, failed: BaseException
) -> discord.Thread:
    """The thread of `build` started on `card`, whose start Discord refused or did not
    answer (`failed`): one started all the same (unanswered, or a retry refused as started
    already) is the build's. Else `failed` is raised, the card on its way out: deleted now when
    Discord says there is no thread; when it could not say, a job deletes the thread, if there
    is one, and then the card, since a card deleted first leaves its thread standing, empty,
    named after the build."""
    started = await thread_on(bot, card)
    if isinstance(started, discord.Thread):
        log.warning("build #%s's thread was started, though: %r", build.id, failed)
        return started
    posted = PostedMessage(card.channel.id, card.id)
    if started is NO_TELLING:
        await bot.services.builds.unsent.delete_card_later(build.guild_id, posted, thread=True)
    elif not await unsent(card):
        await bot.services.builds.unsent.delete_card_later(build.guild_id, posted)
    raise failed


async def thread_on(bot: KeitoraBot, card: discord.Message) -> discord.Thread | NoTelling | None:
    """The thread started on `card`, which Discord gives the card's own id; None when Discord
    says there is none, NO_TELLING when it could not say (logged)."""
    try:
        found = await bot.fetch_channel(card.id)
    except discord.NotFound:
        return None
    except (discord.HTTPException, *UNANSWERED) as unknown:
        log.warning("no telling whether the thread of card %s was started: %r", card.id, unknown)
        return NO_TELLING
    return found if isinstance(found, discord.Thread) else None


class Asked(NamedTuple):
    """When the bot asked for a forum post, and the forum's posts it knew of then (none of
    them the one asked for), with those looked at since."""

    at: datetime
    known: set[int]

    @classmethod
    def now(cls, forum: discord.ForumChannel) -> Asked:
        return cls(discord.utils.utcnow(), {t.id for t in forum.threads})


async def forum_post_for(
    bot: KeitoraBot, forum: discord.ForumChannel, name: str, card: discord.Embed, asked: Asked
) -> discord.Thread | None:
    """The post named `name` the bot started in `forum` with `card` (its title names the
    build, whose number is never given out again), as `asked`, as Discord told of it within
    FORUM_POST_TOLD_WITHIN, or, that told of none, as it lists the server's active threads
    (its gateway may be late); None when neither shows one."""
    ours = _ours(bot, forum, name, asked)
    since = discord.utils.time_snowflake(asked.at - CLOCKS_APART)
    deadline = asyncio.get_running_loop().time() + FORUM_POST_TOLD_WITHIN
    while True:
        for thread in [t for t in forum.threads if ours(t)]:
            asked.known.add(thread.id)
            if await _carries(thread, card.title, since):
                return thread
        left = deadline - asyncio.get_running_loop().time()
        if left <= 0:
            break
        # The cache is looked at again after, whatever came while a post was looked at.
        with contextlib.suppress(TimeoutError):
            await bot.wait_for("thread_create", check=ours, timeout=left)
    try:
        listed = await forum.guild.active_threads()
    except (discord.HTTPException, *UNANSWERED) as unknown:
        log.warning("no telling whether a post %r was started in %s: %r", name, forum.id, unknown)
        return None
    for thread in filter(ours, listed):
        if await _carries(thread, card.title, since):
            return thread
    return None


async def drop_twins(
    bot: KeitoraBot,
    forum: discord.ForumChannel,
    post: discord.Thread,
    card: discord.Embed,
    asked: Asked,
) -> None:
    """Delete the posts of `card` other than `post`: discord.py asks again, without a nonce,
    for a post Discord answered with a 500, 502 or 504, which it may have started all the
    same; Discord told of it (THREAD_CREATE) as it started it, before its answer. Where the
    bot may not manage threads, Discord keeps the post, and its card goes; a deletion Discord
    did not make (a 5xx, no answer) is made by a job."""
    ours = _ours(bot, forum, post.name, asked)
    for twin in [t for t in forum.threads if t.id != post.id and ours(t)]:
        if not await _carries(twin, card.title, since=None):  # another build's, for all it can tell
            continue
        log.warning("a second post %s of the build in post %s is deleted", twin.id, post.id)
        try:
            await twin.delete()
        except discord.Forbidden as refused:
            # Discord deletes a thread only for those who may manage threads; the post's card,
            # its first message (which shares its id), is the bot's own to delete.
            log.warning("the second post %s stays, its card goes: %r", twin.id, refused)
            if not await unsent(twin.get_partial_message(twin.id)):
                posted = PostedMessage(twin.id, twin.id)
                await bot.services.builds.unsent.delete_card_later(forum.guild.id, posted)
        except (discord.HTTPException, *UNANSWERED) as refused:
            log.warning("the second post %s is deleted later: %r", twin.id, refused)
            posted = PostedMessage(forum.id, twin.id)
            await bot.services.builds.unsent.delete_card_later(forum.guild.id, posted, thread=True)


async def lost_post(bot: KeitoraBot, guild_id: int, post: LostPost) -> int | None:
    """The id of `post`, the post of a build given up, as the server's active threads show
    it: the bot's, in its forum, of its name, started since it was asked for, carrying its
    card, and no build's thread (a build started again under the name has its own)."""
    forum = bot.get_channel(post.forum_id)
    if not isinstance(forum, discord.ForumChannel):
        return None  # deleted, with its posts
    asked = Asked(datetime.fromtimestamp(post.asked_at, UTC), set())
    since = discord.utils.time_snowflake(asked.at - CLOCKS_APART)
    ours = _ours(bot, forum, post.name, asked)
    for thread in await forum.guild.active_threads():
        if (
            ours(thread)
            and thread.id >= since
            and await bot.services.builds.in_thread(guild_id, thread.id) is None
            and await _carries(thread, post.card_title, since)
        ):
            return thread.id
    return None


def _ours(
    bot: KeitoraBot, forum: discord.ForumChannel, name: str, asked: Asked
) -> Callable[[discord.Thread], bool]:
    """Whether a thread may be the post asked for: the bot's, in `forum`, named `name`, not
    one known before the ask (nor looked at since)."""
    me = bot.user.id if bot.user else None

    def ours(thread: discord.Thread) -> bool:
        return (
            thread.parent_id == forum.id
            and thread.owner_id == me
            and thread.name == name
            and thread.id not in asked.known
        )

    return ours


async def _carries(thread: discord.Thread, title: str | None, since: int | None) -> bool:
    """Whether the post's first message, which shares its id, is the card titled `title`.
    Without Read Message History Discord refuses to read it (the bot, which asks for no message
    events, has no copy): a post of the bot's, of the name, new since the ask (`since`, a
    snowflake) is taken to be it; without `since`, none is."""
    me = thread.guild.me
    if thread.starter_message is None and not (
        me is not None and thread.permissions_for(me).read_message_history
    ):
        return since is not None and thread.id >= since
    try:
        first = thread.starter_message or await thread.fetch_message(thread.id)
    except (discord.HTTPException, *UNANSWERED) as unknown:
        log.warning("no telling whether post %s is a build's card: %r", thread.id, unknown)
        return False
    return any(embed.title == title for embed in first.embeds)


async def unsent(card: discord.Message | discord.PartialMessage) -> bool:
    """Delete the card of a build that was not started; False when Discord did not (a 5xx, a
    429 outlasting discord.py's waits, the network, a refusal), for a job to delete: it asks
    again while Discord may yet take it, and logs a refusal for a moderator."""
    try:
        await card.delete()
    except discord.NotFound:
        pass  # a moderator was quicker
    except (discord.HTTPException, *UNANSWERED) as refused:
        log.warning("the card %s of a build not started is deleted later: %r", card.id, refused)
        return False
    return True
