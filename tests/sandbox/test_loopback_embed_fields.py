"""Embed fields as Discord takes them: a blank name or value is refused, and what surrounds the
text of one is trimmed away before the message is stored (and read back)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import discord
import pytest

from sandbox import Loopback

from .conftest import ProbeBot, running_bot


@pytest.fixture
async def unvalidated() -> AsyncIterator[Loopback]:
    # The spec sets no least length on a field, so the loopback must refuse blanks by itself.
    async with Loopback(spec=None) as discord_:
        yield discord_


def _raw(**payload: object) -> discord.http.MultipartParameters:
    return discord.http.MultipartParameters(payload, None, None)


@pytest.mark.parametrize("blank", ["", " ", "  \n\t "])
@pytest.mark.parametrize("part", ["name", "value"])
async def test_a_field_with_a_blank_name_or_value_is_refused(
    unvalidated: Loopback, blank: str, part: str
) -> None:
    field = {"name": "Meaning", "value": "a small truck"} | {part: blank}
    embeds: list[dict[str, Any]] = [{"title": "What you sent", "fields": [field]}]
    async with running_bot(unvalidated) as bot:
        channel_id = unvalidated.channel("general").id
        with pytest.raises(discord.HTTPException) as refused:
            await bot.http.send_message(channel_id, params=_raw(embeds=embeds))

    assert (refused.value.status, refused.value.code) == (400, 50035)
    assert f"embeds.0.fields.0.{part}: must be 1 or more in length" in str(refused.value)
    assert unvalidated.messages("general") == []


async def test_a_fields_surrounding_whitespace_is_trimmed_as_it_is_stored(
    loopback: Loopback, bot: ProbeBot
) -> None:
    channel = bot.get_channel(int(loopback.channel("general").id))
    assert isinstance(channel, discord.TextChannel)
    embed = discord.Embed(title="What you sent")
    embed.add_field(name=" Meaning\n", value="\n  a small\n  truck \t\n")
    embed.add_field(name="Kept", value="\u200b  spaces inside a zero-width space \u200b")

    sent = await channel.send(embed=embed)
    read = await channel.fetch_message(sent.id)

    fields = [(field.name, field.value) for field in read.embeds[0].fields]
    assert fields == [
        ("Meaning", "a small\n  truck"),
        ("Kept", "\u200b  spaces inside a zero-width space \u200b"),
    ]
