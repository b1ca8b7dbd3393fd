"""An importer takes back an announcement still waiting for moderators, through the loopback:
it is picked from a list of their own waiting ones, its moderation queue post is deleted, and
one already decided, someone else's, or a typed id is refused with nothing changed."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_forget_messages import path_of
from .test_importers import announce, posts_to, server_ready
from .test_privacy import deleted
from .test_reminders import settled
from .test_showcase_nominations import queue_posts


async def test_an_importer_withdraws_a_waiting_announcement_and_its_queue_post_goes(
    keitora: RunningBot, loopback: Loopback
) -> None:
    yoshi, marcus = loopback.member("Yoshi"), loopback.member("Marcus")
    await server_ready(loopback, trusted=False)
    for title in ("Acty arrived", "Carry arrived", "Open house"):
        assert "waits for a moderator" in await announce(loopback, title)
    acty, carry, house = await queue_posts(loopback, 3)
    await loopback.click(house, "Approve", actor=marcus)
    stale = await loopback.slash("modqueue", actor=marcus)

    # Only what still waits is offered, newest first; nobody else is offered any.
    offered = await loopback.autocomplete("importer withdraw", "announcement", "", actor=yoshi)
    assert offered == [
        {"name": "#2 Carry arrived", "value": "2"},
        {"name": "#1 Acty arrived", "value": "1"},
    ]
    assert await loopback.autocomplete("importer withdraw", "announcement", "carry", actor=yoshi)
    mika = loopback.member("Mika")
    assert await loopback.autocomplete("importer withdraw", "announcement", "", actor=mika) == []

    withdrawn = await loopback.slash("importer withdraw", announcement="2", actor=yoshi)

    assert withdrawn.ephemeral
    assert withdrawn.content == (
        "Withdrawn: “Carry arrived” will not be posted, and it left the moderation queue. "
        "To change it, announce it again."
    )
    await deleted(loopback, path_of(carry))
    await settled(keitora, "%")
    assert [m.id for m in loopback.messages("mod-queue")] == [acty.id, house.id]
    late = await loopback.click(stale, "Approve announcement #2", actor=marcus)
    assert "no longer waiting" in late.text
    assert len(posts_to(loopback, "announcements")) == 1  # the open house alone

    for typed, said in (
        ("2", "You withdrew it already, while it waited for a moderator; it was never posted."),
        ("Carry", "Pick the announcement from the list as you type."),
        ("3", "“Open house” was posted already, so it cannot be withdrawn"),
    ):
        refused = await loopback.slash("importer withdraw", announcement=typed, actor=yoshi)
        assert refused.ephemeral
        assert said in refused.text, refused.text
    other = await loopback.slash("importer withdraw", announcement="1", actor=mika)
    assert "Only verified importers" in other.text
    assert [m.id for m in loopback.messages("mod-queue")] == [acty.id, house.id]


async def test_a_posted_announcements_title_typed_says_it_was_posted_and_how_to_take_it_down(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """The list offers only what waits, so a posted one's title is sent as typed: the reply
    says where it went rather than asking for a pick the list never offered; words that also
    name one still waiting are still to be picked."""
    yoshi = loopback.member("Yoshi")
    await server_ready(loopback, trusted=False)
    for title in ("Hijet jumbo landed", "Hijet dump"):
        assert "waits for a moderator" in await announce(loopback, title)
    landed, _ = await queue_posts(loopback, 2)
    await loopback.click(landed, "Approve", actor=loopback.member("Marcus"))
    await loopback.wait_until(
        lambda: len(posts_to(loopback, "announcements")) == 1, within=10, what="the post"
    )

    for command, so in (("importer withdraw", "withdrawn"), ("importer edit", "changed")):
        refused = await loopback.slash(command, announcement="jumbo", actor=yoshi)
        assert refused.ephemeral
        assert refused.text == (
            f"“Hijet jumbo landed” was posted already, so it cannot be {so}; take it down "
            "with /importer delete."
        ), refused.text
        for typed in ("Hijet", "Sambar"):
            refused = await loopback.slash(command, announcement=typed, actor=yoshi)
            assert refused.text == "Pick the announcement from the list as you type.", typed
    assert len(posts_to(loopback, "announcements")) == 1
    assert await keitora.store.fetchval("SELECT count(*) FROM announcements") == 2
    assert len(loopback.messages("mod-queue")) == 2
