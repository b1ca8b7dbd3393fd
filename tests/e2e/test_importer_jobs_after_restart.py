"""What a take-down or a removal leaves in the job queue is done by the next client when the
one that queued it stops first: the alert DM's edit, the importer's DM and the former
importer's card, each registered before the job runner of a fresh client starts."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_alert_takedowns import alert_dm_sent, edits_of
from .test_importer_takedown_confirm import taken_down_by_moderator
from .test_importers import POST, announce, requests, server_ready, settle
from .test_reminders import settled


async def pending(keitora: RunningBot) -> list[str]:
    rows = await keitora.store.fetchall(
        "SELECT kind FROM jobs WHERE state = 'pending' AND kind IN "
        "('alert.dm_edit', 'importers.taken_down_dm', 'importer.former_card') ORDER BY kind"
    )
    return [row["kind"] for row in rows]


def dms_sent_to(loopback: Loopback, name: str) -> list[str]:
    channel = loopback.dm_channel(loopback.member(name)).id
    return [r.request["content"] for r in requests(loopback, POST) if f"/{channel}/" in r.path]


async def test_a_take_downs_dm_edit_and_notice_are_sent_by_the_next_client(
    keitora: RunningBot, loopback: Loopback
) -> None:
    mika = loopback.member("Mika")
    alert_dm = await alert_dm_sent(keitora, loopback)
    await keitora.bot.job_runner.stop()  # the client stops before it gets to them

    await taken_down_by_moderator(loopback)
    assert await pending(keitora) == ["alert.dm_edit", "importers.taken_down_dm"]
    assert dms_sent_to(loopback, "Yoshi") == []

    await keitora.restart()
    await settled(keitora, "alert.%")
    await settled(keitora, "importers.%")

    [edit] = edits_of(loopback, loopback.dm_channel(mika).id)
    assert edit.path.endswith(f"/messages/{alert_dm.id}")
    assert "a moderator has since taken down" in edit.request["content"], edit.request
    [told] = dms_sent_to(loopback, "Yoshi")
    assert told.startswith("A moderator of **Kei Truck Owners of America** took down"), told
    assert await pending(keitora) == []


async def test_a_removed_importers_card_is_edited_by_the_next_client(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    await server_ready(loopback, trusted=True)
    await announce(loopback, "Acty arrived")
    [card] = await settle(loopback, "announcements", 1, "the announcement")
    await settled(keitora, "importer.%")
    await keitora.bot.job_runner.stop()

    asked = await loopback.slash("importer-mod remove", importer="1", actor=marcus)
    await loopback.click(asked, "Remove Kei Imports", actor=marcus)
    assert await pending(keitora) == ["importer.former_card"]

    await keitora.restart()
    channel = loopback.channel("announcements").id
    await loopback.wait_until(lambda: edits_of(loopback, channel), within=10, what="the edit")
    [edit] = edits_of(loopback, channel)
    assert edit.path.endswith(f"/messages/{card.id}")
    assert edit.request["embeds"][0]["author"]["name"] == "Kei Imports · former importer"
