"""What a moderator's change to a member's build tells its owner: a DM, scheduled in the
transaction of the change and sent once by the outbox, as a lock's is (bot/builds/locks.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.builds.model import NOTHING_SINCE, Build, BuildUpdate, SinceReader, SinceScheduled
from bot.builds.values import moderator_reason
from bot.clock import from_unix, unix
from bot.delivery import DirectMessage, Outgoing
from bot.jobs import GiveUp, Handler, Job, JobQueue
from bot.privacy import FORMER_MEMBER

BUILD_MODERATED_JOB = "builds.moderated"  # tells a build's owner, by DM, what a moderator changed


@dataclass(frozen=True)
class ModeratorChange:
    """A moderator changing a build that is not theirs, and why, if they said: the reason
    checked here (`moderator_reason`), as its owner reads it, so no caller can forget it."""

    moderator_id: int
    # Tells this change's DM from every other's: a rename's interaction, a deleted update's id.
    key: str
    server: str  # its name as the change is made: an owner in two servers reads which
    reason: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "reason", moderator_reason(self.reason))


@dataclass(frozen=True)
class Renamed:
    old_title: str
    old_truck: str
    title: str
    truck: str


@dataclass(frozen=True)
class UpdateTakenBack:
    text: str
    posted_at: int  # unix seconds, for a Discord timestamp the owner reads in their own zone
    cost_cents: int | None
    photo: bool


@dataclass(frozen=True)
class PartChanged:
    name: str
    cost_cents: int
    category: str
    added: bool = False  # else removed (as every one was before a moderator could add one)


@dataclass(frozen=True)
class Closed:
    closed: bool  # False: reopened


@dataclass(frozen=True)
class BuildDeleted:
    truck: str
    # Whether its thread went with it (as in DMs scheduled before a thread could stay); it
    # stays where Keitora may not manage threads, and its owner is linked to it.
    thread: bool = True


@dataclass(frozen=True)
class SpecChanged:
    fields: list[str]  # the spec fields changed (`Spec`'s names), and "tags"
    # The truck line the new spec rewrote, as a rename names it: one DM tells both.
    old_truck: str | None = None
    truck: str | None = None


@dataclass(frozen=True)
class UpdatePosted:
    text: str


Change = (
    Renamed | UpdateTakenBack | PartChanged | Closed | BuildDeleted | SpecChanged | UpdatePosted
)
# How each change is named in its job's payload and key.
_KINDS: dict[str, type[Change]] = {
    "renamed": Renamed,
    "update": UpdateTakenBack,
    "part": PartChanged,
    "spec": SpecChanged,
    "posted": UpdatePosted,
    "closed": Closed,
    "deleted": BuildDeleted,
}


@dataclass(frozen=True)
class ModeratedNews:
    """A moderator renamed a member's build (or rewrote its truck line through its spec),
    changed its spec, posted or deleted one of its updates, added or removed one of its parts,
    closed or reopened it, or deleted the build."""

    guild_id: int
    build_id: int
    title: str  # as the build is called now
    change: Change
    reason: str | None
    server: str | None  # None in a DM scheduled before servers were named
    thread_id: int | None  # None when the build has no thread left to link
    since: SinceScheduled = NOTHING_SINCE


ModeratedNotice = Callable[[ModeratedNews], str]  # how the discord layer words the DM


async def tell_owner_of_change(
    jobs: JobQueue, build: Build, by: ModeratorChange, change: Change, at: int
) -> None:
    """Schedule the DM telling the owner of `build` what a moderator changed, inside the
    caller's transaction (a member forgotten before is not told; after, the DM goes unsent)."""
    if build.owner_id in (FORMER_MEMBER, by.moderator_id):
        return
    kind = next(name for name, shape in _KINDS.items() if isinstance(change, shape))
    await jobs.schedule(
        BUILD_MODERATED_JOB,
        f"{build.id}:{kind}:{by.key}",
        from_unix(at),
        payload={
            "user_id": build.owner_id,
            "build_id": build.id,
            "title": build.title,
            "kind": kind,
            "change": vars(change),
            "reason": by.reason,
            "server": by.server,
            # A deleted build's thread goes with it, unless it stays: nothing to link.
            "thread_id": build.thread_id
            if build.has_thread and not (isinstance(change, BuildDeleted) and change.thread)
            else None,
        },
        guild_id=build.guild_id,
    )


def taken_back(update: BuildUpdate) -> UpdateTakenBack:
    return UpdateTakenBack(
        update.text, unix(update.created_at), update.cost_cents, update.photo is not None
    )


def moderated_handler(notice: ModeratedNotice, since: SinceReader) -> Handler:
    """The BUILD_MODERATED_JOB handler: the DM telling an owner what a moderator changed, and,
    read by `since` (`BuildService.since_scheduled`) as it goes, whether its thread or the
    build went meanwhile (not of the build's own deletion, which says what went with it)."""

    async def tell(job: Job) -> Outgoing | None:
        if job.guild_id is None:
            raise GiveUp("a moderator's change without a server")
        payload = job.payload
        shape = _KINDS[payload["kind"]]
        thread_id = payload.get("thread_id")
        became = (
            NOTHING_SINCE
            if shape is BuildDeleted
            else await since(job.guild_id, payload["build_id"], thread_id)
        )
        news = ModeratedNews(
            job.guild_id,
            payload["build_id"],
            payload["title"],
            shape(**payload["change"]),
            payload["reason"],
            payload.get("server"),
            became.linking(thread_id),
            became,
        )
        return Outgoing(DirectMessage(payload["user_id"]), notice(news))

    return tell
