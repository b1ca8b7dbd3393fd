"""An importer typing again, through the loopback, what a moderator took down is refused with
an ephemeral reply naming the take-down, and nothing is posted; what the importer took down
itself may be typed again, corrected. Asserted on what the bot sent."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_alert_takedowns import alert_dm_sent
from .test_importer_takedown_confirm import taken_down_by_moderator
from .test_importers import announce, posts_to, settle
from .test_reminders import settled


async def test_a_retype_of_what_a_moderator_took_down_is_refused_naming_the_take_down(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await alert_dm_sent(keitora, loopback)
    await taken_down_by_moderator(loopback)
    await settled(keitora, "importer%")

    refused = await announce(loopback, "Hijet jumbo ARRIVED")

    assert refused.startswith(
        "“Hijet jumbo ARRIVED” repeats an announcement a moderator took down in the last 7 "
        "days; it is not announced again. Ask the moderators if you want to know why."
    ), refused
    await settled(keitora, "importer%")
    assert len(posts_to(loopback, "announcements")) == 1  # the one taken down


async def test_a_retype_of_what_the_importer_took_down_is_posted(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await alert_dm_sent(keitora, loopback)
    taken = await loopback.slash(
        "importer delete", announcement="1", actor=loopback.member("Yoshi")
    )
    assert taken.text.startswith("Taken down"), taken.text

    assert "on its way" in await announce(loopback, "Hijet Jumbo arrived")
    await settle(loopback, "announcements", 1, "the corrected announcement")
    assert len(posts_to(loopback, "announcements")) == 2
