"""The attendees of a series date cancelled on its own read as cancelled, as those of a meetup
cancelled whole do: the list is who had answered, not who is coming."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.clock import unix
from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_edits import posted


async def test_a_page_of_a_date_cancelled_on_its_own_says_it_was_cancelled(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await posted(keitora, loopback, title="Weekly", when="Dec 5 10am", repeat="weekly")
    meetups, guild_id = keitora.bot.services.meetups, int(loopback.guild.id)
    for member_id in range(10**17, 10**17 + 60):
        await meetups.set_party(guild_id, 1, member_id, guests=0, truck="K" * 100)
    first = await loopback.slash("meetup attendees", meetup="1")
    assert first.embeds[0]["footer"]["text"].endswith("page 1 of 2")
    assert not first.content
    dec_5 = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)
    await meetups.cancel(guild_id, 1, original_start=dec_5, reason="Snow on the pass")

    second = await loopback.click(first.message, "Next")  # type: ignore[arg-type]

    sent = second.record.callback_body["data"]
    assert sent["embeds"][0]["footer"]["text"].endswith("page 2 of 2")
    assert sent["content"] == (
        f"The <t:{unix(dec_5)}:F> date of **Weekly** was cancelled. Nobody is going any more; "
        "this is who had answered."
    )
