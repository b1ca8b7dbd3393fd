"""What a Build of the Month ballot tells members by DM: a voter whose build left the ballot
(deleted, forgotten, locked) that their vote is free, each member whose vote a ballot called
off voids (and the owner of the build it was left with), and the owners of the builds that won
when it closes. Scheduled in the transaction of the withdrawal or the close, sent once by the
outbox, worded by the discord layer as the ballot then stands."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.clock import from_unix
from bot.delivery import DirectMessage, Outgoing
from bot.errors import NotFound
from bot.jobs import GiveUp, Handler, Job, JobQueue
from bot.privacy import FORMER_MEMBER
from bot.showcase.ballot_records import BallotRecords
from bot.showcase.server_names import ServerNames
from bot.showcase.values import Ballot
from bot.store import Store

# The DMs of a ballot, one kind each, so that a member's export says which DM it was: a voter
# told their vote is free (its build left the ballot); each member whose vote a call-off voids,
# and the owner of the build it was left with; the owner of a winning build. One handler sends
# all three (`ballot_news_handler`). Those stored as one kind before 0068 were split by it.
SHOWCASE_VOTE_FREED_JOB = "showcase.vote_freed"
SHOWCASE_BALLOT_CALLED_OFF_DM_JOB = "showcase.ballot_called_off_dm"
SHOWCASE_BALLOT_WON_JOB = "showcase.ballot_won"
SHOWCASE_BALLOT_DM_JOBS = (
    SHOWCASE_VOTE_FREED_JOB,
    SHOWCASE_BALLOT_CALLED_OFF_DM_JOB,
    SHOWCASE_BALLOT_WON_JOB,
)

# A freed voter's DM is keyed by the ballot, this, the build and the voter.
_FREED = "freed"


@dataclass(frozen=True)
class BallotNews:
    """A voter's build left the ballot (`won` False), or a member's build won it (tied with
    others when `tied`), or the ballot was `called_off` (`build_id` then names the member's
    own build it was left with, None for a voter whose vote it voids), with the ballot as it
    stands when the DM goes."""

    ballot: Ballot
    server: str  # its name when the DM goes, so a member of several servers knows which
    build_id: int | None
    title: str | None  # None: the build was gone when it left the ballot
    won: bool
    tied: bool = False
    called_off: bool = False


BallotNotice = Callable[[BallotNews], str]  # how the discord layer words the DM


async def tell_freed_voters(
    store: Store, jobs: JobQueue, guild_id: int, ballot_id: int, build_id: int, at: int
) -> None:
    """In the withdrawal's transaction, before the votes for `build_id` go: each of its voters
    is told their vote is free."""
    voters = await store.fetchall(
        "SELECT member_id FROM showcase_votes WHERE ballot_id = ? AND build_id = ?",
        (ballot_id, build_id),
    )
    title = await store.fetchval("SELECT title FROM builds WHERE id = ?", (build_id,))
    for row in voters:
        if row["member_id"] == FORMER_MEMBER:
            continue
        await jobs.schedule(
            SHOWCASE_VOTE_FREED_JOB,
            f"{ballot_id}:{_FREED}:{build_id}:{row['member_id']}",
            from_unix(at),
            payload={
                "user_id": row["member_id"],
                "ballot_id": ballot_id,
                "build_id": build_id,
                "title": title,
                "won": False,
            },
            guild_id=guild_id,
        )


async def tell_called_off(
    store: Store, jobs: JobQueue, guild_id: int, ballot_id: int, leaving: str, at: int
) -> None:
    """In the transaction of the withdrawal that calls the ballot off, before the votes for the
    builds `leaving` (their ids, as a JSON list) go: each member whose vote it voids is told
    once, whether their vote stands or an earlier withdrawal freed it (their "vote again" no
    longer holds), and so is the owner of the build left, instead of as a voter. A freed
    voter's DM not sent yet is not sent (`ballot_news_handler`): this one says what holds."""
    voters = await store.fetchall(
        "SELECT member_id FROM showcase_votes WHERE ballot_id = ?", (ballot_id,)
    )
    told = {row["member_id"] for row in voters} | await _freed_and_told(store, ballot_id)
    left = await store.fetchone(
        "SELECT builds.id, builds.owner_id, builds.title FROM showcase_candidates AS c "
        "JOIN builds ON builds.id = c.build_id WHERE c.ballot_id = ? "
        "AND c.build_id NOT IN (SELECT value FROM json_each(?))",
        (ballot_id, leaving),
    )
    if left is not None:
        told.add(left["owner_id"])
    told.discard(FORMER_MEMBER)
    for member_id in sorted(told):
        own = left if left is not None and member_id == left["owner_id"] else None
        await jobs.schedule(
            SHOWCASE_BALLOT_CALLED_OFF_DM_JOB,
            f"{ballot_id}:called_off:{member_id}",
            from_unix(at),
            payload={
                "user_id": member_id,
                "ballot_id": ballot_id,
                "build_id": None if own is None else own["id"],
                "title": None if own is None else own["title"],
                "won": False,
                "called_off": True,
            },
            guild_id=guild_id,
        )


async def _freed_and_told(store: Store, ballot_id: int) -> set[int]:
    """The voters an earlier withdrawal freed whose DM is on its way or was sent: not those it
    found voting again (their vote stands, or was freed again), nor a DM given up."""
    # As the outbox records them (bot.delivery): a DM sent has a message.
    rows = await store.fetchall(
        "SELECT jobs.key FROM jobs LEFT JOIN deliveries ON deliveries.job_id = jobs.id "
        "WHERE jobs.kind = ? AND jobs.key LIKE ? || '%' "
        "AND (jobs.state IN ('pending', 'claimed') OR deliveries.message_id IS NOT NULL)",
        (SHOWCASE_VOTE_FREED_JOB, f"{ballot_id}:{_FREED}:"),
    )
    return {int(row["key"].rsplit(":", 1)[1]) for row in rows}


async def tell_winners(
    store: Store, jobs: JobQueue, guild_id: int, ballot_id: int, winners: Sequence[int], at: int
) -> None:
    """In the close's transaction: the owner of each winning build is told, as a featured
    build's owner is."""
    for build_id in winners:
        row = await store.fetchone("SELECT owner_id, title FROM builds WHERE id = ?", (build_id,))
        if row is None or row["owner_id"] == FORMER_MEMBER:
            continue
        await jobs.schedule(
            SHOWCASE_BALLOT_WON_JOB,
            f"{ballot_id}:won:{build_id}",
            from_unix(at),
            payload={
                "user_id": row["owner_id"],
                "ballot_id": ballot_id,
                "build_id": build_id,
                "title": row["title"],
                "won": True,
                "tied": len(winners) > 1,
            },
            guild_id=guild_id,
        )


class BallotNewsHandler(BallotRecords):
    _server_names: ServerNames

    def ballot_news_handler(self, notice: BallotNotice) -> Handler:
        """The handler of each of SHOWCASE_BALLOT_DM_JOBS: the DM, worded by `notice` from the
        ballot as it stands; a freed voter who has voted again since is not told, nor one whose
        ballot was called off since (its own news tells them)."""

        async def tell(job: Job) -> Outgoing | None:
            if job.guild_id is None:
                raise GiveUp("a ballot without a server")
            payload = job.payload
            try:
                ballot = await self.ballot(job.guild_id, payload["ballot_id"])
            except NotFound:
                raise GiveUp("the ballot was discarded") from None
            called_off = payload.get("called_off", False)
            freed = not payload["won"] and not called_off
            if freed and await self._freed_moot(ballot, payload["user_id"]):
                return None
            news = BallotNews(
                ballot,
                self._server_names.of(job.guild_id, self._clock.now()),
                payload["build_id"],
                payload["title"],
                payload["won"],
                payload.get("tied", False),
                called_off,
            )
            return Outgoing(DirectMessage(payload["user_id"]), notice(news))

        return tell

    async def _freed_moot(self, ballot: Ballot, voter_id: int) -> bool:
        """Whether a freed voter's DM no longer holds: the ballot was called off, or they voted
        again."""
        return ballot.called_off or bool(
            await self._store.fetchval(
                "SELECT count(*) FROM showcase_votes WHERE ballot_id = ? AND member_id = ?",
                (ballot.id, voter_id),
            )
        )
