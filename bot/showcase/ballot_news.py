"""What a Build of the Month ballot tells members by DM: a voter whose build left the ballot
(deleted, forgotten, locked) that their vote is free, and the owners of the builds that won
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

# Tells a voter their vote was freed, or an owner their build won Build of the Month, by DM.
SHOWCASE_BALLOT_DM_JOB = "showcase.ballot_dm"


@dataclass(frozen=True)
class BallotNews:
    """A voter's build left the ballot (`won` False), or a member's build won it (tied with
    others when `tied`), with the ballot as it stands when the DM goes."""

    ballot: Ballot
    server: str  # its name when the DM goes, so a member of several servers knows which
    build_id: int
    title: str | None  # None: the build was gone when it left the ballot
    won: bool
    tied: bool = False


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
            SHOWCASE_BALLOT_DM_JOB,
            f"{ballot_id}:freed:{build_id}:{row['member_id']}",
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
            SHOWCASE_BALLOT_DM_JOB,
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
        """The SHOWCASE_BALLOT_DM_JOB handler: the DM, worded by `notice` from the ballot as it
        stands; a freed voter who has voted again since is not told."""

        async def tell(job: Job) -> Outgoing | None:
            if job.guild_id is None:
                raise GiveUp("a ballot without a server")
            payload = job.payload
            try:
                ballot = await self.ballot(job.guild_id, payload["ballot_id"])
            except NotFound:
                raise GiveUp("the ballot was discarded") from None
            if not payload["won"] and await self._store.fetchval(
                "SELECT count(*) FROM showcase_votes WHERE ballot_id = ? AND member_id = ?",
                (ballot.id, payload["user_id"]),
            ):
                return None
            news = BallotNews(
                ballot,
                self._server_names.of(job.guild_id, self._clock.now()),
                payload["build_id"],
                payload["title"],
                payload["won"],
                payload.get("tied", False),
            )
            return Outgoing(DirectMessage(payload["user_id"]), notice(news))

        return tell
