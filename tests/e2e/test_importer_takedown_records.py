"""A moderator's take-downs stay in their /privacy export when the importer goes, through the
loopback: one of an importer's announcement made before a moderator removed the importer, and
one of a removed importer's announcement. Asserted on the export file the bot sent."""

from __future__ import annotations

import json
from typing import Any

from sandbox import Loopback

from .conftest import RunningBot
from .test_alert_takedowns import alert_dm_sent
from .test_importer_former_takedown import removed_after_posting
from .test_importer_takedown_confirm import taken_down_by_moderator
from .test_importers import announce


async def taken_down_in_export(loopback: Loopback, member: str) -> list[dict[str, Any]]:
    """The moderator take-downs the member's export lists in the server."""
    exported = await loopback.slash("privacy export", actor=loopback.member(member))
    [attachment] = exported.attachments
    server = json.loads(attachment.data)["servers"][loopback.guild.id]
    return list(server.get("announcements_taken_down", []))


async def take_down_as_moderator(loopback: Loopback, ref: str) -> str:
    """Marcus takes down announcement `ref` with /importer delete; the reply's text."""
    return (await taken_down_by_moderator(loopback, ref)).text


async def test_a_take_down_stays_in_the_moderators_export_once_its_importer_is_removed(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    await alert_dm_sent(keitora, loopback)
    assert "Taken down by you" in await take_down_as_moderator(loopback, "1")
    [taken] = await taken_down_in_export(loopback, "Marcus")
    assert taken.pop("announced_at") <= taken.pop("taken_down_at")
    assert taken == {  # whose, from where, and its listing while a repeat of it is refused
        "importer": "Kei Imports",
        "source": "/importer announce",
        "link": "https://kei.example/hijet",
    }
    # Yoshi's own (another listing), then taken back by Yoshi
    await announce(loopback, "Carry arrived", link="https://kei.example/carry")
    yoshi_took = await loopback.slash(
        "importer delete", announcement="2", actor=loopback.member("Yoshi")
    )
    assert yoshi_took.text.startswith("Taken down"), yoshi_took.text

    asked = await loopback.slash("importer-mod remove", importer="1", actor=marcus)
    await loopback.click(asked, "Remove Kei Imports", actor=marcus)

    [kept] = await taken_down_in_export(loopback, "Marcus")
    assert set(kept) == {"importer", "source", "link", "announced_at", "taken_down_at"}, kept
    # The business's words went with it; its name is no longer the moderator's to keep.
    assert (kept["importer"], kept["link"]) == ("a former importer", None)
    # The importer's own take-back went with its profile.
    assert await keitora.store.fetchval("SELECT count(*) FROM announcement_withdrawals") == 1


async def test_a_take_down_of_a_removed_importers_announcement_is_in_the_export(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await removed_after_posting(keitora, loopback)

    assert "Taken down by you" in await take_down_as_moderator(loopback, "1")

    assert len(await taken_down_in_export(loopback, "Marcus")) == 1
