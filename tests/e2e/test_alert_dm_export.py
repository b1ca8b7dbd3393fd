"""An alert DM's record in a member's /privacy export names the announcement it listed, by its
title as the DM showed it, until its importer takes it down (its words were theirs to take
back, and the DM is edited to show them no more); the member's forget takes the records.
Through the loopback, reading the export file the bot sent."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_alert_takedowns import alert_dm_sent
from .test_forget_messages import forget
from .test_privacy import FORGET_ME
from .test_privacy_export_words import exported
from .test_reminders import settled


async def test_an_alert_dms_record_names_the_announcement_by_its_title(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await alert_dm_sent(keitora, loopback)

    [dm] = (await exported(loopback, "Mika"))["alert_dms"]

    assert (dm["title"], dm["alerts_met"]) == ("Hijet Jumbo arrived", ["hijet"])


async def test_a_taken_down_announcements_title_leaves_the_record(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await alert_dm_sent(keitora, loopback)

    await loopback.slash("importer delete", announcement="1", actor=loopback.member("Yoshi"))
    await settled(keitora, "alert.%")

    [dm] = (await exported(loopback, "Mika"))["alert_dms"]
    assert (dm["title"], dm["announcement_id"]) == (None, 1)


async def test_a_forget_takes_the_records_with_their_titles(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await alert_dm_sent(keitora, loopback)

    await forget(loopback, "Mika", FORGET_ME)

    assert await keitora.store.fetchval("SELECT count(*) FROM alert_dm_matches") == 0
