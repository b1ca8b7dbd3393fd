"""Message limits, held without the spec as with it, and the bot's permissions: refused as on
Discord."""

from __future__ import annotations

import asyncio
import io
import re
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import aiohttp
import discord
import pytest

from sandbox import Loopback
from sandbox.interactions import InteractionRecord
from sandbox.messages import LOADING
from sandbox.state import Permission

from .conftest import ProbeBot, running_bot

README = Path(__file__).resolve().parents[2] / "README.md"


def _general(bot: ProbeBot, loopback: Loopback) -> discord.TextChannel:
    return bot.get_channel(int(loopback.channel("general").id))  # type: ignore[return-value]


def _raw(**payload: object) -> discord.http.MultipartParameters:
    return discord.http.MultipartParameters(payload, None, None)


def _record(loopback: Loopback, interaction: discord.Interaction) -> InteractionRecord:
    record = loopback.core.interactions.get(str(interaction.id))
    assert record is not None
    return record


def _embed_with(description: str) -> discord.Embed:
    return discord.Embed(title="Kei Truck Day", description=description)


async def test_embeds_over_6000_characters_together_are_refused(
    loopback: Loopback, bot: ProbeBot
) -> None:
    general = _general(bot, loopback)
    # 13 + 2,987 characters each: 6,000 in all is the limit, one more is refused.
    await general.send(embeds=[_embed_with("x" * 2987), _embed_with("x" * 2987)])

    with pytest.raises(discord.HTTPException) as refused:
        await general.send(embeds=[_embed_with("x" * 2987), _embed_with("x" * 2988)])

    assert (refused.value.status, refused.value.code) == (400, 50035)
    assert len(loopback.messages("general")) == 1


async def test_field_names_footer_and_author_count_towards_the_6000(
    loopback: Loopback, bot: ProbeBot
) -> None:
    embed = discord.Embed(description="d" * 4096).set_footer(text="f" * 900)
    embed.set_author(name="a" * 5)
    for _ in range(4):
        embed.add_field(name="n" * 50, value="v" * 200)  # 4 × 250 = 1,000 more: 6,000 + 1

    with pytest.raises(discord.HTTPException) as refused:
        await _general(bot, loopback).send(embed=embed)

    assert (refused.value.status, refused.value.code) == (400, 50035)


@pytest.fixture
async def unvalidated() -> AsyncIterator[Loopback]:
    # Without the spec's own maxItems, the loopback must still refuse what Discord refuses.
    async with Loopback(spec=None) as discord_:
        yield discord_


async def test_more_than_10_embeds_or_25_fields_are_refused(unvalidated: Loopback) -> None:
    async with running_bot(unvalidated) as bot:
        channel_id = unvalidated.channel("general").id
        many = [{"title": str(n)} for n in range(11)]
        crowded = {"title": "Parts", "fields": [{"name": "n", "value": "v"}] * 26}
        with pytest.raises(discord.HTTPException) as too_many_embeds:
            await bot.http.send_message(channel_id, params=_raw(embeds=many))
        with pytest.raises(discord.HTTPException) as too_many_fields:
            await bot.http.send_message(channel_id, params=_raw(embeds=[crowded]))
        await bot.http.send_message(channel_id, params=_raw(embeds=many[:10]))

    assert (too_many_embeds.value.status, too_many_embeds.value.code) == (400, 50035)
    assert (too_many_fields.value.status, too_many_fields.value.code) == (400, 50035)
    assert len(unvalidated.messages("general")) == 1


def _twin_buttons() -> discord.ui.View:
    view = discord.ui.View()
    view.add_item(discord.ui.Button(label="Going", custom_id="rsvp:1"))
    view.add_item(discord.ui.Button(label="Maybe", custom_id="rsvp:1"))
    return view


async def test_duplicate_custom_ids_are_refused_in_channel_messages(
    loopback: Loopback, bot: ProbeBot
) -> None:
    with pytest.raises(discord.HTTPException) as refused:
        await _general(bot, loopback).send("RSVP", view=_twin_buttons())

    assert (refused.value.status, refused.value.code) == (400, 50035)
    assert loopback.messages("general") == []


async def test_duplicate_custom_ids_are_refused_in_interaction_answers(
    loopback: Loopback, bot: ProbeBot
) -> None:
    reply = await loopback.slash("twins")
    error = await bot.next_error()

    assert reply.rejected == [(400, 50035)]
    assert reply.type is None  # a refused answer acknowledges nothing
    assert error.code == 50035
    assert loopback.messages("general") == []


async def test_a_form_prefilled_past_a_fields_max_length_is_refused(
    loopback: Loopback, bot: ProbeBot
) -> None:
    reply = await loopback.slash("overfull")
    error = await bot.next_error()

    assert reply.rejected == [(400, 50035)]
    assert reply.type is None  # no form opened
    assert error.code == 50035


async def test_a_refused_followup_leaves_the_thinking_message_as_it_was(
    loopback: Loopback, bot: ProbeBot
) -> None:
    answered = asyncio.create_task(loopback.slash("hold"))
    interaction = await asyncio.wait_for(bot.held.get(), 5)

    with pytest.raises(discord.HTTPException) as refused:
        await interaction.followup.send("RSVP", view=_twin_buttons())
    thinking = _record(loopback, interaction).original
    still_loading = bool(thinking["flags"] & LOADING)
    await interaction.followup.send("RSVP")
    reply = await answered

    assert (refused.value.status, refused.value.code) == (400, 50035)
    assert still_loading
    assert (reply.content, reply.components, reply.flags & LOADING) == ("RSVP", [], 0)


async def test_a_refused_response_edit_changes_nothing(loopback: Loopback, bot: ProbeBot) -> None:
    reply = await loopback.slash("pick")
    webhook = discord.Webhook.partial(
        int(loopback.world.application_id), reply.record.token, client=bot
    )

    with pytest.raises(discord.HTTPException) as refused:
        await webhook.edit_message(reply.message.id, content="Pick two", view=_twin_buttons())

    assert refused.value.code == 50035
    assert (reply.content, reply.message.buttons) == ("Pick one", ["Confirm"])
    assert reply.edits == []


async def test_a_refused_edit_leaves_the_message_unchanged(
    loopback: Loopback, bot: ProbeBot
) -> None:
    message = await _general(bot, loopback).send("Build day", embed=_embed_with("Carry"))

    with pytest.raises(discord.HTTPException) as too_long:
        await message.edit(content="x" * 2001)
    with pytest.raises(discord.HTTPException) as too_big:
        await message.edit(content="Build day!", embeds=[_embed_with("x" * 4000)] * 2)

    stored = loopback.messages("general")[0]
    assert (too_long.value.code, too_big.value.code) == (50035, 50035)
    assert (stored.content, stored.embeds[0]["description"]) == ("Build day", "Carry")
    assert stored.raw["edited_timestamp"] is None


def test_the_bots_demo_permissions_are_the_readme_invites() -> None:
    invited = re.search(r"permissions=(\d+)", README.read_text(encoding="utf-8"))

    assert invited is not None
    assert Permission.BOT == int(invited[1]) == 2269718417361920
    # Discord's splits of 2026-02-23: the bot pins and creates its events with these alone.
    assert Permission.BOT & Permission.PIN_MESSAGES
    assert Permission.BOT & Permission.CREATE_EVENTS
    unused = Permission.ADD_REACTIONS | Permission.MANAGE_MESSAGES | Permission.MANAGE_EVENTS
    assert not Permission.BOT & unused


def _revoke(loopback: Loopback, permission: int) -> None:
    guild = loopback.guild
    for role in (guild.everyone, guild.role("Keitora")):
        stored = guild.roles[role.id]
        stored["permissions"] = str(int(stored["permissions"]) & ~permission)


async def test_uploads_need_attach_files(loopback: Loopback, bot: ProbeBot) -> None:
    _revoke(loopback, Permission.ATTACH_FILES)
    general = _general(bot, loopback)

    with pytest.raises(discord.Forbidden) as refused:
        await general.send("calendar", file=discord.File(io.BytesIO(b"BEGIN"), "meetup.ics"))
    await general.send("no file, fine")

    assert refused.value.code == 50013
    assert [m.content for m in loopback.messages("general")] == ["no file, fine"]


async def test_embeds_need_embed_links_except_in_interaction_answers(
    loopback: Loopback, bot: ProbeBot
) -> None:
    _revoke(loopback, Permission.EMBED_LINKS)

    with pytest.raises(discord.Forbidden) as refused:
        await _general(bot, loopback).send(embed=_embed_with("Carry"))
    reply = await loopback.slash("glossary lookup", term="keitora", public=True)

    assert refused.value.code == 50013
    assert reply.embeds[0]["title"] == "keitora"


async def test_message_history_pages_hold_at_most_100(loopback: Loopback, bot: ProbeBot) -> None:
    channel_id = loopback.channel("general").id
    await bot.http.send_message(channel_id, params=_raw(content="one"))

    assert len(await bot.http.logs_from(channel_id, 100)) == 1
    with pytest.raises(discord.HTTPException) as refused:
        await bot.http.logs_from(channel_id, 101)

    assert (refused.value.status, refused.value.code) == (400, 50035)
    assert [v.pointer for v in loopback.violations if v.direction == "query"] in ([], ["/limit"])
    loopback.core.violations.clear()  # the page asked for on purpose


async def test_past_the_global_limit_requests_meet_a_global_429_but_interactions_do_not(
    loopback: Loopback, bot: ProbeBot
) -> None:
    assert loopback.core.options.global_limit == 50  # a second, as Discord allows a bot
    # No request at all allowed, so that what is refused does not hang on the machine's speed.
    loopback.core.options = replace(loopback.core.options, global_limit=0)
    headers = {"Authorization": f"Bot {loopback.token}"}
    async with aiohttp.ClientSession(headers=headers) as http:
        status, answered_headers, body = await _get_me(http, loopback)
    assert status == 429
    assert answered_headers["X-RateLimit-Global"] == "true"
    assert answered_headers["X-RateLimit-Scope"] == "global"
    assert body["global"] is True
    assert 0 < body["retry_after"] <= 1.0
    # Interaction callbacks carry their token in the path and are exempt.
    reply = await loopback.slash("glossary lookup", term="shaken")
    assert reply.embeds[0]["title"] == "shaken"


async def test_discord_py_waits_a_global_429_out_and_each_message_is_created_once(
    loopback: Loopback, bot: ProbeBot
) -> None:
    loopback.core.options = replace(loopback.core.options, global_limit=1)
    await asyncio.sleep(1.0)  # the bot's own last requests are a second old
    general = _general(bot, loopback)
    await asyncio.gather(*(general.send(f"reminder {n}") for n in range(3)))
    creates = [r for r in loopback.requests if r.template == "/channels/{channel_id}/messages"]
    assert [r.status for r in creates].count(200) == 3
    assert 429 in [r.status for r in creates]
    contents = sorted(m.content for m in loopback.messages("general"))
    assert contents == ["reminder 0", "reminder 1", "reminder 2"]


async def _get_me(
    http: aiohttp.ClientSession, loopback: Loopback
) -> tuple[int, dict[str, str], Any]:
    async with http.get(f"{loopback.api_base}/users/@me") as response:
        return response.status, dict(response.headers), await response.json()


@pytest.mark.parametrize(
    ("embed", "part"),
    [
        ({"title": "t" * 257}, "title"),
        ({"description": "d" * 4097}, "description"),
        ({"fields": [{"name": "n" * 257, "value": "v"}]}, "fields.0.name"),
        ({"fields": [{"name": "n", "value": "v" * 1025}]}, "fields.0.value"),
        ({"footer": {"text": "f" * 2049}}, "footer.text"),
        ({"author": {"name": "a" * 257}}, "author.name"),
    ],
)
async def test_an_embed_part_past_its_own_length_is_refused(
    unvalidated: Loopback, embed: dict[str, Any], part: str
) -> None:
    async with running_bot(unvalidated) as bot:
        channel_id = unvalidated.channel("general").id
        with pytest.raises(discord.HTTPException) as refused:
            await bot.http.send_message(channel_id, params=_raw(embeds=[embed]))

    assert (refused.value.status, refused.value.code) == (400, 50035)
    assert f"embeds.0.{part}" in str(refused.value)
    assert unvalidated.messages("general") == []
