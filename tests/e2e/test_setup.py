"""/setup unset through the loopback: each setting can be cleared, the reply says what happens
without it, and what depended on it stands down instead of failing."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import discord

from bot.glossary import DAILY_WORD_JOB
from sandbox import ChannelRef, Loopback, Reply
from sandbox.state import ChannelType, Permission

from .conftest import RunningBot, eventually
from .test_core import field_value
from .test_glossary_daily import next_daily_due
from .test_modqueue import posts_waiting_for_a_channel


async def unset(loopback: Loopback, setting: str) -> str:
    """What the bot answered an admin's `/setup unset`, as it sent it (only they see it)."""
    reply = await loopback.slash("setup unset", setting=setting, actor=loopback.member("Akiko"))
    data = reply.record.callback_body["data"]
    assert data["flags"] & 64, "ephemeral"
    assert data["allowed_mentions"]["parse"] == []
    return data["content"]


async def settings_shown(loopback: Loopback) -> dict:
    reply: Reply = await loopback.slash("setup show", actor=loopback.member("Akiko"))
    return reply.record.callback_body["data"]["embeds"][0]


async def test_without_a_mod_queue_channel_new_items_wait_in_the_modqueue_list(
    keitora: RunningBot, loopback: Loopback
) -> None:
    admin, queue = loopback.member("Akiko"), loopback.channel("mod-queue")
    await loopback.slash("setup channel", kind="modqueue", channel=queue, actor=admin)

    cleared = await unset(loopback, "channel:modqueue")

    assert cleared == (
        "Cleared the mod-queue channel. Mod-queue posts stop until a mod-queue channel is set "
        "again: new items wait for moderators in /modqueue, and feed trouble is not reported "
        "in a channel."
    )
    assert "modqueue: not set" in field_value(await settings_shown(loopback), "Channels")
    dale = loopback.member("Dale")
    await loopback.slash("glossary suggest", term="tanbo", meaning="A rice paddy.", actor=dale)
    await posts_waiting_for_a_channel(keitora, 1)
    assert not [r for r in loopback.requests if r.path == f"/channels/{queue.id}/messages"]
    listed = await loopback.slash("modqueue", actor=loopback.member("Marcus"))
    assert "`glossary #1` tanbo" in listed.embeds[0]["description"]

    again = await unset(loopback, "channel:modqueue")
    assert again.startswith("Nothing was set for the mod-queue channel, so nothing changed. ")


async def test_without_a_glossary_channel_the_word_of_the_day_stands_down(
    keitora: RunningBot, loopback: Loopback
) -> None:
    glossary = loopback.channel("glossary")
    await loopback.slash(
        "setup channel", kind="glossary", channel=glossary, actor=loopback.member("Akiko")
    )
    await next_daily_due(keitora)

    cleared = await unset(loopback, "channel:glossary")

    assert cleared == (
        "Cleared the glossary channel. The word of the day is not posted until a glossary "
        "channel is set again."
    )
    assert await keitora.bot.services.jobs.next_due_at([DAILY_WORD_JOB]) is None
    keitora.clock.advance(timedelta(days=2))
    await asyncio.sleep(0.2)  # a runner that found a job would have posted by now
    assert loopback.messages(glossary) == []


async def test_without_an_organizer_role_every_member_organizes_again(
    keitora: RunningBot, loopback: Loopback
) -> None:
    admin, mika = loopback.member("Akiko"), loopback.member("Mika")
    await loopback.slash(
        "setup channel", kind="meetups", channel=loopback.channel("meetups"), actor=admin
    )
    organizer = loopback.guild.role("Organizer")
    await loopback.slash("setup role", kind="organizer", role=organizer, actor=admin)
    meetup = {"title": "Kei Day", "when": "sat 10am MT", "location": "Moab"}
    refused = await loopback.slash("meetup create", actor=mika, **meetup)
    assert "Only organizers" in refused.content, refused.text

    cleared = await unset(loopback, "role:organizer")

    assert cleared == "Cleared the organizer role. Every member may organize meetups now."
    assert "organizer: not set" in field_value(await settings_shown(loopback), "Roles")
    created = await loopback.slash("meetup create", actor=mika, **meetup)
    assert "Only organizers" not in created.text
    assert len(loopback.messages("meetups")) == 1


async def test_values_go_back_to_a_new_servers(keitora: RunningBot, loopback: Loopback) -> None:
    admin = loopback.member("Akiko")
    await loopback.slash("setup daily-word", hour=18, actor=admin)
    await loopback.slash("setup timezone", tz="Asia/Tokyo", actor=admin)
    await loopback.slash("setup reminders", offsets="2d", actor=admin)

    # No glossary channel is set: the hour is when the word would go out, as /setup daily-word
    # says it (test_setup_word_unposted).
    assert await unset(loopback, "daily_word_hour") == (
        "Cleared the word of the day hour. As on a new server, the word of the day would go out "
        "at 09:00 Asia/Tokyo once a glossary channel is set (`/setup channel kind:glossary`)."
    )
    assert (await unset(loopback, "timezone")).startswith(
        "Cleared the time zone. The word of the day's hour is read in UTC now"
    )
    assert (await unset(loopback, "reminder_offsets")).startswith(
        "Cleared the reminder times. Reminders go out 1 day before and 1 hour before each meetup"
    )
    shown = await settings_shown(loopback)
    assert field_value(shown, "Word of the day").startswith("09:00 UTC: this server has no time")
    # Not UTC for meetups: a time typed without a zone is refused to whoever set none.
    assert field_value(shown, "Time zone") == (
        "not set: the word of the day goes by UTC, and members who set no /timezone must name "
        "a zone in meetup times"
    )
    assert field_value(shown, "Reminders") == "1 day before and 1 hour before each meetup"
    config = await keitora.bot.services.setup.get(int(loopback.guild.id))
    assert config.reminder_offsets == (timedelta(hours=24), timedelta(hours=1))


async def test_a_member_cannot_unset_anything(keitora: RunningBot, loopback: Loopback) -> None:
    admin = loopback.member("Akiko")
    await loopback.slash("setup daily-word", hour=18, actor=admin)
    refused = await loopback.slash(
        "setup unset", setting="daily_word_hour", actor=loopback.member("Mika")
    )
    assert refused.content == "Only server admins (Manage Server) can change Keitora's settings."
    config = await keitora.bot.services.setup.get(int(loopback.guild.id))
    assert config.daily_word_hour == 18


async def set_queue(loopback: Loopback, channel: ChannelRef) -> str:
    reply = await loopback.slash(
        "setup channel", kind="modqueue", channel=channel, actor=loopback.member("Akiko")
    )
    data = reply.record.callback_body["data"]
    assert data["allowed_mentions"]["parse"] == []  # the warning names @everyone, pinging no one
    return data["content"]


async def overwrite_bot(
    keitora: RunningBot, loopback: Loopback, channel: ChannelRef, *, deny: int = 0
) -> None:
    """An admin takes `deny` from the Keitora role in `channel` (nothing: gives it back), and
    the bot has heard of it."""
    guild = loopback.guild
    await loopback.set_overwrite(channel, guild.role("Keitora"), deny=deny)
    # discord.py keeps server-wide permissions in a channel the bot cannot view; compared alike:
    changed = Permission.VIEW_CHANNEL | deny
    granted = guild.permissions_in(channel.id, str(keitora.bot.user.id)) & changed

    def heard() -> bool:
        cached = keitora.bot.get_channel(int(channel.id))
        assert isinstance(cached, discord.abc.GuildChannel)
        return cached.permissions_for(cached.guild.me).value & changed == granted

    await eventually(heard, "CHANNEL_UPDATE with the overwrite")


async def test_a_channel_keitora_cannot_post_in_is_taken_with_what_it_lacks(
    keitora: RunningBot, loopback: Loopback
) -> None:
    showcase, general = loopback.channel("showcase"), loopback.channel("general")

    async def set_channel(kind: str, channel: ChannelRef) -> str:
        reply = await loopback.slash(
            "setup channel", kind=kind, channel=channel, actor=loopback.member("Akiko")
        )
        assert reply.ephemeral
        return reply.text

    def lacking(channel: ChannelRef, missing: str) -> str:
        return (
            f"Warning: I cannot post in <#{channel.id}> yet: I need {missing} there. Allow them "
            "for the Keitora role in the channel's permissions (Edit Channel → Permissions)."
        )

    await overwrite_bot(keitora, loopback, showcase, deny=Permission.VIEW_CHANNEL)
    assert await set_channel("showcase", showcase) == (
        f"The showcase channel is now <#{showcase.id}>.\n"
        + lacking(showcase, "View Channel, Send Messages, Embed Links, Read Message History")
    )
    config = await keitora.bot.services.setup.get(int(loopback.guild.id))
    assert config.channels["showcase"] == int(showcase.id)  # taken all the same
    channels = field_value(await settings_shown(loopback), "Channels").splitlines()
    assert (
        f"showcase: <#{showcase.id}> ⚠️ I cannot post there: I need View Channel, Send "
        "Messages, Embed Links, Read Message History"
    ) in channels
    await overwrite_bot(keitora, loopback, showcase, deny=Permission.EMBED_LINKS)
    assert lacking(showcase, "Embed Links") in await set_channel("showcase", showcase)

    # Builds in a text channel get a thread on each card; the glossary posts no threads.
    await overwrite_bot(keitora, loopback, general, deny=Permission.CREATE_PUBLIC_THREADS)
    assert lacking(general, "Create Public Threads") in await set_channel("builds", general)
    assert await set_channel("glossary", general) == f"The glossary channel is now <#{general.id}>."

    await overwrite_bot(keitora, loopback, showcase)
    assert await set_channel("showcase", showcase) == (
        f"The showcase channel was already <#{showcase.id}>; nothing changed."
    )
    channels = field_value(await settings_shown(loopback), "Channels").splitlines()
    assert f"showcase: <#{showcase.id}>" in channels
    assert (
        f"builds: <#{general.id}> ⚠️ I cannot post there: I need Create Public Threads" in channels
    )


async def set_channel_lacking(
    keitora: RunningBot, loopback: Loopback, kind: str, channel: ChannelRef, deny: int
) -> str:
    """What the admin is told setting `channel` for `kind` once Keitora lacks `deny` there,
    which /setup show warns of in the same words when the reply does."""
    await overwrite_bot(keitora, loopback, channel, deny=deny)
    reply = await loopback.slash(
        "setup channel", kind=kind, channel=channel, actor=loopback.member("Akiko")
    )
    assert reply.ephemeral
    missing = reply.text.partition(" yet: I need ")[2]
    if missing:
        missing = missing.removesuffix(
            " there. Allow them for the Keitora role in the channel's permissions (Edit Channel "
            "→ Permissions)."
        )
        channels = field_value(await settings_shown(loopback), "Channels").splitlines()
        assert f"{kind}: <#{channel.id}> ⚠️ I cannot post there: I need {missing}" in channels
    return reply.text


async def test_a_builds_channel_keitora_cannot_attach_photos_in_is_taken_with_a_warning(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # Each update's photo goes into the build's thread as a file: without Attach Files there,
    # every update with a photo is refused, so the admin hears of it when choosing the channel.
    builds = loopback.channel("builds")
    assert await set_channel_lacking(
        keitora, loopback, "builds", builds, Permission.ATTACH_FILES
    ) == (
        f"The builds channel is now <#{builds.id}>.\n"
        f"Warning: I cannot post in <#{builds.id}> yet: I need Attach Files there. Allow them "
        "for the Keitora role in the channel's permissions (Edit Channel → Permissions)."
    )
    # The glossary channel takes no files: nothing to say there.
    general = loopback.channel("general")
    assert await set_channel_lacking(
        keitora, loopback, "glossary", general, Permission.ATTACH_FILES
    ) == (f"The glossary channel is now <#{general.id}>.")


async def test_a_meetups_channel_keitora_starts_threads_in_but_cannot_post_in_them_is_warned_of(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # Each meetup card gets a thread for its reminders and notices when Keitora may start one;
    # unable to post in it, they would all be refused. Unable to start one, they go to the
    # channel itself, which needs nothing more.
    meetups = loopback.channel("meetups")
    in_threads = Permission.SEND_MESSAGES_IN_THREADS
    assert await set_channel_lacking(keitora, loopback, "meetups", meetups, in_threads) == (
        f"The meetups channel is now <#{meetups.id}>.\n"
        f"Warning: I cannot post in <#{meetups.id}> yet: I need Send Messages in Threads "
        "there. Allow them for the Keitora role in the channel's permissions (Edit Channel → "
        "Permissions)."
    )
    no_threads = in_threads | Permission.CREATE_PUBLIC_THREADS
    assert await set_channel_lacking(keitora, loopback, "meetups", meetups, no_threads) == (
        f"The meetups channel was already <#{meetups.id}>; nothing changed."
    )


async def test_a_mod_queue_channel_everyone_can_view_is_taken_with_a_warning(
    keitora: RunningBot, loopback: Loopback
) -> None:
    general = loopback.channel("general")

    reply = await set_queue(loopback, general)

    assert reply == (
        f"The modqueue channel is now <#{general.id}>.\n"
        f"Warning: everyone in the server can view <#{general.id}>, so members can read the "
        "queue there: what was reported or submitted, quoted, and why moderators turned it "
        "down. Deny `@everyone` View Channel in it (or pick a private channel), and allow your "
        "moderators and Keitora."
    )
    config = await keitora.bot.services.setup.get(int(loopback.guild.id))
    assert config.channels["modqueue"] == int(general.id)  # taken all the same


async def test_a_private_mod_queue_channel_is_taken_without_one(
    keitora: RunningBot, loopback: Loopback
) -> None:
    queue = loopback.channel("mod-queue")  # @everyone denied View Channel, moderators allowed
    assert await set_queue(loopback, queue) == f"The modqueue channel is now <#{queue.id}>."

    # A channel made in a private category starts with its overwrites, so it is private too.
    staff = await loopback.create_channel("staff", ChannelType.GUILD_CATEGORY)
    guild = loopback.guild
    await loopback.set_overwrite(staff, guild.everyone, deny=Permission.VIEW_CHANNEL)
    await loopback.set_overwrite(staff, guild.role("Moderator"), allow=Permission.VIEW_CHANNEL)
    await loopback.set_overwrite(staff, guild.role("Keitora"), allow=Permission.VIEW_CHANNEL)
    reports = await loopback.create_channel("reports", category=staff)
    await eventually(lambda: keitora.bot.get_channel(int(reports.id)) is not None, "#reports")
    assert await set_queue(loopback, reports) == f"The modqueue channel is now <#{reports.id}>."

    # Opened to everyone later, as Discord tells the bot: set again, it is warned about.
    await loopback.set_overwrite(queue, guild.everyone)

    def opened() -> bool:
        cached = keitora.bot.get_channel(int(queue.id))
        assert isinstance(cached, discord.TextChannel)
        return cached.permissions_for(cached.guild.default_role).view_channel

    await eventually(opened, "CHANNEL_UPDATE")
    assert "Warning: everyone in the server can view" in await set_queue(loopback, queue)


async def test_a_members_channel_everyone_cannot_view_is_taken_with_a_note(
    keitora: RunningBot, loopback: Loopback
) -> None:
    admin, queue = loopback.member("Akiko"), loopback.channel("mod-queue")

    hidden = await loopback.slash("setup channel", kind="showcase", channel=queue, actor=admin)

    assert hidden.record.callback_body["data"]["content"] == (
        f"The showcase channel is now <#{queue.id}>.\n"
        f"Note: `@everyone` cannot view <#{queue.id}>, so only members whose roles let them view "
        "it will see the showcase posts and ballots posted there. If members should all see "
        "them, allow `@everyone` View Channel in it (or pick another channel)."
    )
    config = await keitora.bot.services.setup.get(int(loopback.guild.id))
    assert config.channels["showcase"] == int(queue.id)  # taken all the same
    showcase = loopback.channel("showcase")
    seen = await loopback.slash("setup channel", kind="showcase", channel=showcase, actor=admin)
    assert seen.record.callback_body["data"]["content"] == (
        f"The showcase channel is now <#{showcase.id}>."
    )


async def test_a_half_hour_offset_is_taken_as_the_zone_that_keeps_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    admin = loopback.member("Akiko")
    reply = await loopback.slash("setup timezone", tz="UTC+5:30", actor=admin)
    data = reply.record.callback_body["data"]  # type: ignore[index]
    assert data["content"].startswith(
        "The server's time zone is now **Asia/Kolkata** (from UTC+5:30). "
    )
    config = await keitora.bot.services.setup.get(int(loopback.guild.id))
    assert config.timezone == "Asia/Kolkata"


async def test_a_setting_chosen_again_says_it_was_already_so(
    keitora: RunningBot, loopback: Loopback
) -> None:
    admin, meetups = loopback.member("Akiko"), loopback.channel("meetups")
    moderators = loopback.guild.role("Moderator")
    chosen = [
        ("setup channel", {"kind": "meetups", "channel": meetups}),
        ("setup role", {"kind": "moderator", "role": moderators}),
        ("setup timezone", {"tz": "Asia/Tokyo"}),
        ("setup reminders", {"offsets": "2h"}),
        ("setup daily-word", {"hour": 7}),
        ("setup importers", {"daily": 4}),
    ]
    for command, options in chosen:
        await loopback.slash(command, **options, actor=admin)

    again = []
    for command, options in chosen:
        reply = await loopback.slash(command, **options, actor=admin)
        again.append(reply.record.callback_body["data"]["content"])

    assert again == [
        f"The meetups channel was already <#{meetups.id}>; nothing changed.",
        f"Members with <@&{moderators.id}> were already moderators; nothing changed.",
        "The server's time zone was already **Asia/Tokyo**; nothing changed.",
        "Reminders already go out 2 hours before each meetup; nothing changed.",
        "The word of the day would already go out at 07:00 Asia/Tokyo once a glossary channel "
        "is set (`/setup channel kind:glossary`); nothing changed.",
        "Each importer may already announce 4 times in 24 hours; nothing changed.",
    ]


async def test_reminders_turned_off_again_say_they_were_off(
    keitora: RunningBot, loopback: Loopback
) -> None:
    admin = loopback.member("Akiko")
    await loopback.slash("setup reminders", offsets="off", actor=admin)
    again = await loopback.slash("setup reminders", offsets="off", actor=admin)
    assert again.record.callback_body["data"]["content"] == (
        "Meetup reminders were already off; nothing changed. "
        "`/setup reminders offsets:24h,1h` turns them back on."
    )
