"""Build of the Month: the server's one open ballot, its candidates and votes, and what locks
and withdrawals do to it."""

from __future__ import annotations

import contextlib
import sqlite3
from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta

from bot.builds import Build, BuildService
from bot.clock import Clock, from_unix, unix
from bot.delivery import Channel, Outgoing, Sent, delivered_to
from bot.errors import NotFound, UserError
from bot.jobs import GiveUp, Handler, Job, JobQueue, NotYet
from bot.modqueue import CHANNEL_RECHECK
from bot.privacy.posts import AuthoredPosts
from bot.setup import SettingChange, SetupService
from bot.showcase.values import (
    MAX_CANDIDATES,
    MIN_CANDIDATES,
    NOMINATION_WINDOW,
    SHOWCASE_BALLOT_JOB,
    SHOWCASE_CALLED_OFF_JOB,
    SHOWCASE_RESULT_JOB,
    Ballot,
    CalledOffNotice,
    ClickedBallot,
    ResultCard,
    Tally,
    Vote,
    candidate_numbers,
    refuse_locked,
)
from bot.showcase.withdrawals import BallotWithdrawals
from bot.store import Store
from bot.turns import Turns

# A close shows on the ballot as the moderator's command is answered, which Discord allows for
# 15 minutes; a ballot still unshown after that never will be by the command (the bot stopped
# mid-close), and a job committed with the close shows it (brought forward once the result's
# post is out, to link it).
CLOSE_SHOWN_WITHIN = timedelta(minutes=15)
# Likewise a ballot's message is sent while its command is answered: one still unrecorded after
# that is not on its way, and a look in its channel can tell whether it is out.
SENT_WITHIN = timedelta(minutes=15)


class BallotService:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        jobs: JobQueue,
        builds: BuildService,
        withdrawals: BallotWithdrawals,
    ) -> None:
        self._store = store
        self._clock = clock
        self._jobs = jobs
        self._builds = builds
        self._withdrawals = withdrawals
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
    ) -> Ballot:
        """Open the server's one ballot, on the builds named or, without any, those nominated
        in the last month (nominated by most members first); never a locked build. Its message
        is sent once `sending` keeps where, with `ballot_nonce`."""
        ballot_id: int | None = None
        try:
            async with self._store.transaction():
                # Chosen in the transaction: a lock landing meanwhile finds the ballot (and
                # withdraws its build) or keeps the build off it.
                chosen = await self._candidates(guild_id, candidates)
                ballot_id = await self._store.insert(
                    "INSERT INTO showcase_ballots (guild_id, opened_by, opened_at) "
                    "VALUES (?, ?, ?)",
                    (guild_id, moderator_id, unix(self._clock.now())),
                )
                # Known before the commit lets another command see the ballot.
                self._starting.add(ballot_id)
                await self._store.executemany(
                    "INSERT INTO showcase_candidates (guild_id, ballot_id, build_id, position) "
                    "VALUES (?, ?, ?, ?)",
                    [(guild_id, ballot_id, b, n) for n, b in enumerate(chosen, start=1)],
                )
            return await self.ballot(guild_id, ballot_id)
        except BaseException as error:
            if ballot_id is not None:
                self._starting.discard(ballot_id)
            if isinstance(error, sqlite3.IntegrityError):
                raise UserError(
                    "A ballot is open already; close it with `/showcase-mod vote close` first."
                ) from None
            raise

    def starting(self, ballot: Ballot) -> bool:
        """Whether a command of this process is opening the ballot now."""
        return ballot.id in self._starting

    def done_starting(self, ballot: Ballot) -> None:
        """The ballot `start_ballot` opened is posted, given back or its send unanswered."""
        self._starting.discard(ballot.id)

    async def _candidates(self, guild_id: int, typed: str | None) -> list[int]:
        named = typed is not None and bool(typed.strip())
        if named:
            ids = candidate_numbers(typed)
            # A build named again ("12, 12", "12 #12") is likely a typo for another one: said,
            # rather than quietly dropped, or read as too few builds.
            repeated = [(build_id, n) for build_id, n in Counter(ids).items() if n > 1]
            if repeated:
                build_id, times = repeated[0]
                said = "twice" if times == 2 else f"{times} times"
                raise UserError(
                    f"Build #{build_id} is named {said}; name each candidate once, "
                    "e.g. `12, 15, 18`."
                )
        else:
            since = unix(self._clock.now() - NOMINATION_WINDOW)
            # Counted by member: a member who nominated a build again, in a new round, counts
            # once.
            rows = await self._store.fetchall(
                "SELECT n.build_id FROM showcase_nominations AS n JOIN builds "
                "ON builds.id = n.build_id WHERE n.guild_id = ? AND n.created_at >= ? "
                "AND builds.locked_at IS NULL GROUP BY n.build_id "
                "ORDER BY count(DISTINCT n.nominated_by) DESC, min(n.id) LIMIT ?",
                (guild_id, since, MAX_CANDIDATES),
            )
            ids = [row["build_id"] for row in rows]
        if len(ids) < MIN_CANDIDATES:
            if named:
                raise UserError("A ballot needs at least two builds: name them, e.g. `12, 15, 18`.")
            nominated = "only 1 was" if ids else "none was"
            raise UserError(
                f"A ballot needs at least two builds, and {nominated} nominated in the last "
                "month: name the candidates, e.g. `12, 15, 18`."
            )
        if len(ids) > MAX_CANDIDATES:
            raise UserError(f"A ballot holds at most {MAX_CANDIDATES} builds; {len(ids)} given.")
        if named:
            for build_id in ids:  # also refuses another server's builds
                await refuse_locked(self._builds, guild_id, build_id, "put on a ballot")
        return ids

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

    async def ballot(self, guild_id: int, ballot_id: int) -> Ballot:
        row = await self._store.fetchone(
            "SELECT * FROM showcase_ballots WHERE guild_id = ? AND id = ?", (guild_id, ballot_id)
        )
        if row is None:
            raise NotFound("That ballot does not exist in this server.")
        candidates = await self._store.fetchall(
            "SELECT build_id FROM showcase_candidates WHERE ballot_id = ? ORDER BY position",
            (ballot_id,),
        )
        withdrawn = await self._store.fetchall(
            "SELECT build_id FROM showcase_withdrawn WHERE ballot_id = ? ORDER BY build_id",
            (ballot_id,),
        )
        return Ballot(
            row["id"],
            row["guild_id"],
            tuple(c["build_id"] for c in candidates),
            row["channel_id"],
            row["message_id"],
            row["closed_at"] is not None,
            tuple(w["build_id"] for w in withdrawn),
            bool(row["called_off"]),
            row["sent_to"],
            from_unix(row["opened_at"]),
        )

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

    async def vote(
        self,
        guild_id: int,
        ballot_id: int,
        member_id: int,
        build_id: int,
        *,
        clicked: ClickedBallot | None = None,
    ) -> Vote:
        """Record or move a member's one vote; the last click counts. The ballot's message,
        `clicked`, is recorded if it was not (see `_clicked`)."""
        async with self._store.transaction():
            ballot = await self._store.fetchone(
                "SELECT closed_at, called_off FROM showcase_ballots WHERE guild_id = ? AND id = ?",
                (guild_id, ballot_id),
            )
            if ballot is None:
                raise NotFound("That ballot does not exist in this server.")
            if ballot["called_off"]:
                raise UserError(
                    "This ballot was called off: too few of its builds are left to choose from."
                )
            if ballot["closed_at"] is not None:
                raise UserError("This ballot is closed; no more votes are counted.")
            await self._refuse_own_build(guild_id, member_id, build_id)
            previous = await self._store.fetchval(
                "SELECT build_id FROM showcase_votes WHERE ballot_id = ? AND member_id = ?",
                (ballot_id, member_id),
            )
            try:
                await self._store.execute(
                    "INSERT INTO showcase_votes (guild_id, ballot_id, member_id, build_id, "
                    "voted_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (ballot_id, member_id) "
                    "DO UPDATE SET build_id = excluded.build_id, voted_at = excluded.voted_at",
                    (guild_id, ballot_id, member_id, build_id, unix(self._clock.now())),
                )
            except sqlite3.IntegrityError:
                raise UserError("That build is not on this ballot.") from None
            if clicked is not None:
                await self._clicked(guild_id, ballot_id, clicked)
        return Vote(build_id, previous if previous != build_id else None)

    async def _clicked(self, guild_id: int, ballot_id: int, clicked: ClickedBallot) -> None:
        """A click came from the ballot's message, which a send left unanswered or a stop left
        unrecorded: recorded now, so withdrawals and the close show on it without looking for
        it. One offering other builds than the ballot holds (a withdrawal found no message to
        render again) is rendered again by a job committed with it."""
        recorded = await self._store.execute(
            "UPDATE showcase_ballots SET channel_id = ?, message_id = ? WHERE id = ? "
            "AND message_id IS NULL",
            (clicked.channel_id, clicked.message_id, ballot_id),
        )
        if recorded and clicked.candidates != (await self.ballot(guild_id, ballot_id)).candidates:
            await self._jobs.schedule(
                SHOWCASE_BALLOT_JOB,
                f"{ballot_id}:clicked",
                self._clock.now(),
                payload={"ballot_id": ballot_id},
                guild_id=guild_id,
            )

    async def _refuse_own_build(self, guild_id: int, member_id: int, build_id: int) -> None:
        # As with nominations: a ballot is the others' choice, not a poll of owners.
        try:
            build = await self._builds.get(guild_id, build_id)
        except NotFound:
            raise UserError("That build is not on this ballot.") from None
        if build.owner_id == member_id:
            raise UserError("You cannot vote for your own build; vote for another one you like.")

    async def close_ballot(self, guild_id: int) -> Tally:
        """Close the server's open ballot and count it; its result's post goes out by the
        outbox, by a job committed with the close."""
        async with self._store.transaction():
            ballot_id = await self._store.fetchval(
                "SELECT id FROM showcase_ballots WHERE guild_id = ? AND closed_at IS NULL",
                (guild_id,),
            )
            if ballot_id is None:
                raise UserError(
                    "There is no open ballot. Start one with `/showcase-mod vote start`."
                )
            await self._store.execute(
                "UPDATE showcase_ballots SET closed_at = ? WHERE id = ?",
                (unix(self._clock.now()), ballot_id),
            )
            # Counted now, as the moderator is told it: the result's post goes out later, and a
            # forget or a build deleted meanwhile must not change it.
            await self._store.execute(
                "INSERT INTO showcase_tallies (guild_id, ballot_id, build_id, position, votes) "
                f"{_LIVE_COUNTS}",
                (ballot_id,),
            )
            await self._jobs.schedule(
                SHOWCASE_BALLOT_JOB,
                _closed_key(ballot_id),
                self._clock.now() + CLOSE_SHOWN_WITHIN,
                payload={"ballot_id": ballot_id},
                guild_id=guild_id,
            )
            # Announced by the outbox, committed with the close: once, and retried while
            # Discord refuses it for a while, whatever becomes of the moderator's command.
            await self._jobs.schedule(
                SHOWCASE_RESULT_JOB,
                str(ballot_id),
                self._clock.now(),
                payload={"ballot_id": ballot_id},
                guild_id=guild_id,
            )
        return await self.tally(guild_id, ballot_id)

    def result_handler(self, result_card: ResultCard) -> Handler:
        """The SHOWCASE_RESULT_JOB handler: the closed ballot's result, worded by
        `result_card`, posted where its message is (or was sent)."""

        async def announce(job: Job) -> Outgoing:
            if job.guild_id is None:
                raise GiveUp("a ballot without a server")
            try:
                tally = await self.tally(job.guild_id, job.payload["ballot_id"])
            except NotFound:
                raise GiveUp("the ballot was discarded") from None
            channel_id = tally.ballot.channel_id or tally.ballot.sent_to
            if channel_id is None:
                raise GiveUp("the ballot was never posted")
            content, embed = result_card(tally, await self.titles(tally))
            return Outgoing(Channel(channel_id), content, (embed,))

        return announce

    async def result_posted(self, job: Job, sent: Sent) -> None:
        """A SentHook: the closed ballot is rendered again, to point to its result's post, by
        the job that shows its close when the close's command did not (brought forward), or by
        a job of its own."""
        ballot_id = job.payload["ballot_id"]
        now = self._clock.now()
        if not await self._jobs.reschedule(SHOWCASE_BALLOT_JOB, _closed_key(ballot_id), now):
            await self._jobs.schedule(
                SHOWCASE_BALLOT_JOB,
                f"{ballot_id}:result",
                now,
                payload={"ballot_id": ballot_id},
                guild_id=job.guild_id,
            )

    async def result_post(self, ballot: Ballot) -> tuple[int, int] | None:
        """The channel and message ids of the closed ballot's result post, once it is out."""
        return await delivered_to(self._store, SHOWCASE_RESULT_JOB, str(ballot.id))

    async def close_shown(self, ballot: Ballot) -> None:
        """The close's command showed the close on the ballot: its job has nothing to do."""
        await self._jobs.cancel(SHOWCASE_BALLOT_JOB, _closed_key(ballot.id))

    async def tally(self, guild_id: int, ballot_id: int) -> Tally:
        """The ballot's votes per build: as counted at its close once it is closed, else as
        they stand."""
        ballot = await self.ballot(guild_id, ballot_id)
        counted = (
            "SELECT guild_id, ballot_id, build_id, position, votes FROM showcase_tallies "
            "WHERE ballot_id = ? ORDER BY votes DESC, position"
            if ballot.closed
            else f"{_LIVE_COUNTS} ORDER BY votes DESC, c.position"
        )
        rows = await self._store.fetchall(counted, (ballot_id,))
        counts = tuple((row["build_id"], row["votes"]) for row in rows)
        top = counts[0][1] if counts else 0
        winners = tuple(b for b, votes in counts if votes == top and top > 0)
        return Tally(ballot, counts, winners)

    async def titles(self, tally: Tally) -> dict[int, str]:
        """The titles of the tally's builds; a build deleted since its ballot closed (with its
        owner's data) keeps its count, not its title."""
        titles = {}
        for build_id, _ in tally.counts:
            try:
                titles[build_id] = (await self._builds.get(tally.ballot.guild_id, build_id)).title
            except NotFound:
                titles[build_id] = DELETED_SINCE
        return titles


# A ballot's votes per candidate, as they stand (the ballot's id the one parameter).
_LIVE_COUNTS = (
    "SELECT c.guild_id, c.ballot_id, c.build_id, c.position, count(v.member_id) AS votes "
    "FROM showcase_candidates AS c LEFT JOIN showcase_votes AS v "
    "ON v.ballot_id = c.ballot_id AND v.build_id = c.build_id "
    "WHERE c.ballot_id = ? GROUP BY c.build_id"
)
# How a counted build deleted since the close is named in its ballot's result.
DELETED_SINCE = "(deleted since)"


def _closed_key(ballot_id: int) -> str:
    return f"{ballot_id}:closed"
