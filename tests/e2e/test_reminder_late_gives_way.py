"""The bot down through a meetup's day-before reminder and back two hours before the start, when
the hour-before reminder is an hour off: the late one is not sent, and the hour-before one comes
on time, once, across restarts. What the bot sent Discord is what is asserted."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import unix
from sandbox import Loopback

from .conftest import RunningBot
from .test_reminders import MESSAGES, START, a_meetup_with, dm_path_of, run_at, settled

SAID = f"**Kei Truck Day** starts <t:{unix(START)}:F> (<t:{unix(START)}:R>), at Moab."


async def test_back_two_hours_before_the_start_a_member_gets_only_the_hour_befores_reminder(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await a_meetup_with(keitora, loopback, "Mika")
    mika = loopback.member("Mika")
    to_mika = dm_path_of(loopback, mika)
    thread = str(loopback.guild.channel("meetups").id)

    def sent() -> tuple[list[str], list[str]]:
        """The reminders the bot sent Discord: Mika's DMs whole, and the thread's posts by the
        line after their mentions."""
        bodies = [
            (r.path, r.request)
            for r in loopback.requests
            if (r.method, r.template) == ("POST", MESSAGES)
        ]
        dms = [body["content"] for path, body in bodies if to_mika(path)]
        posts = [
            body["content"].splitlines()[1] for path, body in bodies if path.split("/")[2] == thread
        ]
        return dms, posts

    await keitora.stop()  # down from before the day-before reminder's time
    keitora.clock.set(START - timedelta(hours=2))
    await keitora.start()
    await settled(keitora)
    assert sent() == ([], [])

    await keitora.restart()
    await run_at(keitora, START - timedelta(hours=1))
    await settled(keitora)
    await keitora.restart()
    await run_at(keitora, START - timedelta(minutes=1))
    await settled(keitora)

    dms, posts = sent()
    assert posts == [f"Reminder: {SAID}"]
    [dm] = dms
    assert dm.startswith(f"Reminder: {SAID} If you can't make it"), dm
