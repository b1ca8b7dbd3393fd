"""A state's code after `in` through the loopback: `hijet in CO` is read as Colorado, not the
word "co", and DMs its member of an announcement saying it is in Denver, CO, which carries no
state field, as of a Colorado arrival; one from Kei Truck Co. DMs nobody. Asserted on what the
bot sent."""

# ruff: noqa: F811 (the fixtures, imported, are redefined as each test's argument)

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_alert_ranges import alert_reply, dms_sent
from .test_held_forms import sent
from .test_importers import (
    announce,
    arrive,
    loopback,  # noqa: F401 (the fixture)
    server_ready,
)
from .test_reminders import settled


async def test_a_state_after_in_dms_of_an_announcement_naming_it_and_an_arrival_there(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    mika = loopback.member("Mika")
    added = await alert_reply(loopback, "hijet in CO", mika)
    assert "matches “hijet in CO”, read as: hijet, colorado (" in added["content"], added

    await announce(loopback, "Hijet from Kei Truck Co.", body="4WD, dump bed.")
    await announce(loopback, "Hijet on our lot in Denver, CO", body="4WD, dump bed.")
    assert "on its way" in await arrive(loopback, 1995, price="5500", state="CO")
    await loopback.wait_until(lambda: len(dms_sent(loopback, mika)) >= 2, within=10, what="two DMs")
    await settled(keitora, "alert.dm")
    dms = dms_sent(loopback, mika)
    assert len(dms) == 2, dms
    said = " ".join(str(dm) for dm in dms)
    assert "Kei Truck Co." not in said, dms
    assert "Denver, CO" in said, dms


async def test_a_gearbox_hi_lo_is_no_truck_in_hawaii(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # "4WD, HI-LO" was read as a truck in Hawaii: a DM about every hi/lo truck.
    await server_ready(loopback, trusted=True)
    mika = loopback.member("Mika")
    added = sent(await loopback.slash("alerts add", keywords="hijet in HI", actor=mika))
    assert "matches “hijet in HI”, read as: hijet, hawaii (" in added["content"], added

    await announce(loopback, "Hijet mini dump", body="4WD, HI-LO, dump bed.")
    await announce(loopback, "Hijet jumbo", body="4WD, on our lot in Hilo, HI.")
    await loopback.wait_until(lambda: len(dms_sent(loopback, mika)) >= 1, within=10, what="a DM")
    await settled(keitora, "alert.dm")
    dms = dms_sent(loopback, mika)
    assert len(dms) == 1, dms
    assert "Hilo, HI" in str(dms[0]), dms
