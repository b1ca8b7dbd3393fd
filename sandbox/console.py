"""The sandbox console: it carries out, on the loopback Discord, each line a person types.

A person (or a `--script` file) types lines such as `/glossary lookup term:keitora`,
`as Marcus /setup show`, `click Going` or `messages #meetups`; replies come back as text.
Starting the bot and its demo server is sandbox/session.py's part; numbering, rendering and
saving what is shown, sandbox/transcript.py's; naming members, channels and roles,
sandbox/directory.py's; reading a slash command's options and autocomplete picks,
sandbox/console_slash.py's; finding what a `click` presses, sandbox/console_clicks.py's;
keeping each member's open form and reading what `submit` fills in, sandbox/console_forms.py's.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import functools
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from sandbox.bodies import MAX_CONTENT
from sandbox.console_clicks import clicked, form_on_deleted, menu_values
from sandbox.console_forms import OpenForms, filled
from sandbox.console_slash import (
    choices_listing,
    command_named,
    fixed_choice,
    fixed_holding,
    names_of,
    needs_more,
    option_value,
    picked,
    typed_options,
    unlisted_for,
)
from sandbox.core import SandboxTimeout
from sandbox.directory import ConsoleError, Directory
from sandbox.driver import DEFAULT_ACTOR, DEFAULT_CHANNEL, Loopback
from sandbox.help import HELP
from sandbox.interactions import deleted
from sandbox.invoke import (
    BUTTON,
    LINK_BUTTON_STYLE,
    InvocationError,
    OptionValue,
)
from sandbox.lines import command_parts, in_words
from sandbox.messages import LOADING
from sandbox.render import closed_states, inert, thread_listing
from sandbox.replies import Message, Reply
from sandbox.settling import user_of
from sandbox.state import ChannelRef, ChannelType, Json, Permission, UserRef
from sandbox.transcript import Transcript

_log = logging.getLogger(__name__)

# Typed as an option's value, it lists the bot's choices for that option instead of sending.
LIST_CHOICES = "?"
# The longest line of chat repeated whole in the hint that `say` posts it.
SHOWN_CHAT = 40
# The bot's own loggers: their errors show even while `log` is off.
OWN_LOGGERS = ("bot", "cogs", "keitora")
# Told below a line's answer shown thinking, when the person may type on (`Console.type_on`).
TYPE_ON = "(still thinking: type on; the answer is shown under the same number when it comes)"
# Set, in the task carrying out a line, once its answer is shown thinking: the prompt is let go.
_SHOWN_THINKING: contextvars.ContextVar[asyncio.Event | None] = contextvars.ContextVar(
    "shown_thinking", default=None
)


async def _no_one() -> dict[str, str]:
    return {}


class LogGate(logging.Filter):
    """Which log records reach the terminal: the bot's own errors, or with `show_all`, all.

    discord.py and aiohttp log for whoever operates a bot, and so do the bot's own warnings (a
    slow write on a busy machine); in the sandbox those lines would land in the middle of the
    prompt. An error is a bug the person trying the bot should see.
    """

    def __init__(self) -> None:
        super().__init__()
        self.show_all = False

    def filter(self, record: logging.LogRecord) -> bool:
        own = record.name.partition(".")[0] in OWN_LOGGERS
        return self.show_all or (own and record.levelno >= logging.ERROR)


@dataclass
class Console:
    loopback: Loopback
    zone: ZoneInfo
    write: Callable[[str], None]
    files: Path  # where the attachments the bot sends are written
    # Waits until the bot has nothing in hand (sandbox/bot_work.py): a channel is shown then.
    settled: Callable[[], Awaitable[None]]
    log: LogGate = field(default_factory=LogGate)
    # Each member holding the importer role whom no moderator registered, with that role's id.
    unregistered_importers: Callable[[], Awaitable[dict[str, str]]] = _no_one
    last_output: str = ""
    forms: OpenForms = field(default_factory=OpenForms)
    actor: str = DEFAULT_ACTOR  # who a line acts as, unless it starts `as Name`
    where: str = DEFAULT_CHANNEL  # the channel a command is used in, unless it starts `in #name`
    # What the console tells of how it read the line (a choice it picked), shown before the
    # line's answer.
    notes: list[str] = field(default_factory=list)
    # At a terminal, a line whose answer the bot is still thinking over gives the prompt back:
    # the person types on, and the answer is shown when it comes. A script waits for each
    # answer, as its `expect` lines read them.
    type_on: bool = False
    names: Directory = field(init=False)
    transcript: Transcript = field(init=False)
    # The lines let go while thinking, held until their answers are shown.
    _answers_due: set[asyncio.Task[bool]] = field(default_factory=set, init=False)

    def __post_init__(self) -> None:
        self.names = Directory(self.loopback)
        self.transcript = Transcript(self.loopback.world, self.zone, self.files, self.names.name_of)

    async def run(self, line: str) -> bool:
        """Carry out one line; returns False when it failed (unknown input, no answer, error).
        With `type_on`, a line whose answer the bot is shown thinking over returns True then,
        and its answer is shown when it comes."""
        line = line.strip()
        self.notes.clear()
        if not line or line.startswith("#"):
            return True
        if not self.type_on:
            return await self._carry_out(line)
        shown_thinking = asyncio.Event()
        work = asyncio.create_task(self._carry_out(line, shown_thinking))
        thinking = asyncio.create_task(shown_thinking.wait())
        try:
            await asyncio.wait((work, thinking), return_when=asyncio.FIRST_COMPLETED)
        except BaseException:
            work.cancel()
            raise
        finally:
            thinking.cancel()
        if work.done():
            return work.result()
        self._answers_due.add(work)
        work.add_done_callback(self._answers_due.discard)
        return True

    async def _carry_out(self, line: str, shown_thinking: asyncio.Event | None = None) -> bool:
        if shown_thinking is not None:  # in the line's own task: its context alone
            _SHOWN_THINKING.set(shown_thinking)
        try:
            await self._dispatch(line, actor=self.actor, where=self.where)
        except (ConsoleError, InvocationError, SandboxTimeout) as problem:
            self._say(f"✗ {problem}")
            return False
        except Exception as problem:  # a bug of the sandbox's own: report it, keep going
            _log.warning("the console failed on %r", line, exc_info=True)
            self._say(f"✗ The sandbox failed on that line: {type(problem).__name__}: {problem}")
            return False
        return "Something went wrong" not in self.last_output

    async def _dispatch(self, line: str, *, actor: str, where: str, named: bool = False) -> None:
        """`named`: the line said `as` whom it acts as."""
        typed, _, rest = line.partition(" ")
        word, rest = typed.lower(), rest.strip()  # Help, As Marcus: as a newcomer may type them
        if word in ("as", "in"):
            name, line = _leading_name(rest)
            there, after = _leading_name(line.removeprefix("in "))
            if not name or not line:
                told = [self._back(word) if not name else self._stay(word, name)]
                if word == "as":
                    told.append(self._unseen_here())
                self._say("\n".join(filter(None, told)))
            elif word == "as" and line.startswith("in ") and there and not after:
                # as Marcus in #meetups: both or neither
                self._refuse_unseen(self.names.channel(there), self.names.member(name), "in")
                self._say("\n".join([self._stay("as", name), self._stay("in", there)]))
            elif word == "as":
                member = self.names.member(name).name
                await self._dispatch(line, actor=member, where=where, named=True)
            else:
                found = self._channel(name, line)
                place = self.names.key(found.id, found.name)
                await self._dispatch(line, actor=actor, where=place, named=named)
        elif line.startswith("/"):
            await self._slash(line, self.names.member(actor), where)
        else:
            await self._console_command(typed, rest, actor, where, named)

    def _channel(self, name: str, line: str) -> ChannelRef:
        """The channel `in name` names; when that is the first word of a thread's name (a
        forum post's title), the refusal says how to write it."""
        try:
            return self.names.channel(name)
        except ConsoleError as problem:
            words = line.split()
            for count in range(len(words), 0, -1):
                spaced = " ".join([name, *words[:count]])
                with contextlib.suppress(ConsoleError):
                    self.names.channel(spaced)
                    break
            else:
                raise
            hint = f'a name with spaces goes in quotes: in "{spaced}"'
            raise ConsoleError(f"{problem} ({hint})") from None

    def _back(self, word: str) -> str:
        """`as` or `in` alone: back to the person or channel a line uses unless it says."""
        if word == "as":
            self.actor = DEFAULT_ACTOR
            return f"You are {self.actor} again, as every line is unless it starts `as`."
        self.where = DEFAULT_CHANNEL
        return f"You are in #{self.where} again, as every line is unless it starts `in`."

    def _stay(self, word: str, name: str) -> str:
        """`as Marcus` or `in #meetups` alone: every line from now on acts so."""
        if word == "as":
            self.actor = self.names.member(name).name
            return f"You are {self.actor} now, until the next `as` alone."
        place = self.names.channel(name)
        self._refuse_unseen(place, self.names.member(self.actor), "in")
        self.where = self.names.key(place.id, place.name)
        shown = f"#{place.name}" + (f" (#{place.id})" if self.where == place.id else "")
        return f"You are in {shown} now, until the next `in` alone."

    def _unseen_here(self) -> str:
        """What one who has just changed whom they act as is told of the channel they are in
        when every line there would be refused: one that person cannot view, or a thread
        deleted since."""
        back = f"`in` alone puts you back in #{DEFAULT_CHANNEL}."
        try:
            place = self.names.channel(self.where)
        except ConsoleError:  # a thread deleted since one went in
            return f"#{self.where}, where you are, is gone: {back}"
        if self._can_view(place, self.names.member(self.actor)):
            return ""
        return f"{self.actor} cannot view #{place.name}, where you are: {back}"

    async def _console_command(
        self, typed: str, rest: str, actor: str, where: str, named: bool
    ) -> None:
        # `messages` and `dms` alone read the channel one is in and one's own DMs (the only
        # ones Discord shows).
        handlers = {
            "click": lambda: self._click(rest, self.names.member(actor)),
            "submit": lambda: self._submit(rest, actor, named),
            "messages": lambda: self._messages(rest or f"#{where}", self.names.member(actor)),
            "dms": lambda: self._dms(rest or actor, actor),
            "members": lambda: self._members(rest),
            "log": lambda: self._log(rest),
            "expect": lambda: self._expect(rest),
            "help": lambda: self._help(rest),
            "say": lambda: self._post(rest, self.names.member(actor), where),
        }
        if typed.lower() not in handlers:
            raise ConsoleError(self._unknown(typed, rest, where))
        await handlers[typed.lower()]()

    def _unknown(self, word: str, rest: str, where: str) -> str:
        """What a line of no console word is told, quoting it as typed: a newcomer types chat,
        or a command without its slash."""
        line = " ".join([word, rest]).strip()
        scopes = [self.names.channel(where).guild_id, None]
        commands = self.loopback.world.commands
        if any(c["name"] == word.lower() for scope in scopes for c in commands.get(scope, [])):
            # Shown as Discord names the command: in lowercase.
            command = " ".join([word.lower(), rest]).strip()
            return (
                f"I don't know “{word}”: a command starts with / (/{command}); help lists every "
                "line I understand."
            )
        example = line if len(line) <= SHOWN_CHAT else "some text"
        return (
            f"I don't know “{word}”: a command starts with / (/help lists the bot's), and "
            f"say {example} posts a message; help lists every line I understand."
        )

    # -- slash commands -----------------------------------------------------------------------

    async def _slash(self, line: str, actor: UserRef, where: str) -> None:
        channel = self.names.channel(where)
        path, first, text = command_parts(line.removeprefix("/"))
        path = path.lower()  # Discord's names are lowercase; its client finds /Meetup too
        if not path.strip("/ "):  # `/`, `//`, `/ /`: slashes name no command
            raise ConsoleError("Type a command after the slash: /help")
        path, definitions = command_named(self.loopback.world, path, first, channel.guild_id)
        if hidden := unlisted_for(self.loopback.world, self.names.guild(), path, actor, channel):
            self.notes.append(hidden)
        # Discord's client sends no option left empty: a required one keeps the command unsent.
        typed = {
            name: raw
            for name, raw in typed_options(path, text, definitions).items()
            if raw or name not in names_of(definitions)
        }
        types = {option["name"]: option["type"] for option in definitions}
        fixed = {option["name"]: option.get("choices") or [] for option in definitions}
        completed = [d for d in definitions if d.get("autocomplete") and d["name"] in typed]
        for definition in definitions:
            listed = definition.get("autocomplete") or definition.get("choices")
            if typed.get(definition["name"]) == LIST_CHOICES and not listed:
                # `title:?` would post a meetup called “?”: only a list is shown for `?`.
                raise ConsoleError(
                    f"{definition['name']}: has no list of choices to show; it takes what you "
                    f"type: “{definition.get('description', '')}”. Nothing was sent."
                )
        for name, raw in typed.items():
            if fixed.get(name) and raw.endswith(LIST_CHOICES):
                value = raw.removesuffix(LIST_CHOICES).strip()
                held = fixed_holding(value, fixed[name])
                self._say(choices_listing(name, value, held, fixed=True))
                return
        options = {
            name: self._option(name, fixed_choice(name, raw, fixed.get(name, [])), types.get(name))
            for name, raw in typed.items()
            if name not in names_of(completed)
        }
        # As Discord's client does, ask the bot for the choices of what was typed, with every
        # other option filled: an occurrence's dates are those of the meetup chosen, whichever
        # comes first, and text not picked from a list goes as typed.
        for definition in completed:
            name, raw = definition["name"], typed[definition["name"]]
            others = {
                other["name"]: self._option(
                    other["name"],
                    typed[other["name"]].removesuffix(LIST_CHOICES).strip(),
                    types[other["name"]],
                )
                for other in completed
                if other["name"] not in options and other["name"] != name
            }
            # `term:?` lists what the bot offers for an empty box, `term:kei?` for "kei".
            listing = raw.endswith(LIST_CHOICES)
            value = raw.removesuffix(LIST_CHOICES).strip() if listing else raw
            if listing:
                choices = await self.loopback.autocomplete(
                    path, name, value, actor=actor, where=channel, within=10, **options, **others
                )
                self._say(choices_listing(name, value, choices))
                return
            pick = await picked(self.loopback, path, name, raw, actor, channel, options | others)
            if pick.note:
                self.notes.append(pick.note)
            options[name] = self._option(name, pick.value or raw, types[name])
        needs_more(path, definitions, typed)
        reply = await self.loopback.slash(
            path, actor=actor, where=channel, within=10, thinking=self._thinking, **options
        )
        self._show_reply(reply)

    def _option(self, name: str, raw: str, kind: int | None) -> OptionValue:
        return option_value(self.names, name, raw, kind)

    # -- buttons and menus --------------------------------------------------------------------

    async def _click(self, text: str, actor: UserRef) -> None:
        # A member's client has the bot's edits by the time they click: the buttons pressed are
        # the ones the message has once the bot is done (a card edit still gathering included),
        # not those it had when last shown here.
        await self.settled()
        gone = functools.partial(deleted, self.loopback.core)
        raw, component, words = clicked(self.transcript, text, actor.id, gone)
        await self._press(raw, component, words, actor)

    async def _press(self, raw: Json, component: Json, words: list[str], actor: UserRef) -> None:
        name = component.get("label") or component.get("placeholder") or component["custom_id"]
        if component.get("disabled"):
            raise ConsoleError(f"“{name}” is disabled.")
        if component.get("style") == LINK_BUTTON_STYLE:
            raise ConsoleError(f"“{name}” opens {component.get('url')}; the bot never sees it.")
        values = None
        if component["type"] != BUTTON:
            if not words:
                raise ConsoleError(f"Say what to pick after the menu: click “{name}” CHOICE")
            values = menu_values(component, words, self._option)
        message = Message.of(self.loopback.world, raw)
        reply = await self.loopback.click(
            message,
            component["custom_id"],
            actor=actor,
            values=values,
            within=10,
            thinking=self._thinking,
        )
        # A click is answered once the card is redrawn; a line to the clicker (the item changed
        # since they saw it) may follow that answer as a followup, however slow Discord is.
        await self.settled()
        self._show_reply(reply)

    # -- forms --------------------------------------------------------------------------------

    async def _submit(self, text: str, actor: str, named: bool) -> None:
        """Send the form of the member the line acts as, as Discord does; a line that names
        nobody may send the newest form of anyone, as whoever it was opened for."""
        opened = self.forms.of(actor, named)
        opener, modal = user_of(opened), opened.modal
        assert modal is not None  # only a reply that is a form is kept in `forms`
        gone = functools.partial(deleted, self.loopback.core)
        refused = form_on_deleted(self.transcript, opened.record.message, gone)
        if refused is not None:
            del self.forms[opener.name]  # Discord refuses the form for good (Unknown Message)
            raise refused
        fields = filled(text, modal)
        reply = await self.loopback.submit_modal(
            opened, fields, actor=opener, within=10, thinking=self._thinking
        )
        del self.forms[opener.name]
        # As after a click: a form sent too late is answered on the post, and told the member
        # as a followup, however slow Discord is.
        await self.settled()
        self._show_reply(reply)

    # -- reading ------------------------------------------------------------------------------

    async def _messages(self, channel: str, actor: UserRef) -> None:
        place = self.names.channel(_whole_name(channel))
        self._refuse_unseen(place, actor, "messages")
        await self.settled()
        messages = self.loopback.messages(place)
        shown = [self.transcript.render(message.raw) for message in messages[-10:]]
        guild = self.names.guild()
        threads = [
            thread_listing(thread, self.names.key(thread["id"], thread["name"]))
            for thread in self.loopback.world.channels.values()
            if thread.get("parent_id") == place.id
            and thread["type"] in ChannelType.THREADS
            # A private thread is listed only to its members and those who manage threads.
            and guild.permissions_in(thread["id"], actor.id) & Permission.VIEW_CHANNEL
        ]
        # A forum's posts are threads: without their names its messages look like nothing.
        if place.type == ChannelType.GUILD_FORUM:
            shown.append(
                f"#{place.name} is a forum: each post is a thread of its own, shown with "
                f"messages #name.\nPosts: {', '.join(threads) or 'none'}"
            )
        elif threads:
            shown.append(f"Threads here, shown with messages #name: {', '.join(threads)}")
        if states := closed_states(self.loopback.world.channels[place.id]):
            # Members read an archived thread as they would an open one; only its state tells.
            shown.append(f"#{place.name} is {in_words(states)}.")
        self._say("\n\n".join(shown) or f"(no messages in #{place.name})")

    def _can_view(self, place: ChannelRef, actor: UserRef) -> bool:
        return bool(self.names.guild().permissions_in(place.id, actor.id) & Permission.VIEW_CHANNEL)

    def _refuse_unseen(self, place: ChannelRef, actor: UserRef, doing: str) -> None:
        """Discord shows a member only the channels they may view (a thread: its parent's, and
        a private one to its members and thread managers alone); the refusal's example does
        the console word `doing` there as one who may."""
        if self._can_view(place, actor):
            return
        guild = self.names.guild()
        viewers = [
            member["user"]["global_name"]
            for member in guild.members.values()
            if not member["user"].get("bot")
            and guild.permissions_in(place.id, member["user"]["id"]) & Permission.VIEW_CHANNEL
        ]
        example = f" (as {viewers[-1]} {doing} #{place.name})" if viewers else ""
        raise ConsoleError(
            f"{actor.name} cannot view #{place.name}: Discord shows a channel only to members "
            f"who may view it, as {in_words(viewers) or 'no member'} may{example}."
        )

    async def _dms(self, name: str, actor: str) -> None:
        member = self.names.member(_whole_name(name))
        if member.name != actor:
            # Discord shows a member's DMs to that member alone.
            raise ConsoleError(
                f"{actor} can read only their own DMs, as on Discord: as {member.name} dms"
            )
        await self.settled()
        messages = self.loopback.dms(member)
        self._say("\n\n".join(self.transcript.render(m.raw) for m in messages[-10:]) or "(no DMs)")

    async def _post(self, text: str, actor: UserRef, where: str) -> None:
        """`actor` writes `text` in the channel the line is in, as Discord takes it from them."""
        if not text:
            raise ConsoleError("Say what to post: say hello there")
        if len(text) > MAX_CONTENT:
            # The demo's members have no Nitro: their client takes what a bot's message may hold.
            raise ConsoleError(
                f"Discord's client refuses a message of more than {MAX_CONTENT:,} characters; "
                f"this one has {len(text):,}. Nothing was posted."
            )
        message = await self.loopback.post(self.names.channel(where), text, actor=actor)
        await self.settled()
        self._say(self.transcript.render(message.raw))

    async def _members(self, rest: str) -> None:
        _nothing_after(
            "members", rest, "members alone lists who is in the demo server, with their roles"
        )
        self._say(self.names.listing(await self.unregistered_importers()))

    async def _log(self, switch: str) -> None:
        if switch not in ("on", "off"):
            raise ConsoleError(
                "Say log on (every log line, warnings and libraries' too) or log off"
            )
        self.log.show_all = switch == "on"
        shown = "every log line" if self.log.show_all else "only the bot's errors"
        self._say(f"The log shows {shown}.")

    async def _expect(self, text: str) -> None:
        if not text:
            raise ConsoleError("Say what the last output should contain: expect Going")
        if text.casefold() not in self.last_output.casefold():
            raise ConsoleError(f"expected “{text}” in the last output")

    async def _help(self, rest: str) -> None:
        _nothing_after(
            "help",
            rest,
            "help alone lists every line I understand, and /help topic:NAME is the bot's own "
            "help on one part of it (/help topic:? lists them)",
        )
        self._say(HELP.format(files=self.files))

    # -- showing ------------------------------------------------------------------------------

    def _thinking(self, loading: Json) -> None:
        """A deferred answer slow to come is shown thinking, as Discord shows it, until it
        does: the answer is shown under the same number."""
        shown_thinking = _SHOWN_THINKING.get()
        if shown_thinking is None:
            self._say(self.transcript.render(loading))
            return
        self._say(f"{self.transcript.render(loading)}\n{TYPE_ON}")
        shown_thinking.set()

    def _show_reply(self, reply: Reply) -> None:
        if reply.modal is not None:
            self._say(self.forms.open(reply, reply.modal))
            return
        if reply.message and reply.message.flags & LOADING:
            self._say(
                "(the bot stopped without answering: Discord shows it thinking until the "
                "interaction's 15 minutes are up)"
            )
            return
        shown = [reply.message] if reply.message else []
        shown += [m for m in reply.followups if not reply.message or m.id != reply.message.id]
        if not shown:
            self._say("(the bot did not answer)")
            return
        self._say("\n\n".join(self.transcript.render(message.raw) for message in shown))

    def _say(self, text: str) -> None:
        shown_thinking = _SHOWN_THINKING.get()
        if shown_thinking is None or not shown_thinking.is_set():
            # A line let go while thinking told its notes then: those now are another line's.
            text = "\n\n".join([*self.notes, text])
            self.notes.clear()
        # What members typed reaches the terminal: an escape in it must not colour or move it.
        text = inert(text)
        self.last_output = text
        self.write(text)


def _nothing_after(word: str, rest: str, alone: str) -> None:
    """Refuse `rest` after a console `word` that takes nothing, saying what it does `alone`:
    words left unread would be a request silently ignored."""
    if rest:
        raise ConsoleError(f"{word} takes nothing after it (“{rest}” is left over): {alone}.")


def _leading_name(text: str) -> tuple[str, str]:
    """The name `text` starts with (in quotes when it has spaces: "#Acty camper"), and the rest."""
    text = text.strip()
    if text.startswith('"'):
        end = text.find('"', 1)
        if end < 0:
            raise _unclosed(text)
        return text[1:end].strip(), text[end + 1 :].strip()
    name, _, rest = text.partition(" ")
    return name, rest.strip()


def _whole_name(text: str) -> str:
    """The name that is all of `text`, as `messages` and `dms` take it: in quotes or not."""
    name, rest = _leading_name(text)
    if text.strip().startswith('"') and rest:
        raise ConsoleError(f"Nothing goes after the quoted name “{name}”: “{rest}” is left over.")
    return name if text.strip().startswith('"') else text.strip()


def _unclosed(text: str) -> ConsoleError:
    return ConsoleError(
        f"The quote before {text[1:].split()[0] if text[1:].split() else 'the name'} is never "
        f'closed: a name with spaces goes in a pair of quotes, as in "#Acty camper".'
    )
