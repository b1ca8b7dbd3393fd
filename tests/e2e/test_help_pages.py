"""/help pages a member can read at a glance: a topic shows what the asker may use, list and
info first, with notes on others' commands only to those who hold them; the time rules sit in a
topic of their own, and README's "the tools" is a topic too."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from bot.when import examples, rule_parts
from sandbox import Loopback

from .conftest import RunningBot
from .test_help_rights import organizers_named, overview

# Only organizers may change a series or a meetup: these notes are theirs.
ORGANIZERS_NOTES = ("Changing a series:", "The Events tab:")
TIME_RULES = "How times are read"


def page(reply: object) -> dict:
    return reply.record.callback_body["data"]["embeds"][0]  # type: ignore[attr-defined]


def length(embed: dict) -> int:
    """The characters Discord counts towards an embed's 6,000."""
    fields = embed.get("fields") or ()
    return (
        len(embed.get("title", ""))
        + len(embed.get("description", ""))
        + sum(len(field["name"]) + len(field["value"]) for field in fields)
    )


def today(keitora: RunningBot) -> date:
    return keitora.clock.now().astimezone(UTC).date()


def commands_in_order(embed: dict, topic: str) -> list[str]:
    return re.findall(rf"^`/{topic} ([a-z]+)", embed["description"], re.M)


async def test_a_members_meetup_page_is_what_they_may_do_and_how_to_write_a_time(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await organizers_named(loopback)
    shown = page(await loopback.slash("help", topic="meetup", actor=loopback.member("Mika")))

    assert commands_in_order(shown, "meetup")[:2] == ["list", "info"], shown["description"]
    for note in ORGANIZERS_NOTES:
        assert note not in shown["description"], note
    assert not [f for f in shown.get("fields") or () if f["name"].startswith(TIME_RULES)]
    assert (
        f"Write a time like this: {examples(today(keitora))}. Every form: `/help topic:times`."
        in (shown["description"])
    )
    assert length(shown) < 1200, length(shown)
    # What Interested means is for everyone who sees the Events tab.
    assert "“Interested” in the Events tab is not an RSVP" in shown["description"]


async def test_an_organizer_is_shown_their_notes_and_the_full_time_rules(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await organizers_named(loopback)
    shown = page(await loopback.slash("help", topic="meetup", actor=loopback.member("Tammy")))

    assert commands_in_order(shown, "meetup")[:2] == ["list", "info"]
    for note in ORGANIZERS_NOTES:
        assert note in shown["description"], note
    rules = [f["value"] for f in shown["fields"] if f["name"].startswith(TIME_RULES)]
    assert rules == list(rule_parts(today(keitora)))


async def test_the_time_rules_are_a_topic_of_their_own(
    keitora: RunningBot, loopback: Loopback
) -> None:
    reply = await loopback.slash("help", topic="times", actor=loopback.member("Mika"))

    assert reply.ephemeral
    shown = page(reply)
    assert examples(today(keitora)) in shown["description"]
    assert [f["value"] for f in shown["fields"]] == list(rule_parts(today(keitora)))
    offered = await loopback.autocomplete("help", "topic", "tim", actor=loopback.member("Mika"))
    assert "times" in [choice["value"] for choice in offered]


async def test_the_tools_topic_lists_the_auction_sheet_and_eligibility_tools(
    keitora: RunningBot, loopback: Loopback
) -> None:
    shown = page(await loopback.slash("help", topic="tools", actor=loopback.member("Mika")))

    lines = shown["description"].splitlines()
    assert [line.split(" ")[0] for line in lines] == ["`/auction", "`/eligibility"], lines
    assert lines[0].startswith("`/auction decode sheet:"), lines


async def test_the_topics_offered_are_families_and_helps_own_not_help_itself(
    keitora: RunningBot, loopback: Loopback
) -> None:
    refused = await loopback.slash("help", topic="pizza", actor=loopback.member("Mika"))
    offered = refused.record.callback_body["data"]["content"].split("Topics: ")[1]
    names = offered.rstrip(".").split(", ")
    assert "help" not in names, names
    assert "garage" not in names, names
    assert {"tools", "times", "meetup", "glossary"} <= set(names), names
    assert "/help" not in overview(await loopback.slash("help", actor=loopback.member("Mika")))
    # A lone command still answers its topic, though the list offers the families.
    garage = page(await loopback.slash("help", topic="garage", actor=loopback.member("Mika")))
    assert garage["description"].startswith("`/garage"), garage


async def test_a_description_in_brackets_takes_the_count_inside_them(
    keitora: RunningBot, loopback: Loopback
) -> None:
    listed = overview(await loopback.slash("help", actor=loopback.member("Marcus")))

    assert listed["/showcase-mod"] == "Run the showcase (moderators, 4 commands)", listed
    assert ") (" not in "".join(listed.values())


@pytest.mark.clock(datetime(2027, 7, 1, 15, 0, tzinfo=UTC))
async def test_the_dates_the_time_help_shows_are_ahead_on_the_bots_day(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # July 2027: the Saturday after, and a Dec 5 written with the year of the next one.
    times = page(await loopback.slash("help", topic="times", actor=loopback.member("Mika")))
    await organizers_named(loopback)
    member = page(await loopback.slash("help", topic="meetup", actor=loopback.member("Mika")))
    organizer = page(await loopback.slash("help", topic="meetup", actor=loopback.member("Tammy")))

    assert "such as 2027-07-03 10:00, Jul 3 10am, sat 10am PT" in times["description"]
    assert "Write a time like this: 2027-07-03 10:00, Jul 3 10am, sat" in member["description"]
    for shown in (times, organizer):
        rules = "\n".join(f["value"] for f in shown["fields"] if f["name"].startswith(TIME_RULES))
        assert "• Day: 2027-12-05, Dec 5, 12/5 (month/day)" in rules
