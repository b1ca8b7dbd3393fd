"""Nominations, features and Build of the Month ballots: the rules and their tables."""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import replace

from bot.builds import Build, BuildService, build_number
from bot.clock import Clock, from_unix, unix
from bot.delivery import Channel, DirectMessage, Outgoing
from bot.errors import NotFound, UserError
from bot.jobs import GiveUp, Handler, Job, JobQueue, NotYet
from bot.limits import require_length
from bot.modqueue import CHANNEL_RECHECK, ModQueue
from bot.privacy import FORMER_MEMBER, AuthoredPosts, MemberData
from bot.setup import SettingChange, SetupService
from bot.showcase.privacy import ShowcaseMemberData
from bot.showcase.values import (
    FEATURE_NOTE,
    MAX_CANDIDATES,
    MIN_CANDIDATES,
    NOMINATION_KIND,
    NOMINATION_REASON,
    NOMINATION_WINDOW,
    SHOWCASE_BALLOT_JOB,
    SHOWCASE_CALLED_OFF_JOB,
    SHOWCASE_FEATURED_JOB,
    Ballot,
    CalledOffNotice,
    Feature,
    FeaturedNews,
    FeaturedNotice,
    Nomination,
    Tally,
    Vote,
    feature_of,
    nomination_of,
)
from bot.showcase.withdrawals import BallotWithdrawals
from bot.store import Store


class ShowcaseService:
    def __init__(
        self, store: Store, clock: Clock, jobs: JobQueue, builds: BuildService, modqueue: ModQueue
    ) -> None:
        self._store = store
        self._clock = clock
        self._jobs = jobs
        self._builds = builds
        self._modqueue = modqueue
        self._withdrawals = BallotWithdrawals(store, clock, jobs)

    def member_data(self) -> MemberData:
        """The showcase's part of a member's data (`ShowcaseMemberData`), registered before
        the builds' part: votes for a build being deleted must go before it."""
        return ShowcaseMemberData(self._store, self._modqueue, self._withdrawals).member_data()

    # -- nominations --------------------------------------------------------------------------

    async def nominate(self, build: Build, member_id: int, reason: str | None = None) -> Nomination:
        """A member's nomination of someone else's build, one pending per member and build; a
        member whose nomination was decided may nominate it again, as a new nomination. The
        build's first pending nomination goes to the moderation queue; later ones join its
        item, and its post shows them."""
        if build.owner_id == member_id:
            raise UserError("You cannot nominate your own build; let others find it.")
        text = require_length("The reason", reason, NOMINATION_REASON) if reason else None
        now = unix(self._clock.now())
        async with self._store.transaction():
            await self._refuse_locked(build.guild_id, build.id, "nominated")
            if await self._store.fetchval(
                "SELECT 1 FROM showcase_posts WHERE build_id = ?", (build.id,)
            ):
                raise UserError(f"Build #{build.id} is featured already.")
            try:
                nomination_id = await self._store.insert(
                    "INSERT INTO showcase_nominations (guild_id, build_id, nominated_by, reason, "
                    "created_at) VALUES (?, ?, ?, ?, ?)",
                    (build.guild_id, build.id, member_id, text, now),
                )
            except sqlite3.IntegrityError:  # the member's pending one, by the table's index
                raise UserError(
                    f"You nominated build #{build.id} already; it waits for the moderators."
                ) from None
            lead = await self._store.fetchval(
                "SELECT min(id) FROM showcase_nominations WHERE build_id = ? "
                "AND status = 'pending'",
                (build.id,),
            )
            if lead == nomination_id:
                await self._modqueue.submitted(build.guild_id, NOMINATION_KIND, nomination_id)
            else:  # the moderators deciding from the item's post see who else nominated it
                await self._modqueue.changed(build.guild_id, NOMINATION_KIND, lead, nomination_id)
        return Nomination(nomination_id, build.guild_id, build.id, member_id, text, from_unix(now))

    async def has_nomination(self, guild_id: int, nomination_id: int) -> bool:
        """Whether the nomination is kept, pending or decided (a forget deletes it)."""
        found = await self._store.fetchval(
            "SELECT 1 FROM showcase_nominations WHERE guild_id = ? AND id = ?",
            (guild_id, nomination_id),
        )
        return found is not None

    async def nominated_build(self, guild_id: int, nomination_id: int) -> Build:
        build_id = await self._store.fetchval(
            "SELECT build_id FROM showcase_nominations WHERE guild_id = ? AND id = ?",
            (guild_id, nomination_id),
        )
        if build_id is None:
            raise NotFound("That nomination does not exist in this server.")
        return await self._builds.get(guild_id, build_id)

    async def pending_leads(self, guild_id: int, limit: int) -> list[int]:
        """The first pending nomination of each nominated build, oldest first."""
        rows = await self._store.fetchall(
            "SELECT min(id) AS lead FROM showcase_nominations WHERE guild_id = ? "
            "AND status = 'pending' GROUP BY build_id ORDER BY lead LIMIT ?",
            (guild_id, limit),
        )
        return [row["lead"] for row in rows]

    async def pending_alongside(self, guild_id: int, nomination_id: int) -> list[Nomination]:
        """The pending nominations of the build `nomination_id` nominated, while it is pending
        itself; oldest first."""
        rows = await self._store.fetchall(
            "SELECT * FROM showcase_nominations WHERE status = 'pending' AND build_id = "
            "(SELECT build_id FROM showcase_nominations WHERE guild_id = ? AND id = ? "
            "AND status = 'pending') ORDER BY id",
            (guild_id, nomination_id),
        )
        return [nomination_of(row) for row in rows]

    async def dismiss(self, guild_id: int, nomination_id: int, moderator_id: int) -> None:
        """Turn down the build's pending nominations, once."""
        dismissed = await self._store.execute(
            "UPDATE showcase_nominations SET status = 'dismissed', decided_by = ?, "
            "decided_at = ? WHERE status = 'pending' AND build_id = "
            "(SELECT build_id FROM showcase_nominations WHERE guild_id = ? AND id = ? "
            "AND status = 'pending')",
            (moderator_id, unix(self._clock.now()), guild_id, nomination_id),
        )
        if not dismissed:
            raise UserError("That showcase nomination was already decided.")

    # -- featuring ----------------------------------------------------------------------------

    async def claim_feature(
        self,
        build: Build,
        moderator_id: int,
        note: str | None,
        *,
        approving_nominations: bool = False,
    ) -> int | None:
        """Reserve the build's one showcase post; a second claim (another moderator, a double
        click) is refused by the table's key, never by a check that could race. Returns the
        moderation queue's item for the build's pending nominations, which the claim answered.

        When `approving_nominations` (an Approve in the moderation queue), the build's
        nominations must still be pending in the same transaction: a Reject that got in first
        has decided them, and nothing is claimed.
        """
        text = require_length("The note", note, FEATURE_NOTE) if note else None
        now = unix(self._clock.now())
        async with self._store.transaction():
            await self._refuse_locked(build.guild_id, build.id, "featured")
            inserted = await self._store.execute(
                "INSERT INTO showcase_posts (guild_id, build_id, featured_by, note, created_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (build_id) DO NOTHING",
                (build.guild_id, build.id, moderator_id, text, now),
            )
            if not inserted:
                raise UserError(f"Build #{build.id} is featured already.")
            lead = await self._store.fetchval(
                "SELECT min(id) FROM showcase_nominations WHERE build_id = ? "
                "AND status = 'pending'",
                (build.id,),
            )
            answered = await self._store.execute(
                "UPDATE showcase_nominations SET status = 'featured', decided_by = ?, "
                "decided_at = ? WHERE build_id = ? AND status = 'pending'",
                (moderator_id, now, build.id),
            )
            if approving_nominations and not answered:
                raise UserError("That showcase nomination was already decided.")
        return lead

    async def _refuse_locked(self, guild_id: int, build_id: int, done: str) -> None:
        """Refuse a build a moderator locked (read again in the caller's transaction, so a lock
        that lands meanwhile counts): the showcase never promotes what moderators shut."""
        current = await self._builds.get(guild_id, build_id)
        if current.locked:
            why = f" ({current.lock_reason})" if current.lock_reason else ""
            raise UserError(
                f"Build #{build_id} is locked by a moderator{why}, so it cannot be {done}."
            )

    async def abandon_feature(self, build: Build) -> None:
        """Give back a claim whose post Discord refused: no feature, and the nominations it
        answered wait for a moderator again."""
        async with self._store.transaction():
            claim = await self._store.fetchone(
                "SELECT featured_by, created_at FROM showcase_posts WHERE build_id = ? "
                "AND message_id IS NULL",
                (build.id,),
            )
            if claim is None:
                return
            await self._store.execute("DELETE FROM showcase_posts WHERE build_id = ?", (build.id,))
            await self._store.execute(
                "UPDATE showcase_nominations SET status = 'pending', decided_by = NULL, "
                "decided_at = NULL WHERE build_id = ? AND status = 'featured' "
                "AND decided_by = ? AND decided_at = ?",
                (build.id, claim["featured_by"], claim["created_at"]),
            )

    async def feature_posted(
        self, build: Build, channel_id: int, message_id: int, *, pinned: bool
    ) -> None:
        """Keep where the feature was posted, and have its news sent by DM, once, to the
        build's owner and to each member whose nomination it answered. Who is told is read in
        the same transaction that schedules the DMs: a member forgotten before is not among
        them, and one forgotten after has their DM deleted unsent."""
        async with self._store.transaction():
            await self._store.execute(
                "UPDATE showcase_posts SET channel_id = ?, message_id = ?, pinned = ? "
                "WHERE build_id = ?",
                (channel_id, message_id, int(pinned), build.id),
            )
            await self._builds.set_featured(build, True)
            await self._tell_featured(build, channel_id, message_id)

    async def _tell_featured(self, build: Build, channel_id: int, message_id: int) -> None:
        current = await self._builds.get(build.guild_id, build.id)  # a forget may have changed it
        claim = await self._store.fetchone(
            "SELECT featured_by, created_at FROM showcase_posts WHERE build_id = ?", (build.id,)
        )
        assert claim is not None  # the caller's post of this claim is what is being recorded
        nominators = await self._store.fetchall(
            "SELECT DISTINCT nominated_by FROM showcase_nominations WHERE build_id = ? "
            "AND status = 'featured' AND decided_by = ? AND decided_at = ? ORDER BY nominated_by",
            (build.id, claim["featured_by"], claim["created_at"]),
        )
        told = [(current.owner_id, False)] + [(row["nominated_by"], True) for row in nominators]
        for member_id, nominated in told:
            if member_id == FORMER_MEMBER:
                continue
            await self._jobs.schedule(
                SHOWCASE_FEATURED_JOB,
                f"{build.id}:{message_id}:{member_id}",
                self._clock.now(),
                payload={
                    "user_id": member_id,
                    "build_id": build.id,
                    "title": current.title,
                    "channel_id": channel_id,
                    "message_id": message_id,
                    "nominated": nominated,
                },
                guild_id=build.guild_id,
            )

    def featured_handler(self, notice: FeaturedNotice) -> Handler:
        """The SHOWCASE_FEATURED_JOB handler: the DM telling a member of a feature, unless the
        build was unfeatured before it went out."""

        async def tell(job: Job) -> Outgoing | None:
            if job.guild_id is None:
                raise GiveUp("a feature without a server")
            payload = job.payload
            feature = await self.featured_post(job.guild_id, payload["build_id"])
            if feature is None or feature.message_id != payload["message_id"]:
                return None
            news = FeaturedNews(
                job.guild_id,
                payload["build_id"],
                payload["title"],
                payload["channel_id"],
                payload["message_id"],
                payload["nominated"],
            )
            return Outgoing(DirectMessage(payload["user_id"]), notice(news))

        return tell

    async def set_pinned(self, build_id: int, pinned: bool) -> None:
        await self._store.execute(
            "UPDATE showcase_posts SET pinned = ? WHERE build_id = ?", (int(pinned), build_id)
        )

    async def oldest_pinned(self, guild_id: int) -> Feature | None:
        row = await self._store.fetchone(
            "SELECT * FROM showcase_posts WHERE guild_id = ? AND pinned = 1 "
            "ORDER BY created_at, build_id LIMIT 1",
            (guild_id,),
        )
        return None if row is None else feature_of(row)

    async def featured_post(self, guild_id: int, build_id: int) -> Feature | None:
        """The build's showcase post, if it is featured."""
        row = await self._store.fetchone(
            "SELECT * FROM showcase_posts WHERE build_id = ? AND guild_id = ?",
            (build_id, guild_id),
        )
        return None if row is None else feature_of(row)

    async def unfeature(self, build: Build) -> Feature:
        """Drop the build's showcase post (also when its posting failed); returns what it was."""
        feature = await self.featured_post(build.guild_id, build.id)
        if feature is None:
            raise NotFound(f"Build #{build.id} is not featured.")
        await self._store.execute("DELETE FROM showcase_posts WHERE build_id = ?", (build.id,))
        await self._builds.set_featured(build, False)
        return feature

    # -- Build of the Month ------------------------------------------------------------------

    async def start_ballot(
        self, guild_id: int, moderator_id: int, candidates: str | None
    ) -> Ballot:
        """Open the server's one ballot, on the builds named or, without any, those nominated
        in the last month (nominated by most members first); never a locked build."""
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
                await self._store.executemany(
                    "INSERT INTO showcase_candidates (guild_id, ballot_id, build_id, position) "
                    "VALUES (?, ?, ?, ?)",
                    [(guild_id, ballot_id, b, n) for n, b in enumerate(chosen, start=1)],
                )
        except sqlite3.IntegrityError:
            raise UserError(
                "A ballot is open already; close it with `/showcase-mod vote close` first."
            ) from None
        return await self.ballot(guild_id, ballot_id)

    async def _candidates(self, guild_id: int, typed: str | None) -> list[int]:
        named = typed is not None and bool(typed.strip())
        if named:
            # Distinct builds, not distinct words: "12 #12" names one build.
            ids = list(
                dict.fromkeys(build_number(word) for word in typed.replace(",", " ").split())
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
            raise UserError("A ballot needs at least two builds: name them, e.g. `12, 15, 18`.")
        if len(ids) > MAX_CANDIDATES:
            raise UserError(f"A ballot holds at most {MAX_CANDIDATES} builds; {len(ids)} given.")
        if named:
            for build_id in ids:  # also refuses another server's builds
                await self._refuse_locked(guild_id, build_id, "put on a ballot")
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

    async def discard_ballot(self, ballot: Ballot) -> None:
        """Forget a ballot whose message could not be posted."""
        await self._store.execute("DELETE FROM showcase_ballots WHERE id = ?", (ballot.id,))

    async def vote(self, guild_id: int, ballot_id: int, member_id: int, build_id: int) -> Vote:
        """Record or move a member's one vote; the last click counts."""
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
                raise UserError("This ballot is closed; the results are posted.")
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
        return Vote(build_id, previous if previous != build_id else None)

    async def _refuse_own_build(self, guild_id: int, member_id: int, build_id: int) -> None:
        # As with nominations: a ballot is the others' choice, not a poll of owners.
        try:
            build = await self._builds.get(guild_id, build_id)
        except NotFound:
            raise UserError("That build is not on this ballot.") from None
        if build.owner_id == member_id:
            raise UserError("You cannot vote for your own build; vote for another one you like.")

    async def close_ballot(self, guild_id: int) -> Tally:
        """Close the server's open ballot and count it."""
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
        return await self.tally(guild_id, ballot_id)

    async def tally(self, guild_id: int, ballot_id: int) -> Tally:
        ballot = await self.ballot(guild_id, ballot_id)
        rows = await self._store.fetchall(
            "SELECT c.build_id, count(v.member_id) AS votes FROM showcase_candidates c "
            "LEFT JOIN showcase_votes v ON v.ballot_id = c.ballot_id AND v.build_id = c.build_id "
            "WHERE c.ballot_id = ? GROUP BY c.build_id ORDER BY votes DESC, c.position",
            (ballot_id,),
        )
        counts = tuple((row["build_id"], row["votes"]) for row in rows)
        top = counts[0][1] if counts else 0
        winners = tuple(b for b, votes in counts if votes == top and top > 0)
        return Tally(ballot, counts, winners)
