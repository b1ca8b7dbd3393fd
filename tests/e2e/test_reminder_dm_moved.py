"""A reminder DM or thread post Discord held back (429) while its series date moved goes out
through the loopback at the new time's lead, showing the new time, once: not at the old time's
lead."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from bot.clock import unix
from bot.meetups import MeetupDraft
from sandbox import Loopback

from .conftest import RunningBot
from .test_reminders import MESSAGES, START, dm_path_of, run_at, settled

NEW_START = START + timedelta(hours=3)  # 13:00 in Denver


async def reminder_held_back_then_moved(
    keitora: RunningBot, loopback: Loopback, held_back: Callable[[str], bool]
) -> Callable[[], list[dict]]:
    """A weekly meetup Mika goes to, whose day-before reminder came while Discord answered
    429 to the messages sent where `held_back` accepts the path, moved to 13:00 before they
    are tried again; returns the reminders Discord took there since."""
    keitora.clock.set(START - timedelta(days=10))
    guild_id, mika = int(loopback.guild.id), loopback.member("Mika")
    meetups = keitora.bot.services.meetups
    await keitora.bot.services.setup.set_timezone(guild_id, "America/Denver")
    draft = MeetupDraft("Kei Truck Day", "2026-12-05 10:00", "Moab", repeat="weekly")
    meetup = (await meetups.create(guild_id, int(loopback.member("Tammy").id), draft)).meetup
    await meetups.set_card(meetup.id, int(loopback.guild.channel("meetups").id), 1)
    await meetups.answer(guild_id, meetup.id, int(mika.id), "going")

    loopback.faults.rate_limit_share("POST", MESSAGES, 0.999, applies_to=held_back)
    await run_at(keitora, START - timedelta(hours=24))
    await settled(keitora)
    await meetups.move(guild_id, meetup.id, "2026-12-05 13:00")
    loopback.faults.clear()

    def reminders_sent() -> list[dict]:
        """The reminders Discord took where `held_back` applied (the move's own DM aside)."""
        return [
            r.request
            for r in loopback.requests
            if (r.method, r.template) == ("POST", MESSAGES)
            and held_back(r.path)
            and r.status < 300
            and "Reminder: " in r.request["content"]
        ]

    return reminders_sent


async def test_a_reminder_dm_retried_after_its_series_date_moved_comes_at_the_new_times_lead(
    keitora: RunningBot, loopback: Loopback
) -> None:
    to_mika = dm_path_of(loopback, loopback.member("Mika"))
    reminders_sent = await reminder_held_back_then_moved(keitora, loopback, to_mika)

    await run_at(keitora, START - timedelta(hours=23))  # past every back-off
    await settled(keitora)
    assert reminders_sent() == []  # 26 hours before 13:00

    await keitora.restart()
    for hours in (21, 20):  # a day before 13:00, and after
        await run_at(keitora, START - timedelta(hours=hours))
        await settled(keitora)

    [dm] = reminders_sent()
    assert f"<t:{unix(NEW_START)}:F>" in dm["content"]

    # The server's second reminder, an hour before 13:00, still comes: its fan-out reads the DM
    # keys of the date, the retried one (`…:<member>@<start>`) among them.
    await run_at(keitora, NEW_START - timedelta(hours=1))
    await settled(keitora)
    failed = await keitora.store.fetchall(
        "SELECT kind, key, last_error FROM jobs WHERE kind LIKE 'meetups.reminder%' "
        "AND attempts > 0 AND state != 'done'"
    )
    assert [dict(row) for row in failed] == []
    assert len(reminders_sent()) == 2, [r["content"] for r in reminders_sent()]


async def test_a_reminder_post_retried_after_its_series_date_moved_comes_at_the_new_times_lead(
    keitora: RunningBot, loopback: Loopback
) -> None:
    channel_id = loopback.guild.channel("meetups").id

    def to_the_channel(path: str) -> bool:
        return path.split("/")[2] == channel_id

    reminders_sent = await reminder_held_back_then_moved(keitora, loopback, to_the_channel)

    for hours in (23, 22):  # past every back-off; 26 and 25 hours before 13:00
        await run_at(keitora, START - timedelta(hours=hours))
        await settled(keitora, "meetups.reminder.post%")
        assert reminders_sent() == [], [r["content"] for r in reminders_sent()]

    await keitora.restart()
    for hours in (21, 20):  # a day before 13:00, and after
        await run_at(keitora, START - timedelta(hours=hours))
        await settled(keitora)
        [post] = reminders_sent()

    mika = loopback.member("Mika")
    assert post["content"].splitlines() == [
        f"<@{mika.id}>",
        f"Reminder: **Kei Truck Day** starts <t:{unix(NEW_START)}:F> "
        f"(<t:{unix(NEW_START)}:R>), at Moab.",
    ], post["content"]
    assert list(map(str, post["allowed_mentions"]["users"])) == [mika.id]
