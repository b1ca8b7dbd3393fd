"""A reminder storm's posts queue per channel: Discord lets the bot send 5 messages into one
channel every 5 seconds, so a sixth post into a busy channel waits out the window, and holds up
only that channel's posts, not another channel's nor a member's DM of the same batch."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.meetups import MeetupDraft
from sandbox import Loopback
from sandbox.core import RequestRecord

from .conftest import RunningBot
from .test_reminders import MESSAGES, START, settled

BUSY = 6  # meetups whose cards share one channel: one more than Discord's 5 a window


async def meetups_beside(keitora: RunningBot, loopback: Loopback) -> None:
    """Six meetups whose cards are in #meetups and one, made last, whose card is in
    #general, each with a member going (Mika to the last), so each has its reminder posted
    beside its card and DMed. All start at START: their reminders fall due as one."""
    keitora.clock.set(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    guild_id = int(loopback.guild.id)
    meetups = keitora.bot.services.meetups
    await keitora.bot.services.setup.set_timezone(guild_id, "America/Denver")
    organizer = int(loopback.member("Tammy").id)
    cards = [("meetups", f"Kei Day {n}", f"Driver {n}") for n in range(1, BUSY + 1)]
    cards.append(("general", "Swap Meet", "Mika"))
    for number, (channel, title, going) in enumerate(cards, start=1):
        draft = MeetupDraft(title, "2026-12-05 10:00", "Moab")
        meetup = (await meetups.create(guild_id, organizer, draft)).meetup
        await meetups.set_card(meetup.id, int(loopback.guild.channel(channel).id), number)
        member = loopback.member(going) if going == "Mika" else loopback.guild.add_member(going)
        await meetups.answer(guild_id, meetup.id, int(member.id), "going")


async def test_a_channel_past_its_send_limit_holds_up_only_its_own_posts(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_beside(keitora, loopback)
    busy, other = (loopback.guild.channel(name).id for name in ("meetups", "general"))
    mika = loopback.member("Mika")

    # The bot's own runner alone: the test runs no jobs of its own.
    keitora.clock.set(START - timedelta(hours=24))
    keitora.bot.services.jobs.wake()
    await settled(keitora)

    [mika_dm] = loopback.dms(mika)
    # What Discord took, as the bot sent it; a 429 the bot met (it reads the window from the
    # headers, so it meets none) would be sent again, and is no message.
    taken = [
        r
        for r in loopback.requests
        if (r.method, r.template) == ("POST", MESSAGES) and r.status == 200
    ]

    def to(channel_id: str) -> list[RequestRecord]:
        return [r for r in taken if r.path == f"/channels/{channel_id}/messages"]

    busy_posts = to(busy)
    sixth = busy_posts[BUSY - 1].started
    [other_post] = to(other)
    [dm] = to(mika_dm.channel_id)
    # Discord took the busy channel's first five at once; its sixth waited out the window.
    assert sixth - busy_posts[0].started >= 4.5
    # The other channel's post and the DM went while the sixth waited, though due after it.
    assert other_post.started < sixth
    assert dm.started < sixth
    # Each of the busy channel's posts once, in the order they fell due.
    titles = [r.request["content"].splitlines()[1].split(" starts")[0] for r in busy_posts]
    assert titles == [f"Reminder: **Kei Day {n}**" for n in range(1, BUSY + 1)]
    assert len(loopback.messages("meetups")) == BUSY


async def test_a_stop_while_a_post_waits_out_its_channels_window_sends_each_post_once(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_beside(keitora, loopback)
    busy = loopback.guild.channel("meetups")
    keitora.clock.set(START - timedelta(hours=24))
    keitora.bot.services.jobs.wake()
    await loopback.wait_until(
        lambda: len(loopback.messages(busy)) == BUSY - 1 and bool(loopback.messages("general")),
        within=10,
        what="the busy channel's first five posts and the other channel's",
    )

    # The sixth is waiting out the window (Discord took the first five a moment ago): the
    # stop waits for it, and the next start finds it recorded.
    assert len(loopback.messages(busy)) == BUSY - 1
    await keitora.restart()
    await settled(keitora)

    bodies = [
        r.request["content"]
        for r in loopback.requests
        if (r.method, r.path) == ("POST", f"/channels/{busy.id}/messages") and r.status == 200
    ]
    titles = [body.splitlines()[1].split(" starts")[0] for body in bodies]
    assert titles == [f"Reminder: **Kei Day {n}**" for n in range(1, BUSY + 1)]
    assert len(loopback.messages(busy)) == BUSY
