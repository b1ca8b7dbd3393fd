"""Shutting down: interactions and events in hand finish before the HTTP session and the
database close."""

from __future__ import annotations

import asyncio
import gc
import json

from sandbox import File, Loopback

from .conftest import RunningBot

CALLBACK = "/interactions/{interaction_id}/{interaction_token}/callback"


async def test_an_import_in_hand_when_the_bot_stops_is_saved_and_answered(
    keitora: RunningBot, loopback: Loopback
) -> None:
    entry = {"headword": "bed mat", "meaning": "A rubber mat for the bed.", "category": "parts"}
    data = json.dumps({"schema_version": 1, "entries": [entry]}).encode()
    # The import defers, then reads the file and writes the database: hold it at the defer.
    loopback.faults.slow("POST", CALLBACK, 0.5)
    importing = asyncio.create_task(
        loopback.slash(
            "glossary-mod import",
            file=File("glossary.json", data, "application/json"),
            actor=loopback.member("Marcus"),
        )
    )
    await loopback.wait_until(lambda: any(r.template == CALLBACK for r in loopback.requests))

    await keitora.stop()  # closes the bot, then the database, as bot.py does

    reply = await importing
    await reply.wait_until(lambda r: bool(r.followups))
    assert reply.followups[0].content.startswith("Imported: 1 added")
    loopback.faults.clear()
    await keitora.start()
    assert (await loopback.slash("glossary lookup", term="bed mat")).embeds[0]["title"] == "bed mat"


async def test_a_removal_in_hand_when_the_bot_stops_is_recorded_before_it_closes(
    keitora: RunningBot, loopback: Loopback
) -> None:
    assert loopback.guild is not None
    held, release = asyncio.Event(), asyncio.Event()

    async def hold_the_database() -> None:
        async with keitora.store.transaction():
            held.set()
            await release.wait()

    holder = asyncio.create_task(hold_the_database())
    await held.wait()
    await loopback.remove_bot(loopback.guild)
    # Wait for the bot's listener for the removal to run, and wait for the database.
    for _ in range(500):
        if any(t.get_name() == "discord.py: on_guild_remove" for t in asyncio.all_tasks()):
            break
        await asyncio.sleep(0.01)
    else:
        raise AssertionError("the bot did not take up the removal")

    closing = asyncio.create_task(keitora.bot.close())
    await asyncio.sleep(0.2)
    closed_before_the_listener_ended = closing.done()
    release.set()
    await holder
    await closing

    assert not closed_before_the_listener_ended
    departed = await keitora.store.fetchall("SELECT guild_id FROM guild_departures")
    assert [row["guild_id"] for row in departed] == [int(loopback.guild.id)]


async def test_the_start_up_heap_is_left_out_of_full_collections_until_the_bot_closes(
    keitora: RunningBot,
) -> None:
    # Frozen objects are not walked by the garbage collector: a big glossary index costs no
    # pause, and after close everything can be collected again.
    assert gc.get_freeze_count() > 0
    await keitora.stop()
    assert gc.get_freeze_count() == 0
    await keitora.start()
