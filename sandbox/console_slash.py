"""What a slash command line at the sandbox console sends: the command it names, each option's
value read as its type, and the autocomplete choice a typed value picks, as Discord's client
would send them."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sandbox.api import File
from sandbox.directory import ConsoleError, Directory
from sandbox.driver import Loopback
from sandbox.invoke import (
    ATTACHMENT,
    BOOLEAN,
    CHANNEL,
    INTEGER,
    MENTIONABLE,
    NUMBER,
    ROLE,
    STRING,
    USER,
    InvocationError,
    OptionValue,
    find_command,
)
from sandbox.lines import (
    OptionLineError,
    choice_for,
    choice_named,
    choice_started,
    choices_holding,
    fold,
    in_words,
    nearest,
    option_values,
)
from sandbox.permissions import permission_names
from sandbox.state import ChannelRef, Guild, Json, Permission, UserRef, World


def command_named(
    world: World, path: str, first: str | None, guild_id: str | None
) -> tuple[str, list[Json]]:
    """The command `path` names, with its option definitions.

    `/importer feed url:…` reads as `/importer feed url url:…` when `feed` is a group whose
    subcommand `url` takes an option `url`: there is nothing else it could mean.
    """
    _refuse_unknown(world, path, guild_id)
    if first is not None:
        with contextlib.suppress(InvocationError):
            _, chain = find_command(world, guild_id, f"{path} {first}")
            options = chain[-1].get("options", []) if chain else []
            if chain[-1:] and chain[-1]["name"] == first and first in names_of(options):
                return f"{path} {first}", options
    command, chain = find_command(world, guild_id, path)
    return path, (chain[-1] if chain else command).get("options", [])


def _refuse_unknown(world: World, path: str, guild_id: str | None) -> None:
    """A command no one synced is refused as a newcomer reads it: with the one it is likely a
    typo of, rather than the loopback's list of every command synced."""
    name = path.split()[0]
    synced = {c["name"] for scope in (guild_id, None) for c in world.commands.get(scope, [])}
    if name in synced:
        return
    likely = nearest(name, synced)
    meant = f": did you mean /{likely}? (" if likely else "; "
    raise ConsoleError(
        f"There is no command /{name} here{meant}/help lists the bot's{')' if likely else '.'}"
    )


def unlisted_for(world: World, guild: Guild, path: str, actor: UserRef, channel: ChannelRef) -> str:
    """What to tell of a command Discord's client would not list for `actor` in `channel` (""
    when it would): its `default_member_permissions` hide it from members without them.

    An admin may list it for a role or member in Server Settings → Integrations, which the
    loopback does not model: the command is sent, so that the bot's own check answers as it
    would then, with this said first.
    """
    command, _ = find_command(world, guild.id, path)
    if command.get("default_member_permissions") is None:
        return ""
    # "0" lists it for admins alone.
    needed = int(command["default_member_permissions"])
    held = guild.permissions_in(channel.id, actor.id)
    if held == Permission.ALL or (needed and needed & ~held == 0):
        return ""
    whom = in_words(permission_names(needed)) if needed else "Administrator"
    return (
        f"Discord does not list /{command['name']} for {actor.name}: it shows it to members "
        f"with {whom}, or to whom an admin allows it in Server Settings → Integrations (the "
        "sandbox has no such setting, so it sends the command, and the bot answers as it would "
        "then)."
    )


def typed_options(path: str, text: str, definitions: list[Json]) -> dict[str, str]:
    """The options a slash command line gives, by name, as typed; refused as Discord's client
    would never send them: an option twice, or one the command lacks."""
    try:
        # Free text only: a value of fixed choices holding a `word:` names no choice.
        texts = {d["name"] for d in definitions if d["type"] == STRING and not d.get("choices")}
        return option_values(text, names_of(definitions), texts)
    except OptionLineError as problem:
        name, own = problem.name, ", ".join(d["name"] for d in definitions) or "none"
        if problem.problem == "twice":
            raise ConsoleError(
                f"{name}: is given twice; Discord's client sends each option once: /{path} {name}:…"
            ) from None
        if problem.problem == "unclosed":
            raise ConsoleError(
                f'The quote after {name}: is never closed: {name}:"a value in quotes"'
            ) from None
        hint = (
            f" (a value holding “name:” goes in quotes: {problem.quoted})" if problem.quoted else ""
        )
        nearest = f". Did you mean {problem.nearest}:?" if problem.nearest else ""
        raise ConsoleError(
            f"/{path} has no option {name}; its options are: {own}{hint}{nearest}"
        ) from None


def names_of(definitions: list[Json]) -> set[str]:
    return {definition["name"] for definition in definitions}


def needs_more(path: str, definitions: list[Json], typed: Mapping[str, str]) -> None:
    """Refuse, naming every option it takes, a command missing an option it requires: a
    newcomer learns them all at once rather than one refusal at a time."""
    missing = [d["name"] + ":" for d in definitions if d.get("required") and d["name"] not in typed]
    if not missing or set(typed) - names_of(definitions):
        return  # a misspelt name is reported first: it may be the missing one
    needed = " ".join(f"{d['name']}:…" for d in definitions if d.get("required"))
    others = [d["name"] + ":" for d in definitions if not d.get("required")]
    also = f"; it also takes {', '.join(others)}" if others else ""
    raise ConsoleError(f"/{path} needs {in_words(missing)}, as in /{path} {needed}{also}")


def option_value(names: Directory, name: str, raw: str, kind: int | None) -> OptionValue:
    """What typing `raw` into the option `name` of type `kind` sends."""
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
        return names.channel(raw)
    if kind == ROLE or (kind == MENTIONABLE and names.has_role(raw)):
        return names.role(raw)
    if kind in (USER, MENTIONABLE):
        return names.member(raw.removeprefix("@"))
    if kind == ATTACHMENT:
        path = Path(raw).expanduser()
        if not path.exists():
            raise ConsoleError(f"{name} takes a file path; there is no file at {raw}")
        if not path.is_file():
            # A folder, or a device such as /dev/zero that reads without end.
            raise ConsoleError(f"{name} takes a file path; {raw} is not a regular file")
        return File(path.name, path.read_bytes(), _content_type(path))
    return raw


# How many of the bot's suggestions a note of text sent as typed names.
SHOWN_SUGGESTIONS = 3


@dataclass(frozen=True, slots=True)
class Pick:
    """The autocomplete choice typed text picks, and what the person is told about it."""

    value: str | None  # None: the text is sent as typed, as Discord sends text not picked
    note: str = ""


async def picked(
    loopback: Loopback,
    path: str,
    name: str,
    typed: str,
    actor: UserRef,
    channel: ChannelRef,
    options: dict[str, OptionValue],
) -> Pick:
    """The choice `typed` names, asking the bot for its list as a member types.

    A bot may search its choices by what a choice stands for (a build's title) rather than
    by the name it shows (`#1 Acty camper — 1993 Honda Acty`): a member who typed a shown
    name whole gets no list and types less. So when the whole text lists nothing, its first
    word and then the empty box are offered; no more, as a pasted page of text would
    otherwise ask the bot once per word. A list offered for less than was typed is one the
    member typed past: only a choice the whole text names (its value, its shown name or its
    first words) is picked from it, never one that merely holds the text, as Discord sends
    text that names no suggestion as typed. The one choice that holds the text is picked only
    when the bot lists it first; when the bot lists another ahead of it, the bot ranked that
    one for the text, and that one is picked.
    """
    suggested: list[Json] = []
    choices: list[Json] = []
    for asked in _typed_less(typed):
        choices = await loopback.autocomplete(
            path, name, asked, actor=actor, where=channel, within=10, **options
        )
        if asked == typed:
            suggested = choices
        if choices:
            break
    # A number names a choice only as its value: "3" is no part of "1993", nor "2" of a date.
    number = typed.isdigit()
    if number:
        named = next((c for c in choices if str(c["value"]) == typed), None)
    else:
        named = choice_named(typed, choices)
    if named is not None:
        return Pick(str(named["value"]))
    started = None if number else choice_started(typed, choices)
    if started is not None:
        # Typed text that only starts a name is sent as that choice: the person is told which.
        return Pick(
            str(started["value"]),
            f"{name}: picked “{started['name']}”, the one choice whose name starts with “{typed}”.",
        )
    holding = [] if number else choices_holding(typed, suggested)
    first = suggested[0] if holding else {}
    # A first choice whose name is its value suggests text to type: no choice ranked over it.
    if len(holding) == 1 and first is not holding[0] and first["name"] != str(first["value"]):
        # The bot ranked its first choice above the one showing the text, so it matched the
        # text by what its list does not show (kyarī, the Carry's own romaji, is shown only
        # in "sūpā kyarī"): the member in Discord takes the first, the highlighted one.
        return Pick(
            str(first["value"]),
            f"{name}: picked “{first['name']}”, the bot's first choice for “{typed}”, listed "
            f"ahead of “{holding[0]['name']}”, the one choice that shows it.",
        )
    if len(holding) == 1:
        return Pick(
            str(holding[0]["value"]),
            f"{name}: picked “{holding[0]['name']}”, the one choice that holds “{typed}”.",
        )
    if holding:
        listed = "\n".join(f"  {choice['name']}" for choice in holding)
        return Pick(
            None,
            f"{name}: “{typed}” is in {len(holding)} of the choices listed; none is picked, so "
            f"the bot gets “{typed}” as typed (name one to pick it):\n{listed}",
        )
    if suggested:
        # In Discord the member sees these as they type; here they learn them to name one.
        shown = [f"“{choice['name']}”" for choice in suggested[:SHOWN_SUGGESTIONS]]
        listed = ", ".join(shown) + " and more" if suggested[len(shown) :] else in_words(shown)
        why = f", none with the value {typed}" if number else ""
        return Pick(
            None,
            f"{name}: sent “{typed}” as typed; the bot suggested {listed} for it{why}: name one "
            "to pick it.",
        )
    # With no suggestion, said only where a choice seemed named (a number, or a list typed
    # past holding the text): text the bot reads itself goes as typed without a word.
    if (number and choices) or choices_holding(typed, choices):
        return Pick(None, f"{name}: sent “{typed}” as typed: the bot suggested nothing for it.")
    return Pick(None)


def _typed_less(typed: str) -> list[str]:
    """What is offered to the bot's autocomplete, in turn: the text, its first word, nothing."""
    words = typed.split()
    offered = [typed, *words[:1], ""]
    return [text for index, text in enumerate(offered) if text not in offered[:index]]


def fixed_choice(name: str, typed: str, choices: list[Json]) -> str:
    """What typing `typed` into the option `name` sends when it has the fixed `choices` (none:
    it takes text). A fixed choice is picked from a list in Discord, so its shown name in any
    case will do; text that names none is refused, as the client sends no other."""
    if not choices:
        return typed
    value = choice_for(typed, choices)
    if value is not None:
        return value
    held = [str(choice["name"]) for choice in fixed_holding(typed, choices)]
    if held:
        holds = "holds" if len(held) == 1 else "hold"
        told = f"none of them; {in_words(held)} {holds} it ({name}:{held[0]})"
    else:
        told = "none of " + in_words([str(choice["name"]) for choice in choices])
    raise ConsoleError(
        f"{name} takes one of its choices, as Discord's client lists them: “{typed}” is "
        f"{told}. Nothing was sent."
    )


def fixed_holding(typed: str, choices: list[Json]) -> list[Json]:
    """The fixed choices Discord's client narrows its list to as `typed` is typed."""
    return [choice for choice in choices if fold(typed) in fold(choice["name"])]


def choices_listing(name: str, typed: str, choices: list[Json], *, fixed: bool = False) -> str:
    """What `name:typed?` shows: the choices the bot suggests for `typed`, or with `fixed`,
    those of the option's own list that hold it."""
    if not choices:
        for_typed = f" for “{typed}”" if typed else ""
        if fixed:
            return f"No choice of {name} holds “{typed}”; {name}:? lists them all."
        return f"The bot suggests nothing for {name}{for_typed}, with the other options as typed."
    listed = "\n".join(f"  {choice['name']}" for choice in choices)
    if typed:
        return f"{name}, for “{typed}”: type one of these, or its first words:\n{listed}"
    # An example of typing less, from the list itself: "ke" would list nothing of 2WD, 4WD.
    shown = str(choices[0]["name"])
    start = next((word for word in shown.split() if any(c.isalnum() for c in word)), shown)[:2]
    hint = f"{name}:{start}? lists those for what you typed, {start}"
    return f"{name}: type one of these, or its first words ({hint}):\n{listed}"


def _content_type(path: Path) -> str:
    return {".json": "application/json", ".png": "image/png", ".jpg": "image/jpeg"}.get(
        path.suffix.lower(), "application/octet-stream"
    )
