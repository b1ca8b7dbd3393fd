"""An organizer going to their own meetup gets one DM for each change a moderator makes (a new
place, a date moved, cancelled or restored, the whole meetup cancelled): the one that names who
changed what, never a second one as an attendee. Read from the DMs the bot sent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.clock import unix
from bot.meetups.threads import NOTICES_FIRST
from sandbox import Loopback

from .conftest import RunningBot
from .series_cancels import cancel_series
from .test_meetup_changes import dms_arrive
from .test_meetup_edits import posted
from .test_meetups import POST, requests

DEC_5 = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)  # Sat 10 AM MST
DEC_5_11AM = DEC_5 + timedelta(hours=1)


async def test_an_organizer_going_gets_one_dm_for_each_change_a_moderator_makes(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="Weekly", when="sat 10am", repeat="weekly")
    tammy, dale, marcus = (loopback.member(name) for name in ("Tammy", "Dale", "Marcus"))
    meetups, guild_id = keitora.bot.services.meetups, int(loopback.guild.id)
    for member in (tammy, dale):
        await meetups.answer(guild_id, 1, member.id, "going", original_start=DEC_5)
    who = f"A moderator of **{loopback.guild.name}** (<@{marcus.id}>)"

    await loopback.slash("meetup edit", meetup="1", location="Moab", actor=marcus)
    await loopback.slash("meetup edit", meetup="1", when="Dec 5 11am", actor=marcus)
    await loopback.slash("meetup cancel", meetup="1", occurrence="Dec 5", actor=marcus)
    await loopback.slash("meetup restore", meetup="1", occurrence="Dec 5", actor=marcus)
    await cancel_series(loopback, marcus, meetup="1")
    # The thread's rename may have been put off for its notice (sent beside it), for a minute.
    await keitora.bot.job_runner.run_due()
    keitora.clock.advance(NOTICES_FIRST)
    await dms_arrive(keitora, loopback, {tammy: 5, dale: 5})
    await keitora.bot.job_runner.run_due()  # nothing more is due

    to_tammy = f"/channels/{loopback.dm_channel(tammy).id}/messages"
    sent = [r.request["content"] for r in requests(loopback, POST) if r.path == to_tammy]
    assert len(sent) == 5, sent
    assert all(content.startswith(who) for content in sent), sent
    # What the attendee's DM would have said is in it: the new place, the new time.
    assert "The meetup is now at **Moab**." in sent[0]
    assert f"Its next date is now <t:{unix(DEC_5_11AM)}:F> (it was <t:{unix(DEC_5)}:F>)." in sent[1]
    assert [dm.content for dm in loopback.dms(tammy)] == sent
    assert not any(dm.content.startswith(who) for dm in loopback.dms(dale))
