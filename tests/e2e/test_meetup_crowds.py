"""Meetups under load through the loopback: hundreds of clicks and forms at once, lists and
attendees paged within Discord's limits, and old cards answered after a restart or a kill."""

from __future__ import annotations

import asyncio

import pytest

from sandbox import Loopback

from .conftest import BURST, MEETUP_WEEK, BotProcess, RunningBot
from .test_meetups import (
    answer_form,
    card_edits,
    card_shows,
    cards,
    create,
    field,
    fresh,
    meetups_channel,
)

pytestmark = pytest.mark.clock(MEETUP_WEEK)


@BURST
async def test_three_hundred_members_clicking_going_at_once(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    await create(loopback, capacity=50)
    [card] = cards(loopback)
    members = [loopback.guild.add_member(f"Driver {n:03d}") for n in range(300)]

    replies = await asyncio.gather(
        *(loopback.click(card, "Going", actor=member, within=30) for member in members)
    )

    assert all(reply.rejected == [] and reply.ephemeral for reply in replies)
    going = [r for r in replies if r.content.startswith("You're going")]
    assert len(going) == 50
    places = [r.content.split("**#")[1].split("**")[0] for r in replies if r not in going]
    assert places == [str(n) for n in range(1, 251)]  # in click order
    assert [r for r in replies if r in going] == replies[:50]

    meetups, guild_id = keitora.bot.services.meetups, int(loopback.guild.id)
    [(meetup, occurrence)] = await meetups.upcoming(guild_id)
    counts = await meetups.counts(occurrence)
    assert (counts.people, counts.waiting) == (50, 250)
    parties = await meetups.parties(occurrence)
    waiting = [p.member_id for p in parties if p.status == "waitlist"]
    assert waiting == [int(m.id) for m in members[50:]]

    await card_shows(loopback, card, "Waitlist", "250 waiting")
    shown = await card_shows(loopback, card, "Going", "50 people of 50 · 0 trucks")
    assert shown.embeds[0]["title"] == meetup.title
    assert 1 <= len(card_edits(loopback, card)) <= 10


@BURST
async def test_fifty_guests_and_truck_forms_open_at_once_are_all_recorded(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    await create(loopback)
    [card] = cards(loopback)
    members = [loopback.guild.add_member(f"Hauler {n:02d}") for n in range(50)]

    opened = await asyncio.gather(
        *(loopback.click(card, "Guests & truck", actor=m, within=20) for m in members)
    )
    assert len({reply.modal["custom_id"] for reply in opened}) == 50  # type: ignore[index]
    submitted = await asyncio.gather(
        *(
            loopback.submit_modal(
                reply,
                {"guests": str(n % 11), "truck": f"Carry #{n}"},
                actor=member,
                within=20,
            )
            for n, (reply, member) in enumerate(zip(opened, members, strict=True))
        )
    )

    assert all(reply.content.startswith("You're going") for reply in submitted)
    meetups = keitora.bot.services.meetups
    [(_, occurrence)] = await meetups.upcoming(int(loopback.guild.id))
    recorded = {p.member_id: (p.guests, p.truck) for p in await meetups.parties(occurrence)}
    assert recorded == {int(m.id): (n % 11, f"Carry #{n}") for n, m in enumerate(members)}
    people = 50 + sum(n % 11 for n in range(50))
    await card_shows(loopback, card, "Going", f"{people} people ({people - 50} guests) · 50 trucks")


async def test_an_old_cards_buttons_work_after_a_restart(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    await create(loopback, capacity=1)
    [card] = cards(loopback)
    await loopback.click(card, "Going", actor=loopback.member("Dale"))

    # The card's edit was still gathering clicks: shutting down makes it, not drops it.
    await keitora.restart()
    assert field(fresh(loopback, card).embeds[0], "Going") == "1 person of 1 · 0 trucks"
    waiting = await loopback.click(card, "Going", actor=loopback.member("Rosa"))
    assert "**#1** on the waitlist" in waiting.content
    await card_shows(loopback, card, "Waitlist", "1 waiting")
    form = await answer_form(loopback, card, loopback.member("Hank"), "0", "Hijet")
    assert "**#2** on the waitlist" in form.content
    await card_shows(loopback, card, "Going", "1 person of 1 · 0 trucks")
    await card_shows(loopback, card, "Waitlist", "2 waiting")


async def test_a_killed_bot_answers_an_old_card_with_the_right_counts(
    bot_process: BotProcess, loopback: Loopback
) -> None:
    bot_process.start()
    await loopback.wait_ready(within=30)
    await meetups_channel(loopback)
    # `bot.py` runs on the wall clock, which no mark moves: a date always ahead of it.
    await create(loopback, when="in 10 days 10am", capacity=2)
    [card] = cards(loopback)
    await loopback.click(card, "Going", actor=loopback.member("Dale"), within=10)

    bot_process.kill()
    await loopback.wait_until(lambda: not loopback.gateway.connected, within=10, what="disconnect")
    bot_process.start()
    await loopback.wait_until(lambda: loopback.gateway.connected, within=30, what="reconnect")

    rosa = await loopback.click(card, "Going", actor=loopback.member("Rosa"), within=10)
    assert rosa.content.startswith("You're going")
    hank = await loopback.click(card, "Going", actor=loopback.member("Hank"), within=10)
    assert "**#1** on the waitlist" in hank.content
    await card_shows(loopback, card, "Going", "2 people of 2 · 0 trucks")
    assert bot_process.terminate() == 0


async def test_list_pages_filter_by_region_and_mine(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    for day in range(1, 13):
        region = "Front Range" if day % 2 else "Four Corners"
        actor = "Tammy" if day <= 3 else "Marcus"
        await create(
            loopback, actor=actor, title=f"Meetup {day}", when=f"in {day} days 6pm", region=region
        )
    first = await loopback.slash("meetup list")
    assert first.embeds[0]["title"] == "Upcoming meetups (page 1 of 2)"
    assert first.embeds[0]["description"].startswith("**Meetup 1** (#1) — <t:")
    assert len(first.embeds[0]["description"].splitlines()) == 10
    second = await loopback.click(first, "Next")
    assert second.message is not None
    assert second.message.embeds[0]["title"] == "Upcoming meetups (page 2 of 2)"
    assert len(second.message.embeds[0]["description"].splitlines()) == 2

    assert await loopback.autocomplete("meetup list", "region", "four") == [
        {"name": "Four Corners", "value": "Four Corners"}
    ]
    region = await loopback.slash("meetup list", region="front range")
    assert region.embeds[0]["title"] == "Upcoming meetups in Front Range (page 1 of 1)"
    assert region.message is not None
    assert region.message.buttons == []
    assert len(region.embeds[0]["description"].splitlines()) == 6
    mine = await loopback.slash("meetup list", mine=True, actor=loopback.member("Tammy"))
    assert len(mine.embeds[0]["description"].splitlines()) == 3

    info = await loopback.slash("meetup info", meetup="#2")
    assert info.embeds[0]["title"] == "Meetup 2"
    assert info.message is not None
    assert info.message.buttons == ["Going", "Maybe", "Can't go", "Guests & truck"]
    going = await loopback.click(info, "Going")
    assert going.content.startswith("You're going to **Meetup 2**")


async def test_two_thousand_attendees_are_paged_within_discords_limits(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    await create(loopback, capacity=1500)
    meetups, guild_id = keitora.bot.services.meetups, int(loopback.guild.id)
    members = range(10**17, 10**17 + 2000)
    # The service seats the first 140 (136 going, then the line starts); the other 1,860 join
    # the back of the line as it would write them, in one statement: this test is about paging
    # what is stored, the seating rules are the clicking tests', and 1,860 more answers through
    # the service took most of its time.
    for member_id in members[:140]:
        await meetups.set_party(guild_id, 1, member_id, guests=10, truck="K" * 100)
    await keitora.store.executemany(
        "INSERT INTO rsvps (occurrence_id, member_id, status, guests, truck, queued_seq, "
        "updated_at) SELECT occurrence_id, ?, status, guests, truck, queued_seq + ?, updated_at "
        "FROM rsvps WHERE member_id = ?",
        [(member_id, n, members[139]) for n, member_id in enumerate(members[140:], start=1)],
    )
    # 2,000 members bring ten guests each: 136 parties fit in 1,500 places, the rest wait.
    first = await loopback.slash("meetup attendees", meetup="1")
    embed = first.embeds[0]
    assert embed["description"].startswith(
        "**Going: 1,496 people of 1,500 (1,360 guests) · 136 trucks**"
    )
    pages = int(embed["footer"]["text"].rsplit(" ", 1)[1])
    seen = embed["description"].splitlines()
    page = first
    for number in range(2, pages + 1):
        page = await loopback.click(page.message, "Next")  # type: ignore[arg-type]
        embed = page.message.embeds[0]  # type: ignore[union-attr]
        assert embed["footer"]["text"].endswith(f"page {number} of {pages}")
        assert len(embed["description"]) <= 4096
        seen += embed["description"].splitlines()
    assert len([line for line in seen if line.startswith(("<@", "#"))]) == 2000
    assert "**Waitlist: 1,864 waiting**" in seen
