"""A reminder post already in the meetup's channel, whose date then moves or is called off, is
edited through the loopback Discord to be struck through and say so, once, whatever restarts."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import unix
from bot.jobs import JobQueue
from bot.meetups import MeetupService
from bot.setup import SetupService
from bot.store import Store
from sandbox import Loopback, Message

from .conftest import RunningBot
from .test_reminders import START, a_meetup_with, run_at, settled

EDIT = ("PATCH", "/channels/{channel_id}/messages/{message_id}")
SAID = f"Reminder: **Kei Truck Day** starts <t:{unix(START)}:F> (<t:{unix(START)}:R>), at Moab."


def edits_of(loopback: Loopback, post: Message) -> list[dict]:
    """The bodies the bot sent to edit `post`."""
    path = f"/channels/{post.channel_id}/messages/{post.id}"
    return [
        r.request for r in loopback.requests if (r.method, r.template) == EDIT and r.path == path
    ]


async def reminder_posted(keitora: RunningBot, loopback: Loopback) -> Message:
    """A day before Kei Truck Day, its reminder in the meetups channel, mentioning Mika."""
    await a_meetup_with(keitora, loopback, "Mika")
    await run_at(keitora, START - timedelta(hours=24))
    await settled(keitora)
    [post] = loopback.messages("meetups")
    assert post.content == f"<@{loopback.member('Mika').id}>\n{SAID}"
    return post


async def test_a_reminder_post_of_a_meetup_moved_is_struck_and_names_the_new_time_once(
    keitora: RunningBot, loopback: Loopback
) -> None:
    post = await reminder_posted(keitora, loopback)
    tammy, mika = loopback.member("Tammy"), loopback.member("Mika")

    later = START + timedelta(hours=1)
    moved = await loopback.slash("meetup edit", meetup="1", when="2026-12-05 11:00", actor=tammy)
    assert moved.ephemeral, moved.content
    await settled(keitora)
    await keitora.restart()
    await run_at(keitora, START - timedelta(hours=23))
    await settled(keitora)

    [edit] = edits_of(loopback, post)
    assert edit["content"] == (
        f"<@{mika.id}>\n~~{SAID}~~ Moved to <t:{unix(later)}:F> (<t:{unix(later)}:R>)."
    )
    assert edit["allowed_mentions"]["parse"] == []
    assert edit["allowed_mentions"].get("users", []) == []


async def test_a_reminder_post_of_a_meetup_cancelled_is_struck_and_says_so(
    keitora: RunningBot, loopback: Loopback
) -> None:
    post = await reminder_posted(keitora, loopback)

    await loopback.slash("meetup cancel", meetup="1", actor=loopback.member("Tammy"))
    await settled(keitora)

    [edit] = edits_of(loopback, post)
    mika = loopback.member("Mika")
    assert edit["content"] == f"<@{mika.id}>\n~~{SAID}~~ This date was called off."


async def test_a_reminder_post_of_a_meetup_cancelled_as_the_bot_stopped_is_struck_at_start_up_once(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """The cancel was saved, but the bot stopped before its reminders heard of it: the meetup
    is no longer upcoming, and start-up strikes its post all the same, once."""
    post = await reminder_posted(keitora, loopback)
    await keitora.stop()
    store = await Store.open(keitora.database, durable_commits=False)
    setup, jobs = SetupService(store, keitora.clock), JobQueue(store, keitora.clock)
    unheard = MeetupService(store, keitora.clock, setup, jobs)  # no reminders subscribed
    await unheard.cancel(int(loopback.guild.id), 1)
    await store.close()

    for _ in range(2):  # started twice
        await keitora.start()
        await run_at(keitora, START - timedelta(hours=23))
        await settled(keitora)
        await keitora.stop()
    await keitora.start()  # for the fixture to stop

    [edit] = edits_of(loopback, post)
    mika = loopback.member("Mika")
    assert edit["content"] == f"<@{mika.id}>\n~~{SAID}~~ This date was called off."
