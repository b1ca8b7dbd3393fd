"""Where builds live in Discord: the card in a forum post or on a text channel's message, its
thread, the forum's tags, and updates posted there (with the button that posts one held for its
lower odometer reading). Shared by the build and showcase cogs.

Threads archive themselves when idle and are read-only while archived, so the bot reopens one
only to post or edit, and archives it again when it was archived before.
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import discord

from bot.builds import TAGS, Build, BuildService, BuildUpdate
from bot.builds.unsent import LostPost
from bot.client import UNANSWERED, KeitoraBot
from bot.clock import unix
from bot.errors import NotFound, UserError
from bot.thread_names import thread_name
from cogs._build_locked import edit_refused, manages, waits_for_unlock
from cogs._build_threads import Asked, card_sent, drop_twins, forum_post_for, thread_started
from cogs._setup_access import (
    EmbedsNotShown,
    channel_deleted,
    channel_gone,
    require_embed_links,
)
from cogs._thread_names import ThreadNamer
from cogs.builds_views import photo_filename, render_card, render_update

log = logging.getLogger(__name__)

NO_CHANNEL = (
    "This server has no builds channel yet, so there is nowhere to start the build's thread. "
    "A server admin can choose a forum or text channel with `/setup channel kind:builds`."
)
NOT_POSTABLE = (
    "I cannot post in <#{channel}>: I need to see it, send messages, embed links, create "
    "threads and send messages in them there. A server admin can fix that, or choose another "
    "channel with `/setup channel kind:builds`."
)
# What posting an update in a build's thread takes, as discord.py's flag and as Discord's
# settings name it (a thread has its channel's permissions).
UPDATE_POSTING = (
    ("view_channel", "View Channel"),
    ("send_messages_in_threads", "Send Messages in Threads"),
    ("embed_links", "Embed Links"),
)
PHOTO_POSTING = (("attach_files", "Attach Files"),)
ARCHIVE_MINUTES = 10080  # idle build threads leave the channel's list after a week
MAX_FORUM_TAGS = 20
MAX_APPLIED_TAGS = 5
FEATURED_TAG = "Featured"


class BuildPosts:
    """Posts and edits what the database says about a build, where Discord keeps it."""

    def __init__(self, bot: KeitoraBot) -> None:
        self.bot = bot
        self.service: BuildService = bot.services.builds

    async def channel(self, guild_id: int) -> discord.ForumChannel | discord.TextChannel:
        config = await self.bot.services.setup.get(guild_id)
        channel_id = config.channels.get("builds")
        if channel_id is None:
            raise UserError(NO_CHANNEL)
        channel = self.bot.get_channel(channel_id)
        if channel is None and await channel_deleted(self.bot.get_guild(guild_id), channel_id):
            raise UserError(channel_gone("builds", "to start the build's thread"))
        if not isinstance(channel, discord.ForumChannel | discord.TextChannel):
            raise UserError(NOT_POSTABLE.format(channel=channel_id))
        me = channel.guild.me
        needed = discord.Permissions(
            view_channel=True, send_messages=True, embed_links=True, send_messages_in_threads=True
        )
        if isinstance(channel, discord.TextChannel):
            needed.create_public_threads = True
        if me is not None and not channel.permissions_for(me) >= needed:
            raise UserError(NOT_POSTABLE.format(channel=channel_id))
        return channel

    def require_update_postable(self, build: Build, *, photo: bool) -> None:
        """Refuse, before it is recorded, an update the bot could not post in the build's
        thread: recorded and then refused by Discord, a member trying again records it twice."""
        parent = self.bot.get_channel(build.channel_id or 0)
        if not isinstance(parent, discord.ForumChannel | discord.TextChannel):
            return  # a channel deleted since: the update is recorded, and said unposted
        me = parent.guild.me
        granted = parent.permissions_for(me) if me is not None else discord.Permissions.all()
        needed = UPDATE_POSTING + (PHOTO_POSTING if photo else ())
        if missing := [label for flag, label in needed if not getattr(granted, flag)]:
            raise UserError(
                f"I cannot post updates in the thread of build #{build.id}: I need "
                f"{', '.join(missing)} in <#{parent.id}>. Nothing was recorded; a server admin "
                "can allow that for the Keitora role."
            )

    async def post(self, build: Build, channel: discord.ForumChannel | discord.TextChannel) -> str:
        """Post the card and its thread; returns a note for the member (tags not created)."""
        card = render_card(build, await self.service.totals(build))
        name = thread_name(build.title)
        if isinstance(channel, discord.TextChannel):
            message = await card_sent(self.bot, channel, card, build.id)
            try:
                thread = await message.create_thread(
                    name=name, auto_archive_duration=ARCHIVE_MINUTES
                )
            except (discord.HTTPException, *UNANSWERED) as failed:
                # Not started, the build is discarded, and its card goes: it would name a
                # build nobody can find.
                thread = await thread_started(self.bot, build, message, failed)
            await self.recorded(build, channel.id, thread.id, message.id, in_forum=False)
            return ""
        applied, note = await self.forum_tags(channel, build)
        asked = Asked.now(channel)
        try:
            post = await channel.create_thread(
                name=name,
                embed=card,
                applied_tags=applied,
                auto_archive_duration=ARCHIVE_MINUTES,
                allowed_mentions=discord.AllowedMentions.none(),
            )
            thread_id = post.thread.id
            await drop_twins(self.bot, channel, post.thread, card, asked)
        except UNANSWERED as failed:
            found = await forum_post_for(self.bot, channel, name, card, asked)
            if found is None:
                # Discord may start it yet, or tell of it late: looked for again later.
                lost = LostPost(channel.id, name, card.title or "", unix(asked.at))
                await self.service.unsent.post_lost(build.guild_id, build.id, lost)
                raise
            log.warning("build #%s's post was started, though: %r", build.id, failed)
            thread_id = found.id
        # A forum post's card is its first message, which shares its id.
        await self.recorded(build, channel.id, thread_id, thread_id, in_forum=True)
        return note

    async def recorded(
        self, build: Build, channel_id: int, thread_id: int, card_id: int, *, in_forum: bool
    ) -> None:
        """Record the card and thread just posted; refused when the build was deleted while
        they were on their way, which deletes them too."""
        if not await self.service.set_post(
            build, channel_id, thread_id, card_id, in_forum=in_forum
        ):
            raise NotFound(
                f"Build #{build.id} was deleted while its thread was being started; the thread "
                "goes with it."
            )

    async def forum_tags(
        self, forum: discord.ForumChannel, build: Build, *extra: str
    ) -> tuple[list[discord.ForumTag], str]:
        """The forum tags matching the build's; missing ones are created when the bot may
        manage the forum, as many as Discord's MAX_FORUM_TAGS leave room for (the first
        wanted first); the rest are skipped and said once until the forum changes."""
        wanted = [*extra, *build.tags]  # extra (Featured) first, kept within five
        have = {tag.name.casefold(): tag for tag in forum.available_tags}
        missing = [name for name in wanted if name.casefold() not in have]
        may_manage = manages_forum(forum)
        if missing and may_manage:
            room = max(MAX_FORUM_TAGS - len(forum.available_tags), 0)
            adding, missing = missing[:room], missing[room:]
            if adding:
                new = [
                    discord.ForumTag(name=name, moderated=name == FEATURED_TAG) for name in adding
                ]
                edited = await forum.edit(available_tags=[*forum.available_tags, *new])
                forum = edited if isinstance(edited, discord.ForumChannel) else forum
                have = {tag.name.casefold(): tag for tag in forum.available_tags}
        note = ""
        if missing and await self.service.first_tag_refusal(forum.guild.id):
            why = (
                f"it holds the {MAX_FORUM_TAGS} tags Discord allows a forum"
                if may_manage
                else "I may not add tags (Manage Channels)"
            )
            them = "it" if len(missing) == 1 else "them"
            note = (
                f"\nThe forum has no tag for {', '.join(missing)}, and {why}, so the post goes "
                f"without {them}. I will say this again only once the forum changes."
            )
        applied = [have[name.casefold()] for name in wanted if name.casefold() in have]
        return applied[:MAX_APPLIED_TAGS], note

    async def thread_of(self, build: Build) -> discord.Thread | None:
        """The build's thread, or None (marked) when Discord deleted it."""
        if not build.has_thread:
            return None
        channel = self.bot.get_channel(build.thread_id)
        if channel is None:
            try:
                channel = await self.bot.fetch_channel(build.thread_id)
            except discord.NotFound:
                await self.service.thread_deleted(build.guild_id, build.thread_id)
                return None
        return channel if isinstance(channel, discord.Thread) else None

    async def refresh_card(
        self,
        build: Build,
        *,
        applied: list[discord.ForumTag] | None = None,
        thread: discord.Thread | None = None,
    ) -> str:
        """Edit the card to match the database; returns a note when the card is gone, or
        Discord will not let it be edited (yet). `thread` is the build's thread as just
        edited, when the cache may not show it yet."""
        build = await self.service.get(build.guild_id, build.id)
        if build.starter_id is None or build.channel_id is None:
            return ""
        if build.starter_deleted:
            return f"\nThe card of build #{build.id} was deleted, so it no longer shows changes."
        thread = thread or await self.thread_of(build)
        # A forum post's card is its thread's first message. In a text channel the thread was
        # started on the card, which shares its id but stays in the channel, edited there.
        parent = self.bot.get_channel(build.channel_id)
        in_thread = build.starter_id == build.thread_id and not isinstance(
            parent, discord.TextChannel
        )
        if in_thread and thread is None:
            return f"\nThe thread of build #{build.id} was deleted in Discord."
        try:
            require_embed_links(self.bot, build.guild_id, build.channel_id)
        except EmbedsNotShown as lacking:
            return lacking.note(f"The card of build #{build.id}")
        if in_thread and thread is not None and thread.locked and not manages(thread):
            # Discord refuses edits in a locked thread but to those who may manage threads;
            # the unlock brings the card up to date (cogs/builds_events.py).
            return waits_for_unlock(thread)
        card = render_card(build, await self.service.totals(build))
        was_archived = thread is not None and thread.archived
        reopened = False
        try:
            if thread is not None and in_thread and (was_archived or applied is not None):
                # An archived thread is read-only, its starter message included.
                if applied is None and await self._renamed_reopening(build, thread):
                    reopened = True
                else:
                    changes: dict[str, Any] = {"archived": False}
                    if applied is not None:
                        changes["applied_tags"] = applied
                    thread = await thread.edit(**changes)
            where = (
                thread
                if in_thread and thread is not None
                else self.bot.get_partial_messageable(build.channel_id, guild_id=build.guild_id)
            )
            await where.get_partial_message(build.starter_id).edit(  # type: ignore[union-attr]
                embed=card, allowed_mentions=discord.AllowedMentions.none()
            )
        except discord.NotFound:
            await self.service.starter_deleted(build)
            return f"\nThe card of build #{build.id} was deleted, so it no longer shows changes."
        except discord.Forbidden as refused:
            return await edit_refused(self.bot, build.id, thread if in_thread else None, refused)
        finally:
            if (
                was_archived
                and thread is not None
                and in_thread
                and (reopened or not thread.archived)
            ):
                await thread.edit(archived=True)  # idle builds stay out of the way
        return ""

    async def _renamed_reopening(self, build: Build, thread: discord.Thread) -> bool:
        """Whether the archived thread was reopened by the rename it waits for (a renamed
        build's), made now: Discord changes an archived thread only along with reopening it,
        so one PATCH does both, rather than a reopening now and another with the rename."""
        wanted = thread_name(build.title)
        if thread.name == wanted:
            return False

        async def as_read() -> discord.Thread:
            return thread

        naming = await ThreadNamer(self.bot).name(
            thread.id, as_read, wanted, what=f"build {build.id}", leave_open=True
        )
        return naming.retry_at(self.bot.clock.now()) is None and not naming.gone

    async def publish_update(self, build: Build, update: BuildUpdate) -> str:
        """Post a recorded update in the build's thread, then bring the card up to date."""
        thread = await self.thread_of(build)
        # A build the bot locked takes no updates, so a locked thread here was locked in
        # Discord by a moderator: the bot, which may post there, does not post past them.
        if thread is None or thread.locked:
            note = await self.refresh_card(build)
            why = (
                "its thread is gone"
                if thread is None
                else f"a moderator locked {thread.mention} in Discord"
            )
            unposted = f"Update recorded on build #{build.id}; {why}, so it is not posted"
            if thread is not None and note == waits_for_unlock(thread):
                # The card waits for the same lock: named once.
                return f"{unposted}, and its card shows it once the post is unlocked."
            return f"{unposted}.{note}"
        files, image = [], None
        if update.photo is not None:
            try:
                data: bytes | None = await self.bot.http.get_from_cdn(update.photo.url)
            except discord.HTTPException:
                data = None  # the link expired (a confirmation may come days later)
            if data is not None and len(data) <= thread.guild.filesize_limit:
                files.append(discord.File(io.BytesIO(data), filename=photo_filename(update)))
                image = f"attachment://{photo_filename(update)}"
            else:
                # No copy to upload (members may send larger files than a bot may upload, and
                # an expired link gives nothing): the update still goes out, showing the
                # member's own attachment.
                image = update.photo.url
        if thread.archived:
            thread = await thread.edit(archived=False)  # read-only while archived
        message = await thread.send(
            embed=render_update(build, update, image),
            files=files,
            allowed_mentions=discord.AllowedMentions.none(),
        )
        photo_url = message.attachments[0].url if message.attachments else image
        await self.service.set_update_posted(update.id, message.id, photo_url)
        note = await self.refresh_card(build, thread=thread)
        # Named by number as well: builds may share a title, and their threads a name.
        return f"Update posted on build #{build.id} in {thread.mention}.{note}"

    async def unpost_update(
        self, build: Build, update: BuildUpdate, remove: Callable[[], Awaitable[None]]
    ) -> str:
        """Delete an update's post from the build's thread (reopened for it when archived, and
        archived again), `remove` the update once its post is gone, then bring the card up to
        date. A post Discord will not let go of is a UserError, and nothing is removed."""
        thread = await self.thread_of(build)
        if thread is None or update.message_id is None:
            await remove()
            return await self.refresh_card(build)
        was_archived = thread.archived
        try:
            if was_archived:
                thread = await thread.edit(archived=False)  # read-only while archived
            with contextlib.suppress(discord.NotFound):  # deleted by a moderator already
                await thread.get_partial_message(update.message_id).delete()
        except discord.Forbidden as refused:
            raise UserError(
                f"Discord would not let me take the update's post down in <#{thread.id}> "
                f"({refused.text or 'missing permissions'}), so nothing was deleted. I need Manage "
                "Threads there to reopen an archived or locked thread; a server admin can grant "
                "it, or a moderator can delete the post by hand. Then try again."
            ) from refused
        try:
            await remove()
            return await self.refresh_card(build, thread=thread)
        finally:
            if was_archived and not thread.archived:
                await thread.edit(archived=True)

    async def refresh_updates(self, guild_id: int, update_ids: Sequence[int]) -> None:
        """Edit posted updates to match the database, as after their author was forgotten:
        each build's thread reopened once if archived, and archived again after."""
        by_build: dict[int, list[BuildUpdate]] = defaultdict(list)
        for update_id in update_ids:
            with contextlib.suppress(NotFound):  # deleted meanwhile with its build
                update = await self.service.update(guild_id, update_id)
                by_build[update.build_id].append(update)
        for build_id, updates in by_build.items():
            with contextlib.suppress(NotFound):
                await self._refresh_updates_of(await self.service.get(guild_id, build_id), updates)

    async def _refresh_updates_of(self, build: Build, updates: list[BuildUpdate]) -> None:
        thread = await self.thread_of(build)
        if thread is None:
            return
        # An update is an embed alone, whose edit Discord refuses without Embed Links: the
        # forget's edit waits for the permission, and the thread is not reopened for nothing.
        require_embed_links(self.bot, build.guild_id, thread.id)
        was_archived = thread.archived
        if was_archived:
            thread = await thread.edit(archived=False)  # read-only while archived
        try:
            for update in updates:
                if update.message_id is None:
                    continue
                await thread.get_partial_message(update.message_id).edit(
                    embed=render_update(build, update, posted_image(update)),
                    allowed_mentions=discord.AllowedMentions.none(),
                )
        finally:
            if was_archived and not thread.archived:
                await thread.edit(archived=True)

    async def settle(self, build: Build, *, unlocked: bool = False) -> str:
        """Edit the card, then leave the thread as the build is: open, archived when closed,
        archived and locked when a moderator locked it. A thread a moderator locked in Discord
        stays locked through a close or reopen; only `unlocked` (the build's unlock) opens it."""
        build = await self.service.get(build.guild_id, build.id)
        thread = await self.thread_of(build)
        if thread is not None and thread.archived:
            thread = await thread.edit(archived=False)  # read-only while archived
        note = await self.refresh_card(build, thread=thread)
        if thread is None:
            return note
        locked = build.locked or (thread.locked and not unlocked)
        if not build.open or thread.locked != locked:
            await thread.edit(archived=not build.open, locked=locked)
        return note


def manages_forum(forum: discord.ForumChannel) -> bool:
    """Whether the bot may manage the forum, and so give it tags."""
    me = forum.guild.me
    return me is not None and forum.permissions_for(me).manage_channels


def may_add_a_tag(forum: discord.ForumChannel) -> bool:
    """Whether the bot may give the forum a tag: it manages the forum, and Discord's
    MAX_FORUM_TAGS leave room."""
    return manages_forum(forum) and len(forum.available_tags) < MAX_FORUM_TAGS


def require_a_tag(
    channel: discord.abc.GuildChannel | discord.Thread | discord.abc.PrivateChannel | None,
    tags: Sequence[str],
    *extra: str,
) -> None:
    """Refuse, before anything is written, what a forum that asks every post for a tag
    (Require Tags) would refuse: a build post none of whose tags (`extra`, such as Featured,
    and `tags`) is, or can become, a tag of the forum."""
    if not isinstance(channel, discord.ForumChannel) or not channel.flags.require_tag:
        return
    wanted = [*extra, *tags]
    have = {tag.name.casefold() for tag in channel.available_tags}
    missing = [name for name in wanted if name.casefold() not in have]
    # One tag is enough, and `forum_tags` adds the first missing while there is room.
    if len(missing) < len(wanted) or (missing and may_add_a_tag(channel)):
        return
    theirs = [tag.name for tag in channel.available_tags if tag.name.casefold() in TAGS]
    if theirs:
        offer = f"give the build one of its tags: {', '.join(theirs)}."
    elif may_add_a_tag(channel):  # the build has no tag to add
        offer = f"give the build a tag ({', '.join(TAGS)}), and I add it to the forum."
    elif manages_forum(channel):
        offer = (
            f"it holds the {MAX_FORUM_TAGS} tags Discord allows a forum, so a server admin can "
            "make room for build tags, which I add as builds take them."
        )
    else:
        offer = (
            "a server admin can add build tags to the forum, or let me add them (Manage Channels)."
        )
    lacking = f"; it has no tag for {', '.join(tags)}" if tags else ""
    raise UserError(f"<#{channel.id}> asks every post for a tag{lacking}: {offer}")


def posted_image(update: BuildUpdate) -> str | None:
    """The update's photo as its message shows it: the copy Keitora uploaded with it, named
    as its own attachment, or the member's attachment when no copy could be uploaded."""
    if update.photo_url is None:
        return None
    uploaded = update.photo_url.split("?", 1)[0].rsplit("/", 1)[-1]
    if uploaded.startswith(f"build-update-{update.id}."):
        return f"attachment://{uploaded}"
    return update.photo_url
