"""The dates `/build delete-update` lists, through the loopback: the reader's day (their own zone,
else the server's), or UTC said as such; a list shows no Discord timestamp to do it for them."""

from __future__ import annotations

from datetime import UTC, datetime

from sandbox import Loopback

from .conftest import RunningBot
from .test_builds import forum_build


async def test_the_update_list_dates_each_update_as_the_server_reads_its_day(
    loopback: Loopback, keitora: RunningBot
) -> None:
    # Friday evening in Denver is already Saturday in UTC.
    keitora.clock.set(datetime(2026, 12, 5, 2, 30, tzinfo=UTC))
    thread = await forum_build(loopback)
    await loopback.slash("build update", text="Lifted", where=thread)
    [utc] = await loopback.autocomplete("build delete-update", "update", "", where=thread)
    assert utc["name"] == "2026-12-05 UTC · Lifted"  # no zone known: said which it is

    akiko = loopback.member("Akiko")
    await loopback.slash("setup timezone", tz="America/Denver", actor=akiko)
    [denver] = await loopback.autocomplete("build delete-update", "update", "", where=thread)
    assert denver["name"] == "2026-12-04 · Lifted"

    await loopback.slash("timezone set", tz="Asia/Tokyo")  # the member's own zone comes first
    [tokyo] = await loopback.autocomplete("build delete-update", "update", "", where=thread)
    assert tokyo["name"] == "2026-12-05 · Lifted"
