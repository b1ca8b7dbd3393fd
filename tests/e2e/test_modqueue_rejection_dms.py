"""A rejection's DM names the server it is from, through the loopback, as every other
moderator's DM does: an importer or member in several kei truck servers reads whose moderators
turned them down. Asserted on the DM the bot sent."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot, eventually
from .test_modqueue import reject
from .test_showcase_dm_servers import ODD_NAME, SHOWN, rename_server
from .test_showcase_nominations import dms_sent_to, queue_posts, queue_ready


async def test_a_rejection_dm_names_the_server(loopback: Loopback, keitora: RunningBot) -> None:
    await queue_ready(loopback)
    await rename_server(loopback, keitora, ODD_NAME)
    dale = loopback.member("Dale")
    await loopback.slash("glossary suggest", term="tanbo", meaning="A field.", actor=dale)
    [queued] = await queue_posts(loopback, 1)

    await reject(loopback, queued, "Reject", "Marcus")

    await eventually(lambda: bool(dms_sent_to(loopback, "Dale")), "Dale's DM")
    [told] = dms_sent_to(loopback, "Dale")
    assert told["content"] == (
        f"A moderator of **{SHOWN}** did not approve your glossary suggestion “tanbo”.\n"
        "Reason: Already in the glossary"
    )
