"""What a build is, as the service hands it out: plain frozen values read from rows."""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, fields
from datetime import datetime
from enum import Enum, unique
from typing import Literal

from bot.builds.values import Odometer, Spec
from bot.clock import from_unix
from bot.errors import UserError
from bot.limits import plain_quote
from bot.numbers import half_width
from bot.privacy import FORMER_MEMBER

MAX_BUILD_DIGITS = 18  # SQLite integers stop at 2**63 - 1
PHOTO_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})
IPHONE_TYPES = frozenset({"image/heic", "image/heif"})  # an iPhone's camera default
MAX_PHOTO_BYTES = 25 * 2**20
SPEC_FIELDS = tuple(f.name for f in fields(Spec))
BUILD_LOCK_JOB = "builds.lock"  # tells a build's owner, by DM, that it was locked or unlocked
BUILD_THREAD_NAME_JOB = "builds.thread_name"  # gives a renamed build's thread its new name


def build_number(named: str) -> int:
    """`12` or `#12` as a build number, typed full-width too (`１２`, `＃１２`); anything else is
    refused (autocomplete only suggests)."""
    typed = half_width(named).strip().lstrip("#")
    if not (typed.isascii() and typed.isdigit()) or len(typed) > MAX_BUILD_DIGITS:
        raise UserError(
            f"Pick a build from the list as you type; “{named.strip()[:40]}” is not one."
        )
    return int(typed)


@unique
class Fallback(Enum):
    """What a member is told who names no build outside a build's thread and has none: such a
    command means the member's newest build, whatever its state (`BuildFinder.resolve`)."""

    # A member may change only their own builds, so there is none to name; they may read any.
    OPEN = "You have no builds to change. Start one with `/build start`."  # to change
    NEWEST = "You have no builds. Start one with `/build start`, or name one."  # to read
    CLOSED = "You have no builds to reopen."  # to reopen


@dataclass(frozen=True)
class Build:
    id: int
    guild_id: int
    owner_id: int
    title: str
    truck: str
    spec: Spec
    tags: tuple[str, ...]
    channel_id: int | None
    thread_id: int | None
    starter_id: int | None
    created_at: datetime
    closed_at: datetime | None
    locked: bool
    lock_reason: str | None
    thread_deleted: bool
    starter_deleted: bool
    featured: bool

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    @property
    def open(self) -> bool:
        return not (self.closed or self.locked)

    def days_built(self) -> int | None:
        """Whole days from its start to its close; None while it is not closed."""
        if self.closed_at is None:
            return None
        return max((self.closed_at - self.created_at).days, 0)

    @property
    def has_thread(self) -> bool:
        """Whether the build's thread stands in Discord: posted, and not deleted since."""
        return self.thread_id is not None and not self.thread_deleted


def lock_reason(build: Build) -> str:
    """The moderator's reason for a lock, for a refusal: " (“stolen photos”)", or "" without
    one. Quoted, so the error path shows their words as typed, not as Markdown."""
    return f" ({plain_quote(build.lock_reason)})" if build.lock_reason else ""


def require_open(build: Build, action: str) -> None:
    """Refuse changing a locked or closed build, saying why and what `action` it stops."""
    if build.locked:
        raise UserError(
            f"Build #{build.id} is locked by a moderator{lock_reason(build)}; nobody can {action}."
        )
    if build.closed:
        raise UserError(f"Build #{build.id} is closed; reopen it with `/build reopen` to {action}.")


@dataclass(frozen=True)
class Totals:
    """What the card shows besides the spec: the ledger's and the updates' running figures."""

    total_cents: int
    update_count: int
    last_odometer: Odometer | None
    first_photo_url: str | None
    photo_count: int


@dataclass(frozen=True)
class Photo:
    """A photo an update carries, to fetch when the update is posted."""

    url: str
    filename: str
    content_type: str

    @classmethod
    def checked(
        cls, url: str, filename: str, content_type: str | None, size: int, *, pictured: bool
    ) -> Photo:
        """An attachment accepted as a photo: PNG, JPEG, GIF or WebP of at most 25 MB, that
        Discord could read as a picture (`pictured`: it gave the attachment a size in pixels;
        the content type alone is only what the file's name claims)."""
        kind = (content_type or "").split(";")[0].strip().casefold()
        if kind in IPHONE_TYPES:
            raise UserError(
                f"“{filename[:60]}” is an iPhone HEIC photo, which Discord cannot show: share it "
                "as a JPEG (in Photos: Share → Options → Most Compatible) or set the camera to "
                "Most Compatible (Settings → Camera → Formats)."
            )
        if kind not in PHOTO_TYPES:
            raise UserError(
                f"“{filename[:60]}” is not a photo ({kind or 'unknown type'}); "
                "attach a PNG, JPEG, GIF or WebP image."
            )
        if not pictured:
            raise UserError(
                f"“{filename[:60]}” is named like a photo but Discord could not read it as a "
                "picture; attach the image file itself."
            )
        if size > MAX_PHOTO_BYTES:
            raise UserError(
                f"“{filename[:60]}” is {size / 2**20:.1f} MB; photos may be at most "
                f"{MAX_PHOTO_BYTES // 2**20} MB."
            )
        return cls(url, filename, kind)


@dataclass(frozen=True)
class BuildUpdate:
    id: int
    build_id: int
    author_id: int
    text: str
    cost_cents: int | None
    odometer: Odometer | None
    photo: Photo | None
    photo_url: str | None
    pending: bool
    created_at: datetime
    message_id: int | None = None  # where it was posted in the build's thread


@dataclass(frozen=True)
class Part:
    id: int
    build_id: int
    name: str
    category: str
    cost_cents: int


@dataclass(frozen=True)
class Ledger:
    by_category: tuple[tuple[str, int, int], ...]  # (category, parts, cents), in CATEGORIES order
    total_cents: int
    part_count: int


# Who deleted a build, as `build_deletions` records it: its owner (a moderator's own build
# included, and a forget's deletion), or a moderator (another member's build, or a former
# member's).
DeletedBy = Literal["owner", "moderator"]


@dataclass(frozen=True)
class Deletion:
    """A build's deletion (with /build delete, or by its owner's forget), as `build_deletions`
    recorded it."""

    by: DeletedBy
    question_id: int | None  # the Delete it question whose click deleted it, if known
    owner_id: int  # whose build it was; FORMER_MEMBER once they are forgotten
    at: datetime
    # The moderator who deleted another member's build (FORMER_MEMBER once forgotten), and
    # the reason they gave its owner: told to moderators alone. None for an owner's deletion
    # and for who deleted one from before they were recorded.
    moderator_id: int | None = None
    reason: str | None = None

    def told_to(self, asker: Asker | None) -> bool:
        """Whether `asker` is told who deleted the build: its owner, until forgotten, and
        moderators. To the rest of the server a moderator's deletion of a member's build is
        that member's business (build numbers are public, on showcase posts and ballots)."""
        if asker is None:
            return False
        return asker.moderator or asker.member_id == self.owner_id != FORMER_MEMBER


@dataclass(frozen=True)
class Asker:
    """The member naming a build, as far as what they may be told of it depends on them."""

    member_id: int
    moderator: bool = False


@dataclass(frozen=True)
class SinceScheduled:
    """What became of a build between the scheduling of a DM about it and its sending, which
    the outbox may make late (Discord slow, the bot down)."""

    thread_deleted: bool = False  # Discord deleted the build's thread, meanwhile or before
    deleted: bool = False  # the build itself was
    locked: bool = False  # a moderator has it locked as the DM goes
    deleted_by: DeletedBy | None = None  # by whom, where its deletion recorded it

    def linking(self, thread_id: int | None) -> int | None:
        """The thread the DM links: the one it was to, unless that or the build went."""
        return None if self.thread_deleted or self.deleted else thread_id

    @property
    def changeable(self) -> bool:
        """Whether its owner may still post to the build, or reopen it: not deleted or locked."""
        return not (self.deleted or self.locked)


NOTHING_SINCE = SinceScheduled()
# (server, build, the thread the DM was to link) -> what became of the build since.
SinceReader = Callable[[int, int, int | None], Awaitable[SinceScheduled]]


@dataclass(frozen=True)
class LockNews:
    """A moderator locked (or unlocked) a build, told by DM to its owner."""

    guild_id: int
    build_id: int
    title: str
    locked: bool
    reason: str | None
    closed: bool  # an unlocked build stays closed if its owner had closed it
    server: str | None = None  # None in a DM scheduled before servers were named
    thread_id: int | None = None  # None when the build has no thread left to link
    since: SinceScheduled = NOTHING_SINCE
    renaming: bool = False  # its thread's new name waits for the unlock


LockNotice = Callable[[LockNews], str]  # how the discord layer words the DM
# Run inside the transaction of each lock and unlock, with the build as it then is and the number
# of that change: what shows the build elsewhere (a Build of the Month ballot) lets go of it with
# the lock, and takes it back with the unlock, or not at all.
LockHook = Callable[[Build, int], Awaitable[None]]
# Run inside the transaction of each change to what shows a build at a glance (its title, its
# truck, its photos), with the build: a queue post showing it is edited to match.
ShownHook = Callable[[Build], Awaitable[None]]


@dataclass(frozen=True)
class BuildFilter:
    tag: str | None = None
    owner_id: int | None = None
    make: str | None = None
    model_code: str | None = None
    drive: str | None = None
    state: str | None = None


def build_from_row(row: sqlite3.Row, tags: tuple[str, ...]) -> Build:
    spec = {name: row[name] for name in SPEC_FIELDS}
    for flag in ("diff_lock", "hi_lo"):
        spec[flag] = None if spec[flag] is None else bool(spec[flag])
    return Build(
        id=row["id"],
        guild_id=row["guild_id"],
        owner_id=row["owner_id"],
        title=row["title"],
        truck=row["truck"],
        spec=Spec(**spec),  # type: ignore[arg-type]
        tags=tags,
        channel_id=row["channel_id"],
        thread_id=row["thread_id"],
        starter_id=row["starter_id"],
        created_at=from_unix(row["created_at"]),
        closed_at=None if row["closed_at"] is None else from_unix(row["closed_at"]),
        locked=row["locked_at"] is not None,
        lock_reason=row["lock_reason"],
        thread_deleted=row["thread_deleted_at"] is not None,
        starter_deleted=row["starter_deleted_at"] is not None,
        featured=bool(row["featured"]),
    )


def update_from_row(row: sqlite3.Row) -> BuildUpdate:
    photo = (
        Photo(row["photo_source"], row["photo_name"], row["photo_type"] or "")
        if row["photo_source"]
        else None
    )
    return BuildUpdate(
        id=row["id"],
        build_id=row["build_id"],
        author_id=row["author_id"],
        text=row["text"],
        cost_cents=row["cost_cents"],
        odometer=odometer_from_row(row),
        photo=photo,
        photo_url=row["photo_url"],
        pending=row["state"] == "pending",
        created_at=from_unix(row["created_at"]),
        message_id=row["message_id"],
    )


def odometer_from_row(row: sqlite3.Row) -> Odometer | None:
    """The odometer reading an update's row holds, if any."""
    if row["odometer_miles"] is None:
        return None
    return Odometer(row["odometer_miles"], row["odometer_km"])


def part_from_row(row: sqlite3.Row) -> Part:
    return Part(row["id"], row["build_id"], row["name"], row["category"], row["cost_cents"])
