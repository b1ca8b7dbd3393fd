"""/modqueue's Refresh, through the loopback: the page is drawn again in place, from where it
started, with what waits now; a page whose items were all decided says so."""

from __future__ import annotations

from sandbox import Loopback, Reply

from .conftest import RunningBot
from .test_modqueue import listed_ids, listed_refs, suggested
from .test_permissions import give_moderator_role, take_moderator_role


def footer(reply: Reply) -> str:
    return reply.record.callback_body["data"]["embeds"][0]["footer"]["text"]


async def test_refresh_draws_the_same_page_again_with_what_waits_now(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, akiko = loopback.member("Marcus"), loopback.member("Akiko")
    queue = keitora.bot.services.modqueue
    await suggested(keitora, loopback, 10)
    first = await loopback.slash("modqueue", actor=marcus)
    assert "modq:refresh" in listed_ids(first)
    second = await loopback.click(first, "Next", actor=marcus)
    assert listed_refs(second) == ["glossary #9", "glossary #10"]
    await queue.reject(loopback.guild.id, "glossary", 9, akiko.id, "Already in the glossary")
    await suggested(keitora, loopback, 1, first=11)

    refreshed = await loopback.click(second, "Refresh", actor=marcus)

    assert refreshed.type == 7  # the page itself
    assert refreshed.message.id == second.message.id
    assert refreshed.record.callback_body["data"]["content"] is None
    assert listed_refs(refreshed) == ["glossary #10", "glossary #11"]
    assert footer(refreshed) == "10 waiting · showing 9–10"
    assert "modq:refresh" in listed_ids(refreshed)
    # The page is ephemeral, so only Marcus clicks it: while he is no moderator, his Refresh
    # does nothing.
    take_moderator_role(loopback, marcus)
    refused = await loopback.click(first, "Refresh", actor=marcus)
    assert refused.ephemeral
    assert "Only moderators" in refused.text
    give_moderator_role(loopback, marcus)

    # Everything that page listed decided: the page says so, above the last ones waiting.
    for n in (10, 11):
        await queue.reject(loopback.guild.id, "glossary", n, akiko.id, "Already in the glossary")
    emptied = await loopback.click(refreshed, "Refresh", actor=marcus)
    assert emptied.type == 7
    body = emptied.record.callback_body["data"]
    assert body["content"] == "Nothing this page listed waits any more."
    assert listed_refs(emptied) == [f"glossary #{n}" for n in range(1, 9)]

    # Nothing waiting at all: the page says so, with no buttons left.
    for n in range(1, 9):
        await queue.reject(loopback.guild.id, "glossary", n, akiko.id, "Already in the glossary")
    done = await loopback.click(emptied, "Refresh", actor=marcus)
    body = done.record.callback_body["data"]
    assert body["embeds"][0]["description"] == "Nothing is waiting."
    assert body["components"] == []
