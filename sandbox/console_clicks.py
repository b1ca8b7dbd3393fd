"""What a `click` line at the sandbox console presses: the message, its button or menu, and the
choices picked in a menu, found among the messages the console has shown."""

from __future__ import annotations

import re
from collections.abc import Callable

from sandbox.bodies import EPHEMERAL
from sandbox.directory import ConsoleError
from sandbox.invoke import (
    CHANNEL,
    CHANNEL_SELECT,
    MENTIONABLE,
    MENTIONABLE_SELECT,
    ROLE,
    ROLE_SELECT,
    STRING_SELECT,
    USER,
    USER_SELECT,
    OptionValue,
)
from sandbox.lines import clickable_by, fold, holding, words_of
from sandbox.render import clickable, render_components
from sandbox.state import Json
from sandbox.transcript import Transcript

# `in 2` or, as the message is shown, `in (2)`.
IN_MESSAGE = re.compile(r"(.+?)\s+in\s+(?:(\d+)|\((\d+)\))")
# How many of the most recently shown messages `click` looks through for a label.
RECENT = 20

# The option type of each auto-populated select menu's values, by component type.
MENU_VALUES = {
    USER_SELECT: USER,
    ROLE_SELECT: ROLE,
    MENTIONABLE_SELECT: MENTIONABLE,
    CHANNEL_SELECT: CHANNEL,
}


def clicked(
    transcript: Transcript, text: str, actor_id: str, gone: Callable[[Json], bool]
) -> tuple[Json, Json, list[str]]:
    """The message and the button or menu `text` names, and the words left as menu choices,
    among the messages the member `actor_id` sees; `gone(raw)` tells a deleted message. A
    message's number is the one it was shown under; its buttons are those it has now."""
    on = IN_MESSAGE.fullmatch(text)
    # A label in quotes holding only spaces ("" or " ") names nothing, as no label is blank.
    words = [word for word in words_of(on.group(1) if on else text) if word.strip()]
    if not words:
        raise ConsoleError("Say what to click: click Going, click 2, click Next in 3")
    if on:
        candidates = [_message_numbered(transcript, int(on.group(2) or on.group(3)))]
        if gone(candidates[0]):
            raise _deleted(transcript, candidates[0])
    else:
        recent = transcript.recent(RECENT)
        with_buttons = [raw for raw in recent if clickable(raw["components"])]
        candidates = [raw for raw in with_buttons if not gone(raw)]
        if not candidates and with_buttons:
            raise _deleted(transcript, with_buttons[0])
        if not candidates and (emptied := transcript.buttons_removed(RECENT)):
            raise _no_buttons_left(transcript, emptied[0])
        if not candidates:
            raise ConsoleError(
                "There is nothing to click yet: only the messages shown here have buttons "
                "to click. A post the bot made elsewhere shows with `messages #channel`."
            )
    seen = [raw for raw in candidates if _viewer(raw) in (None, actor_id)]
    found = _found(seen, words)
    if found is not None:
        return found
    hidden = _found([raw for raw in candidates if raw not in seen], words)
    if hidden is not None:
        # Discord shows an ephemeral message to the member it answered alone; the loopback
        # would refuse the click too, but this names who to act as.
        name = _viewer_name(hidden[0])
        raise ConsoleError(
            f"({transcript.number_of(hidden[0])}) answered {name} alone (only you can see "
            f"this): in Discord no one else sees it. Type as {name} click {text}."
        )
    newest = candidates[0]
    number = transcript.number_of(newest)
    if on and transcript.buttons_removed_from(newest):
        raise _no_buttons_left(transcript, newest)
    buttons = clickable(newest["components"])
    held = holding(buttons, words)
    if len(held) > 1:
        listed = ", ".join(
            f"“{button['label']}” (click {buttons.index(button) + 1} in {number})"
            for button in held
        )
        raise ConsoleError(
            f"“{' '.join(words)}” is in {len(held)} labels on ({number}): {listed}. "
            "Which one? Type more of its label, or click it by its number."
        )
    offered = "  ".join(render_components(newest["components"], numbered=True))
    if not offered:  # named by its number: the recent messages looked through have buttons
        raise ConsoleError(f"Message ({number}) has no buttons or menus to click.")
    where = f"message ({on.group(2) or on.group(3)})" if on else "the recent messages"
    raise ConsoleError(
        f"There is no button or menu “{' '.join(words)}” on {where}; ({number}) has: {offered}"
    )


def _no_buttons_left(transcript: Transcript, raw: Json) -> ConsoleError:
    return ConsoleError(
        f"({transcript.number_of(raw)}) has no buttons any more: the bot removed them, as it "
        "does once they did their part."
    )


def _deleted(transcript: Transcript, raw: Json) -> ConsoleError:
    return ConsoleError(
        f"({transcript.number_of(raw)}) was deleted: in Discord it is gone, and nothing on it "
        "can be clicked."
    )


def form_on_deleted(
    transcript: Transcript, opened_on: Json | None, gone: Callable[[Json], bool]
) -> ConsoleError | None:
    """What to say of a form opened from a message since deleted (None while it is there):
    Discord refuses it with Unknown Message, so nothing is sent."""
    if opened_on is None or not gone(opened_on):
        return None
    return ConsoleError(
        f"The message the form was opened from ({transcript.number_of(opened_on)}) was "
        "deleted: in Discord the form fails with it, and nothing was sent."
    )


def _found(candidates: list[Json], words: list[str]) -> tuple[Json, Json, list[str]] | None:
    if words[0].isdigit():  # a position counts on the newest message with buttons
        candidates = candidates[:1]
    # A whole label on any recent message, else words one label holds on the newest: an older
    # message's button is not pressed because the newest has two that hold them.
    for held, among in ((False, candidates), (True, candidates[:1])):
        for raw in among:
            found = clickable_by(clickable(raw["components"]), words, held=held)
            if found is not None:
                return raw, *found
    return None


def _viewer(raw: Json) -> str | None:
    """Who alone sees `raw`: the member an ephemeral message answered; None when all do."""
    user = (raw.get("interaction_metadata") or {}).get("user")
    return user["id"] if raw["flags"] & EPHEMERAL and user else None


def _viewer_name(raw: Json) -> str:
    user = raw["interaction_metadata"]["user"]
    return str(user.get("global_name") or user["username"])


def menu_values(
    menu: Json, words: list[str], typed: Callable[[str, str, int], OptionValue]
) -> list[OptionValue]:
    """The values `words` pick in `menu`; `typed(name, raw, kind)` reads a member, role or
    channel by name."""
    if menu["type"] == STRING_SELECT:
        options = menu.get("options") or []
        return [
            next(
                (
                    o["value"]
                    for o in options
                    if word == o["value"] or fold(word) == fold(o["label"])
                ),
                word,  # the loopback then says what the menu offers
            )
            for word in words
        ]
    return [typed("the menu", word, MENU_VALUES[menu["type"]]) for word in words]


def _message_numbered(transcript: Transcript, number: int) -> Json:
    raw = transcript.numbered(number)
    if raw is None:
        raise ConsoleError(f"No message ({number}) has been shown yet.")
    return raw
