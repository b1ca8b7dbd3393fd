"""Embed Links, as Discord applies it to a bot's messages in a server's channels: a message that
is nothing but embeds is refused, while one that holds anything else is sent with its embeds
dropped, silently, and an edit drops them likewise."""

from __future__ import annotations

import discord
import pytest

from sandbox import Loopback
from sandbox.state import Permission

from .conftest import ProbeBot


async def _without_embed_links(loopback: Loopback) -> str:
    guild = loopback.guild
    assert guild is not None
    glossary = guild.channel("glossary")
    await loopback.set_overwrite(glossary, guild.role("Keitora"), deny=Permission.EMBED_LINKS)
    return glossary.id


async def _send(bot: ProbeBot, channel_id: str, **body: object) -> dict[str, object]:
    params = discord.http.MultipartParameters(body, None, None)
    return await bot.http.send_message(int(channel_id), params=params)  # type: ignore[return-value]


EMBED = {"title": "Word of the day", "description": "keitora"}


async def test_a_message_with_content_is_sent_without_its_embeds(
    loopback: Loopback, bot: ProbeBot
) -> None:
    channel_id = await _without_embed_links(loopback)

    sent = await _send(bot, channel_id, content="Word of the day", embeds=[EMBED])

    assert sent["embeds"] == []
    [stored] = loopback.messages("glossary")
    assert (stored.content, stored.embeds) == ("Word of the day", [])


async def test_a_message_of_embeds_alone_is_refused(loopback: Loopback, bot: ProbeBot) -> None:
    channel_id = await _without_embed_links(loopback)

    with pytest.raises(discord.Forbidden) as refused:
        await _send(bot, channel_id, embeds=[EMBED])

    assert refused.value.code == 50013
    assert loopback.messages("glossary") == []


async def test_an_edit_drops_the_embeds_it_brings(loopback: Loopback, bot: ProbeBot) -> None:
    channel_id = await _without_embed_links(loopback)
    sent = await _send(bot, channel_id, content="Word of the day")

    edited = await bot.http.edit_message(
        int(channel_id), int(str(sent["id"])), params=_params(embeds=[EMBED])
    )

    assert (edited["content"], edited["embeds"]) == ("Word of the day", [])
    assert loopback.messages("glossary")[0].embeds == []


async def test_an_edit_left_with_nothing_but_dropped_embeds_is_refused_as_empty(
    loopback: Loopback, bot: ProbeBot
) -> None:
    channel_id = await _without_embed_links(loopback)
    sent = await _send(bot, channel_id, content="Word of the day")

    with pytest.raises(discord.HTTPException) as refused:
        await bot.http.edit_message(
            int(channel_id), int(str(sent["id"])), params=_params(content="", embeds=[EMBED])
        )

    assert (refused.value.status, refused.value.code) == (400, 50006)
    assert loopback.messages("glossary")[0].content == "Word of the day"


def _params(**body: object) -> discord.http.MultipartParameters:
    return discord.http.MultipartParameters(body, None, None)
