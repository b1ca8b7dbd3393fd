"""What the sandbox console has shown: each message under the number it keeps, the files the bot
sent saved where the person can open them, and each message rendered as text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from sandbox.render import clickable, render_message
from sandbox.state import Json, World


@dataclass
class Transcript:
    world: World
    zone: ZoneInfo
    files: Path  # where the attachments the bot sends are written
    name_of: Callable[[str, str], str]  # (kind, snowflake) -> the name a reader knows
    # Every message shown, by number, the most recently shown last. The dicts are the live
    # messages, which the loopback edits in place.
    _shown: dict[int, Json] = field(default_factory=dict, init=False)
    _numbers: dict[str, int] = field(default_factory=dict, init=False)  # message id -> number
    _saved: dict[str, Path] = field(default_factory=dict, init=False)  # attachment id -> file
    # The messages shown with buttons or menus: once the bot removes them, a click is told so.
    _had_buttons: set[str] = field(default_factory=set, init=False)

    def render(self, raw: Json) -> str:
        """The message with its number, which it keeps; its files are saved on first sight."""
        number = self._numbers.setdefault(raw["id"], len(self._numbers) + 1)
        self._shown.pop(number, None)
        self._shown[number] = raw
        if clickable(raw["components"]):
            self._had_buttons.add(raw["id"])
        for attachment in raw.get("attachments") or ():
            if attachment["id"] not in self._saved:
                data = self.world.files[attachment["id"]].data
                self._saved[attachment["id"]] = _saved_copy(
                    self.files, attachment["filename"], data
                )
        # "in 3 days" counts from the loopback's time, which is the bot's.
        text = render_message(
            raw, self.zone, self.name_of, now=self.world.clock(), numbered=True, saved=self._saved
        )
        return f"({number}) {text}"

    def numbered(self, number: int) -> Json | None:
        """The message shown as (`number`), as it is now; None when none was."""
        return self._shown.get(number)

    def number_of(self, raw: Json) -> int:
        return self._numbers[raw["id"]]

    def buttons_removed_from(self, raw: Json) -> bool:
        """Whether `raw` was shown with buttons or menus and has none now."""
        return raw["id"] in self._had_buttons and not clickable(raw["components"])

    def buttons_removed(self, count: int) -> list[Json]:
        """Those of the `count` most recently shown messages whose buttons were removed."""
        return [raw for raw in self.recent(count) if self.buttons_removed_from(raw)]

    def recent(self, count: int) -> list[Json]:
        """The `count` most recently shown messages, newest first."""
        return list(reversed(list(self._shown.values())[-count:]))


def _saved_copy(folder: Path, filename: str, data: bytes) -> Path:
    """`data` written to a new file in `folder` named after `filename` (numbered if taken)."""
    folder.mkdir(parents=True, exist_ok=True)
    name = Path(filename).name or "file"  # never a path out of `folder`
    path, copy = folder / name, 1
    while path.exists():
        copy += 1
        path = folder / f"{Path(name).stem}-{copy}{Path(name).suffix}"
    path.write_bytes(data)
    return path
