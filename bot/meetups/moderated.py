"""What a moderator's change to a member's meetup tells its organizer: a DM naming the server,
the meetup, what changed and who, scheduled in the transaction of the change and sent once by
the outbox, as a build's owner is told of a moderator's change (bot/builds/moderated.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.clock import from_unix
from bot.delivery import DirectMessage, Outgoing
from bot.jobs import GiveUp, Handler, Job, JobQueue
from bot.meetups.model import Meetup, card_link

MEETUP_MODERATED_JOB = "meetups.moderated"  # tells an organizer, by DM, what someone else changed


@dataclass(frozen=True)
class Acting:
    """Who changes a meetup, and where: when it is not the meetup's organizer (a moderator),
    the organizer is told."""

    member_id: int
    # Tells this change's DM from every other's: the interaction that made it.
    key: str
    server: str  # its name as the change is made: an organizer in two servers reads which


@dataclass(frozen=True)
class MeetupModerated:
    """A meetup changed by someone who does not organize it, as its organizer's DM tells it."""

    guild_id: int
    meetup_id: int
    title: str  # as the meetup is called now
    changes: tuple[str, ...]  # what changed: of `CHANGES`, in the order made
    date: int | None  # unix seconds: the one date of a series cancelled or restored
    moderator_id: int
    server: str
    reason: str | None
    card_url: str | None
    # What an attendee's DM would have said, since the organizer gets this one DM only: the
    # next date's start before and after a move (unix seconds), and a new place.
    moved: tuple[int, int] | None = None
    place: str | None = None
    title_from: str | None = None  # the title before the change, which may rename it
    until: int | None = None  # unix seconds: when a date called off under way ends


# What a change may be, as the DM names it: the whole meetup cancelled or restored, one date of
# a series so (`date`), a detail of `/meetup edit`, its next date moved, or every date re-timed.
CHANGES = (
    "cancelled",
    "date_cancelled",
    "cancelled_under_way",  # called off while under way: restorable `until` it ends
    "date_cancelled_under_way",
    "series_cancelled_under_way",  # the date under way called off too, but never restorable
    "restored",
    "date_restored",
    "title",
    "description",
    "capacity",
    "trucks",
    "length",
    "region",
    "cutoff",
    "time",  # a series' next date moved
    "start",  # a one-off moved
    "dates",
    "place",
)

MeetupModeratedNotice = Callable[[MeetupModerated], str]  # how the discord layer words the DM


def moderated_dm_key(meetup: Meetup, acting: Acting | None) -> str | None:
    """The key of the DM telling `meetup`'s organizer of a change `acting` made to it; None when
    the organizer made it, whom no such DM tells."""
    return (
        f"{meetup.id}:{acting.key}" if acting is not None and by_another(meetup, acting) else None
    )


async def tell_organizer(
    jobs: JobQueue,
    meetup: Meetup,
    acting: Acting | None,
    changes: Sequence[str],
    *,
    at: int,
    date: int | None = None,
    reason: str | None = None,
    moved: tuple[int, int] | None = None,
    place: str | None = None,
    title_from: str | None = None,
    until: int | None = None,
) -> None:
    """Schedule the DM telling `meetup`'s organizer what `acting` changed, inside the caller's
    transaction; nothing when the organizer made the change, or nobody is named."""
    key = moderated_dm_key(meetup, acting)
    if key is None or not changes:
        return
    assert set(changes) <= set(CHANGES), changes
    await jobs.schedule(
        MEETUP_MODERATED_JOB,
        key,
        from_unix(at),
        payload={
            "user_id": meetup.organizer_id,
            "meetup_id": meetup.id,
            "title": meetup.title,
            "changes": list(changes),
            "date": date,
            "moderator_id": acting.member_id,
            "server": acting.server,
            "reason": reason,
            "card_url": card_link(meetup),
            "moved": None if moved is None else list(moved),
            "place": place,
            "title_from": title_from,
            "until": until,
        },
        guild_id=meetup.guild_id,
    )


@dataclass(frozen=True)
class CancelledBy:
    """A cancel someone other than the meetup's organizer (a moderator) made, and its reason."""

    reason: str | None


def by_another(meetup: Meetup, acting: Acting | None) -> bool:
    """Whether the member `acting` is someone other than the meetup's organizer."""
    return acting is not None and acting.member_id != meetup.organizer_id


def moderated_handler(notice: MeetupModeratedNotice) -> Handler:
    """The MEETUP_MODERATED_JOB handler: the DM telling an organizer what someone else changed."""

    async def tell(job: Job) -> Outgoing | None:
        if job.guild_id is None:
            raise GiveUp("a change to a meetup without a server")
        payload = job.payload
        news = MeetupModerated(
            job.guild_id,
            payload["meetup_id"],
            payload["title"],
            tuple(payload["changes"]),
            payload["date"],
            payload["moderator_id"],
            payload["server"],
            payload["reason"],
            payload["card_url"],
            # DMs scheduled before these were told carry neither.
            None if payload.get("moved") is None else tuple(payload["moved"]),
            payload.get("place"),
            # DMs scheduled before the old title was kept name the new one only.
            payload.get("title_from"),
            payload.get("until"),
        )
        return Outgoing(DirectMessage(payload["user_id"]), notice(news))

    return tell
