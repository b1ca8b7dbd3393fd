"""Shutting down: interactions and events in hand finish before the HTTP session and the
database close."""

from __future__ import annotations

import asyncio
import gc
import json
from pathlib import Path

from bot.client import create_bot
from bot.clock import ManualClock
from bot.store import Store
from sandbox import File, Loopback

from .conftest import RunningBot, copy_database, settings_for

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


async def test_a_bot_stopped_while_discord_sends_its_servers_stops_without_a_late_ready(
    loopback: Loopback, tmp_path: Path, clock: ManualClock, migrated_database: Path
) -> None:
    """A host that stops the bot within seconds of its start (a restart loop, a deploy) stops
    it while discord.py still waits for more servers before `ready`: that wait outlived the
    close and then failed on the closed client, a traceback in the log."""
    database = tmp_path / "keitora.sqlite3"
    copy_database(migrated_database, database)
    store = await Store.open(database, durable_commits=False)
    waits_for_servers = 3.0
    keitora = create_bot(
        settings_for(loopback, database), store, clock, guild_ready_timeout=waits_for_servers
    )
    unretrieved: list[dict[str, object]] = []
    loop = asyncio.get_running_loop()
    handler = loop.get_exception_handler()
    loop.set_exception_handler(lambda _, context: unretrieved.append(context))
    try:
        running = asyncio.create_task(keitora.start(loopback.token))
        await loopback.wait_ready()
        assert not keitora.is_ready()  # still waiting for more servers

        await keitora.close()
        await running
        await asyncio.sleep(waits_for_servers + 0.5)
        gc.collect()  # a failed task that nothing awaited is reported as it is collected
    finally:
        loop.set_exception_handler(handler)
        await store.close()
    assert [context["message"] for context in unretrieved] == []
