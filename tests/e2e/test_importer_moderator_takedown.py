"""A moderator takes down an importer's posted announcement with /importer delete, through the
loopback: the post is deleted, the alert DMs about it are edited to say a moderator took it
down, and the importer is told by DM; a member who is neither its importer nor a moderator is
refused and nothing changes. Asserted on the requests the bot sent."""

from __future__ import annotations

from sandbox import Loopback, Message

from .conftest import RunningBot
from .test_alert_takedowns import alert_dm_sent, edits_of
from .test_importer_takedown import DELETE
from .test_importer_takedown_confirm import taken_down_by_moderator
from .test_importers import POST, requests
from .test_reminders import settled

WEEK = 7 * 24 * 60 * 60  # seconds a take-down refuses the same announcement again


async def came_down_by_a_moderator(
    keitora: RunningBot, loopback: Loopback, card_id: str, alert_dm: Message, edited_before: int = 0
) -> None:
    """The bot deleted the announcement's card, and edited Mika's alert DM about it (edited
    `edited_before` times before) once more, to say a moderator took it down."""
    [deleted] = requests(loopback, DELETE)
    assert deleted.path.endswith(
        f"/channels/{loopback.channel('announcements').id}/messages/{card_id}"
    )
    await settled(keitora, "alert.%")
    await settled(keitora, "importers.%")
    *_, edit = edits = edits_of(loopback, loopback.dm_channel(loopback.member("Mika")).id)
    assert len(edits) == edited_before + 1, edits
    assert edit.path.endswith(f"/messages/{alert_dm.id}")
    assert edit.request["content"] == (
        "Your alert `hijet` matched an announcement that a moderator has since taken down."
    ), edit.request
    assert edit.request["embeds"] == []


async def test_a_moderator_takes_down_an_importers_announcement_and_both_are_told(
    keitora: RunningBot, loopback: Loopback
) -> None:
    yoshi, marcus = loopback.member("Yoshi"), loopback.member("Marcus")
    alert_dm = await alert_dm_sent(keitora, loopback)
    [card] = loopback.messages("announcements")

    offered = await loopback.autocomplete("importer delete", "announcement", "", actor=marcus)
    assert offered == [{"name": "Kei Imports: #1 Hijet Jumbo arrived", "value": "1"}]
    taken = await taken_down_by_moderator(loopback)

    assert taken.ephemeral
    assert taken.text == (
        "Taken down by you, as a moderator: “Hijet Jumbo arrived” from **Kei Imports** left "
        f"the announcements channel and is deleted. Told <@{yoshi.id}> by DM."
    ), taken.text
    await came_down_by_a_moderator(keitora, loopback, card.id, alert_dm)
    yoshi_dm = loopback.dm_channel(yoshi).id
    [told] = [r.request for r in requests(loopback, POST) if f"/channels/{yoshi_dm}/" in r.path]
    taken_at = await keitora.store.fetchval("SELECT withdrawn_at FROM announcement_withdrawals")
    assert told["content"] == (
        "A moderator of **Kei Truck Owners of America** took down your announcement “Hijet "
        "Jumbo arrived” (**Kei Imports**): it is deleted, and members no longer see it in the "
        "announcements channel. It still counts toward the limit of announcements in 24 hours, "
        f"and the same announcement cannot be announced again until <t:{taken_at + WEEK}:f>. "
        "Ask the moderators if you want to know why."
    ), told
    assert told["allowed_mentions"]["parse"] == []
    again = await loopback.slash("importer delete", announcement="1", actor=marcus)
    # Its record says who took it down, so the moderator is told that, not to pick another.
    assert again.text == "Already taken down by you; there is nothing left to take down."


async def test_a_long_title_offered_to_a_moderator_is_cut_and_its_importer_named_whole(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    await alert_dm_sent(keitora, loopback)
    await keitora.store.execute("UPDATE announcements SET title = ?", ("Hijet Jumbo " * 20,))

    [offered] = await loopback.autocomplete("importer delete", "announcement", "", actor=marcus)

    assert len(offered["name"]) <= 100
    assert offered["name"].startswith("Kei Imports: #1 Hijet Jumbo Hijet"), offered
    assert offered["name"].endswith("…"), offered


async def test_a_moderator_is_told_when_the_importer_could_not_be_told(
    keitora: RunningBot, loopback: Loopback
) -> None:
    yoshi = loopback.member("Yoshi")
    await alert_dm_sent(keitora, loopback)
    loopback.close_dms(yoshi)

    taken = await taken_down_by_moderator(loopback)

    assert taken.text.startswith("Taken down by you, as a moderator:"), taken.text
    assert taken.text.endswith(
        f"I could not DM <@{yoshi.id}> (Discord refused it); tell them another way."
    ), taken.text
    assert loopback.messages("announcements") == []


async def test_a_member_who_is_neither_its_importer_nor_a_moderator_is_refused(
    keitora: RunningBot, loopback: Loopback
) -> None:
    mika, dale, marcus = (loopback.member(name) for name in ("Mika", "Dale", "Marcus"))
    await alert_dm_sent(keitora, loopback)
    assert await loopback.autocomplete("importer delete", "announcement", "", actor=mika) == []

    refused = await loopback.slash("importer delete", announcement="1", actor=mika)

    assert refused.ephemeral
    assert refused.text == (
        "Only an importer (their own) or a moderator (any importer's) can take down an "
        "announcement."
    ), refused.text
    # Another importer is refused too: it is not one of theirs.
    await loopback.slash("importer-mod register", name="Mini Truck Barn", member=dale, actor=marcus)
    assert await loopback.autocomplete("importer delete", "announcement", "", actor=dale) == []
    other = await loopback.slash("importer delete", announcement="1", actor=dale)
    assert other.ephemeral
    assert "Pick one of your announcements from the list as you type." in other.text, other.text

    assert requests(loopback, DELETE) == []
    assert len(loopback.messages("announcements")) == 1
    await settled(keitora, "alert.%")
    assert edits_of(loopback, loopback.dm_channel(mika).id) == []
    assert await keitora.store.fetchval("SELECT count(*) FROM announcements") == 1
