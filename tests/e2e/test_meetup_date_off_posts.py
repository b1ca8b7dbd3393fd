"""One date of a series cancelled when nobody had answered for it still leaves a post in the
meetup's thread, mentioning nobody: members who planned on it but had not answered (the card
shows only the next date) read it there."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.clock import unix
from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_changes import sent_dms
from .test_meetup_edits import posted
from .test_meetups import pings_nobody, wait_for_post

DEC_5 = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)  # the first Saturday, 10 AM in Denver
DEC_12 = datetime(2026, 12, 12, 17, 0, tzinfo=UTC)


async def test_a_date_off_nobody_answered_for_is_posted_in_the_thread(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Weekly", when="sat 10am", repeat="weekly")
    tammy = loopback.member("Tammy")

    await loopback.slash(
        "meetup cancel", meetup="1", occurrence=str(unix(DEC_5)), reason="Holiday", actor=tammy
    )
    await keitora.bot.job_runner.run_due()

    post = await wait_for_post(loopback, card, "is cancelled")
    assert post.content == (
        f"**Weekly** on <t:{unix(DEC_5)}:F> is cancelled: Holiday. Only that date: the series "
        f"goes on, and its next date is <t:{unix(DEC_12)}:F> (<t:{unix(DEC_12)}:R>)."
    )
    [body] = sent_dms(loopback, post.content)
    assert pings_nobody(body)


async def test_a_later_date_off_names_the_date_after_it_not_one_before(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Weekly", when="sat 10am", repeat="weekly")
    tammy = loopback.member("Tammy")
    dec_19, dec_26 = DEC_12 + timedelta(days=7), DEC_12 + timedelta(days=14)

    await loopback.slash("meetup cancel", meetup="1", occurrence="Sat Dec 12", actor=tammy)
    await keitora.bot.job_runner.run_due()

    post = await wait_for_post(loopback, card, "is cancelled")
    assert post.content == (
        f"**Weekly** on <t:{unix(DEC_12)}:F> is cancelled. Only that date: the series goes on, "
        f"the dates before it stay on, and the one after it is <t:{unix(dec_19)}:F> "
        f"(<t:{unix(dec_19)}:R>)."
    ), post.content
    await loopback.slash("meetup cancel", meetup="1", occurrence="Sat Dec 19", actor=tammy)
    await keitora.bot.job_runner.run_due()
    later = await wait_for_post(loopback, card, f"<t:{unix(dec_19)}:F> is cancelled")
    assert later.content.endswith(
        f"the one after it is <t:{unix(dec_26)}:F> (<t:{unix(dec_26)}:R>)."
    )
