"""The discord.py side of the services' protocols: the outbox's `DiscordSender`, the mirror's
`DiscordEventsTab`, the announcements' `DiscordPublisher` and the forget's (and other edits')
`DiscordAuthoredPosts`; each turns what Discord refuses for good into `Refused` (a publish,
which is no send, into `GiveUp`) and what may pass into `TryAgain`."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import logging
import sys
import time
from collections.abc import Awaitable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import discord

from bot.alerts.taken_down import ShownMatch
from bot.builds import Build
from bot.builds.unsent import GIVEN_UP, LostPost
from bot.client.interactions import UNANSWERED, stateless_view
from bot.delivery import Button, Destination, DirectMessage, Outgoing, Refused, Sent
from bot.importers import PUBLISH_TIMEOUT, Announcement, PublishLater
from bot.jobs import GiveUp, Job, TryAgain
from bot.modqueue import unnamed_decision
from bot.privacy.posts import BuildThread, NamingPost, PostedMessage, QueuePost, ShowcasePost
from bot.reminders import OutdatedReminder
from bot.showcase.values import Recovered, UnpostedClaim

if TYPE_CHECKING:  # the bot module imports this one
    from bot.client.keitora import KeitoraBot

log = logging.getLogger(__name__)

UNKNOWN_CHANNEL, UNKNOWN_MESSAGE = 10003, 10008  # Discord's codes for what is gone
# Discord allows a bot 50 requests a second in all, and answers the rest 429. The outbox keeps
# to 40, leaving the rest to what members do meanwhile (card edits, the Events mirror).
OUTBOX_REQUESTS_PER_SECOND = 40
T = TypeVar("T")


class Pace:
    """Spreads calls evenly at `per_second`, however many callers wait at once.

    A reminder storm sent as fast as Discord answers meets a global 429 every second: discord.py
    waits each out, but Cloudflare bans an address for an hour after 10,000 refused requests in
    10 minutes, which a storm of 20,000 DMs could reach.
    """

    def __init__(self, per_second: float) -> None:
        self._interval = 1.0 / per_second
        self._next_free = 0.0  # time.monotonic() from which the next call may go

    async def wait(self, calls: int = 1) -> None:
        """Return when `calls` more calls keep to the pace."""
        now = time.monotonic()
        start = max(now, self._next_free)
        self._next_free = start + calls * self._interval
        if start > now:
            await asyncio.sleep(start - now)


class DiscordSender:
    """The outbox's Sender: turns an `Outgoing` into a discord.py send."""

    def __init__(self, bot: KeitoraBot) -> None:
        self._bot = bot
        self._pace = Pace(OUTBOX_REQUESTS_PER_SECOND)

    async def send(self, message: Outgoing, *, nonce: str) -> Sent:
        return await _refusing(self._send(message, nonce))

    async def _send(self, message: Outgoing, nonce: str) -> Sent:
        to = message.to
        if isinstance(to, DirectMessage) and to.channel_id is not None:
            await self._pace.wait()
            known = self._bot.get_partial_messageable(
                to.channel_id, type=discord.ChannelType.private
            )
            try:
                return await self._post(known, message, nonce)
            except discord.NotFound as error:
                if error.code != UNKNOWN_CHANNEL:
                    raise
                log.info("DM channel %s is gone; opening the member's again", to.channel_id)
        # A DM without a known channel is two requests: opening the channel, then the message.
        await self._pace.wait(2 if isinstance(to, DirectMessage) else 1)
        return await self._post(await self._target(to), message, nonce)

    async def _post(self, target: discord.abc.Messageable, message: Outgoing, nonce: str) -> Sent:
        # discord.py sends the nonce with enforce_nonce, so a retry is dropped
        sent = await target.send(**_message_fields(message), nonce=nonce)
        return Sent(sent.channel.id, sent.id)

    async def _target(self, destination: Destination) -> discord.abc.Messageable:
        if isinstance(destination, DirectMessage):
            # Opened through the API, not `create_dm`: that answers from discord.py's memory,
            # which still holds a channel Discord no longer knows. The channel is all a send
            # needs: fetching the user first cost every DM a third request.
            opened = await self._bot.http.start_private_message(destination.user_id)
            return self._bot.get_partial_messageable(
                int(opened["id"]), type=discord.ChannelType.private
            )
        channel: Any = self._bot.get_channel(destination.id)
        if channel is None:
            channel = await self._bot.fetch_channel(destination.id)
        if not isinstance(channel, discord.abc.Messageable):
            raise Refused(0, f"channel {destination.id} cannot take messages (a forum?)")
        if isinstance(channel, discord.Thread) and channel.archived:
            # Threads archive themselves after days without a message, and an archived thread
            # is read-only: reopen it first. Discord answers 403 when the thread is locked and
            # the bot may not manage threads, which `send` turns into a refusal.
            await channel.edit(archived=False)
        return channel


class DiscordEventsTab:
    """The mirror's EventsTab: a server's scheduled events through discord.py's HTTP client."""

    def __init__(self, bot: KeitoraBot) -> None:
        self._bot = bot

    async def create_event(self, guild_id: int, body: Mapping[str, Any]) -> int:
        created = await _refusing(self._bot.http.create_guild_scheduled_event(guild_id, **body))
        return int(created["id"])

    async def edit_event(self, guild_id: int, event_id: int, body: Mapping[str, Any]) -> None:
        await _refusing(self._bot.http.edit_scheduled_event(guild_id, event_id, **body))

    async def delete_event(self, guild_id: int, event_id: int) -> None:
        await _refusing(self._bot.http.delete_scheduled_event(guild_id, event_id))

    async def own_events(self, guild_id: int) -> dict[int, str]:
        events = await _refusing(self._bot.http.get_scheduled_events(guild_id, False))
        mine = str(self._bot.user.id) if self._bot.user else ""
        return {
            int(event["id"]): event.get("description") or ""
            for event in events
            if str(event.get("creator_id")) == mine
        }


class DiscordAuthoredPosts:
    """The forget's AuthoredPosts (and the queue's QueuePostEditor, the alerts' AlertDmEditor,
    the importer removal's CardEditor, the thread-name jobs' ThreadNamers and the reminders'
    MeetupMessages): build and meetup cards, showcase posts, ballots, queue posts, alert DMs,
    announcement cards, thread names and outdated reminder posts, each made by the cog's module
    that posted it (imported here, since the cogs import this module), so a job is done whether
    or not that cog is loaded."""

    def __init__(self, bot: KeitoraBot) -> None:
        self._bot = bot

    async def refresh_build_card(self, guild_id: int, build_id: int) -> None:
        from cogs._build_posts import BuildPosts  # the cogs import this module
        from cogs._setup_access import require_embed_links

        posts = BuildPosts(self._bot)
        build = await posts.service.get(guild_id, build_id)
        if build.channel_id is not None:
            with _when_embeds_shown():
                require_embed_links(self._bot, guild_id, build.channel_id)
        await _unless_refused(posts.refresh_card(build))

    async def forget_showcase_post(self, guild_id: int, post: ShowcasePost, *, kept: bool) -> None:
        from cogs._showcase_posts import ShowcasePosts

        with _when_embeds_shown():
            posts = ShowcasePosts(self._bot)
            await _unless_refused(posts.after_forget(guild_id, post, kept=kept))

    async def refresh_meetup_card(self, guild_id: int, meetup_id: int) -> None:
        from cogs.meetups_views import MEETUP_COG, CardRefresher

        cards: CardRefresher | None = self._bot.get_cog(MEETUP_COG)  # type: ignore[assignment]
        if cards is None:
            raise TryAgain("the meetups cog is not loaded")
        with _when_embeds_shown():
            await _unless_refused(cards.edit_card(guild_id, meetup_id))

    async def outdate_reminder_post(self, guild_id: int, post: OutdatedReminder) -> None:
        from cogs.meetups_views import outdated_reminder_text

        channel = self._bot.get_partial_messageable(post.channel_id, guild_id=guild_id)
        message = channel.get_partial_message(post.message_id)
        # Its mentions stay as they were, pinging nobody again.
        edit = message.edit(
            content=outdated_reminder_text(post), allowed_mentions=discord.AllowedMentions.none()
        )
        await _unless_refused(edit)

    async def refresh_ballot(self, guild_id: int, ballot_id: int) -> None:
        from cogs.showcase import refresh_ballot

        with _when_embeds_shown():
            await _unless_refused(refresh_ballot(self._bot, guild_id, ballot_id))

    async def refresh_queue_post(self, guild_id: int, post: QueuePost) -> None:
        services = self._bot.services

        async def card() -> Outgoing | None:
            return await services.modqueue.card_of(
                services.renderers.queue_card, guild_id, post.kind, post.ref_id, post.channel_id
            )

        current = await card()
        channel = self._bot.get_partial_messageable(post.channel_id, guild_id=guild_id)
        message = channel.get_partial_message(post.message_id)
        if current is None:
            # Decided: the post says how, as recorded, without buttons, and shows its item's
            # card as kept for this edit, without a hold (nothing is read back from Discord),
            # which then goes; nothing when that is not known, or when the item was withdrawn
            # (its post goes).
            queue = services.modqueue
            decided = await queue.decided_post(guild_id, post.kind, post.ref_id)
            if decided is not None:
                embeds = [discord.Embed.from_dict(dict(embed)) for embed in decided.embeds]
                shown = {"embeds": embeds} if embeds else {}
                await _unless_refused(message.edit(content=decided.words, view=None, **shown))
                await queue.decision_sent(guild_id, post.kind, post.ref_id, decided.words)
            return
        # A queue post's content is a decision's outcome, which a moderator's click may write
        # while this edit is on its way: the edit leaves it be.
        fields = {
            name: value for name, value in _message_fields(current).items() if name != "content"
        }
        await _unless_refused(message.edit(**fields))
        if await card() is None:
            # Decided meanwhile: this edit may have landed after the decision's and brought
            # the buttons back.
            await _unless_refused(message.edit(view=None))

    async def delete_message(self, guild_id: int, message: PostedMessage) -> None:
        channel = self._bot.get_partial_messageable(message.channel_id, guild_id=guild_id)
        await _unless_refused(channel.get_partial_message(message.message_id).delete())

    async def delete_build_thread(self, guild_id: int, thread: BuildThread) -> None:
        gone = True  # the thread, with every message in it
        try:
            if thread.thread_stands:
                await _refusing(
                    self._bot.http.delete_channel(thread.thread_id, reason=thread.reason)
                )
        except Refused as refusal:
            if refusal.code != UNKNOWN_CHANNEL:
                # Without Manage Threads, Keitora's own messages go one by one; the thread is
                # reopened first (as its creator, Keitora may), since an archived one is
                # read-only.
                log.warning("could not delete a build's thread (%s): %s", thread.reason, refusal)
                gone = False
                await _unless_refused(self._bot.http.edit_channel(thread.thread_id, archived=False))
                for message_id in thread.update_ids:
                    await self.delete_message(guild_id, PostedMessage(thread.thread_id, message_id))
        if thread.starter_id is None:
            return
        # A forum post's card is the thread's first message; a text channel's card is a
        # message of the channel, which stays when its thread goes.
        if not isinstance(self._bot.get_channel(thread.channel_id), discord.ForumChannel):
            await self.delete_message(guild_id, PostedMessage(thread.channel_id, thread.starter_id))
        elif not gone:
            await self.delete_message(guild_id, PostedMessage(thread.thread_id, thread.starter_id))

    async def delete_sent_with_nonce(
        self, guild_id: int, channel_id: int, nonce: str, stand_in: str
    ) -> None:
        channel = self._bot.get_partial_messageable(channel_id, guild_id=guild_id)
        try:
            with _unanswered_later():
                sent = await _refusing(
                    channel.send(
                        stand_in, nonce=nonce, allowed_mentions=discord.AllowedMentions.none()
                    )
                )
        except Refused as refusal:
            # A channel deleted took the card with it; one Keitora may no longer post in keeps
            # what Discord took, for a moderator to delete.
            if refusal.code != UNKNOWN_CHANNEL:
                log.warning("could not look for the card of nonce %s: %s", nonce, refusal)
            return
        with _unanswered_later():
            await _unless_refused(sent.delete())

    async def delete_lost_post(self, guild_id: int, post: LostPost) -> bool:
        from cogs._build_threads import lost_post

        try:
            with _unanswered_later():
                found = await _refusing(lost_post(self._bot, guild_id, post))
        except Refused as refusal:
            log.warning("could not look for a lost build post: %s", refusal)
            return False
        if found is None:
            return False
        with _unanswered_later():
            await self.delete_build_thread(
                guild_id, BuildThread(post.forum_id, found, found, (), GIVEN_UP)
            )
        return True

    async def refresh_build_updates(self, guild_id: int, update_ids: Sequence[int]) -> None:
        from cogs._build_posts import BuildPosts

        with _when_embeds_shown():
            await _unless_refused(BuildPosts(self._bot).refresh_updates(guild_id, update_ids))

    async def take_importer_role(self, guild_id: int, member_id: int) -> None:
        from cogs._importer_posts import change_importer_role

        # What Discord refused for good is logged there; the moderators can take it by hand.
        said = await _refusing(change_importer_role(self._bot, guild_id, member_id, add=False))
        log.info("the importer role of a forgotten member in %s: %s", guild_id, said)

    async def unname_moderator(self, guild_id: int, post: NamingPost) -> None:
        channel = self._bot.get_partial_messageable(post.channel_id, guild_id=guild_id)
        try:
            # The words are Discord's copy only: read them, and edit them where they name
            # the member as the moderator who decided.
            message = await _refusing(channel.fetch_message(post.message_id))
        except Refused as refusal:
            if refusal.code not in (UNKNOWN_CHANNEL, UNKNOWN_MESSAGE):
                log.warning("could not read one of Keitora's queue posts: %s", refusal)
            return
        unnamed = unnamed_decision(message.content, post.member_id)
        if unnamed is not None:
            await _unless_refused(message.edit(content=unnamed))

    async def edit_alert_dm(
        self, channel_id: int, message_id: int, member_id: int, matches: Sequence[ShownMatch]
    ) -> None:
        """The alerts' AlertDmEditor: the DM edited in place, as its cog words it now. A DM
        the member blocked the bot for (50007), or that is gone, is `Refused`."""
        from cogs.importers_views import alert_dm_as_now

        shown = alert_dm_as_now(matches, member_id)
        channel = self._bot.get_partial_messageable(channel_id, type=discord.ChannelType.private)
        await _refusing(
            channel.get_partial_message(message_id).edit(
                content=shown.content,
                embeds=[discord.Embed.from_dict(dict(embed)) for embed in shown.embeds],
                allowed_mentions=discord.AllowedMentions.none(),
            )
        )

    async def name_build_thread(self, job: Job) -> Outgoing | None:
        from cogs._build_names import ThreadNames
        from cogs._build_posts import BuildPosts

        return await ThreadNames(self._bot, BuildPosts(self._bot)).handle(job)

    async def recover_feature(self, build: Build, claim: UnpostedClaim) -> Recovered:
        """The showcase's FeatureRecovery: a stale claim's post looked for in its channel."""
        from cogs._showcase_posts import ShowcasePosts

        return await ShowcasePosts(self._bot).recover(build, claim)

    async def name_meetup_thread(self, job: Job) -> Outgoing | None:
        from cogs._meetup_posts import MeetupThreadNames

        return await MeetupThreadNames(self._bot).handle(job)

    async def edit_card(self, channel_id: int, message_id: int, announcement: Announcement) -> None:
        """The importer removal's CardEditor: an announcement's card in its channel shown as
        it reads now; an embed alone, so it waits for Embed Links where Keitora lost it."""
        from cogs._setup_access import require_embed_links
        from cogs.importers_views import announcement_embed

        with _when_embeds_shown():
            require_embed_links(self._bot, announcement.guild_id, channel_id)
        channel = self._bot.get_partial_messageable(channel_id, guild_id=announcement.guild_id)
        await _refusing(
            channel.get_partial_message(message_id).edit(
                embeds=[announcement_embed(announcement)],
                allowed_mentions=discord.AllowedMentions.none(),
            )
        )


@contextlib.contextmanager
def _when_embeds_shown() -> Iterator[None]:
    """A card Keitora may not show embeds for now (Embed Links taken since it was posted) is
    changed once the permission is back, not left showing what a forget took away."""
    from cogs._setup_access import EmbedsNotShown

    try:
        yield
    except EmbedsNotShown as lacking:
        raise TryAgain(str(lacking)) from None


@contextlib.contextmanager
def _unanswered_later() -> Iterator[None]:
    """A call Discord did not answer (a timeout, a dropped connection) is tried again later."""
    try:
        yield
    except UNANSWERED as lost:
        raise TryAgain(f"no answer from Discord: {lost!r}") from None


async def _unless_refused(call: Awaitable[object]) -> None:
    """Make a change that Discord may refuse for good: a message or channel gone meanwhile is
    fine, another refusal is logged; a 429 or 5xx is `TryAgain`."""
    try:
        await _refusing(call)
    except Refused as refusal:
        if refusal.code not in (UNKNOWN_CHANNEL, UNKNOWN_MESSAGE):
            log.warning("could not change one of Keitora's messages: %s", refusal)


async def _refusing(call: Awaitable[T]) -> T:
    """`call`'s answer; a 4xx other than 429 is a `Refused`, since Discord answers the same
    request the same way every time, and a 429 or 5xx that outlasted discord.py's own retries
    is `TryAgain`."""
    try:
        return await call
    except discord.HTTPException as error:
        if error.status == 429 or error.status >= 500:
            raise TryAgain(f"Discord answered {error.status}: {error.text or error}") from None
        if 400 <= error.status < 500:
            raise Refused(error.code, error.text or str(error)) from None
        raise


def answering_429s_at_once(http: discord.http.HTTPClient) -> discord.http.HTTPClient:
    """The bot's HTTP client (its session, login and global limit), but raising
    `discord.RateLimited` on a 429 instead of sleeping it out. Its own buckets: one of the bot's
    buckets made by it would make the bot's other calls raise too."""
    impatient = copy.copy(http)
    impatient.max_ratelimit_timeout = sys.float_info.min
    impatient._buckets = {}
    return impatient


class DiscordPublisher:
    """The announcements' Publisher: crossposts a message from an announcement channel."""

    def __init__(self, bot: KeitoraBot) -> None:
        self._bot = bot

    async def publish(self, channel_id: int, message_id: int) -> bool:
        channel: Any = self._bot.get_channel(channel_id)
        if channel is None:
            channel = await self._bot.fetch_channel(channel_id)
        if not (isinstance(channel, discord.TextChannel) and channel.is_news()):
            return False
        try:
            # discord.py would sit out a 429 itself, up to the hour a spent channel budget
            # asks: this client raises it instead, for the job to wait out through the queue.
            # What else holds a publish this long (Discord failing, the bot's global limit) is
            # put back too, so the job runner is not held.
            async with asyncio.timeout(PUBLISH_TIMEOUT):
                impatient = answering_429s_at_once(self._bot.http)
                await impatient.publish_message(channel_id, message_id)
        except TimeoutError:
            raise PublishLater(PUBLISH_RETRY) from None
        except discord.RateLimited as limited:
            raise PublishLater(limited.retry_after) from None
        except discord.HTTPException as error:
            if error.code == ALREADY_PUBLISHED:
                return True  # an earlier try published it and died before recording that
            if 400 <= error.status < 500:
                # Lost View Channel or Send Messages since posting, or the post is gone: no
                # retry publishes it, and the post itself stands.
                raise GiveUp(f"Discord refused to publish: {error.text or error}") from None
            raise
        return True


ALREADY_PUBLISHED = 40033
PUBLISH_RETRY = 600.0  # seconds before a publish that Discord kept waiting is tried again


def _message_fields(message: Outgoing) -> dict[str, Any]:
    """An outgoing message as discord.py's send and edit take it."""
    return {
        "content": message.content or None,
        "embeds": [discord.Embed.from_dict(dict(embed)) for embed in message.embeds],
        "view": button_view(message.buttons),
        "allowed_mentions": discord.AllowedMentions(
            everyone=False,
            roles=False,
            users=[discord.Object(id=user_id) for user_id in message.mention_user_ids],
            replied_user=False,
        ),
    }


def button_view(buttons: Sequence[Button]) -> discord.ui.View | Any:
    """An outgoing message's buttons, which the dynamic items registered at start-up answer."""
    if not buttons:
        return discord.utils.MISSING
    return stateless_view(
        discord.ui.Button(
            label=button.label, custom_id=button.custom_id, style=discord.ButtonStyle.secondary
        )
        for button in buttons
    )
