"""What Discord refuses in a body though the spec lets it through: mentions allowed two ways at
once, links that are not http(s) (or an attachment, for images), buttons that mix a link with
a custom_id, a history page asked from two sides, and an autocomplete choice over 100
characters."""

from __future__ import annotations

import asyncio

import discord
import pytest
from discord import app_commands

from sandbox import Loopback

from .conftest import ProbeBot, running_bot

USER_ID = "80351110224678912"


async def _refused(bot: ProbeBot, loopback: Loopback, **body: object) -> tuple[int, int]:
    params = discord.http.MultipartParameters(body, None, None)
    with pytest.raises(discord.HTTPException) as refusal:
        await bot.http.send_message(int(loopback.channel("general").id), params=params)
    assert loopback.messages("general") == []
    return refusal.value.status, refusal.value.code


@pytest.mark.parametrize(
    "allowed",
    [{"parse": ["users"], "users": [USER_ID]}, {"parse": ["roles"], "roles": [USER_ID]}],
)
async def test_mentions_parsed_and_listed_at_once_are_refused(
    loopback: Loopback, bot: ProbeBot, allowed: dict[str, object]
) -> None:
    body = {"content": f"<@{USER_ID}>", "allowed_mentions": allowed}
    assert await _refused(bot, loopback, **body) == (400, 50035)


async def test_mentions_parsed_with_an_empty_list_beside_are_taken(
    loopback: Loopback, bot: ProbeBot
) -> None:
    # Discord's docs: an empty list beside `parse` is no conflict.
    await _general(bot, loopback).send(
        "hi", allowed_mentions=discord.AllowedMentions(users=True, roles=[])
    )
    assert [m.content for m in loopback.messages("general")] == ["hi"]


@pytest.mark.parametrize(
    "embed",
    [
        {"title": "Build", "url": "www.example.com/build"},
        {"title": "Build", "url": "ftp://example.com/build"},
        {"title": "Build", "image": {"url": "ttps://example.com/truck.png"}},
        {"title": "Build", "author": {"name": "Mika", "url": "attachment://truck.png"}},
        {"title": "Build", "footer": {"text": "Keitora", "icon_url": "javascript:alert(1)"}},
    ],
)
async def test_embed_links_must_be_http_or_an_attachment_where_images_may_be(
    loopback: Loopback, bot: ProbeBot, embed: dict[str, object]
) -> None:
    assert await _refused(bot, loopback, embeds=[embed]) == (400, 50035)


async def test_embed_images_may_name_an_uploaded_attachment(
    loopback: Loopback, bot: ProbeBot
) -> None:
    embed = discord.Embed(title="Build", url="https://example.com/build")
    embed.set_thumbnail(url="attachment://truck.png")
    embed.set_author(name="Mika", url="http://example.com/mika", icon_url="https://e.com/a.png")
    await _general(bot, loopback).send(embed=embed)
    assert loopback.messages("general")[0].embeds[0]["url"] == "https://example.com/build"


@pytest.mark.parametrize(
    "button",
    [
        {"type": 2, "style": 5, "label": "Open", "url": "https://e.com", "custom_id": "open"},
        {"type": 2, "style": 5, "label": "Open"},
        {"type": 2, "style": 1, "label": "Join", "custom_id": "join", "url": "https://e.com"},
        {"type": 2, "style": 1, "label": "Join"},
    ],
)
async def test_a_button_is_either_a_link_or_has_a_custom_id(
    loopback: Loopback, bot: ProbeBot, button: dict[str, object]
) -> None:
    row = {"type": 1, "components": [button]}
    assert await _refused(bot, loopback, content="Meetup", components=[row]) == (400, 50035)


async def test_a_history_page_is_asked_from_one_side_only(
    loopback: Loopback, bot: ProbeBot
) -> None:
    channel_id = loopback.channel("general").id
    sent = await _general(bot, loopback).send("first")

    with pytest.raises(discord.HTTPException) as refused:
        await bot.http.logs_from(channel_id, 50, before=sent.id + 1, after=sent.id - 1)
    page = await bot.http.logs_from(channel_id, 50, after=sent.id - 1)

    assert (refused.value.status, refused.value.code) == (400, 50035)
    assert [m["content"] for m in page] == ["first"]


class LongChoiceBot(ProbeBot):
    def _register(self) -> None:
        super()._register()

        @self.tree.command(description="Suggests one choice too long for Discord")
        async def suggest(interaction: discord.Interaction, term: str) -> None:
            await interaction.response.send_message(term)

        @suggest.autocomplete("term")
        async def terms(
            interaction: discord.Interaction, current: str
        ) -> list[app_commands.Choice[str]]:
            return [app_commands.Choice(name="long", value="x" * 101)]


async def test_an_autocomplete_choice_over_100_characters_is_refused(loopback: Loopback) -> None:
    async with running_bot(loopback, kind=LongChoiceBot):
        reply = await loopback.autocomplete_reply("suggest", "term", "x")

    assert reply.rejected == [(400, 50035)]


def _general(bot: ProbeBot, loopback: Loopback) -> discord.TextChannel:
    return bot.get_channel(int(loopback.channel("general").id))  # type: ignore[return-value]


async def test_an_edit_that_leaves_a_message_nothing_to_show_is_refused(
    loopback: Loopback, bot: ProbeBot
) -> None:
    sent = await _general(bot, loopback).send("Meetup Saturday")

    with pytest.raises(discord.HTTPException) as refused:
        await sent.edit(content="")

    assert (refused.value.status, refused.value.code) == (400, 50006)
    assert loopback.messages("general")[0].content == "Meetup Saturday"


async def test_an_answer_edited_to_nothing_is_refused_too(
    loopback: Loopback, bot: ProbeBot
) -> None:
    answered = asyncio.create_task(loopback.slash("hold"))
    interaction = await asyncio.wait_for(bot.held.get(), 5)
    await interaction.edit_original_response(content="Thinking done")
    reply = await answered

    with pytest.raises(discord.HTTPException) as refused:
        await interaction.edit_original_response(content="")

    assert (refused.value.status, refused.value.code) == (400, 50006)
    assert reply.record.original is not None
    assert reply.record.original["content"] == "Thinking done"
