"""`python bot.py sandbox`: the real bot on a loopback Discord, driven from a terminal.

A person (or a `--script` file) types lines such as `/glossary lookup term:keitora`,
`as Marcus /setup show`, `click Going` or `messages #meetups`; replies come back as text.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import shlex
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.client import create_bot
from bot.clock import SystemClock
from bot.config import Settings
from bot.store import Store
from sandbox.api import File
from sandbox.core import SandboxTimeout
from sandbox.demo import DEMO_GUILD
from sandbox.driver import Loopback, Message, Reply
from sandbox.invoke import InvocationError, OptionValue, find_command
from sandbox.render import render_message
from sandbox.spec import HOW_TO_GET
from sandbox.state import Guild, UserRef

DEMO_ZONE = "America/Denver"
DEFAULT_ACTOR = "Mika"
ADMIN = "Akiko"
OPTION = re.compile(r"(?:^|\s)([a-z0-9_-]+):")

# Option types of Discord's application command schema.
INTEGER, BOOLEAN, USER, CHANNEL, ROLE, MENTIONABLE, NUMBER, ATTACHMENT = 4, 5, 6, 7, 8, 9, 10, 11

# How the sandbox sets itself up, as an admin would on a new server.
SETUP_LINES = (
    "/setup channel kind:meetups channel:#meetups",
    "/setup channel kind:builds channel:#builds",
    "/setup channel kind:showcase channel:#showcase",
    "/setup channel kind:announcements channel:#announcements",
    "/setup channel kind:glossary channel:#glossary",
    "/setup channel kind:modqueue channel:#mod-queue",
    "/setup role kind:moderator role:@Moderator",
    "/setup role kind:organizer role:@Organizer",
    "/setup role kind:importer role:@Importer",
    f"/setup timezone tz:{DEMO_ZONE}",
)

HELP = f"""\
Type what a member would, one line at a time:
  /help                                 any slash command, options as name:value
  /glossary lookup term:keitora public:true
  as Marcus /setup show                 act as another member (default: {DEFAULT_ACTOR})
  in #meetups /help                     use a command in another channel (default: #general)
  click Going                           press a button (or pick from a menu) on the last reply
  submit Title:Hello Body:Some text     fill in the form (modal) the bot just opened
  messages #meetups                     the channel's latest messages
  dms Mika                              the bot's direct messages to a member
  members                               who is in the demo server, with their roles
  expect some text                      (scripts) fail unless the last output contains it
  help, quit
Options: members as Mika, channels as #meetups, roles as @Moderator, files as a path."""


class ConsoleError(Exception):
    """A line the console could not carry out; the message says why."""


@dataclass
class Console:
    loopback: Loopback
    zone: ZoneInfo
    write: Callable[[str], None]
    last_output: str = ""
    last_target: Reply | Message | None = None
    last_modal: Reply | None = None

    async def run(self, line: str) -> bool:
        """Carry out one line; returns False when it failed (unknown input, no answer, error)."""
        line = line.strip()
        if not line or line.startswith("#"):
            return True
        try:
            await self._dispatch(line, actor=DEFAULT_ACTOR, where="general")
        except (ConsoleError, InvocationError, SandboxTimeout) as problem:
            self._say(f"✗ {problem}")
            return False
        return "Something went wrong" not in self.last_output

    async def _dispatch(self, line: str, *, actor: str, where: str) -> None:
        word, _, rest = line.partition(" ")
        rest = rest.strip()
        if word == "as" and rest:
            name, _, line = rest.partition(" ")
            await self._dispatch(line, actor=name, where=where)
        elif word == "in" and rest.startswith("#"):
            channel, _, line = rest.partition(" ")
            await self._dispatch(line, actor=actor, where=channel.removeprefix("#"))
        elif line.startswith("/"):
            await self._slash(line, self._member(actor), where)
        else:
            await self._console_command(word, rest, actor)

    async def _console_command(self, word: str, rest: str, actor: str) -> None:
        handlers = {
            "click": lambda: self._click(rest, self._member(actor)),
            "submit": lambda: self._submit(rest, self._member(actor)),
            "messages": lambda: self._messages(rest),
            "dms": lambda: self._dms(rest),
            "members": self._members,
            "expect": lambda: self._expect(rest),
            "help": self._help,
        }
        if word not in handlers:
            raise ConsoleError(f"I don't know “{word}”; type help for what I understand.")
        await handlers[word]()

    async def _slash(self, line: str, actor: UserRef, where: str) -> None:
        path, options = self._parse_command(line, where)
        reply = await self.loopback.slash(
            path, actor=actor, where=self.loopback.channel(where), within=10, **options
        )
        self._show_reply(reply)

    def _parse_command(self, line: str, where: str) -> tuple[str, dict[str, OptionValue]]:
        body = line.removeprefix("/")
        first = OPTION.search(body)
        path = (body[: first.start()] if first else body).strip()
        channel = self.loopback.channel(where)
        command, chain = find_command(self.loopback.world, channel.guild_id, path)
        definitions = (chain[-1] if chain else command).get("options", [])
        types = {option["name"]: option["type"] for option in definitions}
        options: dict[str, OptionValue] = {}
        if first:
            pieces = OPTION.split(body[first.start() :])[1:]
            for name, raw in zip(pieces[::2], pieces[1::2], strict=True):
                options[name] = self._option(name, raw.strip(), types.get(name))
        return path, options

    def _option(self, name: str, raw: str, kind: int | None) -> OptionValue:
        if kind in (INTEGER, NUMBER):
            try:
                return int(raw) if kind == INTEGER else float(raw)
            except ValueError:
                raise ConsoleError(f"{name} takes a number, not “{raw}”") from None
        if kind == BOOLEAN:
            if raw.lower() not in ("true", "false", "yes", "no"):
                raise ConsoleError(f"{name} takes true or false")
            return raw.lower() in ("true", "yes")
        if kind == CHANNEL:
            return self.loopback.channel(raw.removeprefix("#"))
        if kind == ROLE or (kind == MENTIONABLE and raw.startswith("@")):
            return self._guild().role(raw.removeprefix("@"))
        if kind in (USER, MENTIONABLE):
            return self._member(raw.removeprefix("@"))
        if kind == ATTACHMENT:
            path = Path(raw).expanduser()
            if not path.is_file():
                raise ConsoleError(f"{name} takes a file path; there is no file at {raw}")
            return File(path.name, path.read_bytes(), _content_type(path))
        return raw

    async def _click(self, label: str, actor: UserRef) -> None:
        if self.last_target is None:
            raise ConsoleError("There is nothing to click yet.")
        try:
            words = shlex.split(label)
        except ValueError:  # an unmatched quote, as in: click Don't
            words = label.split()
        if not words:
            raise ConsoleError("Say what to click: click Going")
        key, values = words[0], words[1:] or None
        reply = await self.loopback.click(
            self.last_target, key, actor=actor, values=values, within=10
        )
        self._show_reply(reply)

    async def _submit(self, text: str, actor: UserRef) -> None:
        if self.last_modal is None:
            raise ConsoleError("No form is open; a command that opens one comes first.")
        pieces = re.split(r"(?:^|\s)([^\s:]+):", text)[1:]
        fields = {
            name: value.strip() for name, value in zip(pieces[::2], pieces[1::2], strict=True)
        }
        reply = await self.loopback.submit_modal(self.last_modal, fields, actor=actor, within=10)
        self.last_modal = None
        self._show_reply(reply)

    async def _messages(self, channel: str) -> None:
        messages = self.loopback.messages(self.loopback.channel(channel.strip().removeprefix("#")))
        if not messages:
            self._say(f"(no messages in {channel})")
            return
        self.last_target = messages[-1]
        self._say("\n\n".join(self._render(message.raw) for message in messages[-10:]))

    async def _dms(self, name: str) -> None:
        messages = self.loopback.dms(self._member(name.strip()))
        self._say("\n\n".join(self._render(m.raw) for m in messages[-10:]) or "(no DMs)")

    async def _members(self) -> None:
        guild = self._guild()
        lines = []
        for member in guild.members.values():
            user = member["user"]
            if user.get("bot"):
                continue
            roles = [guild.roles[role_id]["name"] for role_id in member["roles"]]
            owner = ["owner, admin"] if user["id"] == guild.owner_id else []
            lines.append(
                f"{user['global_name']}"
                + (f" ({', '.join(owner + roles)})" if owner + roles else "")
            )
        self._say("\n".join(lines))

    async def _expect(self, text: str) -> None:
        if text.casefold() not in self.last_output.casefold():
            raise ConsoleError(f"expected “{text}” in the last output")

    async def _help(self) -> None:
        self._say(HELP)

    def _show_reply(self, reply: Reply) -> None:
        if reply.modal is not None:
            self.last_modal = reply
            fields = [component["label"] for component in _modal_labels(reply.modal)]
            self._say(f"📝 form “{reply.modal['title']}”: " + ", ".join(fields) + "\n(use submit)")
            return
        shown = [reply.message] if reply.message else []
        shown += [m for m in reply.followups if not reply.message or m.id != reply.message.id]
        if not shown:
            self._say("(the bot did not answer)")
            return
        self.last_target = shown[-1]
        self._say("\n\n".join(self._render(message.raw) for message in shown))

    def _render(self, raw: dict) -> str:
        return render_message(raw, self.zone, self._name_of)

    def _name_of(self, kind: str, snowflake: str) -> str:
        world = self.loopback.world
        if kind == "channel":
            return world.channels.get(snowflake, {}).get("name", snowflake)
        if kind == "role":
            return self._guild().roles.get(snowflake, {}).get("name", snowflake)
        return world.users.get(snowflake, {}).get("global_name", snowflake)

    def _member(self, name: str) -> UserRef:
        try:
            return self.loopback.member(name)
        except (KeyError, LookupError):
            raise ConsoleError(
                f"There is no member {name}; type members to see who is here."
            ) from None

    def _guild(self) -> Guild:
        assert self.loopback.guild is not None, "the sandbox always has its demo server"
        return self.loopback.guild

    def _say(self, text: str) -> None:
        self.last_output = text
        self.write(text)


def _modal_labels(modal: dict) -> list[dict]:
    labels = []
    for wrapper in modal.get("components", []):
        if wrapper.get("type") == 1:
            labels += wrapper.get("components", [])
        elif "component" in wrapper:
            labels.append({"label": wrapper.get("label", wrapper["component"].get("custom_id"))})
    return labels


def _content_type(path: Path) -> str:
    return {".json": "application/json", ".png": "image/png", ".jpg": "image/jpeg"}.get(
        path.suffix.lower(), "application/octet-stream"
    )


def spec_to_check(spec: Path) -> Path | None:
    """`spec` when that file exists; else None, once the person has been told what that means."""
    if spec.is_file():
        return spec
    print(
        f"Not checking the bot's requests against Discord's spec: there is none at {spec}. "
        f"To check them, {HOW_TO_GET}.",
        file=sys.stderr,
    )
    return None


async def run_sandbox(
    settings: Settings, *, script: str | None, database: Path | None, spec: Path | None
) -> int:
    """Run the demo until `quit` (or the end of the `script` lines); returns the exit code.

    The bot's requests are checked against Discord's spec at `spec` unless it is None.
    """
    if settings.log_level == "INFO":
        # The console is the interface here; the bot's routine INFO lines would drown it.
        logging.getLogger().setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="keitora-sandbox-") as scratch:
        path = database or Path(scratch) / "sandbox.sqlite3"
        async with Loopback(spec=spec) as loopback:
            sandbox_settings = replace(
                settings,
                token=loopback.token,
                api_base=loopback.api_base,
                database_path=path,
                guild_ids=(),
                feed_allow_private=True,
            )
            store = await Store.open(path)
            bot = create_bot(sandbox_settings, store, SystemClock(), guild_ready_timeout=0.05)
            task = asyncio.create_task(bot.start(loopback.token))
            try:
                await loopback.wait_ready(within=30)
                console = Console(loopback, ZoneInfo(DEMO_ZONE), print)
                await _set_up_demo(console)
                if script is not None:
                    failed = await _run_script(console, script)
                    return failed | _report_spec_problems(console, loopback)
                return await _interactive(console)
            finally:
                await bot.close()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
                await store.close()


async def _set_up_demo(console: Console) -> None:
    quiet = Console(console.loopback, console.zone, lambda _: None)
    for line in SETUP_LINES:
        if not await quiet.run(f"as {ADMIN} {line}"):
            raise RuntimeError(f"the sandbox could not set itself up: {line}: {quiet.last_output}")


async def _run_script(console: Console, script: str) -> int:
    failures = 0
    for number, line in enumerate(script.splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            console.write(f"\n» {line.strip()}")
        if not await console.run(line):
            console.write(f"✗ line {number} failed")
            failures += 1
    console.write(f"\n{failures} line(s) failed" if failures else "\nThe whole script ran.")
    return 1 if failures else 0


def _report_spec_problems(console: Console, loopback: Loopback) -> int:
    """Fail a script whose run made the bot break Discord's spec or call unknown routes."""
    problems = [str(v) for v in loopback.violations] + [
        f"unknown route {route}" for route in loopback.unknown_routes
    ]
    for problem in problems:
        console.write(f"✗ {problem}")
    return 1 if problems else 0


async def _interactive(console: Console) -> int:
    console.write(
        f"Keitora sandbox: the real bot on a pretend Discord server, “{DEMO_GUILD}”.\n"
        f"You are {DEFAULT_ACTOR}, a member in #general. Type help for what you can do, "
        "quit to leave."
    )
    lines = _stdin_lines()
    while True:
        print("\n> ", end="", flush=True)
        line = await lines.get()
        if line is None or line.strip() in ("quit", "exit"):
            return 0
        await console.run(line)


def _stdin_lines() -> asyncio.Queue[str | None]:
    """Lines typed at the terminal (None at its end), read by a daemon thread.

    A worker thread blocked in input() would keep the process alive after Ctrl-C until the next
    Enter; a daemon thread dies with the process.
    """
    loop = asyncio.get_running_loop()
    lines: asyncio.Queue[str | None] = asyncio.Queue()

    def read() -> None:
        for line in sys.stdin:
            loop.call_soon_threadsafe(lines.put_nowait, line)
        loop.call_soon_threadsafe(lines.put_nowait, None)

    threading.Thread(target=read, name="sandbox-stdin", daemon=True).start()
    return lines
