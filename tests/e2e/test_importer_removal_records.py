"""A removed importer's posted announcements stay on record, through the loopback: the card in
the channel is edited to name a former importer instead of vouching for it, the record keeps
the name it had, and the member registered again does not find it among their own."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.importers.cards import IMPORTER_CARD_JOB
from sandbox import Loopback
from sandbox.state import Permission

from .conftest import RunningBot, first_attempt_failed
from .test_alert_takedowns import EDIT, edits_of
from .test_importer_suspended_cards import past_the_outboxs_records
from .test_importers import announce, server_ready, settle
from .test_reminders import settled
from .test_setup import overwrite_bot


@pytest.mark.parametrize("posted_long_ago", [False, True])
async def test_a_removed_importers_cards_say_former_importer_and_their_records_stay(
    keitora: RunningBot, loopback: Loopback, posted_long_ago: bool
) -> None:
    yoshi, marcus = loopback.member("Yoshi"), loopback.member("Marcus")
    await server_ready(loopback, trusted=True)
    await announce(loopback, "Acty arrived")
    [card] = await settle(loopback, "announcements", 1, "the announcement")
    await settled(keitora, "importer.%")
    assert card.embeds[0]["author"]["name"] == "Kei Imports · verified importer"
    if posted_long_ago:
        await past_the_outboxs_records(keitora)

    asked = await loopback.slash("importer-mod remove", importer="1", actor=marcus)
    removed = await loopback.click(asked, "Remove Kei Imports", actor=marcus)
    assert removed.text.startswith("Removed “Kei Imports”"), removed.text

    channel = loopback.channel("announcements").id
    await loopback.wait_until(lambda: edits_of(loopback, channel), within=10, what="the edit")
    [edit] = edits_of(loopback, channel)
    assert (edit.method, edit.template) == EDIT
    assert edit.path.endswith(f"/messages/{card.id}")
    [embed] = edit.request["embeds"]
    assert embed["author"]["name"] == "Kei Imports · former importer"
    assert embed["title"] == "Acty arrived"
    assert edit.request["allowed_mentions"]["parse"] == []
    guild_id = int(loopback.guild.id)
    kept = await keitora.bot.services.announcements.get(guild_id, 1)
    assert (kept.importer_id, kept.importer_name) == (None, "Kei Imports")

    again = await loopback.slash(
        "importer-mod register", name="Kei Imports", member=yoshi, trusted=True, actor=marcus
    )
    assert again.text.startswith("Registered"), again.text
    assert await loopback.autocomplete("importer delete", "announcement", "", actor=yoshi) == []


async def test_a_former_importers_card_waits_for_embed_links_rather_than_staying_verified(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    await server_ready(loopback, trusted=True)
    await announce(loopback, "Acty arrived")
    [card] = await settle(loopback, "announcements", 1, "the announcement")
    await settled(keitora, "importer.%")
    announcements = loopback.channel("announcements")
    await overwrite_bot(keitora, loopback, announcements, deny=Permission.EMBED_LINKS)

    asked = await loopback.slash("importer-mod remove", importer="1", actor=marcus)
    await loopback.click(asked, "Remove Kei Imports", actor=marcus)

    # Discord would refuse an edit of the card's embed alone: the job waits, and asks nothing.
    await first_attempt_failed(keitora, IMPORTER_CARD_JOB)
    assert edits_of(loopback, announcements.id) == []
    await overwrite_bot(keitora, loopback, announcements)
    keitora.clock.advance(timedelta(hours=1))
    await keitora.bot.job_runner.run_due()
    [edit] = edits_of(loopback, announcements.id)
    assert edit.path.endswith(f"/messages/{card.id}")
    assert edit.request["embeds"][0]["author"]["name"] == "Kei Imports · former importer"
