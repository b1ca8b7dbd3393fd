"""Build of the Month: the server's one open ballot, its candidates, its message, and what locks
and withdrawals do to it; its votes are `BallotVotes`' and its close `BallotResults'`."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections import Counter
from collections.abc import Collection
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.builds import Build, BuildService
from bot.clock import Clock, unix
from bot.delivery import Channel, Outgoing
from bot.errors import NotFound, UserError
from bot.jobs import GiveUp, Handler, Job, JobQueue, NotYet
from bot.limits import listed
from bot.modqueue import CHANNEL_RECHECK
from bot.privacy.posts import AuthoredPosts
from bot.setup import SettingChange, SetupService
from bot.showcase.ballot_news import BallotNewsHandler
from bot.showcase.ballot_records import last_opened
from bot.showcase.ballot_results import BallotResults
from bot.showcase.ballot_titles import titled_one
from bot.showcase.ballot_votes import BallotVotes
from bot.showcase.server_names import ServerNames
from bot.showcase.values import (
    MAX_CANDIDATES,
    MIN_CANDIDATES,
    SHOWCASE_BALLOT_JOB,
    SHOWCASE_CALLED_OFF_JOB,
    WAITING_FOR_A_BALLOT,
    Ballot,
    CalledOffNotice,
    Winners,
    candidates_named,
    refuse_locked,
)
from bot.showcase.withdrawals import BallotWithdrawals
from bot.store import Store
from bot.turns import Turns

# A ballot's message is sent while its command is answered: one still unrecorded after
# that is not on its way, and a look in its channel can tell whether it is out.
SENT_WITHIN = timedelta(minutes=15)
# How many builds a ballot's refusal names by number in one list (those locked, those a ballot
# held already, ...); more are counted: a refusal is not fitted to a message, and builds that
# stay locked are listed in every one.
NAMED_AT_MOST = 5


def too_few_nominated(
    nominated: int,
    standing: list[int],
    locked: list[int],
    rejected: list[int],
    sitting_out: list[int],
    deleted: int,
    held: list[int],
    winners: Collection[int],
) -> str:
    """Why no ballot opens from the nominations no ballot held yet: how many builds they name
    and, when some of them cannot stand, which and why (`deleted` counted only, not named:
    their nominations went with them); and the builds still waiting in the moderation queue
    whose nominations a ballot `held` already, which a moderator sees there, a new nomination
    of the last ballot's `winners` counting only for the ballot after the next."""
    if not locked and not rejected and not sitting_out and not deleted:
        named = "only 1 build" if nominated else "none"
        said = f"the nominations no ballot held yet name {named}"
    else:
        why = []
        if rejected:
            why.append(f"{few_named(rejected)} {'was' if len(rejected) == 1 else 'were'} rejected")
        if locked:
            why.append(f"{few_named(locked)} {'is' if len(locked) == 1 else 'are'} locked")
        if sitting_out:
            sits = "sits" if len(sitting_out) == 1 else "sit"
            why.append(f"{numbered(sitting_out)} won the last ballot and {sits} this one out")
        if deleted:
            why.append(f"{deleted} {'was' if deleted == 1 else 'were'} deleted since")
        left = f"only #{standing[0]}" if standing else "none"
        said = (
            f"the nominations no ballot held yet name {nominated}, but {listed(why)}, leaving "
            f"{left}"
        )
    if held:
        one = len(held) == 1
        them = "it" if one else "them"
        won = [build_id for build_id in held if build_id in winners]
        winner = "winner" if len(won) == 1 else "winners"
        if len(won) == len(held):
            puts = f"puts {them} on the one after, as the last ballot's {winner}"
        elif won:
            puts = f"puts {them} on the next, and {numbered(won)}, the last ballot's {winner}, on "
            puts += "the one after"
        else:
            puts = f"puts {them} on the next"
        said += (
            f"; {few_named(held)}, still waiting in the moderation queue, "
            f"{'was' if one else 'were'} on a ballot already (a member's new nomination {puts})"
        )
    return (
        f"A ballot needs at least two builds, and {said}: name the candidates, e.g. `12, 15, 18`."
    )


def numbered(build_ids: list[int]) -> str:
    """`#3`, `#3 and #5`: builds by their numbers, in a sentence."""
    return listed([f"#{build_id}" for build_id in build_ids])


def few_named(build_ids: list[int]) -> str:
    """Builds by their numbers (`numbered`) up to `NAMED_AT_MOST` of them, or counted."""
    return numbered(build_ids) if len(build_ids) <= NAMED_AT_MOST else f"{len(build_ids)} builds"


OPEN_ALREADY = "A ballot is open already; close it with `/showcase-mod vote close` first."


class BallotService(BallotVotes, BallotResults, BallotNewsHandler):
    def __init__(
        self,
        store: Store,
        clock: Clock,
        jobs: JobQueue,
        builds: BuildService,
        withdrawals: BallotWithdrawals,
        server_names: ServerNames,
    ) -> None:
        super().__init__(store, clock, jobs, builds)
        self._withdrawals = withdrawals
        self._server_names = server_names
        # A ballot's message is read and edited in one turn per ballot: an edit made from what
        # was read before a close must not land after the close's own ("vote!" and buttons
        # whose clicks answer "closed").
        self.rendering: Turns[int] = Turns()
        # Ballots a command of this process is opening (`start_ballot` until `done_starting`):
        # one unrecorded and not among them was left by a stopped bot.
        self._starting: set[int] = set()

    async def start_ballot(
        self,
        guild_id: int,
        moderator_id: int,
        candidates: str | None,
        zone: str | None = None,
    ) -> Ballot:
        """Open the server's one ballot, for the month it opens in, in the server's `zone`
        (None: it has none set, UTC), on the builds named or, without any, those of the
        nominations no ballot held yet (nominated by most members first); never a locked build,
        nor, without builds named, the last ballot's winner (`sitting_out`). The nominations of
        the builds it holds are held by it. Its message is sent once `sending` keeps where,
        with `ballot_nonce`."""
        now = self._clock.now()
        month = now.astimezone(ZoneInfo(zone or "UTC")).strftime("%Y-%m")
        ballot_id: int | None = None
        try:
            async with self._store.transaction():
                # The open ballot is what stops this one, whatever is nominated (the insert's
                # unique index below is the guard against a race).
                if await self._store.fetchval(
                    "SELECT 1 FROM showcase_ballots WHERE guild_id = ? AND closed_at IS NULL",
                    (guild_id,),
                ):
                    raise UserError(OPEN_ALREADY)
                since = await last_opened(self._store, guild_id)
                # Chosen in the transaction: a lock landing meanwhile finds the ballot (and
                # withdraws its build) or keeps the build off it.
                chosen = await self._candidates(guild_id, candidates)
                ballot_id = await self._store.insert(
                    "INSERT INTO showcase_ballots (guild_id, opened_by, opened_at, month) "
                    "VALUES (?, ?, ?, ?)",
                    (guild_id, moderator_id, unix(now), month),
                )
                # Known before the commit lets another command see the ballot.
                self._starting.add(ballot_id)
                await self._store.executemany(
                    "INSERT INTO showcase_candidates (guild_id, ballot_id, build_id, position) "
                    "VALUES (?, ?, ?, ?)",
                    [(guild_id, ballot_id, b, n) for n, b in enumerate(chosen, start=1)],
                )
                await self._store.execute(
                    "UPDATE showcase_nominations SET ballot_id = ? WHERE guild_id = ? "
                    "AND ballot_id IS NULL AND status <> 'dismissed' "
                    "AND build_id IN (SELECT value FROM json_each(?))",
                    (ballot_id, guild_id, json.dumps(chosen)),
                )
                # A refusal counts the deletions since the last ballot opened: those before
                # the one before this tell nothing more, even should this one be given up
                # unposted (and those since it count again).
                await self._store.execute(
                    "DELETE FROM showcase_nominated_deletions WHERE guild_id = ? "
                    "AND last_ballot_opened < ?",
                    (guild_id, since),
                )
            return await self.ballot(guild_id, ballot_id)
        except BaseException as error:
            if ballot_id is not None:
                self._starting.discard(ballot_id)
            if isinstance(error, sqlite3.IntegrityError):
                raise UserError(OPEN_ALREADY) from None
            raise

    def starting(self, ballot: Ballot) -> bool:
        """Whether a command of this process is opening the ballot now."""
        return ballot.id in self._starting

    def done_starting(self, ballot: Ballot) -> None:
        """The ballot `start_ballot` opened is posted, given back or its send unanswered."""
        self._starting.discard(ballot.id)

    async def _candidates(self, guild_id: int, typed: str | None) -> list[int]:
        if typed is None or not typed.strip():
            return await self._nominated(guild_id)
        ids = [
            await self._titled(guild_id, candidate) if isinstance(candidate, str) else candidate
            for candidate in candidates_named(typed)
        ]
        # A build named again ("12, 12", "12 #12") is likely a typo for another one: said,
        # rather than quietly dropped, or read as too few builds.
        repeated = [(build_id, n) for build_id, n in Counter(ids).items() if n > 1]
        if repeated:
            build_id, times = repeated[0]
            said = "twice" if times == 2 else f"{times} times"
            raise UserError(
                f"Build #{build_id} is named {said}; name each candidate once, e.g. `12, 15, 18`."
            )
        if len(ids) < MIN_CANDIDATES:
            raise UserError("A ballot needs at least two builds: name them, e.g. `12, 15, 18`.")
        if len(ids) > MAX_CANDIDATES:
            raise UserError(f"A ballot holds at most {MAX_CANDIDATES} builds; {len(ids)} given.")
        for build_id in ids:  # also refuses another server's builds
            await refuse_locked(self._builds, guild_id, build_id, "put on a ballot")
        return ids

    async def _nominated(self, guild_id: int) -> list[int]:
        """The builds of the nominations no ballot held yet that may stand, nominated by most
        members first: never a locked build, nor a nomination a moderator rejected (pending and
        featured ones count), nor the last ballot's winner (`sitting_out`). Too few are refused,
        counting every build nominated and why the rest cannot."""
        since = await last_opened(self._store, guild_id)
        # Counted by member: a member who nominated a build again, in a new round, counts once.
        rows = await self._store.fetchall(
            "SELECT n.build_id, builds.locked_at IS NOT NULL AS locked, "
            "count(DISTINCT n.nominated_by) FILTER (WHERE n.status <> 'dismissed') AS backers, "
            "min(n.id) FILTER (WHERE n.status <> 'dismissed') AS lead "
            "FROM showcase_nominations AS n JOIN builds ON builds.id = n.build_id "
            f"WHERE n.guild_id = ? AND {WAITING_FOR_A_BALLOT} "
            "GROUP BY n.build_id ORDER BY n.build_id",
            (guild_id, since),
        )
        winners = (await self.last_winners(guild_id)).build_ids
        eligible = [row for row in rows if not row["locked"] and row["backers"]]
        standing = sorted(
            (row for row in eligible if row["build_id"] not in winners),
            key=lambda row: (-row["backers"], row["lead"]),
        )
        ids: list[int] = [row["build_id"] for row in standing[:MAX_CANDIDATES]]
        if len(ids) < MIN_CANDIDATES:
            locked = [row["build_id"] for row in rows if row["locked"]]
            rejected = [row["build_id"] for row in rows if not row["locked"] and not row["backers"]]
            sitting_out = [row["build_id"] for row in eligible if row["build_id"] in winners]
            deleted = await self._store.fetchval(
                "SELECT count(*) FROM showcase_nominated_deletions WHERE guild_id = ? "
                "AND last_ballot_opened >= ?",
                (guild_id, since),
            )
            nominated = len(rows) + deleted
            held = await self._store.fetchall(
                "SELECT DISTINCT build_id FROM showcase_nominations WHERE guild_id = ? "
                "AND status = 'pending' AND ballot_id IS NOT NULL ORDER BY build_id",
                (guild_id,),
            )
            waiting = {row["build_id"] for row in rows}
            again = [row["build_id"] for row in held if row["build_id"] not in waiting]
            raise UserError(
                too_few_nominated(
                    nominated, ids, locked, rejected, sitting_out, deleted, again, winners
                )
            )
        return ids

    async def last_winners(self, guild_id: int) -> Winners:
        """The builds that won the server's last ballot counted (closed, not called off): they
        sit out the next automatic ballot, so one build does not win month after month, and
        their nominations wait for the one after."""
        ballot_id = await self._store.fetchval(
            "SELECT id FROM showcase_ballots WHERE guild_id = ? AND closed_at IS NOT NULL "
            "AND NOT called_off ORDER BY closed_at DESC, id DESC LIMIT 1",
            (guild_id,),
        )
        if ballot_id is None:
            return Winners((), None)
        tally = await self.tally(guild_id, ballot_id)
        return Winners(tally.winners, tally.ballot.month)

    async def sitting_out(self, guild_id: int) -> Winners:
        """Those of the last ballot's winners that an automatic ballot left out for having won:
        the ones with nominations no ballot held yet, and not locked (a locked one stands on no
        ballot, and sits out nothing)."""
        winners = await self.last_winners(guild_id)
        rows = await self._store.fetchall(
            "SELECT DISTINCT n.build_id FROM showcase_nominations AS n JOIN builds "
            f"ON builds.id = n.build_id WHERE n.guild_id = ? AND {WAITING_FOR_A_BALLOT} "
            "AND n.status <> 'dismissed' AND builds.locked_at IS NULL "
            "AND n.build_id IN (SELECT value FROM json_each(?)) ORDER BY n.build_id",
            (guild_id, await last_opened(self._store, guild_id), json.dumps(winners.build_ids)),
        )
        return Winners(tuple(row["build_id"] for row in rows), winners.month)

    async def _titled(self, guild_id: int, title: str) -> int:
        """The server's one build titled `title` (`titled_one`): a member never types an id."""
        return titled_one(title, await self._builds.titles(guild_id))

    async def follow_lock(self, build: Build, change: int) -> None:
        """A `BuildService.when_lock_changes` hook: a locked build leaves the open ballots as a
        deleted one does, an unlocked one goes back on those its lock took it off, and a job
        committed with the change (its `change`-th) renders each ballot again."""
        if build.locked:
            changed = await self._withdrawals.withdraw(build.guild_id, [build.id])
        else:
            changed = await self._withdrawals.restore(build)
        for ballot_id in changed:
            await self._jobs.schedule(
                SHOWCASE_BALLOT_JOB,
                f"{ballot_id}:{build.id}:{change}",
                self._clock.now(),
                payload={"ballot_id": ballot_id},
                guild_id=build.guild_id,
            )

    async def open_ballot_holding(self, build: Build) -> Ballot | None:
        """The open ballot the build is a candidate on, if any: just after an unlock, the one
        the unlock put it back on, as a locked build is on no open ballot."""
        ballot_id = await self._store.fetchval(
            "SELECT b.id FROM showcase_ballots AS b JOIN showcase_candidates AS c "
            "ON c.ballot_id = b.id WHERE b.guild_id = ? AND b.closed_at IS NULL "
            "AND c.build_id = ?",
            (build.guild_id, build.id),
        )
        return None if ballot_id is None else await self.ballot(build.guild_id, ballot_id)

    def ballot_handler(self, posts: AuthoredPosts) -> Handler:
        """The SHOWCASE_BALLOT_JOB handler: the ballot's message rendered again, as after a
        forget that withdrew a build."""

        async def refresh(job: Job) -> None:
            if job.guild_id is None:
                raise GiveUp("a ballot without a server")
            with contextlib.suppress(NotFound):  # the ballot was discarded meanwhile
                await posts.refresh_ballot(job.guild_id, job.payload["ballot_id"])

        return refresh

    def called_off_handler(self, setup: SetupService, notice: CalledOffNotice) -> Handler:
        """The SHOWCASE_CALLED_OFF_JOB handler: the moderators told, in the mod-queue channel,
        that withdrawals called their ballot off (its own message says so as it is rendered
        again)."""

        async def tell(job: Job) -> Outgoing:
            if job.guild_id is None:
                raise GiveUp("a ballot without a server")
            try:
                ballot = await self.ballot(job.guild_id, job.payload["ballot_id"])
            except NotFound:
                raise GiveUp("the ballot was discarded") from None
            channel = (await setup.get(job.guild_id)).channels.get("modqueue")
            if channel is None:
                # As the moderation queue's own posts do: told once a channel is set.
                raise NotYet(
                    self._clock.now() + CHANNEL_RECHECK,
                    "the server has no mod-queue channel; the notice waits for one",
                )
            return Outgoing(Channel(channel), notice(ballot))

        return tell

    async def on_setting_changed(self, change: SettingChange) -> None:
        """A new mod-queue channel takes at once the called-off notices that waited for one."""
        if change.setting == "channel:modqueue":
            await self._jobs.run_now(SHOWCASE_CALLED_OFF_JOB, "", guild_id=change.guild_id)

    async def ballot_posted(self, posted: Ballot, channel_id: int, message_id: int) -> None:
        """Keep where the ballot's message is, `posted` as it was rendered. A lock (or a forget)
        that changed the ballot while its message was on its way found no message to render
        again: a job committed here renders it from the database, so it offers no build the
        ballot no longer holds."""
        async with self._store.transaction():
            await self._store.execute(
                "UPDATE showcase_ballots SET channel_id = ?, message_id = ? WHERE id = ?",
                (channel_id, message_id, posted.id),
            )
            current = await self.ballot(posted.guild_id, posted.id)
            if current != replace(posted, channel_id=channel_id, message_id=message_id):
                await self._jobs.schedule(
                    SHOWCASE_BALLOT_JOB,
                    f"{posted.id}:posted",
                    self._clock.now(),
                    payload={"ballot_id": posted.id},
                    guild_id=posted.guild_id,
                )

    async def sending(self, ballot: Ballot, channel_id: int) -> Ballot:
        """Keep where the ballot's message is about to be sent, before the send: one sent may
        be out, and is looked for there should its send go unanswered or the bot stop."""
        await self._store.execute(
            "UPDATE showcase_ballots SET sent_to = ? WHERE id = ?", (channel_id, ballot.id)
        )
        return replace(ballot, sent_to=channel_id)

    async def discard_ballot(self, ballot: Ballot, *, unless_sent: bool = False) -> None:
        """Forget a ballot whose message is surely not out (refused, not found where it was
        sent, or, `unless_sent`, never sent); one whose message was recorded meanwhile stays."""
        await self._store.execute(
            "DELETE FROM showcase_ballots WHERE id = ? AND message_id IS NULL "
            "AND (? OR sent_to IS NULL)",
            (ballot.id, not unless_sent),
        )

    async def unrecorded(self, guild_id: int) -> tuple[Ballot, datetime | None] | None:
        """The server's open ballot whose message is not recorded (its send unanswered, or the
        bot stopped before recording it), and until when a command may still be sending it
        (None once it may be looked for), if there is one."""
        ballot_id = await self._store.fetchval(
            "SELECT id FROM showcase_ballots WHERE guild_id = ? AND closed_at IS NULL "
            "AND message_id IS NULL",
            (guild_id,),
        )
        if ballot_id is None:
            return None
        ballot = await self.ballot(guild_id, ballot_id)
        assert ballot.opened_at is not None  # read from the table, where it is required
        sending_until = ballot.opened_at + SENT_WITHIN
        return ballot, sending_until if sending_until > self._clock.now() else None
