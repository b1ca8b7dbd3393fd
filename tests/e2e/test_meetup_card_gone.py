"""A meetup whose card was deleted by hand: a click on a copy of it still records the answer
and answers the member, and the card edit Discord refuses is one line in the log, not a
traceback on every click."""

from __future__ import annotations

import logging

import pytest

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_edits import posted
from .test_meetups import card_edits


async def test_a_click_after_the_card_is_gone_is_answered_and_logged_in_one_line(
    keitora: RunningBot, loopback: Loopback, caplog: pytest.LogCaptureFixture
) -> None:
    card = await posted(keitora, loopback, title="Oil Day")
    await loopback.delete_message(card)
    caplog.set_level(logging.WARNING, logger="cogs.meetups_views")
    mika = loopback.member("Mika")
    # Discord refuses a click on the deleted card itself; /meetup info shows a copy of it.
    copy = (await loopback.slash("meetup info", meetup="1", actor=mika)).message
    assert copy is not None

    reply = await loopback.click(copy, "Going", actor=mika)

    assert reply.ephemeral
    assert "going" in reply.content.casefold(), reply.content
    meetups, guild = keitora.bot.services.meetups, int(loopback.guild.id)
    [date] = await meetups.occurrences(await meetups.get(guild, 1), limit=1)
    assert [p.member_id for p in await meetups.parties(date)] == [int(mika.id)]
    await loopback.wait_until(
        lambda: bool(card_edits(loopback, card)), what="the card edit Discord refuses"
    )
    await loopback.wait_until(
        lambda: any("card" in r.getMessage() for r in caplog.records), what="the log line"
    )
    [logged] = [r for r in caplog.records if r.name == "cogs.meetups_views"]
    assert logged.exc_info is None, logged.getMessage()
    assert "gone" in logged.getMessage(), logged.getMessage()
