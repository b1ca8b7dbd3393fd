"""A small discord.py bot connected to a loopback Discord, for testing the loopback itself; and
the sandbox console with the real bot, for testing what a newcomer types."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import aiohttp
import discord
import pytest
from discord import app_commands
from discord.ext import commands

from bot.config import Settings
from sandbox import Loopback, point_client_at
from sandbox.console import Console
from sandbox.session import open_sandbox

TERMS = ["keitora", "keijidosha", "shaken", "kei truck", "jimny"]


class ConfirmView(discord.ui.View):
    @discord.ui.button(label="Confirm", custom_id="probe:confirm", style=discord.ButtonStyle.green)
    async def confirm(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await interaction.response.edit_message(
            content=f"Confirmed by {interaction.user.display_name}", view=None
        )

    @discord.ui.select(
        custom_id="probe:size",
        placeholder="Bed size",
        options=[discord.SelectOption(label=s, value=s) for s in ("short", "long")],
    )
    async def size(self, interaction: discord.Interaction, select: discord.ui.Select) -> None:
        await interaction.response.send_message(f"Bed: {select.values[0]}", ephemeral=True)


class FeedbackModal(discord.ui.Modal, title="Feedback"):
    comment = discord.ui.TextInput(label="Comment", custom_id="probe:comment", max_length=200)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"Thanks: {self.comment.value}", ephemeral=True)


class OverfullModal(discord.ui.Modal, title="Overfull"):
    """A form Discord would refuse: its prefilled value is longer than its field takes."""

    text = discord.ui.TextInput(
        label="Text", custom_id="probe:overfull", max_length=10, default="x" * 11
    )


class RenameModal(discord.ui.Modal, title="Rename"):
    """A form the bot fills in beforehand, as an edit form is."""

    name = discord.ui.TextInput(label="Name", custom_id="probe:name", default="keitora")
    note = discord.ui.TextInput(
        label="Note", custom_id="probe:note", required=False, default="first note"
    )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"{self.name.value} | {self.note.value}")


class ProbeBot(commands.Bot):
    """Exercises each interaction path the loopback must support."""

    def __init__(self, intents: discord.Intents | None = None) -> None:
        if intents is None:
            intents = discord.Intents.default()
            intents.members = True  # exercises member chunking over the gateway
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            allowed_mentions=discord.AllowedMentions.none(),
            guild_ready_timeout=0.05,
        )
        self.errors: asyncio.Queue[discord.HTTPException] = asyncio.Queue()
        self.held: asyncio.Queue[discord.Interaction] = asyncio.Queue()
        # Forms for /form to open, as raw callback data: discord.py refuses some bad ones itself.
        self.forms: asyncio.Queue[dict[str, object]] = asyncio.Queue()
        self._register()

    async def setup_hook(self) -> None:
        await self.tree.sync()

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        # discord.py waits 5 s before re-identifying to respect Discord's identify limit;
        # the loopback has no such limit.
        return None

    def _register(self) -> None:
        tree = self.tree
        glossary = app_commands.Group(name="glossary", description="Kei truck words")

        @glossary.command(name="lookup", description="Look up a term")
        async def lookup(interaction: discord.Interaction, term: str, public: bool = False) -> None:
            embed = discord.Embed(title=term, description=f"About {term}")
            await interaction.response.send_message(embed=embed, ephemeral=not public)

        @lookup.autocomplete("term")
        async def lookup_terms(
            interaction: discord.Interaction, current: str
        ) -> list[app_commands.Choice[str]]:
            return [app_commands.Choice(name=t, value=t) for t in TERMS if current in t][:25]

        tree.add_command(glossary)

        @tree.command(description="Think, then answer")
        async def slow(interaction: discord.Interaction) -> None:
            await interaction.response.defer(thinking=True)
            await interaction.followup.send("done thinking")

        @tree.command(description="A message with a button and a select")
        async def pick(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("Pick one", view=ConfirmView())

        @tree.command(description="Opens a modal")
        async def feedback(interaction: discord.Interaction) -> None:
            await interaction.response.send_modal(FeedbackModal())

        @tree.command(description="Opens a modal filled in beforehand")
        async def rename(interaction: discord.Interaction) -> None:
            await interaction.response.send_modal(RenameModal())

        @tree.command(description="Answers twice")
        async def twice(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("first")
            try:
                await self._second_answer(interaction)
            except discord.HTTPException as error:
                self.errors.put_nowait(error)

        @tree.command(description="Answers with two buttons sharing one custom_id")
        async def twins(interaction: discord.Interaction) -> None:
            view = discord.ui.View()
            for label in ("Left", "Right"):
                view.add_item(discord.ui.Button(label=label, custom_id="probe:twin"))
            try:
                await interaction.response.send_message("Pick a twin", view=view)
            except discord.HTTPException as error:
                self.errors.put_nowait(error)

        @tree.command(description="Opens a form prefilled past its field's max_length")
        async def overfull(interaction: discord.Interaction) -> None:
            try:
                await interaction.response.send_modal(OverfullModal())
            except discord.HTTPException as error:
                self.errors.put_nowait(error)

        @tree.command(description="Opens the form a test handed over")
        async def form(interaction: discord.Interaction) -> None:
            try:
                await self._raw_answer(interaction, {"type": 9, "data": self.forms.get_nowait()})
            except discord.HTTPException as error:
                self.errors.put_nowait(error)

        @tree.command(description="Thinks, and leaves the followup to the test")
        async def hold(interaction: discord.Interaction) -> None:
            await interaction.response.defer(thinking=True)
            self.held.put_nowait(interaction)

        @tree.command(description="Answers too late")
        async def late(interaction: discord.Interaction) -> None:
            await asyncio.sleep(0.3)
            try:
                await interaction.response.send_message("too late")
            except discord.HTTPException as error:
                self.errors.put_nowait(error)

        @tree.command(description="Describes an attached file")
        async def upload(interaction: discord.Interaction, file: discord.Attachment) -> None:
            await interaction.response.send_message(
                f"{file.filename} {file.content_type} {file.size}", ephemeral=True
            )

        @tree.command(description="Posts in the channel, then answers")
        async def post(interaction: discord.Interaction, text: str) -> None:
            await interaction.response.defer(ephemeral=True)
            await interaction.channel.send(text)
            await interaction.followup.send("posted", ephemeral=True)

    async def next_error(self) -> discord.HTTPException:
        """The next HTTP error a command caught."""
        return await asyncio.wait_for(self.errors.get(), 5)

    @classmethod
    async def _second_answer(cls, interaction: discord.Interaction) -> None:
        # discord.py refuses a second response itself; go around it as a buggy bot might.
        params = discord.http.handle_message_parameters(content="second")
        await cls._raw_answer(interaction, {"type": 4, "data": params.payload})

    @staticmethod
    async def _raw_answer(interaction: discord.Interaction, payload: dict[str, object]) -> None:
        adapter = discord.webhook.async_.async_context.get()
        await adapter.create_interaction_response(
            interaction.id,
            interaction.token,
            session=interaction._session,
            proxy=None,
            proxy_auth=None,
            params=discord.http.MultipartParameters(payload, None, None),
        )


Probe = TypeVar("Probe", bound=ProbeBot)


@contextlib.asynccontextmanager
async def running_bot(
    loopback: Loopback,
    intents: discord.Intents | None = None,
    *,
    kind: type[Probe] = ProbeBot,  # type: ignore[assignment]
) -> AsyncIterator[Probe]:
    """The probe bot (or a `kind` of it with more commands) connected to `loopback`; closed
    and unpointed afterwards."""
    undo = await point_client_at(loopback.api_base, loopback.token)
    bot = kind(intents)
    task = asyncio.create_task(bot.start(loopback.token))
    try:
        await loopback.wait_ready()
        # The loopback is ready once commands are synced, which discord.py does before it
        # connects; the guilds it then receives are cached only by the time it is ready.
        await asyncio.wait_for(bot.wait_until_ready(), 10)
        yield bot
    finally:
        await bot.close()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        undo()


@pytest.fixture
async def loopback(
    discord_spec: Path | None, request: pytest.FixtureRequest
) -> AsyncIterator[Loopback]:
    # A test that takes the `clock` fixture (tests/conftest.py) gets a loopback on that clock.
    clock = request.getfixturevalue("clock").now if "clock" in request.fixturenames else None
    async with Loopback(spec=discord_spec, clock=clock) as discord_:
        yield discord_
    # Every test fails on traffic that breaks Discord's spec (when the spec is at hand: see
    # tests/spec_policy.py) or uses a route Discord lacks.
    assert discord_.violations == []
    assert discord_.unknown_routes == []


async def bot_sees(seen: Callable[[], bool], what: str, within: float = 5.0) -> None:
    """Wait until the bot has taken in an event: discord.py changes its cache as it reads one,
    which changes nothing in the loopback that `Loopback.wait_until` would wake on."""
    for _ in range(int(within / 0.01)):
        if seen():
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"timed out waiting for the bot to see {what}")


RestCall = Callable[..., Awaitable[tuple[int, Any]]]


@pytest.fixture
async def rest(loopback: Loopback) -> AsyncIterator[RestCall]:
    """`await rest(method, path, body)`: a REST call as the bot's token sends it, bare of any
    client, answered with the status and the JSON body (None for 204)."""
    headers = {"Authorization": f"Bot {loopback.token}"}
    async with aiohttp.ClientSession(headers=headers) as session:

        async def call(method: str, path: str, body: object = None) -> tuple[int, Any]:
            async with session.request(method, loopback.api_base + path, json=body) as answer:
                return answer.status, None if answer.status == 204 else await answer.json()

        yield call


@pytest.fixture
async def bot(loopback: Loopback) -> AsyncIterator[ProbeBot]:
    async with running_bot(loopback) as probe:
        yield probe


# The week the console tests' typed dates ("tomorrow", "sat 10am") are read in: Wednesday
# December 2, 2026, 8 AM in Denver, the demo's zone (tests/e2e/conftest.py's MEETUP_WEEK).
CONSOLE_WEEK = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)


class WeekClock:
    """A clock that starts at `start` and runs as the wall clock does from then on: dates are
    those of the week a test names, while the bot's short waits (a job due in a few seconds, a
    debounced edit) still come due, as they do under the system clock."""

    def __init__(self, start: datetime) -> None:
        self._offset = start - datetime.now(UTC)

    def now(self) -> datetime:
        return datetime.now(UTC) + self._offset


def sandbox_in(
    folder: Path,
    spec: Path | None,
    *,
    write: Callable[[str], None] = lambda _: None,
) -> contextlib.AbstractAsyncContextManager[Console]:
    """The sandbox as `bot.py sandbox` opens it, its database and files in `folder`, silent
    unless `write` says otherwise, in the console tests' week."""
    return open_sandbox(
        Settings.from_env({}),
        database=folder / "sandbox.sqlite3",
        files=folder / "sandbox-files",
        spec=spec,
        write=write,
        clock=WeekClock(CONSOLE_WEEK),
    )


@pytest.fixture
async def console(tmp_path: Path, discord_spec: Path | None) -> AsyncIterator[Console]:
    async with sandbox_in(tmp_path, discord_spec) as opened:
        yield opened
    assert opened.loopback.violations == []
    assert opened.loopback.unknown_routes == []


async def says(console: Console, line: str) -> str:
    """What the console answers to `line`, which must succeed."""
    assert await console.run(line), console.last_output
    return console.last_output
