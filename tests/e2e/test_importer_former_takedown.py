"""A moderator takes down a removed importer's posted announcement with /importer delete, through
the loopback: it is offered under the name it had, marked a former importer's; its post comes
down, its record goes, the alert DMs about it are edited, and nobody is DMed as its importer.
Asserted on the requests the bot sent."""

from __future__ import annotations

from bot.clock import ManualClock
from sandbox import Loopback
from tests.feed_server import FeedServer

from .conftest import RunningBot
from .test_alert_takedowns import alert_dm_sent, digest_sent, edits_of
from .test_importer_moderator_takedown import came_down_by_a_moderator
from .test_importer_takedown import DELETE
from .test_importer_takedown_confirm import taken_down_by_moderator
from .test_importers import requests, server  # noqa: F401 (the fixture)
from .test_reminders import settled


async def removed_after_posting(keitora: RunningBot, loopback: Loopback) -> str:
    """Mika's alert DM names Yoshi's posted "Hijet Jumbo arrived"; then Marcus removes Kei
    Imports, and its card is edited to name a former importer. The card's message id."""
    marcus = loopback.member("Marcus")
    await alert_dm_sent(keitora, loopback)
    [card] = loopback.messages("announcements")
    await settled(keitora, "importer.%")
    asked = await loopback.slash("importer-mod remove", importer="1", actor=marcus)
    removed = await loopback.click(asked, "Remove Kei Imports", actor=marcus)
    assert removed.text.startswith("Removed “Kei Imports”"), removed.text
    channel = loopback.channel("announcements").id
    await loopback.wait_until(lambda: edits_of(loopback, channel), within=10, what="the edit")
    return card.id


async def test_a_moderator_takes_down_a_removed_importers_announcement(
    keitora: RunningBot, loopback: Loopback
) -> None:
    yoshi, mika, marcus = (loopback.member(name) for name in ("Yoshi", "Mika", "Marcus"))
    card_id = await removed_after_posting(keitora, loopback)
    [alert_dm] = loopback.dms(mika)
    await settled(keitora, "alert.%")
    # The DM no longer vouches for the importer: its card names a former one, as in the channel.
    [former] = edits_of(loopback, loopback.dm_channel(mika).id)
    assert former.path.endswith(f"/messages/{alert_dm.id}")
    assert former.request["content"] == (
        "Your alert `hijet` matched this from **Kei Imports**, a former importer:"
    ), former.request
    [card] = former.request["embeds"]
    assert (card["title"], card["author"]["name"]) == (
        "Hijet Jumbo arrived",
        "Kei Imports · former importer",
    ), card

    offered = await loopback.autocomplete("importer delete", "announcement", "", actor=marcus)
    assert offered == [
        {"name": "Kei Imports (former importer): #1 Hijet Jumbo arrived", "value": "1"}
    ], offered
    taken = await taken_down_by_moderator(loopback)

    assert taken.ephemeral
    assert taken.text == (
        "Taken down by you, as a moderator: “Hijet Jumbo arrived” from **Kei Imports**, a "
        "former importer, left the announcements channel and is deleted. Nobody was told by "
        "DM: its importer was removed."
    ), taken.text
    await came_down_by_a_moderator(keitora, loopback, card_id, alert_dm, edited_before=1)
    # Its member was told of the removal, and of nothing after it.
    await settled(keitora, "importers.%")
    [told] = loopback.dms(yoshi)
    assert told.content.startswith("**Kei Imports** was removed from"), told.content
    assert await keitora.store.fetchval("SELECT count(*) FROM announcements") == 0
    assert await loopback.autocomplete("importer delete", "announcement", "", actor=marcus) == []
    again = await loopback.slash("importer delete", announcement="1", actor=marcus)
    # Its record says who took it down, so the moderator is told that, not to pick another.
    assert again.text == "Already taken down by you; there is nothing left to take down."


async def test_a_moderator_is_asked_first_without_anyone_to_tell(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    await removed_after_posting(keitora, loopback)

    asked = await loopback.slash("importer delete", announcement="1", actor=marcus)

    assert asked.text == (
        "Take down “Hijet Jumbo arrived” from **Kei Imports**, a former importer? It leaves the "
        "announcements channel and is deleted, and the alert DMs about it say a moderator took "
        "it down. This cannot be undone."
    ), asked.text
    assert requests(loopback, DELETE) == []  # no message deleted


async def test_a_dm_edited_after_its_importer_was_removed_names_a_former_importer(
    keitora: RunningBot,
    loopback: Loopback,
    server: FeedServer,  # noqa: F811 (the fixture)
    clock: ManualClock,
) -> None:
    mika, marcus = loopback.member("Mika"), loopback.member("Marcus")
    digest = await digest_sent(keitora, loopback, server, clock)
    asked = await loopback.slash("importer-mod remove", importer="1", actor=marcus)
    await loopback.click(asked, "Remove Kei Imports", actor=marcus)
    await settled(keitora, "importer.%")
    await settled(keitora, "alert.%")  # its DM edited before the take-down

    await taken_down_by_moderator(loopback, "3")  # the Jumbo: the feed lists it first
    await settled(keitora, "alert.%")

    removed, taken = edits_of(loopback, loopback.dm_channel(mika).id)  # one edit each
    listed = digest.embeds[0]["description"].splitlines()
    jumbo_down = "• *taken down by a moderator* · `hijet`"
    for edit, lines in (
        (removed, listed),
        (taken, [jumbo_down if "Jumbo" in line else line for line in listed]),
    ):
        assert edit.path.endswith(f"/messages/{digest.id}")
        assert edit.request["content"] == (
            "Your alerts matched 2 new announcements from **Kei Imports**, a former importer:"
        ), edit.request
        assert edit.request["embeds"][0]["description"].splitlines() == lines, edit.request
