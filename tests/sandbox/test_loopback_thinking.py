"""A deferred "thinking" answer, as Discord shows it: the loading message at once, filled in by
the followup however long after (while the token lives), not a timeout once the wait for the
callback is over."""

from __future__ import annotations

import asyncio
import io
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sandbox import Loopback, session
from sandbox.console import TYPE_ON, Console
from sandbox.messages import LOADING
from sandbox.state import Json

from .conftest import ProbeBot


def console_writing(loopback: Loopback, tmp_path: Path, written: list[str]) -> Console:
    """A console on `loopback` writing what it shows to `written`, with nothing to settle."""

    async def settled() -> None:
        return None

    return Console(loopback, ZoneInfo("America/Denver"), written.append, tmp_path, settled)


async def let_go_thinking(
    loopback: Loopback, bot: ProbeBot, tmp_path: Path, written: list[str]
) -> tuple[Console, Callable[[], Awaitable[None]]]:
    """A terminal's console, `/hold` typed at it and given back the prompt while the bot thinks
    (its answer not yet come); and what sends that answer and waits until it is shown."""
    console = console_writing(loopback, tmp_path, written)
    console.type_on = True
    assert await asyncio.wait_for(console.run("/hold"), 5)
    interaction = await asyncio.wait_for(bot.held.get(), 5)

    async def answer_late() -> None:
        await interaction.followup.send("The feed answered at last")
        await loopback.wait_until(
            lambda: "The feed answered at last" in written[-1], within=5, what="the late answer"
        )

    return console, answer_late


async def test_a_followup_later_than_the_wait_answers_the_thinking_message(
    loopback: Loopback, bot: ProbeBot
) -> None:
    thinking: list[Json] = []
    answer = asyncio.create_task(loopback.slash("hold", within=0.2, thinking=thinking.append))
    interaction = await asyncio.wait_for(bot.held.get(), 5)
    await loopback.wait_until(lambda: bool(thinking), within=5, what="the thinking message")
    [loading] = thinking
    assert loading["flags"] & LOADING
    # Shown after the 0.2 s the callback had: the wait for the followup is the token's.
    assert not answer.done()

    await interaction.followup.send("The feed answered at last")
    reply = await asyncio.wait_for(answer, 5)
    assert [m["content"] for m in reply.record.followups] == ["The feed answered at last"]
    assert reply.record.followups[0]["id"] == loading["id"]  # the thinking message, filled in


async def test_a_bot_done_without_answering_leaves_the_thinking_message(
    loopback: Loopback, bot: ProbeBot
) -> None:
    async def idle() -> bool:
        return True

    loopback.bot_idle = idle
    thinking: list[Json] = []
    reply = await loopback.slash("hold", within=0.2, thinking=thinking.append)
    assert len(thinking) == 1
    assert reply.record.followups == []
    assert reply.message is not None
    assert reply.message.flags & LOADING


async def test_the_console_says_the_bot_is_thinking_then_shows_its_answer(
    loopback: Loopback, bot: ProbeBot, tmp_path: Path
) -> None:
    written: list[str] = []
    console = console_writing(loopback, tmp_path, written)
    line = asyncio.create_task(console.run("/hold"))
    interaction = await asyncio.wait_for(bot.held.get(), 5)
    await loopback.wait_until(lambda: bool(written), within=5, what="the thinking message")
    assert written[0].startswith("(1) ")
    assert "is thinking…" in written[0]

    await interaction.followup.send("The feed answered at last")
    assert await asyncio.wait_for(line, 5)
    assert written[-1].startswith("(1) ")  # the same message, filled in
    assert "The feed answered at last" in written[-1]
    assert "thinking" not in written[-1]


async def test_the_console_says_so_when_the_bot_stops_without_answering(
    loopback: Loopback, bot: ProbeBot, tmp_path: Path
) -> None:
    async def idle() -> bool:
        return True

    loopback.bot_idle = idle
    written: list[str] = []
    console = console_writing(loopback, tmp_path, written)
    assert await console.run("/hold")
    assert "is thinking…" in written[0]
    assert written[-1].startswith("(the bot stopped without answering")


async def test_at_a_terminal_the_person_types_on_while_the_bot_thinks_and_gets_its_answer(
    loopback: Loopback, bot: ProbeBot, tmp_path: Path
) -> None:
    written: list[str] = []
    console, answer_late = await let_go_thinking(loopback, bot, tmp_path, written)
    assert written[0].startswith("(1) ")
    assert "is thinking…" in written[0]
    assert written[0].endswith(TYPE_ON)

    assert await console.run("members")  # typed on meanwhile, and answered
    assert "Marcus" in written[-1]

    await answer_late()
    assert written[-1].startswith("(1) ")  # the same message, filled in
    assert "thinking" not in written[-1]


async def test_an_answer_come_late_leaves_the_notes_of_the_line_in_hand_to_that_line(
    loopback: Loopback, bot: ProbeBot, tmp_path: Path
) -> None:
    written: list[str] = []
    console, answer_late = await let_go_thinking(loopback, bot, tmp_path, written)
    # Another line is being carried out, and has told how it read a choice.
    console.notes.append("term: picked “keitora”")

    await answer_late()
    assert "picked" not in written[-1]
    assert console.notes == ["term: picked “keitora”"]


class _Typed(io.StringIO):
    """Lines as typed at a terminal, or piped in (`tty`)."""

    def __init__(self, text: str, *, tty: bool) -> None:
        super().__init__(text)
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize("tty", [True, False])
async def test_only_a_terminal_types_on_while_the_bot_thinks(
    loopback: Loopback, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tty: bool
) -> None:
    console = console_writing(loopback, tmp_path, [])
    monkeypatch.setattr(sys, "stdin", _Typed("quit\n", tty=tty))
    assert await asyncio.wait_for(session._interactive(console, files_kept=True), 5) == 0
    assert console.type_on is tty
