"""Who suspended an importer, and when, through the loopback: a moderator refused a second
suspension is told whose it is and since when, and the importer's profile names them to
moderators (members see only that it is suspended)."""

from __future__ import annotations

from bot.clock import ManualClock, unix
from sandbox import Loopback

from .conftest import RunningBot
from .test_importers import server_ready


async def test_a_second_suspension_names_the_moderator_and_the_day_of_the_first(
    keitora: RunningBot, loopback: Loopback, clock: ManualClock
) -> None:
    marcus, akiko, mika = (loopback.member(name) for name in ("Marcus", "Akiko", "Mika"))
    await server_ready(loopback, trusted=True)
    await loopback.slash(
        "importer-mod suspend", importer="1", reason="Prices missing", actor=marcus
    )
    day = f"<t:{unix(clock.now())}:D>"

    again = await loopback.slash(
        "importer-mod suspend", importer="1", reason="Spam links", actor=akiko
    )

    assert again.ephemeral
    assert again.text == (
        f"“Kei Imports” is already suspended by <@{marcus.id}> on {day}: “Prices missing”; "
        "lift it first to give another reason."
    ), again.text

    seen_by_moderator = await loopback.slash("importer info", importer="1", actor=akiko)
    fields = {f["name"]: f["value"] for f in seen_by_moderator.embeds[0]["fields"]}
    assert fields["Status"] == (f"suspended by <@{marcus.id}> on {day}: Prices missing"), fields
    seen_by_member = await loopback.slash("importer info", importer="1", actor=mika)
    fields = {f["name"]: f["value"] for f in seen_by_member.embeds[0]["fields"]}
    assert fields["Status"] == "suspended", fields
