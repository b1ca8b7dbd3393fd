"""An importer takes back what they announced, through the loopback: a posted announcement comes
down from the announcements channel before its record goes (and when Discord refuses, nothing
is deleted and the reply says so); a suspended importer still withdraws what waits on hold;
what was taken back still counts toward the day's limit."""

from __future__ import annotations

from sandbox import Loopback
from sandbox.state import Permission

from .conftest import RunningBot
from .test_forget_messages import path_of
from .test_importers import announce, requests, server_ready, settle
from .test_privacy import deleted
from .test_showcase_nominations import queue_posts

DELETE = ("DELETE", "/channels/{channel_id}/messages/{message_id}")


async def test_an_importer_takes_down_a_posted_announcement_and_it_still_counts(
    keitora: RunningBot, loopback: Loopback
) -> None:
    yoshi, akiko = loopback.member("Yoshi"), loopback.member("Akiko")
    await server_ready(loopback, trusted=True)
    await loopback.slash("setup importers", daily=2, actor=akiko)
    for title in ("Acty arrived", "Carry arrived"):
        assert "on its way" in await announce(loopback, title)
    acty, carry = await settle(loopback, "announcements", 2, "both announcements")

    offered = await loopback.autocomplete("importer delete", "announcement", "", actor=yoshi)
    assert offered == [
        {"name": "#2 Carry arrived", "value": "2"},
        {"name": "#1 Acty arrived", "value": "1"},
    ]
    mika = loopback.member("Mika")
    assert await loopback.autocomplete("importer delete", "announcement", "", actor=mika) == []

    taken = await loopback.slash("importer delete", announcement="2", actor=yoshi)

    assert taken.ephemeral
    assert taken.text == (
        "Taken down: “Carry arrived” left the announcements channel and is deleted. It still "
        "counts toward the limit of 2 announcements in 24 hours."
    ), taken.text
    await deleted(loopback, path_of(carry))
    assert [m.id for m in loopback.messages("announcements")] == [acty.id]
    again = await loopback.slash("importer delete", announcement="2", actor=yoshi)
    assert again.text == "You took it down already.", again.text
    refused = (await loopback.slash("importer announce", actor=yoshi)).text  # no form opens
    assert "2 announcements in the last 24 hours (withdrawn ones count too)" in refused, refused


async def test_when_discord_will_not_delete_the_post_nothing_is_taken_down(
    keitora: RunningBot, loopback: Loopback
) -> None:
    yoshi = loopback.member("Yoshi")
    await server_ready(loopback, trusted=True)
    await announce(loopback, "**Acty** arrived")
    [acty] = await settle(loopback, "announcements", 1, "the announcement")
    loopback.faults.server_error(*DELETE, times=1, status=400)

    refused = await loopback.slash("importer delete", announcement="1", actor=yoshi)

    assert refused.ephemeral
    # Its title shown as typed, escaped once.
    said = "Discord refused to delete the post of “\\*\\*Acty\\*\\* arrived” (400"
    assert refused.text.startswith(said), refused.text
    assert refused.text.endswith(
        "so nothing was taken down; a moderator can delete the post in the channel."
    ), refused.text
    assert [m.id for m in loopback.messages("announcements")] == [acty.id]
    offered = await loopback.autocomplete("importer delete", "announcement", "", actor=yoshi)
    assert offered == [{"name": "#1 **Acty** arrived", "value": "1"}]

    taken = await loopback.slash("importer delete", announcement="1", actor=yoshi)
    assert taken.text.startswith("Taken down: “\\*\\*Acty\\*\\* arrived”"), taken.text
    assert loopback.messages("announcements") == []
    assert len(requests(loopback, DELETE)) == 2


async def test_a_post_in_a_channel_keitora_may_not_view_is_kept_and_the_reply_says_why(
    keitora: RunningBot, loopback: Loopback
) -> None:
    yoshi = loopback.member("Yoshi")
    await server_ready(loopback, trusted=True)
    await announce(loopback, "Acty arrived")
    [acty] = await settle(loopback, "announcements", 1, "the announcement")
    assert loopback.guild is not None
    channel = loopback.guild.channel("announcements")
    await loopback.set_overwrite(
        channel, loopback.guild.role("Keitora"), deny=Permission.VIEW_CHANNEL
    )

    refused = await loopback.slash("importer delete", announcement="1", actor=yoshi)

    assert refused.ephemeral
    assert "I need to view that channel (View Channel)" in refused.text, refused.text
    assert [m.id for m in loopback.messages("announcements")] == [acty.id]
    offered = await loopback.autocomplete("importer delete", "announcement", "", actor=yoshi)
    assert offered == [{"name": "#1 Acty arrived", "value": "1"}]


async def test_a_suspended_importer_withdraws_an_announcement_on_hold(
    keitora: RunningBot, loopback: Loopback
) -> None:
    yoshi, marcus = loopback.member("Yoshi"), loopback.member("Marcus")
    await server_ready(loopback, trusted=False)
    assert "waits for a moderator" in await announce(loopback, "Acty arrived")
    [queued] = await queue_posts(loopback, 1)
    await loopback.slash(
        "importer-mod suspend", importer="1", reason="Prices missing again", actor=marcus
    )

    offered = await loopback.autocomplete("importer withdraw", "announcement", "", actor=yoshi)
    assert offered == [{"name": "#1 Acty arrived", "value": "1"}]
    withdrawn = await loopback.slash("importer withdraw", announcement="1", actor=yoshi)

    assert withdrawn.text.startswith("Withdrawn: “Acty arrived” will not be posted"), withdrawn.text
    await deleted(loopback, path_of(queued))
    refused = await loopback.slash("importer announce", actor=yoshi)
    assert refused.modal is None
    assert "Kei Imports is suspended (“Prices missing again”)" in refused.text, refused.text
