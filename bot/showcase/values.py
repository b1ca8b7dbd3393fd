"""The showcase's values: nominations, features, ballots, votes and their limits."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import unicodedata
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from bot.builds import Build, BuildService, build_number, lock_reason
from bot.clock import from_unix
from bot.delivery import nonce_for
from bot.errors import UserError
from bot.modqueue.items import RejectedBefore

MAX_CANDIDATES = 25  # one button each, and a message holds at most 25 buttons
# Fewer is no choice: a ballot is refused with fewer, and called off when withdrawals leave fewer.
MIN_CANDIDATES = 2
NOMINATION_REASON = 200
FEATURE_NOTE = 500
# Without candidates named, a ballot offers the builds of the nominations no ballot held yet
# (`n`, with the last ballot's opening as the one parameter): a pending one, however old, as it
# still waits in the moderation queue; a featured one decided since the last ballot opened (one
# featured before was done with, and no ballot waits on it); or a rejected one decided since,
# which its refusal names as rejected.
WAITING_FOR_A_BALLOT = (
    "n.ballot_id IS NULL AND (n.status = 'pending' OR coalesce(n.decided_at, n.created_at) >= ?)"
)
NOMINATION_KIND = "nomination"  # in the moderation queue's jobs and button ids
SHOWCASE_FEATURED_JOB = "showcase.featured"  # tells an owner or a nominator of a feature, by DM
# Renders an open ballot's message again after a locked build left it, or an unlocked one came
# back.
SHOWCASE_BALLOT_JOB = "showcase.ballot"
# Tells the moderators, in the mod-queue channel, that withdrawals called their ballot off.
SHOWCASE_CALLED_OFF_JOB = "showcase.called_off"
# Posts a closed ballot's result in the showcase channel, once, committed with the close.
SHOWCASE_RESULT_JOB = "showcase.result"


@dataclass(frozen=True)
class Nomination:
    id: int
    guild_id: int
    build_id: int
    nominated_by: int
    reason: str | None
    created_at: datetime
    # The build as it was nominated (`build_fingerprint`); None when nominated before it was kept.
    build_seen: str | None = None
    # Nominated again by its member once a ballot held it: it counts for the next one too, or,
    # for a build that won the last ballot (`sits_out_next`), for the one after.
    renewed: bool = False
    sits_out_next: bool = False


@dataclass(frozen=True)
class RejectedNominations:
    """A build's nominations a moderator rejected together, as a later nomination repeating
    them names them (`rejected`), and the build as they judged it (`build_fingerprint`; None
    for a rejection from before that was kept)."""

    rejected: RejectedBefore
    build_judged: str | None


def build_fingerprint(build: Build, cover: str | None) -> str:
    """What a moderator judges of a build (its title, truck and cover photo), in 16 hex digits
    that change when any of it does."""
    judged = json.dumps([build.title, build.truck, cover], ensure_ascii=False)
    return hashlib.sha256(judged.encode()).hexdigest()[:16]


def nomination_revision(seen: str | None, now: str) -> int:
    """A nominated build's revision in the moderation queue: 0 while it reads as nominated (or
    that is not known), else a number of 1 to 999,999,999 (what a button's id carries) that
    follows what it reads now, so a moderator who saw it otherwise is refused."""
    if seen is None or seen == now:
        return 0
    return int(now[:8], 16) % 999_999_999 + 1


@dataclass(frozen=True)
class Feature:
    guild_id: int
    build_id: int
    featured_by: int
    note: str | None
    channel_id: int | None
    message_id: int | None
    pinned: bool


@dataclass(frozen=True)
class UnpostedClaim:
    """A feature claimed and sent to `channel_id`, its post not recorded: the bot stopped
    before recording it, or before Discord took it."""

    guild_id: int
    build_id: int
    channel_id: int
    claimed_at: datetime
    nonce: str  # the claim's own, sent with its post


class Recovered(Enum):
    """What a look for an unrecorded feature's post found."""

    POSTED = "posted"  # found, and recorded as the feature
    NOT_POSTED = "not posted"  # surely not out: the claim may be given back
    UNCHECKED = "unchecked"  # Discord could not be asked (not connected yet, no access)


async def given_back_unless_found(
    found: Recovered, give_back: Callable[[], Awaitable[None]], may_be_out: str
) -> None:
    """Act on a look for a stale claim's post (a feature's, a ballot's message): surely not
    out, the claim is given back; not looked through, the moderator is refused, told
    `may_be_out` ("Build #12 may be featured already: I stopped while posting it") and why;
    found, it was recorded, and nothing is left to do."""
    if found is Recovered.NOT_POSTED:
        await give_back()
    elif found is Recovered.UNCHECKED:
        raise UserError(
            f"{may_be_out}, and I cannot look for it in the channel it went to (I need View "
            "Channel and Read Message History there, and Discord must answer). Nothing was "
            "changed; try again once I can."
        )


# How the discord layer looks for a claim's post in its channel, recording what it finds.
FeatureRecovery = Callable[[Build, UnpostedClaim], Awaitable[Recovered]]


@dataclass(frozen=True)
class FeaturedNews:
    """A build's feature, told by DM to its owner or to a member who nominated it."""

    guild_id: int
    server: str  # its name when the DM goes, so a member of several servers knows which
    build_id: int
    title: str
    channel_id: int
    message_id: int
    nominated: bool  # told as a nominator, not as the owner


FeaturedNotice = Callable[[FeaturedNews], str]  # how the discord layer words the DM


@dataclass(frozen=True)
class Ballot:
    id: int
    guild_id: int
    candidates: tuple[int, ...]  # build ids, in button order
    channel_id: int | None
    message_id: int | None
    closed: bool
    # Builds deleted with their owner's data, or locked by a moderator, since it opened.
    withdrawn: tuple[int, ...] = ()
    # Closed because withdrawals left it fewer than two builds: no result, nothing counted.
    called_off: bool = False
    # Where its message was sent, kept before the send: a bot that stopped before recording
    # the message looks for it there, among the messages since `opened_at`.
    sent_to: int | None = None
    opened_at: datetime | None = None
    # How many votes left it while it was open: with withdrawn builds, and with voters who
    # asked to be forgotten (counts only, not whose). None on ballots from before they were
    # counted.
    votes_withdrawn: int | None = 0
    votes_forgotten: int | None = 0
    # The year and month it opened in, in the server's zone then ("2026-12"), which its result
    # names; None on ballots from before it was kept.
    month: str | None = None

    def called_off_by_a_withdrawal(self) -> bool:
        """Whether withdrawing one of its builds (a lock, a forget) would leave it fewer than a
        ballot needs, and so call it off for good."""
        return len(self.candidates) - 1 < MIN_CANDIDATES


@dataclass(frozen=True)
class Winners:
    """Builds that won a ballot, and its month (None on ballots from before it was kept)."""

    build_ids: tuple[int, ...]
    month: str | None


@dataclass(frozen=True)
class ClickedBallot:
    """The ballot's message a member clicked a button of, and the builds its buttons offer."""

    channel_id: int
    message_id: int
    candidates: tuple[int, ...]


CalledOffNotice = Callable[[Ballot], str]  # how the discord layer tells moderators of it


@dataclass(frozen=True)
class Vote:
    build_id: int
    title: str  # the build's, as its button names it
    previous_build_id: int | None  # the build the member had voted for, if they moved
    previous_title: str | None = None


@dataclass(frozen=True)
class Tally:
    ballot: Ballot
    counts: tuple[tuple[int, int], ...]  # (build id, votes), most votes first
    winners: tuple[int, ...]  # more than one on a tie; none when nobody voted


# How the discord layer words a result post, from the tally and the builds' titles: its text
# (the winner, read also where Keitora may not show embeds) and its embed, in Discord's JSON.
ResultCard = Callable[[Tally, Mapping[int, str]], tuple[str, Mapping[str, Any]]]


def month_named(month: str) -> str:
    """A ballot's month ("2026-12") as its result names it: "December 2026"."""
    return datetime.strptime(month, "%Y-%m").strftime("%B %Y")


def nomination_of(row: sqlite3.Row) -> Nomination:
    return Nomination(
        row["id"],
        row["guild_id"],
        row["build_id"],
        row["nominated_by"],
        row["reason"],
        from_unix(row["created_at"]),
        row["build_seen"],
    )


def unposted_claim(row: sqlite3.Row) -> UnpostedClaim:
    """A `showcase_posts` row whose post was sent, not recorded."""
    return UnpostedClaim(
        row["guild_id"],
        row["build_id"],
        row["sent_to"],
        from_unix(row["created_at"]),
        row["nonce"],
    )


def feature_of(row: sqlite3.Row) -> Feature:
    return Feature(
        row["guild_id"],
        row["build_id"],
        row["featured_by"],
        row["note"],
        row["channel_id"],
        row["message_id"],
        bool(row["pinned"]),
    )


async def refuse_locked(
    builds: BuildService, guild_id: int, build_id: int, done: str, *, moderator: bool = True
) -> None:
    """Refuse a build a moderator locked (read again in the caller's transaction, so a lock
    that lands meanwhile counts): the showcase never promotes what moderators shut. Who locked
    it and why is told to a `moderator` alone: a moderation of one member's build is not the
    rest of the server's business (its owner never nominates it, nor puts it on a ballot)."""
    current = await builds.get(guild_id, build_id)
    if current.locked:
        why = f" by a moderator{lock_reason(current)}" if moderator else ""
        raise UserError(f"Build #{build_id} is locked{why}, so it cannot be {done}.")


def ballot_nonce(ballot: Ballot) -> str:
    """The nonce the ballot's message is sent with: Discord answers a repeat of the send (a
    retry after an answer the network lost) with the message it took."""
    return nonce_for(f"{SHOWCASE_BALLOT_JOB}:{ballot.id}:message")


# Between candidates: commas (the Japanese 、 too) and semicolons; between numbers, spaces too.
# Typed in full width (１２、＃１５), as a Japanese keyboard gives them, they read as their ASCII
# forms first.
_CANDIDATE_SEPARATORS = re.compile(r"[,;、]+")


def candidates_named(typed: str) -> list[int | str]:
    """The builds a moderator names as a ballot's candidates, in the order named: their numbers
    (`12` or `#12`, between spaces too: `12 15 18`) or their titles (between commas: `12,
    Camper Carry`), a title as typed but for its spaces."""
    named: list[int | str] = []
    for part in _CANDIDATE_SEPARATORS.split(unicodedata.normalize("NFKC", typed)):
        words = part.split()
        numbers = [_number(word) for word in words]
        if all(number is not None for number in numbers):
            named += [number for number in numbers if number is not None]
        else:
            named.append(" ".join(words))
    return named


def _number(word: str) -> int | None:
    try:
        return build_number(word)
    except UserError:  # its wording is for a single build picked from a list
        return None
