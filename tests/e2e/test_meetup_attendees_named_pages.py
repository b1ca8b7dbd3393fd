"""Every page of a one-off's attendees listed for a date named says that date, not just the
first: its Next button carries that the date was named. A button sent before it did still
turns the page, as it did then. Read from what the bot sent."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.clock import unix
from sandbox import Loopback, Message
from sandbox.messages import new_message, publish

from .conftest import RunningBot
from .test_meetup_edits import posted
from .test_meetup_typed_times import sent_reply

DEC_5 = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)  # Sat 10 AM MST


async def crowded_one_off(keitora: RunningBot, loopback: Loopback) -> None:
    """A one-off on Dec 5 with answers enough for two pages."""
    await posted(keitora, loopback, title="Kei Day", when="Dec 5 10am")
    meetups, guild_id = keitora.bot.services.meetups, int(loopback.guild.id)
    for member_id in range(10**17, 10**17 + 60):
        await meetups.set_party(guild_id, 1, member_id, guests=0, truck="K" * 100)


async def test_page_2_of_a_one_off_listed_for_a_date_named_says_the_date(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await crowded_one_off(keitora, loopback)
    first = await loopback.slash("meetup attendees", meetup="1", occurrence="Dec 5")
    page_1 = sent_reply(loopback, first)["embeds"][0]
    assert page_1["footer"]["text"].endswith("page 1 of 2")
    assert page_1["description"].startswith(f"**Date:** <t:{unix(DEC_5)}:F>\n")

    second = await loopback.click(first.message, "Next")  # type: ignore[arg-type]

    page_2 = second.record.callback_body["data"]["embeds"][0]
    assert page_2["footer"]["text"].endswith("page 2 of 2")
    assert page_2["description"].startswith(f"**Date:** <t:{unix(DEC_5)}:F>\n")
    back = await loopback.click(second.message, "Previous")  # type: ignore[arg-type]
    page_1_again = back.record.callback_body["data"]["embeds"][0]
    assert page_1_again["description"].startswith(f"**Date:** <t:{unix(DEC_5)}:F>\n")


async def test_page_2_of_a_one_off_listed_without_a_date_named_names_none(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await crowded_one_off(keitora, loopback)
    first = await loopback.slash("meetup attendees", meetup="1")

    second = await loopback.click(first.message, "Next")  # type: ignore[arg-type]

    page_2 = second.record.callback_body["data"]["embeds"][0]
    assert page_2["footer"]["text"].endswith("page 2 of 2")
    assert not page_2["description"].startswith("**Date:**")


async def test_a_next_button_sent_before_the_flag_turns_the_page_as_it_did(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await crowded_one_off(keitora, loopback)
    custom_id = f"meetup:attendees:next:1:{unix(DEC_5)}:2"
    bot = loopback.world.users[loopback.bot.id]
    button = {"type": 2, "style": 2, "label": "Next", "custom_id": custom_id}
    body = {"components": [{"type": 1, "components": [button]}]}
    raw = new_message(loopback.core, loopback.channel("general").id, bot, body, {}, **body)
    old = Message.of(loopback.world, await publish(loopback.core, raw))

    second = await loopback.click(old, "Next")

    page_2 = second.record.callback_body["data"]["embeds"][0]
    assert page_2["footer"]["text"].endswith("page 2 of 2")
    assert not page_2["description"].startswith("**Date:**")
