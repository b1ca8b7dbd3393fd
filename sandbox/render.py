"""Discord messages as terminal text: embeds in boxes, buttons as [Label], timestamps in a zone."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sandbox.invoke import (
    BUTTON,
    CHANNEL_SELECT,
    MENTIONABLE_SELECT,
    ROLE_SELECT,
    STRING_SELECT,
    USER_SELECT,
)
from sandbox.messages import LOADING

Json = dict[str, Any]
NameOf = Callable[[str, str], str]  # (kind "user" | "channel" | "role", id) -> display name

BOX_WIDTH = 72
# A timestamp, mention, command link (`</help:1>`) or server link (`<id:customize>`) is live after
# an even run of backslashes (each pair shows one) and shown as typed after an odd one, as
# Discord's Markdown reads `\<@&1>` (escaped) and `\\<@&1>` (live).
CODE = re.compile(
    r"(?<!\\)(?P<pairs>(?:\\\\)*)(?P<escape>\\?)(?P<code>"
    r"<t:(?P<instant>-?\d+)(?::(?P<style>[tTdDfFR]))?>|<(?P<kind>@!?|#|@&)(?P<id>\d+)>"
    r"|</[^<>\n]+:\d+>|<id:(?:customize|browse|guide|linked-roles(?::\d+)?)>)"
)
# Control characters a terminal would act on (ESC starts colours and cursor moves, BEL rings),
# but for the line breaks and tabs text is laid out with.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Unicode's pictures of the C0 controls (␛ for ESC) and of DEL (␡).
_CONTROL_PICTURES = 0x2400
_DELETE_PICTURE = "\u2421"
# Each timestamp style as a US English Discord client draws it (Discord's documented examples:
# 9:01 AM, 9:01:00 AM, 11/28/2018, November 28, 2018, then f and F joining a date and a time): a
# 12-hour clock and no zone, so a reply's own "2:00 PM" and its timestamps read alike. `{day}`
# and `{hour}` are unpadded, which strftime cannot say on every platform.
STYLES = {
    "t": "{hour}:%M %p",
    "T": "{hour}:%M:%S %p",
    "d": "%m/%d/%Y",
    "D": "%B {day}, %Y",
    "f": "%B {day}, %Y {hour}:%M %p",
    "F": "%A, %B {day}, %Y {hour}:%M %p",
}
# What an auto-populated select menu offers, by component type, when it has no placeholder.
PICKS = {
    USER_SELECT: "a member",
    ROLE_SELECT: "a role",
    MENTIONABLE_SELECT: "a member or role",
    CHANNEL_SELECT: "a channel",
}


def render_markup(text: str, zone: ZoneInfo, name_of: NameOf, now: datetime | None = None) -> str:
    """Replace Discord timestamps and mentions with what a reader in `zone` would see."""

    def shown(code: re.Match[str]) -> str:
        # A live link is shown as sent: the console has nothing to click.
        if code["escape"] or (code["instant"] is None and code["kind"] is None):
            return code["code"]
        if code["kind"] is None:
            instant = datetime.fromtimestamp(int(code["instant"]), UTC)
            style = code["style"] or "f"
            if style == "R":
                return relative(instant, now or datetime.now(UTC))
            return drawn(instant.astimezone(zone), STYLES[style])
        kind = {"#": "channel", "@&": "role"}.get(code["kind"], "user")
        prefix = "#" if kind == "channel" else "@"
        return prefix + name_of(kind, code["id"])

    return CODE.sub(lambda code: "\\" * (len(code["pairs"]) // 2) + shown(code), text)


def drawn(moment: datetime, style: str) -> str:
    """`moment` in one of `STYLES`."""
    hour = moment.hour % 12 or 12
    return moment.strftime(style.format(day=moment.day, hour=hour))


def embed_time(stamp: str, zone: ZoneInfo, now: datetime) -> str:
    """An embed's timestamp as Discord's client shows it beside the footer: `Today at 9:30 AM`,
    `Yesterday at 9:30 AM`, else `11/20/2026 9:30 AM`."""
    moment = datetime.fromisoformat(stamp).astimezone(zone)
    days_ago = (now.astimezone(zone).date() - moment.date()).days
    day = {0: "Today at", 1: "Yesterday at"}.get(days_ago) or drawn(moment, STYLES["d"])
    return f"{day} {drawn(moment, STYLES['t'])}"


def relative(instant: datetime, now: datetime) -> str:
    """`instant` as Discord's client shows `<t:…:R>`: rounded to the nearest unit, each unit
    giving way to the next at the same thresholds ("in 15 minutes", "an hour ago", "in a day")."""
    seconds = (instant - now).total_seconds()
    span = _span(abs(seconds))
    return f"in {span}" if seconds > 0 else f"{span} ago"


def _span(seconds: float) -> str:
    days = seconds / 86400
    months = days * 4800 / 146097  # the average Gregorian month, as the client counts them
    counts = [  # (count, unit, below which count it is used)
        (_rounded(seconds / 60), "minute", 45),
        (_rounded(seconds / 3600), "hour", 22),
        (_rounded(days), "day", 26),
        (_rounded(months), "month", 11),
    ]
    if _rounded(seconds) < 45:
        return "a few seconds"
    for count, unit, below in counts:
        if count <= 1:
            return f"{'an' if unit == 'hour' else 'a'} {unit}"
        if count < below:
            return f"{count} {unit}s"
    years = _rounded(months / 12)
    return "a year" if years <= 1 else f"{years} years"


def _rounded(amount: float) -> int:
    """Halves round up, as in JavaScript (Python's round() would take 2.5 to 2)."""
    return math.floor(amount + 0.5)


def render_message(
    message: Json,
    zone: ZoneInfo,
    name_of: NameOf,
    *,
    now: datetime | None = None,
    numbered: bool = False,
    saved: Mapping[str, Path] | None = None,
) -> str:
    """A whole message: author line, content, embeds, attachments and components.

    `numbered` puts each button's and menu's number before it; `saved` maps attachment ids to
    the files they were written to, which are then named beside them.
    """

    def markup(text: str) -> str:
        return render_markup(text, zone, name_of, now)

    lines: list[str] = []
    sender = message.get("author") or {}
    # A member is shown by the name the console calls them (Dale), the bot by its username.
    author = (None if sender.get("bot") else sender.get("global_name")) or sender.get("username")
    flags = message.get("flags") or 0
    header = [f"{author}:" if author else "", "(only you can see this)" if flags & 64 else ""]
    if any(header):
        lines.append(" ".join(part for part in header if part))
    if flags & LOADING:  # a deferred answer, until its followup fills it in
        lines.append(f"{author or 'The bot'} is thinking…")
    if message.get("content"):
        lines.append(markup(message["content"]))
    for embed in message.get("embeds") or ():
        stamp = embed.get("timestamp")
        when = embed_time(stamp, zone, now or datetime.now(UTC)) if stamp else ""
        lines.extend(render_embed(embed, markup, when))
    for attachment in message.get("attachments") or ():
        size = attachment.get("size")
        line = f"📎 {attachment.get('filename')}" + (f" ({size:,} bytes)" if size else "")
        path = (saved or {}).get(attachment.get("id", ""))
        lines.append(line if path is None else f"{line} → {path}")
    lines.extend(render_components(message.get("components") or (), numbered=numbered))
    return "\n".join(lines)


def render_embed(embed: Json, markup: Callable[[str], str], when: str = "") -> list[str]:
    """`embed` boxed; `when`, its timestamp as drawn, ends the footer line as in Discord."""
    body: list[str] = []
    if embed.get("author", {}).get("name"):
        body.append(markup(embed["author"]["name"]))
    if embed.get("title"):
        title = markup(embed["title"]).upper()
        # Discord makes the title a link to `url`; the console shows where it leads, as sent.
        body.append(f"{title} <{embed['url']}>" if embed.get("url") else title)
    if embed.get("description"):
        body.append(markup(embed["description"]))
    for field in embed.get("fields") or ():
        value = markup(field["value"])
        separator = "\n  " if "\n" in value else " "
        body.append(f"{markup(field['name'])}:{separator}{value.replace(chr(10), chr(10) + '  ')}")
    for key, label in (("thumbnail", "Small picture: "), ("image", "Picture: ")):
        if url := (embed.get(key) or {}).get("url"):
            body.append(label + _picture(url))
    footer = [markup(text)] if (text := embed.get("footer", {}).get("text")) else []
    if footer or when:
        body.append("— " + " • ".join(footer + ([when] if when else [])))
    return box(body)


def _picture(url: str) -> str:
    """Where an embed's picture comes from: a file of the same message (saved and named with
    the message's attachments), or an address."""
    name = url.removeprefix("attachment://")
    return f"{name} (attached)" if name != url else url


def box(paragraphs: Iterable[str]) -> list[str]:
    inner = BOX_WIDTH - 4
    rows = [row for paragraph in paragraphs for row in wrap(paragraph, inner)]
    return (
        ["┌" + "─" * (BOX_WIDTH - 2) + "┐"]
        + [f"│ {row}{' ' * (inner - display_width(row))} │" for row in rows]
        + ["└" + "─" * (BOX_WIDTH - 2) + "┘"]
    )


def display_width(text: str) -> int:
    """Terminal columns: kanji, kana and full-width forms take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(paragraph: str, width: int) -> list[str]:
    """Wrap by display width (textwrap counts characters, which misaligns Japanese text)."""
    rows: list[str] = []
    for line in paragraph.splitlines() or [""]:
        indent = line[: len(line) - len(line.lstrip(" "))]
        row = ""
        for word in line.split():
            candidate = f"{row} {word}" if row else indent + word
            if display_width(candidate) <= width:
                row = candidate
                continue
            if row:
                rows.append(row)
            row = indent + word
            while display_width(row) > width:
                cut = _fitting_prefix(row, width)
                rows.append(row[:cut])
                row = indent + row[cut:]
        rows.append(row)
    return rows


def _fitting_prefix(text: str, width: int) -> int:
    used = 0
    for index, ch in enumerate(text):
        used += display_width(ch)
        if used > width:
            return max(index, 1)
    return len(text)


def render_components(rows: Iterable[Json], *, numbered: bool = False) -> list[str]:
    """One line per row: buttons as [Label], menus as <placeholder: options>."""
    rendered = []
    number = 0
    for row in rows:
        parts = []
        for component in row.get("components") or ():
            text = _component_text(component)
            if text is None:
                continue
            number += 1
            parts.append(f"{number} {text}" if numbered else text)
        if parts:
            rendered.append(("  " if numbered else " ").join(parts))
    return rendered


def clickable(rows: Iterable[Json]) -> list[Json]:
    """The buttons and menus of a message, in the order `render_components` numbers them."""
    return [
        component
        for row in rows
        for component in row.get("components") or ()
        if _component_text(component) is not None
    ]


def _component_text(component: Json) -> str | None:
    kind = component.get("type")
    if kind == BUTTON:
        label = component.get("label") or (component.get("emoji") or {}).get("name") or "?"
        return f"[{label}]" + (" (disabled)" if component.get("disabled") else "")
    if kind == STRING_SELECT:
        options = ", ".join(option["label"] for option in component.get("options") or ())
        return f"<{component.get('placeholder') or 'choose'}: {options}>"
    if kind in PICKS:
        return f"<{component.get('placeholder') or 'choose ' + PICKS[kind]}>"
    return None


def thread_listing(thread: Json, key: str) -> str:
    """A thread as `messages` lists it: its name (and its id, which names it, when another
    shares the name), and whether it is archived or locked."""
    states = ([f"#{key}"] if key != thread["name"] else []) + closed_states(thread)
    return f"#{thread['name']}" + (f" ({', '.join(states)})" if states else "")


def closed_states(channel: Json) -> list[str]:
    """How Discord's client marks a thread that takes no messages: archived, locked."""
    metadata = channel.get("thread_metadata") or {}
    return [state for state in ("archived", "locked") if metadata.get(state)]


def inert(text: str) -> str:
    """`text` safe to print at a terminal: each control character it would act on is shown as
    its picture (␛[31m for the escape that turns text red), or as \\x9b past the pictures."""

    def shown(control: re.Match[str]) -> str:
        code = ord(control.group())
        if code < 0x20:
            return chr(_CONTROL_PICTURES + code)
        return _DELETE_PICTURE if code == 0x7F else f"\\x{code:02x}"

    return _CONTROLS.sub(shown, text)
