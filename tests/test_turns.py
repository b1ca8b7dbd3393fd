"""Turns: tasks with one key take turns, other keys never wait, and no lock outlives its use."""

from __future__ import annotations

import asyncio

from bot.turns import Turns


async def test_tasks_with_one_key_take_turns_and_other_keys_do_not_wait() -> None:
    turns: Turns[str] = Turns()
    log: list[str] = []
    release = asyncio.Event()

    async def hold(key: str, name: str) -> None:
        async with turns.turn(key):
            log.append(f"{name} in")
            if name == "first":
                await release.wait()
            log.append(f"{name} out")

    first = asyncio.create_task(hold("thread 1", "first"))
    await asyncio.sleep(0)
    assert turns.waiting("thread 1") == 0  # held, and nobody waits for it
    second = asyncio.create_task(hold("thread 1", "second"))
    other = asyncio.create_task(hold("thread 2", "other"))
    await asyncio.wait_for(other, 1)
    assert log == ["first in", "other in", "other out"]  # the second waits for the first
    assert len(turns) == 1
    assert (turns.waiting("thread 1"), turns.waiting("thread 2")) == (1, 0)

    release.set()
    await asyncio.gather(first, second)
    assert log[3:] == ["first out", "second in", "second out"]
    assert len(turns) == 0  # nothing kept for keys nobody holds
    assert turns.waiting("thread 1") == 0


async def test_a_turn_left_by_an_error_or_a_cancel_is_given_up() -> None:
    turns: Turns[int] = Turns()
    try:
        async with turns.turn(1):
            raise ValueError("refused")
    except ValueError:
        pass
    waiting = asyncio.create_task(asyncio.sleep(10))
    async with turns.turn(1):
        holder = asyncio.create_task(_wait_turn(turns, 1, waiting))
        await asyncio.sleep(0)
        holder.cancel()
    waiting.cancel()
    await asyncio.gather(holder, waiting, return_exceptions=True)
    assert len(turns) == 0
    async with asyncio.timeout(1), turns.turn(1):
        pass


async def _wait_turn(turns: Turns[int], key: int, then: asyncio.Task[None]) -> None:
    async with turns.turn(key):
        await then
