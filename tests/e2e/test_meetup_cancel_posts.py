"""Edits and cancels through the loopback: who may change a meetup, one date of a series
cancelled, the notice posted in the card's thread, and signup closing at the cutoff."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

from bot.clock import unix
from sandbox import Loopback, Message

from .conftest import RunningBot
from .test_meetup_told_once import mentioned, thread_posts
from .test_meetups import (
    card_shows,
    card_when,
    cards,
    create,
    custom_ids,
    field,
    fresh,
    meetups_channel,
    requests,
    wait_for_post,
)


async def test_organizers_edit_and_cancel_their_own_meetups_and_moderators_any(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    keitora.clock.set(datetime(2026, 12, 2, 15, 0, tzinfo=UTC))
    await create(loopback, capacity=1)
    [card] = cards(loopback)
    tammy, dale, rosa, mika, marcus = (
        loopback.member(name) for name in ("Tammy", "Dale", "Rosa", "Mika", "Marcus")
    )
    await loopback.click(card, "Going", actor=dale)
    await loopback.click(card, "Going", actor=rosa)

    refused = await loopback.slash("meetup edit", meetup="1", title="Mine now", actor=mika)
    assert refused.content == "Only its organizer or a moderator can edit this meetup."
    nothing = await loopback.slash("meetup edit", meetup="1", actor=tammy)
    assert nothing.content.startswith("Say what to change")
    edited = await loopback.slash(
        "meetup edit", meetup="1", title="Kei Truck Day II", capacity=2, when="Dec 13 9am",
        actor=tammy,
    )  # fmt: skip
    assert edited.content == (
        "Renamed “Kei Truck Day” to “Kei Truck Day II”. Changed the capacity (now 2 people) "
        "and the time of “Kei Truck Day II”. Read as Sunday December 13, 2026 9:00 AM "
        "(America/Denver): zone "
        "**America/Denver**, the "
        "meetup's zone. 2 members going, waiting or maybe get a DM. 1 member moved up from the "
        "waitlist and gets a DM."
    )
    moved = unix(datetime(2026, 12, 13, 16, 0, tzinfo=UTC))
    shown = await card_shows(loopback, card, "When", card_when(moved))
    assert shown.embeds[0]["title"] == "Kei Truck Day II"
    assert field(shown.embeds[0], "Going") == "2 people of 2 · 0 trucks"  # Rosa moved up
    assert custom_ids(shown.raw)[0] == f"rsvp:going:1:{moved}"
    await keitora.bot.job_runner.run_due()
    await loopback.wait_until(lambda: len(loopback.dms(dale)) == 1, what="Dale's DM")
    assert "moved from <t:" in loopback.dms(dale)[0].content
    await wait_for_post(loopback, card, "moved from")
    [moved_post] = thread_posts(loopback, card, "moved from")
    # Their DMs told them: no second word, as sent.
    assert mentioned(moved_post) == [], moved_post["allowed_mentions"]
    assert not moved_post["content"].startswith("<@"), moved_post["content"]

    before = Message.of(loopback.world, copy.deepcopy(fresh(loopback, card).raw))
    cancelled = await loopback.slash(
        "meetup cancel", meetup="1", reason="Snow @everyone", actor=marcus
    )
    assert cancelled.content == (
        "Cancelled “Kei Truck Day II”. 2 members going, waiting or maybe get a DM."
    )
    struck = f"~~<t:{moved}:F>~~ — cancelled: Snow @\u200beveryone"
    shown = await card_shows(loopback, card, "When", struck)
    assert shown.buttons == []
    late = await loopback.click(before, "Going", actor=mika)  # as a client not yet updated
    assert late.content == "“Kei Truck Day II” was cancelled: “Snow @\u200beveryone”."
    assert (await loopback.slash("meetup reminders", state="off", actor=dale)).content == (
        "No more reminder DMs; reminders in the meetup's thread still name you."
    )


async def test_one_date_of_a_series_is_cancelled_and_the_card_moves_on(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    keitora.clock.set(datetime(2026, 12, 2, 15, 0, tzinfo=UTC))
    await create(loopback, when="sat 10am", repeat="weekly")
    [card] = cards(loopback)
    first = unix(datetime(2026, 12, 5, 17, 0, tzinfo=UTC))
    second = unix(datetime(2026, 12, 12, 17, 0, tzinfo=UTC))
    assert custom_ids(card.raw)[0] == f"rsvp:going:1:{first}"
    dates = await loopback.autocomplete("meetup cancel", "occurrence", "", meetup="1")
    assert dates[:2] == [
        {"name": "Sat Dec 5, 10:00 AM MST", "value": str(first)},
        {"name": "Sat Dec 12, 10:00 AM MST", "value": str(second)},
    ]
    tammy = loopback.member("Tammy")
    reply = await loopback.slash("meetup cancel", meetup="1", occurrence=str(first), actor=tammy)
    assert (
        reply.content
        == f"Cancelled “Kei Truck Day” on <t:{first}:F>. Nobody else was going, waiting or "
        "maybe, so nobody gets a DM."
    )
    shown = await card_shows(loopback, card, "When", card_when(second))
    assert custom_ids(shown.raw)[0] == f"rsvp:going:1:{second}"


async def test_each_card_has_a_thread_that_is_reopened_before_a_cancel_is_posted_there(
    keitora: RunningBot, loopback: Loopback
) -> None:
    channel = await meetups_channel(loopback)
    keitora.clock.set(datetime(2026, 12, 2, 15, 0, tzinfo=UTC))
    title = ("Kei Truck Day at the fairgrounds " * 4)[:100]  # the longest a title may be
    await create(loopback, title=title, capacity=1)
    [card] = cards(loopback)
    thread = loopback.thread_of(card)
    [started] = requests(loopback, ("POST", "/channels/{channel_id}/messages/{message_id}/threads"))
    assert started.path == f"/channels/{channel.id}/messages/{card.id}/threads"
    assert started.request["name"] == title.strip()
    stored = await keitora.bot.services.meetups.get(int(loopback.guild.id), 1)
    assert stored.thread_id == int(thread.id)
    dale, rosa, mika = (loopback.member(name) for name in ("Dale", "Rosa", "Mika"))
    await loopback.click(card, "Going", actor=dale)
    await loopback.click(card, "Going", actor=rosa)  # waitlisted
    await loopback.click(card, "Maybe", actor=mika)  # told too, as an attendee
    await loopback.click(card, "Can't go", actor=loopback.member("Hank"))  # not told
    # Days without a message: Discord archived the thread, which is read-only until reopened.
    await loopback.archive(thread)
    already = len(loopback.requests)

    await loopback.slash("meetup cancel", meetup="1", reason="Snow", actor=loopback.member("Tammy"))
    await keitora.bot.job_runner.run_due()
    posted = await wait_for_post(loopback, card, "is cancelled")
    # Archived once the notice is out, by the bot's own runner: no minute waited.
    await loopback.wait_until(
        lambda: loopback.world.channels[thread.id]["thread_metadata"]["archived"],
        what="the thread archived after its notice",
    )

    to_thread = [
        (r.method, r.request or {})
        for r in loopback.requests[already:]
        if r.path == f"/channels/{thread.id}" or r.path == f"/channels/{thread.id}/messages"
    ]
    # The archived thread left discord.py's cache, so the bot reads it; one PATCH reopens it
    # and marks it cancelled, and it is left open for the notice that follows, then archived.
    assert [(method, body.get("archived"), body.get("name")) for method, body in to_thread] == [
        ("GET", None, None),
        ("PATCH", False, f"Cancelled · {title[: 100 - 13].rstrip()}…"),
        ("POST", None, None),
        ("PATCH", True, None),
    ]
    notice = to_thread[2][1]
    # Each was told by DM: the thread reads the notice, pinging none of them again.
    assert not notice["allowed_mentions"].get("users")
    assert notice["allowed_mentions"]["parse"] == []
    assert posted.content.startswith("**"), posted.content
    assert not any("is cancelled" in m.content for m in cards(loopback))
    assert loopback.world.channels[thread.id]["thread_metadata"]["archived"] is True


async def test_signup_closes_at_the_cutoff_but_cant_go_is_still_taken(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    keitora.clock.set(datetime(2026, 12, 2, 15, 0, tzinfo=UTC))
    created = await create(loopback, cutoff="2h")
    assert "**Signup closes** 2 hours before the start." in created.text
    [card] = cards(loopback)
    closes = unix(datetime(2026, 12, 12, 15, 0, tzinfo=UTC))
    assert field(card.embeds[0], "Signup closes") == f"<t:{closes}:F> (<t:{closes}:R>)"
    dale, rosa = loopback.member("Dale"), loopback.member("Rosa")
    await loopback.click(card, "Going", actor=dale)

    keitora.clock.set(datetime(2026, 12, 12, 15, 0, tzinfo=UTC))
    late = await loopback.click(card, "Going", actor=rosa)
    assert late.ephemeral
    assert late.content == (
        "Signup for “Kei Truck Day” closed 2 hours before it starts. You can still press "
        "Can't go; ask the organizer about the rest."
    )
    left = await loopback.click(card, "Can't go", actor=dale)
    assert "can't" in left.content.casefold() or "not going" in left.content.casefold()
    await card_shows(loopback, card, "Going", "0 people · 0 trucks")
    parties = await keitora.bot.services.meetups.parties(
        (await keitora.bot.services.meetups.upcoming(int(loopback.guild.id)))[0][1]
    )
    assert [(int(p.member_id), p.status) for p in parties] == [(int(dale.id), "declined")]

    refused = await create(loopback, cutoff="soon")
    assert refused.content.startswith("Give the signup cutoff as time before the start")
    assert len(cards(loopback)) == 1
