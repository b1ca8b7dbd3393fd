"""What a test reads back: the bot's live `Reply` to an interaction, and `Message` snapshots."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Self

from sandbox.bodies import EPHEMERAL, walk_components
from sandbox.interactions import InteractionRecord
from sandbox.state import Json, UserRef, World

if TYPE_CHECKING:
    from sandbox.driver import Loopback


@dataclass(frozen=True, slots=True)
class Attachment:
    id: str
    filename: str
    content_type: str
    data: bytes
    url: str


@dataclass(frozen=True, slots=True)
class Message:
    """A snapshot of a message as a test reads it."""

    id: str
    channel_id: str
    author: UserRef
    content: str
    embeds: list[Json]
    components: list[Json]
    attachments: list[Attachment]
    flags: int
    pinned: bool
    type: int
    raw: Json

    @classmethod
    def of(cls, world: World, raw: Json) -> Message:
        attachments = [
            Attachment(
                a["id"],
                a["filename"],
                a.get("content_type", ""),
                world.files[a["id"]].data,
                a["url"],
            )
            for a in raw["attachments"]
        ]
        author = UserRef(
            raw["author"]["id"], raw["author"].get("global_name") or raw["author"]["username"]
        )
        return cls(
            raw["id"],
            raw["channel_id"],
            author,
            raw["content"],
            raw["embeds"],
            raw["components"],
            attachments,
            raw["flags"],
            raw["pinned"],
            raw["type"],
            raw,
        )

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & EPHEMERAL)

    @property
    def text(self) -> str:
        """Everything a reader sees as text: content, embed parts and text components."""
        parts = [self.content]
        for embed in self.embeds:
            parts += [embed.get("title", ""), embed.get("description", "")]
            for field in embed.get("fields", []):
                parts += [field["name"], field["value"]]
            parts.append(embed.get("footer", {}).get("text", ""))
        parts += [c["content"] for c in walk_components(self.components) if c["type"] == 10]
        return "\n".join(p for p in parts if p)

    @property
    def buttons(self) -> list[str]:
        """Labels (or custom ids) of the buttons, in order."""
        return [
            c.get("label") or c.get("custom_id", "")
            for c in walk_components(self.components)
            if c["type"] == 2
        ]


class Reply:
    """What the bot answered to one interaction; reads the live record on every access."""

    def __init__(self, loopback: Loopback, record: InteractionRecord) -> None:
        self._loopback = loopback
        self.record = record

    @property
    def type(self) -> int | None:
        """Callback type: 4 message, 5 deferred, 6 deferred update, 7 update, 8 choices, 9 modal."""
        return self.record.callback_type

    @property
    def latency(self) -> float | None:
        """Seconds from dispatch to the callback arriving."""
        if self.record.callback_at is None:
            return None
        return self.record.callback_at - self.record.dispatched_at

    @property
    def message(self) -> Message | None:
        """The response message (for 6/7, the message whose component was used)."""
        original = self.record.original
        return None if original is None else Message.of(self._loopback.world, original)

    @property
    def followups(self) -> list[Message]:
        return [Message.of(self._loopback.world, m) for m in self.record.followups]

    @property
    def edits(self) -> list[Json]:
        """Bodies of the bot's PATCHes to its responses, in order."""
        return list(self.record.edits)

    @property
    def rejected(self) -> list[tuple[int, int]]:
        """(HTTP status, error code) of answers the loopback refused, e.g. (400, 40060)."""
        return [(e.status, e.code) for e in self.record.rejected]

    @property
    def content(self) -> str:
        return self.message.content if self.message else ""

    @property
    def embeds(self) -> list[Json]:
        return self.message.embeds if self.message else []

    @property
    def components(self) -> list[Json]:
        return self.message.components if self.message else []

    @property
    def attachments(self) -> list[Attachment]:
        return self.message.attachments if self.message else []

    @property
    def flags(self) -> int:
        return self.message.flags if self.message else 0

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & EPHEMERAL)

    @property
    def text(self) -> str:
        """All visible text of the response and its followups."""
        messages = [self.message] if self.message else []
        messages += [m for m in self.followups if not self.message or m.id != self.message.id]
        return "\n".join(m.text for m in messages)

    @property
    def choices(self) -> list[Json]:
        """Autocomplete choices ({"name", "value"}) when the callback was type 8."""
        return list(((self.record.callback_body or {}).get("data") or {}).get("choices", []))

    @property
    def modal(self) -> Json | None:
        """The modal (custom_id, title, components) when the callback was type 9."""
        if self.record.callback_type != 9:
            return None
        return (self.record.callback_body or {}).get("data")

    async def wait_until(self, predicate: Callable[[Reply], bool], within: float = 5.0) -> Self:
        """Wait for later changes, e.g. `lambda r: len(r.followups) == 2`."""
        await self._loopback.wait_until(lambda: predicate(self), within, "the reply to change")
        return self

    def __repr__(self) -> str:
        followups = len(self.record.followups)
        return f"<Reply type={self.type} content={self.content[:40]!r} followups={followups}>"
