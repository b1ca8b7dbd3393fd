"""A series' rule in words names the zone its clock time is in: the card's Repeats line, the
DM of a new schedule and the organizer's reply sit beside Discord timestamps each reader sees
in their own zone, so a bare "2:00 PM" would read as theirs (and its weekday may differ)."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_changes import dms_arrive, sent_dms
from .test_meetup_edits import posted
from .test_meetups import EDIT, POST, requests


def repeats_sent(loopback: Loopback) -> list[str]:
    """Every Repeats field of a card the bot posted or edited, in order."""
    return [
        field["value"]
        for record in requests(loopback, POST) + requests(loopback, EDIT)
        for embed in (record.request or {}).get("embeds") or []
        for field in embed.get("fields", [])
        if field["name"] == "Repeats"
    ]


async def test_the_card_and_the_schedule_dm_name_the_series_zone(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(
        keitora, loopback, title="East Coast Cruise", when="sun 2pm ET", repeat="weekly"
    )
    assert repeats_sent(loopback)[0].startswith(
        "every Sunday at 2:00 PM (America/New_York)\nAfter this one: <t:"
    )
    dale, tammy = loopback.member("Dale"), loopback.member("Tammy")
    await loopback.click(card, "Going", actor=dale)

    reply = await loopback.slash(
        "meetup edit", meetup="1", when="sun 6pm", dates="every", actor=tammy
    )

    assert reply.content.startswith(
        "From now on “East Coast Cruise” meets every Sunday at 6:00 PM (America/New_York): "
    ), reply.content
    await dms_arrive(keitora, loopback, {dale: 1})
    [dm] = loopback.dms(dale)
    assert dm.content.startswith(
        "**East Coast Cruise** has a new schedule from now on: every Sunday at 6:00 PM "
        "(America/New\\_York). "  # escaped, as all the DM's text from members and organizers
    ), dm.content
    assert sent_dms(loopback, dm.content)
    await loopback.wait_until(
        lambda: repeats_sent(loopback)[-1].startswith("every Sunday at 6:00 PM (America/New_York)"),
        what="the card's new Repeats line",
    )
