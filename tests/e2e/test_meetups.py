"""/meetup and /timezone through the loopback: times people type, the card and its buttons,
capacity, guests and the waitlist, and bad input; with the helpers the other meetup tests use.
Bursts and restarts are in test_meetup_crowds.py, edits and cancels in
test_meetup_cancel_posts.py, calendar files in test_meetup_calendar_files.py, odd numbers and
names in test_meetup_odd_input.py."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

import pytest

from bot.clock import unix
from sandbox import ChannelRef, Loopback, Message, Reply
from sandbox.core import RequestRecord
from sandbox.state import Json, UserRef

from .conftest import MEETUP_WEEK, ErrorLog, RunningBot

pytestmark = pytest.mark.clock(MEETUP_WEEK)

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
    [shown] = (await loopback.slash("help", topic="meetup")).embeds
    assert "`/meetup create title: when: location: [timezone]" in shown["description"]
    assert "skipped when clocks spring forward" in shown["fields"][-1]["value"]
    assert "else the server's (an edit: the meetup's own)." in shown["fields"][-1]["value"]

    await loopback.slash("timezone set", tz="UTC-7", actor=tammy)
    # Titled apart from the first meetup, at that same instant.
    fixed = await create(loopback, title="Kei Truck Day at UTC-7", when="Dec 12 10am")
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
    role = loopback.guild.role("Organizer")
    # A line of the card that Discord would draw as a pill or read as a ping is refused, as a
    # build's title is; the description is the organizer's free text, shown inert.
    for line in ({"title": f"Kei Truck Day <@&{role.id}>"}, {"location": "@everyone here"}):
        refused = await create(loopback, **line)
        assert refused.ephemeral
        assert "may not hold mentions" in refused.content, refused.content
    assert cards(loopback) == []
    created = await create(
        loopback,
        title="Kei Truck Day",
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
    assert embed["title"] == "Kei Truck Day"
    assert embed["description"] == f"Bring snacks @\u200bhere <@\u200b&{role.id}>"
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
    assert "@\u200bhere" in json.dumps(edit.request["embeds"], ensure_ascii=False)


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
        "with 2 guests is **#1** on the waitlist."
    )
    # A place is free, but Hank was first: Mika waits behind him.
    assert "**#2** on the waitlist" in (await loopback.click(card, "Going", actor=mika)).content
    yoshi_party = await answer_form(loopback, card, yoshi, "1")
    assert "**#3** on the waitlist" in yoshi_party.content
    assert "**#4** on the waitlist" in (await loopback.click(card, "Going", actor=marcus)).content
    maybe = await loopback.click(card, "Maybe", actor=akiko)
    assert maybe.content.startswith("You're a maybe for **Kei Truck Day**")
    await card_shows(loopback, card, "Waitlist", "4 waiting")
    shown = await card_shows(loopback, card, "Going", "4 people of 5 (2 guests) · 1 truck")
    assert field(shown.embeds[0], "Maybe") == "1"

    # Dale's place makes two, still too few for Hank's party of three; nobody jumps him, and
    # he is told how few guests would take them.
    leaving = await loopback.click(card, "Can't go", actor=dale)
    assert leaving.content.startswith("You're not going to **Kei Truck Day**")
    await keitora.bot.job_runner.run_due()
    await loopback.wait_until(lambda: len(loopback.dms(hank)) == 1, what="Hank's first DM")
    assert loopback.dms(hank)[0].content.startswith("2 places are free at **Kei Truck Day**")
    # Rosa brings one guest fewer: three places, which fit Hank, first in line.
    await answer_form(loopback, card, rosa, "1", "93 Acty 4WD")
    await keitora.bot.job_runner.run_due()
    await loopback.wait_until(lambda: len(loopback.dms(hank)) == 2, what="Hank's DM")
    dm = loopback.dms(hank)[1]
    assert dm.content.startswith("You're in! A place opened up at **Kei Truck Day**")
    assert loopback.dms(mika) == loopback.dms(yoshi) == loopback.dms(marcus) == []
    await card_shows(loopback, card, "Going", "5 people of 5 (3 guests) · 1 truck")
    await card_shows(loopback, card, "Waitlist", "3 waiting")

    attendees = await loopback.slash("meetup attendees", meetup="1")
    assert attendees.embeds[0]["description"].splitlines() == [
        "**Going: 5 people of 5 (3 guests) · 1 truck**",
        f"<@{rosa.id}> +1 · 🛻 93 Acty 4WD",
        f"<@{hank.id}> +2",
        "**Waitlist: 3 waiting**",
        f"#1 <@{mika.id}>",
        f"#2 <@{yoshi.id}> +1",
        f"#3 <@{marcus.id}>",
        "**Maybe: 1**",
        f"<@{akiko.id}>",
    ]


async def test_bad_input_is_refused_and_nothing_is_posted_or_stored(
    keitora: RunningBot, loopback: Loopback
) -> None:
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
        (
            {"duration": 2},
            "A meetup lasts from 15 minutes to 7 days. The duration is in minutes: 2 hours is 120.",
        ),
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
    assert refused.content == (
        f"Only organizers can create meetups: members with the <@&{organizer.id}> role. Ask the "
        "server's admins for it."
    )
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


async def wait_for_post(loopback: Loopback, card: Message, text: str) -> Message:
    """The bot's newest post in the card's thread once one holds `text`."""

    def posted() -> list[Message]:
        return [m for m in loopback.messages(loopback.thread_of(card)) if text in m.content]

    await loopback.wait_until(lambda: bool(posted()), within=10, what=f"a post with {text!r}")
    return posted()[-1]


async def test_a_refusal_quoting_a_title_shows_it_as_typed_not_as_markdown(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    title = "**Free parts** _now_"  # a link is refused as a title
    await create(loopback, title=title, capacity=1)
    [card] = cards(loopback)
    meetups, guild_id = keitora.bot.services.meetups, int(loopback.guild.id)
    [(meetup, _)] = await meetups.upcoming(guild_id)
    await meetups.cancel(guild_id, meetup.id)

    refused = await loopback.click(card, "Going", actor=loopback.member("Mika"))

    sent = refused.record.callback_body["data"]["content"]
    expected = "“\\*\\*Free parts\\*\\* \\_now\\_”"
    assert sent.startswith(expected)
    assert sent.endswith("was cancelled.")


async def settle(keitora: RunningBot) -> None:
    """Run every job due by the bot's clock (the background runner may hold some already)."""
    while await keitora.bot.job_runner.run_due():
        pass
    for _ in range(500):
        busy = await keitora.store.fetchval(
            "SELECT count(*) FROM jobs WHERE state = 'claimed' OR "
            "(state = 'pending' AND due_at <= ?)",
            (unix(keitora.clock.now()),),
        )
        if not busy:
            return
        await keitora.bot.job_runner.run_due()
        await asyncio.sleep(0.01)
    raise AssertionError("the jobs did not settle")


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
    # The server's Events mirror may be asked to catch up with the create before the discard;
    # that run finds nothing to mirror. Nothing else of the meetup's is left to run, once the
    # run the background runner may hold has ended too.
    await settle(keitora)
    pending = await keitora.store.fetchall(
        "SELECT kind, key FROM jobs WHERE kind LIKE 'meetups.%' AND state = 'pending'"
    )
    assert [tuple(row) for row in pending] == []
    assert len(error_log.records) == 1  # the refusal, reported with a reference
    error_log.records.clear()
