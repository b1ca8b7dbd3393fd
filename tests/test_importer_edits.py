"""An importer changes an announcement still waiting for moderators: each field checked as when
announced, the moderators' queue shows the new text, and nothing else may be changed."""

# ruff: noqa: F811 (the `world` fixture, imported, is redefined as each test's argument)

from __future__ import annotations

import asyncio

import pytest

from bot.errors import UserError
from bot.feeds import FeedItem
from bot.importers import ArrivalDraft
from bot.importers.own_announcements import Overtaken
from bot.modqueue import Changed
from tests.test_importers import (  # noqa: F401 (the fixture)
    GUILD,
    MODERATOR,
    TRUSTED_MEMBER,
    UNTRUSTED_MEMBER,
    World,
    draft,
    world,
)


async def test_a_waiting_announcement_is_changed_and_the_queue_shows_it(world: World) -> None:
    announced = await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("Acty arived"))
    ref = announced.announcement.id
    await world.importers.set_suspended(GUILD, world.untrusted, True)  # on hold: still theirs

    edited = await world.announcements.own.edit(
        GUILD,
        UNTRUSTED_MEMBER,
        ref,
        draft("  Acty   arrived ", body="4WD, $6,500", link="https://kei.example/acty"),
    )

    assert (edited.id, edited.title, edited.body) == (ref, "Acty arrived", "4WD, $6,500")
    assert edited.link == "https://kei.example/acty"
    [item] = await world.modqueue.pending(GUILD)
    assert (item.title, item.body) == ("Acty arrived", "4WD, $6,500")
    # The new title is what a repeat is known by.
    await world.importers.set_suspended(GUILD, world.untrusted, False)
    with pytest.raises(UserError, match="“ACTY arrived!” repeats “Acty arrived”, which is still"):
        await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("ACTY arrived!"))
    await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("Acty arived"))


async def test_an_edit_is_checked_as_an_announcement_is_and_changes_nothing_when_refused(
    world: World,
) -> None:
    first = await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("Acty arrived"))
    second = await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("Carry arrived"))
    ref = second.announcement.id
    for changed, said in (
        (draft("Carry", link="http://kei.example"), "https:// link"),
        (draft("x" * 257), "limit is 256"),
        (draft("!!!"), "needs some words"),
        (draft("ACTY arrived"), "is still waiting for a moderator; a repeat is not sent"),
    ):
        with pytest.raises(UserError, match=said):
            await world.announcements.own.edit(GUILD, UNTRUSTED_MEMBER, ref, changed)
    assert (await world.announcements.get(GUILD, ref)).title == "Carry arrived"
    # Its own title again is no repeat.
    await world.announcements.own.edit(GUILD, UNTRUSTED_MEMBER, ref, draft("carry arrived"))
    assert first.announcement.id != ref


async def test_only_ones_own_waiting_typed_announcement_is_changed(world: World) -> None:
    posted = await world.announcements.announce(GUILD, TRUSTED_MEMBER, draft())
    with pytest.raises(UserError, match="on its way to the announcements channel, so it cannot"):
        await world.announcements.own.edit(GUILD, TRUSTED_MEMBER, posted.announcement.id, draft())
    waiting = await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft())
    with pytest.raises(UserError, match="Pick one of your announcements"):
        await world.announcements.own.edit(GUILD, TRUSTED_MEMBER, waiting.announcement.id, draft())
    await world.modqueue.reject(GUILD, "announcement", waiting.announcement.id, 603, "No prices")
    with pytest.raises(UserError, match="was rejected"):
        await world.announcements.own.edit(
            GUILD, UNTRUSTED_MEMBER, waiting.announcement.id, draft()
        )
    arrival = await world.announcements.announce_arrival(
        GUILD, UNTRUSTED_MEMBER, ArrivalDraft("Daihatsu", "Hijet", 1995, "S110P")
    )
    with pytest.raises(UserError, match="An arrival's card is made from its fields"):
        await world.announcements.own.edit(
            GUILD, UNTRUSTED_MEMBER, arrival.announcement.id, draft()
        )


async def test_a_feed_item_with_a_plain_http_link_is_changed_keeping_its_link(
    world: World,
) -> None:
    link = "http://kei.example/carry"  # as the importer's site gives it
    item = FeedItem("k" * 64, "Carry arived", link, "4WD", None)
    async with world.store.transaction():
        await world.announcements.accept_feed_items(GUILD, world.untrusted, [item])
    [queued] = await world.announcements.of_member(GUILD, UNTRUSTED_MEMBER, "", 5, posted=False)

    edited = await world.announcements.own.edit(
        GUILD, UNTRUSTED_MEMBER, queued.id, draft("Carry arrived", body="4WD", link=link)
    )

    assert (edited.title, edited.link) == ("Carry arrived", link)
    other = "http://kei.example/other"  # a new link is checked as when announced
    with pytest.raises(UserError, match="https"):
        await world.announcements.own.edit(
            GUILD, UNTRUSTED_MEMBER, queued.id, draft("Carry arrived", link=other)
        )


async def test_an_approval_and_an_edit_at_once_never_post_text_the_moderator_did_not_see(
    world: World,
) -> None:
    announced = await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("Acty arrived"))
    ref = announced.announcement.id
    [seen] = await world.modqueue.pending(GUILD)
    scam = draft("Acty arrived", body="DM me, pay by gift card")

    approval, edit = await asyncio.gather(
        world.modqueue.approve(GUILD, "announcement", ref, MODERATOR, seen=seen.revision),
        world.announcements.own.edit(GUILD, UNTRUSTED_MEMBER, ref, scam),
        return_exceptions=True,
    )

    # The approval took its turn first: what it saw is what goes out, and the edit is late.
    assert not isinstance(approval, BaseException), approval
    assert isinstance(edit, UserError)
    assert (await world.announcements.get(GUILD, ref)).body == "Ready in Houston."


async def test_an_approval_of_an_earlier_revision_is_refused_with_the_item_as_it_is_now(
    world: World,
) -> None:
    announced = await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("Acty arrived"))
    ref = announced.announcement.id
    scam = draft("Acty arrived", body="DM me, pay by gift card")
    await world.announcements.own.edit(GUILD, UNTRUSTED_MEMBER, ref, scam)

    with pytest.raises(Changed) as refused:
        await world.modqueue.approve(GUILD, "announcement", ref, MODERATOR, seen=0)

    assert refused.value.item.body == "DM me, pay by gift card"
    assert refused.value.item.revision == 1
    assert (await world.announcements.get(GUILD, ref)).status == "queued"
    await world.modqueue.approve(GUILD, "announcement", ref, MODERATOR, seen=1)
    assert (await world.announcements.get(GUILD, ref)).status == "posting"


async def test_a_change_sent_after_its_announcement_left_the_queue_says_how_it_left(
    world: World,
) -> None:
    own = world.announcements.own
    taken_back = await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("Acty arrived"))
    approved = await world.announcements.announce(GUILD, UNTRUSTED_MEMBER, draft("Carry arrived"))
    await own.withdraw(GUILD, UNTRUSTED_MEMBER, taken_back.announcement.id)
    ref = approved.announcement.id
    await world.modqueue.approve(GUILD, "announcement", ref, MODERATOR)
    await world.modqueue.decided(
        GUILD, "announcement", ref, f"Approved by <@{MODERATOR}>.", shown=False, outcome="approved"
    )
    await own.take_down(GUILD, UNTRUSTED_MEMBER, ref, post_removed=None)

    with pytest.raises(Overtaken, match=r"^“Acty again” was withdrawn; announce it again\.$"):
        await own.edit(GUILD, UNTRUSTED_MEMBER, taken_back.announcement.id, draft("Acty again"))
    with pytest.raises(Overtaken, match="“Carry arrived” was approved, and has been taken down"):
        await own.edit(GUILD, UNTRUSTED_MEMBER, ref, draft("Carry arrived"))
    with pytest.raises(UserError, match=r"^You took it down already\.$"):
        await own.changeable(GUILD, UNTRUSTED_MEMBER, ref)
