"""Model codes as importers write them, through the loopback: an alert for `da63t` is DMed
about an announcement writing "DA-63T型" or "DA-63T", as the alert side reads `da-63t` as the
code. Asserted on the reply and the DMs the bot sent."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_alert_ranges import dms_sent
from .test_held_forms import sent
from .test_importers import announce, server_ready
from .test_reminders import settled


async def test_an_alert_for_a_code_is_told_of_items_writing_it_with_a_hyphen(
    keitora: RunningBot, loopback: Loopback
) -> None:
    mika = loopback.member("Mika")
    await server_ready(loopback, trusted=True)
    saved = sent(await loopback.slash("alerts add", keywords="da63t", actor=mika))
    assert "read as: da63t (at most" in saved["content"], saved

    await announce(loopback, "Carry DA-63T型 arrived", body="clean", link="https://kei.example/c")
    await announce(loopback, "Carry DA-63T arrived", body="clean", link="https://kei.example/e")
    await loopback.wait_until(lambda: len(loopback.dms(mika)) == 2, what="two alert DMs")
    await settled(keitora, "alert.dm")

    titles = ("Carry DA-63T型 arrived", "Carry DA-63T arrived")
    for dm, title in zip(dms_sent(loopback, mika), titles, strict=True):
        assert dm["content"] == "Your alert `da63t` matched this from **Kei Imports**:", dm
        assert dm["embeds"][0]["title"] == title, dm["embeds"]
