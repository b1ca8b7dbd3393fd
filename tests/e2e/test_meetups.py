"""/meetup and /timezone through the loopback: times people type, the card and its buttons,
capacity, guests and the waitlist, bursts of clicks and forms, restarts, and bad input."""

from __future__ import annotations

import asyncio
import copy
import json
from datetime import UTC, datetime, timedelta

import icalendar
import recurring_ical_events

from bot.clock import unix
from sandbox import ChannelRef, Loopback, Message, Reply
from sandbox.core import RequestRecord
from sandbox.state import Json, UserRef

from .conftest import BURST, BotProcess, ErrorLog, RunningBot

CREATE = "meetup create"
POST = ("POST", "/channels/{channel_id}/messages")
EDIT = ("PATCH", "/channels/{channel_id}/messages/{message_id}")


async def meetups_channel(loopback: Loopback, timezone: str = "America/Denver") -> ChannelRef:
    """#meetups as the meetups channel, and the server's zone, set by the admin Akiko."""
    admin, channel = loopback.member("Akiko"), loopback.channel("meetups")
    await loopback.slash("setup channel", kind="meetups", channel=channel, actor=admin)
    await loopback.slash("setup timezone", tz=timezone, actor=admin)
    return channel


def requests(loopback: Loopback, route: tuple[str, str]) -> list[RequestRecord]:
    return [r for r in loopback.requests if (r.method, r.template) == route]


def card_edits(loopback: Loopback, card: Message) -> list[RequestRecord]:
    return [r for r in requests(loopback, EDIT) if r.path.endswith(f"/messages/{card.id}")]


def cards(loopback: Loopback) -> list[Message]:
    return loopback.messages("meetups")


def field(embed: Json, name: str) -> str:
    return next(f["value"] for f in embed["fields"] if f["name"] == name)


def pings_nobody(body: Json) -> bool:
    mentions = body["allowed_mentions"]
    return mentions["parse"] == [] and not mentions.get("users") and not mentions.get("roles")


def meetup_option(loopback: Loopback, subcommand: str, option: str) -> Json:
    """An option of `/meetup <subcommand>` as the bot registered it with Discord."""
    [meetup] = [c for c in loopback.commands(loopback.guild) if c["name"] == "meetup"] or [
        c for c in loopback.commands() if c["name"] == "meetup"
    ]
    [options] = [o["options"] for o in meetup["options"] if o["name"] == subcommand]
    return next(o for o in options if o["name"] == option)


def custom_ids(body: Json) -> list[str]:
    return [c["custom_id"] for row in body["components"] for c in row["components"]]


def fresh(loopback: Loopback, card: Message) -> Message:
    """The card as it is now, after the bot's edits."""
    return next(m for m in cards(loopback) if m.id == card.id)


def card_when(start: int, hours: int | None = None) -> str:
    """The card's When field for a date starting at the unix time `start` and lasting `hours`,
    as the organizer gave them (else the card names no end)."""
    when = f"<t:{start}:F> (<t:{start}:R>)"
    if hours is None:
        return when
    length = f"{hours} hour" + ("s" if hours != 1 else "")
    return f"{when}\nUntil <t:{start + hours * 3600}:t> ({length})"


async def card_shows(loopback: Loopback, card: Message, name: str, value: str) -> Message:
    """Wait for the coalesced edit that makes the card's field `name` read `value`."""

    def shown() -> bool:
        return field(fresh(loopback, card).embeds[0], name) == value

    await loopback.wait_until(shown, within=10, what=f"the card's {name} to read {value!r}")
    return fresh(loopback, card)


async def create(loopback: Loopback, actor: str = "Tammy", **options: object) -> Reply:
    fields = {"title": "Kei Truck Day", "when": "Dec 12 10am", "location": "Moab, UT"}
    return await loopback.slash(
        CREATE,
        actor=loopback.member(actor),
        **(fields | options),  # type: ignore[arg-type]
    )


async def answer_form(
    loopback: Loopback, card: Message, member: UserRef, guests: str, truck: str = ""
) -> Reply:
    opened = await loopback.click(card, "Guests & truck", actor=member)
    assert opened.modal is not None, opened.text
    return await loopback.submit_modal(opened, {"guests": guests, "truck": truck}, actor=member)


async def test_times_are_read_in_the_zone_that_wins_and_the_reply_names_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    tammy = loopback.member("Tammy")
    keitora.clock.set(datetime(2026, 12, 2, 15, 0, tzinfo=UTC))

    # The server's zone, then the member's own, then the option, then the text.
    server = await create(loopback, when="Dec 12 10am")
    instant = unix(datetime(2026, 12, 12, 17, 0, tzinfo=UTC))
    assert server.ephemeral
    assert f"<t:{instant}:F>" in server.text
    assert "zone **America/Denver**, the server's default zone." in server.text

    own = await loopback.slash("timezone set", tz="PST", actor=tammy)
    assert own.content.startswith("Your time zone is now **America/Los_Angeles** (from PST).")
    assert (await loopback.slash("timezone show", actor=tammy)).content == (
        "Your time zone is **America/Los_Angeles**."
    )
    offset = await loopback.slash("timezone set", tz="UTC-7", actor=tammy)
    assert offset.content.startswith("Your time zone is now **UTC-7**. The times")
    assert (await loopback.slash("timezone show", actor=tammy)).content == (
        "Your time zone is **UTC-7**."
    )
    await loopback.slash("timezone set", tz="PST", actor=tammy)
    mine = await create(loopback, when="tomorrow 9:30")
    assert f"<t:{unix(datetime(2026, 12, 3, 17, 30, tzinfo=UTC))}:F>" in mine.text
    assert "zone **America/Los_Angeles**, your /timezone." in mine.text

    option = await create(loopback, when="2027-07-10 08:00", timezone="Arizona")
    assert f"<t:{unix(datetime(2027, 7, 10, 15, 0, tzinfo=UTC))}:F>" in option.text
    assert "zone **America/Phoenix**, from the timezone option." in option.text

    typed = await create(loopback, when="July 4 2027 10am PST", timezone="Arizona")
    assert f"<t:{unix(datetime(2027, 7, 4, 17, 0, tzinfo=UTC))}:F>" in typed.text
    assert "zone **America/Los_Angeles**, as typed." in typed.text
    assert "PST read as Pacific time (PDT in July)" in typed.text

    series = await create(loopback, when="sat 10am ET", repeat="monthly on the first saturday")
    assert "zone **America/New_York**, as typed." in series.text
    assert "**Repeats:** the first Saturday of every month at 10:00 AM." in series.text

    # Members see their own zone, and the server's when they set none.
    assert (await loopback.slash("timezone show")).content.startswith(
        "You have not set a time zone, so the times you type are read in the server's, "
        "**America/Denver**."
    )
    assert len(cards(loopback)) == 5
    rules = (await loopback.slash("help", topic="meetup")).embeds[0]["description"]
    assert "`/meetup create title: when: location: [timezone]" in rules
    assert "skipped when clocks spring forward" in rules
    assert "else the server's (an edit: the meetup's own)." in rules

    await loopback.slash("timezone set", tz="UTC-7", actor=tammy)
    fixed = await create(loopback, when="Dec 12 10am")
    assert f"<t:{instant}:F>" in fixed.text  # 10 AM at UTC-7 is 10 AM in Denver in winter
    assert "10:00 AM (UTC-7): zone **UTC-7**, your /timezone." in fixed.text
    choices = await loopback.autocomplete("meetup info", "meetup", "kei")
    assert [c["name"] for c in choices][:2] == [
        "Kei Truck Day (#2) — Thu Dec 3, 9:30 AM PST",
        "Kei Truck Day (#5) — Sat Dec 5, 10:00 AM EST",
    ]


async def test_the_card_is_posted_with_buttons_and_pings_nobody(
    keitora: RunningBot, loopback: Loopback
) -> None:
    channel = await meetups_channel(loopback)
    keitora.clock.set(datetime(2026, 12, 2, 15, 0, tzinfo=UTC))
    role = loopback.guild.role("Organizer")
    created = await create(
        loopback,
        title=f"Kei Truck Day @everyone <@&{role.id}>",
        description=f"Bring snacks @here <@&{role.id}>",
        location="Fairgrounds, 1 Main St, Moab (UT)",
        capacity=40,
        trucks=12,
        region="Four Corners",
        duration=240,
    )
    assert created.ephemeral
    [card] = cards(loopback)
    [post] = requests(loopback, POST)
    body = post.request
    assert post.path == f"/channels/{channel.id}/messages"
    assert pings_nobody(body)
    [embed] = body["embeds"]
    assert embed["title"] == f"Kei Truck Day @\u200beveryone <@\u200b&{role.id}>"
    assert "@\u200bhere" in embed["description"]
    assert [f["name"] for f in embed["fields"]] == [
        "When",
        "Calendar",
        "Where",
        "Organizer",
        "Region",
        "Going",
        "Waitlist",
        "Maybe",
    ]
    start = unix(datetime(2026, 12, 12, 17, 0, tzinfo=UTC))
    assert field(embed, "When") == card_when(start, hours=4)
    assert field(embed, "Where") == (
        "Fairgrounds, 1 Main St, Moab (UT)\n[Map](https://www.google.com/maps/search/"
        "?api=1&query=Fairgrounds%2C+1+Main+St%2C+Moab+%28UT%29)"
    )
    assert field(embed, "Organizer") == f"<@{loopback.member('Tammy').id}>"
    assert field(embed, "Going") == "0 people of 40 · 0 trucks of 12"
    meetup_id = int(embed["footer"]["text"].split("#")[1].split(" ")[0])
    assert custom_ids(body) == [
        f"rsvp:going:{meetup_id}:{start}",
        f"rsvp:maybe:{meetup_id}:{start}",
        f"rsvp:declined:{meetup_id}:{start}",
        f"rsvp:party:{meetup_id}:{start}",
    ]
    assert card.buttons == ["Going", "Maybe", "Can't go", "Guests & truck"]
    stored = await keitora.bot.services.meetups.get(int(loopback.guild.id), meetup_id)
    assert (stored.channel_id, stored.message_id) == (int(channel.id), int(card.id))

    # Nobody is pinged by the card nor by the edits that follow a click.
    assert card.raw["mention_everyone"] is False
    assert card.raw["mention_roles"] == []
    await loopback.click(card, "Going", actor=loopback.member("Dale"))
    await card_shows(loopback, card, "Going", "1 person of 40 · 0 trucks of 12")
    [edit] = card_edits(loopback, card)
    assert pings_nobody(edit.request)
    assert "@\u200beveryone" in json.dumps(edit.request["embeds"], ensure_ascii=False)


async def test_clicks_fill_the_meetup_then_the_waitlist_first_come_first_served(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    await create(loopback, capacity=5)
    [card] = cards(loopback)
    dale, rosa, hank, mika, yoshi, marcus, akiko = (
        loopback.member(name)
        for name in ("Dale", "Rosa", "Hank", "Mika", "Yoshi", "Marcus", "Akiko")
    )

    going = await loopback.click(card, "Going", actor=dale)
    assert going.ephemeral
    assert going.content.startswith("You're going to **Kei Truck Day**, <t:")
    rosa_party = await answer_form(loopback, card, rosa, "2", "93 Acty 4WD")
    assert "with 2 guests and your truck (93 Acty 4WD)." in rosa_party.content
    hank_party = await answer_form(loopback, card, hank, "2")
    assert hank_party.content.startswith(
        "Only 1 place is left at **Kei Truck Day**, fewer than your party of 3, so your party "
        "with 2 guests is on the waitlist: **#1** in line."
    )
    # A place is free, but Hank was first: Mika waits behind him.
    assert "**#2** in line" in (await loopback.click(card, "Going", actor=mika)).content
    yoshi_party = await answer_form(loopback, card, yoshi, "1")
    assert "**#3** in line" in yoshi_party.content
    assert "**#4** in line" in (await loopback.click(card, "Going", actor=marcus)).content
    maybe = await loopback.click(card, "Maybe", actor=akiko)
    assert maybe.content.startswith("You're a maybe for **Kei Truck Day**")
    await card_shows(loopback, card, "Waitlist", "4 waiting")
    shown = await card_shows(loopback, card, "Going", "4 people of 5 (2 guests) · 1 truck")
    assert field(shown.embeds[0], "Maybe") == "1"

    # Dale's place makes two, still too few for Hank's party of three; nobody jumps him.
    leaving = await loopback.click(card, "Can't go", actor=dale)
    assert leaving.content.startswith("You're not going to **Kei Truck Day**")
    await keitora.bot.job_runner.run_due()
    # Rosa brings one guest fewer: three places, which fit Hank, first in line.
    await answer_form(loopback, card, rosa, "1", "93 Acty 4WD")
    await keitora.bot.job_runner.run_due()
    await loopback.wait_until(lambda: len(loopback.dms(hank)) == 1, what="Hank's DM")
    [dm] = loopback.dms(hank)
    assert dm.content.startswith("You're in! A place opened up at **Kei Truck Day**")
    assert loopback.dms(mika) == loopback.dms(yoshi) == loopback.dms(marcus) == []
    await card_shows(loopback, card, "Going", "5 people of 5 (3 guests) · 1 truck")
    await card_shows(loopback, card, "Waitlist", "3 waiting")

    attendees = await loopback.slash("meetup attendees", meetup="1")
    assert attendees.embeds[0]["description"].splitlines() == [
        "**Going: 5 people, 1 truck**",
        f"<@{rosa.id}> +1 · 🛻 93 Acty 4WD",
        f"<@{hank.id}> +2",
        "**Waitlist: 3 parties**",
        f"#1 <@{mika.id}>",
        f"#2 <@{yoshi.id}> +1",
        f"#3 <@{marcus.id}>",
        "**Maybe: 1**",
        f"<@{akiko.id}>",
    ]


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
    assert "**#1** in line" in waiting.content
    await card_shows(loopback, card, "Waitlist", "1 waiting")
    form = await answer_form(loopback, card, loopback.member("Hank"), "0", "Hijet")
    assert "**#2** in line" in form.content
    await card_shows(loopback, card, "Going", "1 person of 1 · 0 trucks")
    await card_shows(loopback, card, "Waitlist", "2 waiting")


async def test_a_killed_bot_answers_an_old_card_with_the_right_counts(
    bot_process: BotProcess, loopback: Loopback
) -> None:
    bot_process.start()
    await loopback.wait_ready(within=30)
    await meetups_channel(loopback)
    await create(loopback, capacity=2)
    [card] = cards(loopback)
    await loopback.click(card, "Going", actor=loopback.member("Dale"), within=10)

    bot_process.kill()
    await loopback.wait_until(lambda: not loopback.gateway.connected, within=10, what="disconnect")
    bot_process.start()
    await loopback.wait_until(lambda: loopback.gateway.connected, within=30, what="reconnect")

    rosa = await loopback.click(card, "Going", actor=loopback.member("Rosa"), within=10)
    assert rosa.content.startswith("You're going")
    hank = await loopback.click(card, "Going", actor=loopback.member("Hank"), within=10)
    assert "**#1** in line" in hank.content
    await card_shows(loopback, card, "Going", "2 people of 2 · 0 trucks")
    assert bot_process.terminate() == 0


async def test_bad_input_is_refused_and_nothing_is_posted_or_stored(
    keitora: RunningBot, loopback: Loopback
) -> None:
    keitora.clock.set(datetime(2026, 12, 2, 15, 0, tzinfo=UTC))
    none_yet = await create(loopback)
    assert none_yet.ephemeral
    assert none_yet.content.startswith("This server has no meetups channel yet")
    assert "`/setup channel kind:meetups`" in none_yet.content
    await meetups_channel(loopback)

    refusals = {
        "2026-11-30 10:00": "which has passed",
        "Mar 14 2027 2:30am": "2:30 AM does not happen on Sunday March 14, 2027 in America/Denver",
    }
    for when, refusal in refusals.items():
        reply = await create(loopback, when=when)
        assert reply.ephemeral
        assert refusal in reply.content, reply.content
    options: list[tuple[dict[str, object], str]] = [
        ({"timezone": "Mars/Olympus"}, "Mars/Olympus"),
        ({"when": "sat 10am Mars/Olympus"}, "Mars/Olympus"),
        ({"title": "k" * 300}, "The title is 300 characters; the limit is 100."),
        ({"capacity": -5}, "Capacity must be from 1 to 10,000, or 0 for no limit."),
        ({"capacity": 1_000_000}, "Capacity must be from 1 to 10,000, or 0 for no limit."),
        ({"trucks": -1}, "Truck capacity must be from 1 to 10,000, or 0 for no limit."),
        ({"duration": 5}, "A meetup lasts from 15 minutes to 7 days."),
        # The largest integer Discord lets a member type, more minutes than a timedelta holds.
        ({"duration": 2**53 - 1}, "A meetup lasts from 15 minutes to 7 days."),
        ({"repeat": "whenever"}, ""),
    ]
    for changes, refusal in options:
        reply = await create(loopback, **changes)
        assert reply.ephemeral, changes
        assert refusal in reply.content, (changes, reply.content)
    assert cards(loopback) == []
    assert await keitora.store.fetchval("SELECT count(*) FROM meetups") == 0

    # Only organizers create once the server names an organizer role.
    admin, organizer = loopback.member("Akiko"), loopback.guild.role("Organizer")
    await loopback.slash("setup role", kind="organizer", role=organizer, actor=admin)
    refused = await create(loopback, actor="Mika")
    assert refused.content == "Only organizers can create meetups."
    assert cards(loopback) == []

    await create(loopback, capacity=2)
    [card] = cards(loopback)
    hank = loopback.member("Hank")
    too_many = await answer_form(loopback, card, hank, "11")
    assert too_many.ephemeral
    assert too_many.content == "Bring from 0 to 10 guests."
    not_a_number = await answer_form(loopback, card, hank, "x")
    assert not_a_number.content == "Guests is a number from 0 to 10, not “x”."
    meetups = keitora.bot.services.meetups
    [(_, occurrence)] = await meetups.upcoming(int(loopback.guild.id))
    assert await meetups.parties(occurrence) == []

    unknown = await loopback.slash("meetup info", meetup="9999")
    assert unknown.content == "There is no meetup #9999 in this server."
    typed = await loopback.slash("meetup attendees", meetup="@everyone")
    assert typed.content == "Pick a meetup from the list as you type; “@\u200beveryone” is not one."


async def test_a_meetup_of_another_server_is_not_found_there(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    await create(loopback)
    other = loopback.add_guild("Mini Truckin' Northwest", owner="Olga")
    where = other.add_channel("general")
    await loopback.gateway.dispatch("GUILD_CREATE", other.gateway_payload())
    olga = other.member("Olga")

    reply = await loopback.slash("meetup info", meetup="1", actor=olga, where=where)
    assert reply.content == "There is no meetup #1 in this server."
    assert await loopback.autocomplete("meetup info", "meetup", "", actor=olga, where=where) == []
    assert len(await loopback.autocomplete("meetup info", "meetup", "")) == 1


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
    assert region.embeds[0]["title"] == "Upcoming meetups in front range (page 1 of 1)"
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
    for member_id in range(10**17, 10**17 + 2000):
        await meetups.set_party(guild_id, 1, member_id, guests=10, truck="K" * 100)
    # 2,000 members bring ten guests each: 136 parties fit in 1,500 places, the rest wait.
    first = await loopback.slash("meetup attendees", meetup="1")
    embed = first.embeds[0]
    assert embed["description"].startswith("**Going: 1,496 people, 136 trucks**")
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
    assert "**Waitlist: 1,864 parties**" in seen


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
        "Changed the wording and the capacity and the time of “Kei Truck Day”: it is now "
        "“Kei Truck Day II”. Read as Sunday December 13, 2026 9:00 AM (America/Denver): zone "
        "**America/Denver**, the "
        "meetup's zone. 2 members going or waiting are told. 1 member moved up from the "
        "waitlist and is told."
    )
    moved = unix(datetime(2026, 12, 13, 16, 0, tzinfo=UTC))
    shown = await card_shows(loopback, card, "When", card_when(moved))
    assert shown.embeds[0]["title"] == "Kei Truck Day II"
    assert field(shown.embeds[0], "Going") == "2 people of 2 · 0 trucks"  # Rosa moved up
    assert custom_ids(shown.raw)[0] == f"rsvp:going:1:{moved}"
    await keitora.bot.job_runner.run_due()
    await loopback.wait_until(lambda: len(loopback.dms(dale)) == 1, what="Dale's DM")
    assert "moved from <t:" in loopback.dms(dale)[0].content
    posted = await wait_for_post(loopback, card, "moved from")
    assert set(posted.content.splitlines()[0].split()) == {f"<@{dale.id}>", f"<@{rosa.id}>"}

    before = Message.of(loopback.world, copy.deepcopy(fresh(loopback, card).raw))
    cancelled = await loopback.slash(
        "meetup cancel", meetup="1", reason="Snow @everyone", actor=marcus
    )
    assert cancelled.content == (
        "Cancelled “Kei Truck Day II”. 2 members going or waiting are told."
    )
    shown = await card_shows(loopback, card, "When", "Cancelled: Snow @\u200beveryone")
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
        == f"Cancelled “Kei Truck Day” on <t:{first}:F>. Nobody else was going or waiting, so "
        "nobody is told."
    )
    shown = await card_shows(loopback, card, "When", card_when(second))
    assert custom_ids(shown.raw)[0] == f"rsvp:going:1:{second}"


async def wait_for_post(loopback: Loopback, card: Message, text: str) -> Message:
    """The bot's newest post in the card's thread once one holds `text`."""

    def posted() -> list[Message]:
        return [m for m in loopback.messages(loopback.thread_of(card)) if text in m.content]

    await loopback.wait_until(lambda: bool(posted()), within=10, what=f"a post with {text!r}")
    return posted()[-1]


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
    await loopback.click(card, "Maybe", actor=mika)  # neither going nor waiting: not told
    # Days without a message: Discord archived the thread, which is read-only until reopened.
    await loopback.archive(thread)
    already = len(loopback.requests)

    await loopback.slash("meetup cancel", meetup="1", reason="Snow", actor=loopback.member("Tammy"))
    await keitora.bot.job_runner.run_due()
    posted = await wait_for_post(loopback, card, "is cancelled")

    to_thread = [
        (r.method, r.request or {})
        for r in loopback.requests[already:]
        if r.path == f"/channels/{thread.id}" or r.path == f"/channels/{thread.id}/messages"
    ]
    # The archived thread left discord.py's cache, so the bot reads it; one PATCH reopens it
    # and marks it cancelled, and it is left open for the notice that follows.
    assert [(method, body.get("archived"), body.get("name")) for method, body in to_thread] == [
        ("GET", None, None),
        ("PATCH", False, f"Cancelled · {title[: 100 - 13].rstrip()}…"),
        ("POST", None, None),
    ]
    notice = to_thread[-1][1]
    assert sorted(map(str, notice["allowed_mentions"]["users"])) == sorted([dale.id, rosa.id])
    assert notice["allowed_mentions"]["parse"] == []
    assert set(posted.content.splitlines()[0].split()) == {f"<@{dale.id}>", f"<@{rosa.id}>"}
    assert not any("is cancelled" in m.content for m in cards(loopback))
    assert loopback.world.channels[thread.id]["thread_metadata"]["archived"] is False


async def test_signup_closes_at_the_cutoff_but_cant_go_is_still_taken(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    keitora.clock.set(datetime(2026, 12, 2, 15, 0, tzinfo=UTC))
    created = await create(loopback, cutoff="2h")
    assert "**Signup closes** 2 hours before each start." in created.text
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


async def test_a_refusal_quoting_a_title_shows_it_as_typed_not_as_markdown(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    title = "[Free parts](https://scam.example) **now** @everyone"
    await create(loopback, title=title, capacity=1)
    [card] = cards(loopback)
    meetups, guild_id = keitora.bot.services.meetups, int(loopback.guild.id)
    [(meetup, _)] = await meetups.upcoming(guild_id)
    await meetups.cancel(guild_id, meetup.id)

    refused = await loopback.click(card, "Going", actor=loopback.member("Mika"))

    sent = refused.record.callback_body["data"]["content"]
    # discord.py escapes the opening bracket, which is enough to keep the link from forming.
    expected = "“\\[Free parts](https://scam.example) \\*\\*now\\*\\* @\u200beveryone”"
    assert sent.startswith(expected)
    assert sent.endswith("was cancelled.")


async def test_a_series_as_a_calendar_file_lists_the_dates_the_bot_lists(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    await create(loopback, when="Dec 12 10am", repeat="weekly")
    await create(loopback, title="Cars and Coffee", when="Dec 19 8am")
    meetups, guild_id = keitora.bot.services.meetups, int(loopback.guild.id)
    series = next(m for m, _ in await meetups.upcoming(guild_id) if m.rrule is not None)
    first, second, _ = await meetups.occurrences(series, limit=3)
    await meetups.cancel(guild_id, series.id, original_start=second.original_start)
    listed = await meetups.occurrences(series, limit=4)

    reply = await loopback.slash("meetup ics", meetup=str(series.id))
    [attachment] = reply.attachments
    calendar = icalendar.Calendar.from_ical(bytes(attachment.data))
    starts = [
        event.start.astimezone(UTC)
        for event in recurring_ical_events.of(calendar).between(
            first.starts_at - timedelta(minutes=1), listed[-1].starts_at + timedelta(minutes=1)
        )
    ]
    assert sorted(starts) == [occurrence.starts_at for occurrence in listed]
    assert second.starts_at not in starts
    [event] = list(calendar.walk("VEVENT"))
    assert str(event["URL"]).startswith(f"https://discord.com/channels/{guild_id}/")

    first_card = next(c for c in cards(loopback) if c.embeds[0]["title"] == "Kei Truck Day")
    google = field(first_card.embeds[0], "Calendar").split("](", 1)[1].rstrip(")")
    assert google.startswith("https://calendar.google.com/calendar/render?action=TEMPLATE")
    assert f"dates={first.starts_at:%Y%m%dT%H%M%SZ}/" in google

    assert reply.content == (
        "Open the file to add it to your calendar app; it brings all the series' dates."
    )
    one_off = await loopback.slash("meetup ics", meetup="Cars and Coffee")
    assert one_off.record.callback_body["data"]["content"] == (
        "Open the file to add it to your calendar app; it brings its date, time and place."
    )
    [only] = icalendar.Calendar.from_ical(bytes(one_off.attachments[0].data)).walk("VEVENT")
    assert "RRULE" not in only

    everything = await loopback.slash("meetup calendar")
    assert everything.content == (
        "Open the file to add it to your calendar app; a series brings all its dates."
    )
    both = icalendar.Calendar.from_ical(bytes(everything.attachments[0].data))
    assert sorted(str(e["SUMMARY"]) for e in both.walk("VEVENT")) == [
        "Cars and Coffee",
        "Kei Truck Day",
    ]


async def test_the_servers_calendar_file_marks_a_meetup_cancelled_since_it_was_imported(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    await create(loopback)
    imported = await loopback.slash("meetup calendar")
    [before] = icalendar.Calendar.from_ical(bytes(imported.attachments[0].data)).walk("VEVENT")
    await loopback.slash("meetup cancel", meetup="1", reason="Snow", actor=loopback.member("Tammy"))

    again = await loopback.slash("meetup calendar")

    [after] = icalendar.Calendar.from_ical(bytes(again.attachments[0].data)).walk("VEVENT")
    assert str(after["UID"]) == str(before["UID"])
    assert str(after["STATUS"]) == "CANCELLED"
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    keitora.clock.set(datetime(2026, 12, 14, tzinfo=UTC))  # two days past its date
    gone = await loopback.slash("meetup calendar")
    assert gone.text == "There are no upcoming meetups in this server yet."
    assert gone.ephemeral


async def test_a_meetup_whose_card_cannot_be_posted_is_not_left_behind(
    keitora: RunningBot, loopback: Loopback, error_log: ErrorLog
) -> None:
    await meetups_channel(loopback)
    # A refusal discord.py does not retry (it retries rate limits and 500, 502, 504).
    loopback.faults.server_error("POST", "/channels/{channel_id}/messages", status=400)

    reply = await create(loopback)

    assert "Something went wrong" in reply.text
    assert cards(loopback) == []
    assert await keitora.bot.services.meetups.upcoming(int(loopback.guild.id)) == []
    pending = await keitora.store.fetchval(
        "SELECT count(*) FROM jobs WHERE kind LIKE 'meetups.%' AND state = 'pending'"
    )
    assert pending == 0
    assert len(error_log.records) == 1  # the refusal, reported with a reference
    error_log.records.clear()


async def test_a_meetup_or_date_typed_as_an_odd_number_is_refused_not_a_crash(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    await create(loopback, when="Dec 12 10am", repeat="weekly")
    tammy = loopback.member("Tammy")
    for typed in ("9" * 19, "²", "١٢", "-1", "#1.5"):
        reply = await loopback.slash("meetup info", meetup=typed)
        assert reply.ephemeral, typed
        assert reply.content.startswith("Pick a meetup from the list as you type"), typed
    for typed in ("9" * 12, "³", "1e9"):
        reply = await loopback.slash("meetup cancel", meetup="1", occurrence=typed, actor=tammy)
        assert reply.content.startswith("Pick a date from the list as you type"), typed
    assert len(cards(loopback)) == 1
    [card] = cards(loopback)
    for typed in ("²", "٣"):
        form = await answer_form(loopback, card, loopback.member("Mika"), typed)
        assert form.content.startswith("Guests is a number from 0 to 10"), typed
        refused = await create(loopback, cutoff=typed)
        assert refused.content.startswith("Give the signup cutoff as time before the start"), typed
    assert len(cards(loopback)) == 1


async def test_numbers_typed_full_width_on_a_japanese_keyboard_are_read_as_numbers(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    created = await create(loopback, capacity=20, cutoff="２ｈ")
    assert "**Signup closes** 2 hours before each start." in created.content.splitlines()
    [card] = cards(loopback)
    mika, dale = loopback.member("Mika"), loopback.member("Dale")

    two = await answer_form(loopback, card, mika, "２")
    assert two.ephemeral
    assert two.content.endswith(" with 2 guests.")
    ten = await answer_form(loopback, card, dale, "１０", "Acty")
    assert ten.content.endswith(" with 10 guests and your truck (Acty).")
    shown = await card_shows(loopback, card, "Going", "14 people of 20 (12 guests) · 1 truck")
    assert field(card_edits(loopback, shown)[-1].request["embeds"][0], "Going") == (
        "14 people of 20 (12 guests) · 1 truck"
    )
    info = await loopback.slash("meetup info", meetup="＃１")
    assert info.embeds[0]["footer"]["text"].startswith("Meetup #1 ·")


async def test_guests_typed_as_the_attendees_list_shows_them_are_read(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """The attendees list shows a party as "+2", and so do members write it."""
    await meetups_channel(loopback)
    await create(loopback, capacity=20)
    [card] = cards(loopback)
    mika, dale = loopback.member("Mika"), loopback.member("Dale")

    opened = await loopback.click(card, "Guests & truck", actor=mika)
    [row] = opened.record.callback_body["data"]["components"][:1]
    assert row["components"][0]["max_length"] >= len("+10")
    two = await loopback.submit_modal(opened, {"guests": "+2", "truck": ""}, actor=mika)
    assert two.ephemeral
    assert two.content.endswith(" with 2 guests.")
    ten = await answer_form(loopback, card, dale, "＋10")
    assert ten.content.endswith(" with 10 guests.")
    await card_shows(loopback, card, "Going", "14 people of 20 (12 guests) · 0 trucks")


async def test_an_end_date_without_a_year_is_the_next_one_after_the_start(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """In December, "until Jan 31" is the coming January, as a `when` without a year is."""
    await meetups_channel(loopback)
    series = await create(loopback, when="Dec 12 10am", repeat="every 2 weeks until Jan 31")

    assert "**Repeats:** every 2 weeks on Saturday at 10:00 AM, until January 31, 2027." in (
        series.text
    )
    calendar = await loopback.slash("meetup ics", meetup="1")
    [event] = icalendar.Calendar.from_ical(bytes(calendar.attachments[0].data)).walk("VEVENT")
    assert event["RRULE"]["UNTIL"][0].astimezone(UTC).date() == datetime(2027, 2, 1).date()
    same_year = await create(loopback, when="Dec 12 10am", repeat="weekly until Dec 26")
    assert "until December 26, 2026." in same_year.text


async def test_a_us_zone_name_half_typed_is_suggested_first(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """A member in California typing "Pacif" is offered Pacific time, not Pacific/Auckland."""
    await meetups_channel(loopback)
    for typed, zone in (
        ("Pacif", "America/Los_Angeles"),
        ("cent", "America/Chicago"),
        ("Mount", "America/Denver"),
        ("east", "America/New_York"),
        ("ariz", "America/Phoenix"),
    ):
        offered = await loopback.autocomplete("timezone set", "tz", typed)
        assert offered[0] == {"name": zone, "value": zone}, typed
    created_with = await loopback.autocomplete(
        "meetup create", "timezone", "pac", title="Kei Truck Day", when="sat 10am", location="Moab"
    )
    assert created_with[0]["value"] == "America/Los_Angeles"
