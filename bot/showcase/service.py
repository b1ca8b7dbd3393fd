"""Nominations and features: the rules and their tables (ballots are `BallotService`'s)."""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta

from bot.builds import Build, BuildService
from bot.clock import Clock, from_unix, unix
from bot.delivery import DirectMessage, Outgoing
from bot.errors import NotFound, UserError
from bot.jobs import GiveUp, Handler, Job, JobQueue
from bot.limits import checked_reason
from bot.modqueue import ModQueue, RejectedBefore
from bot.privacy import FORMER_MEMBER, MemberData
from bot.showcase.ballot_news import SHOWCASE_BALLOT_DM_JOBS
from bot.showcase.ballots import BallotService
from bot.showcase.privacy import ShowcaseMemberData
from bot.showcase.server_names import ServerNameLookup, ServerNames
from bot.showcase.values import (
    FEATURE_NOTE,
    NOMINATION_KIND,
    NOMINATION_REASON,
    SHOWCASE_FEATURED_JOB,
    Feature,
    FeaturedNews,
    FeaturedNotice,
    FeatureRecovery,
    Nomination,
    Recovered,
    RejectedNominations,
    UnpostedClaim,
    build_fingerprint,
    feature_of,
    given_back_unless_found,
    nomination_of,
    refuse_locked,
    unposted_claim,
)
from bot.showcase.withdrawals import BallotWithdrawals
from bot.store import Store

# A feature is posted while the moderator's click or command is answered, and Discord lets an
# interaction be answered for 15 minutes: a claim still unposted after that never will be (the
# bot stopped mid-feature), and would keep the build from ever being featured.
UNPOSTED_CLAIM_GIVEN_BACK = timedelta(minutes=15)


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
        self._server_names = ServerNames()
        self.ballots = BallotService(
            store, clock, jobs, builds, self._withdrawals, self._server_names
        )
        # A build's title and a vote are let go of once the DM is sent.
        for kind in SHOWCASE_BALLOT_DM_JOBS:
            jobs.forget_payload_when_finished(kind)
        # Its part of a member's data, and what a build's deletion lets go of.
        self.privacy = ShowcaseMemberData(store, modqueue, self._withdrawals)
        self._recover: FeatureRecovery | None = None
        # Builds a command of this process is featuring now (claimed, until its post is
        # recorded, refused or unanswered): a second claim meanwhile is told another moderator
        # is at it, not to wait out the claim's minutes.
        self._sending: set[int] = set()

    def recover_posts_with(self, recover: FeatureRecovery) -> None:
        """How a stale claim's post is looked for in Discord before the claim is given back
        (the discord layer's, registered as it loads)."""
        self._recover = recover

    def name_servers_with(self, lookup: ServerNameLookup) -> None:
        """How the DMs name a server (the discord layer's, registered as it loads)."""
        self._server_names.read_with(lookup)

    def member_data(self) -> MemberData:
        """The showcase's part of a member's data (`ShowcaseMemberData`), registered before
        the builds' part: votes for a build being deleted must go before it."""
        return self.privacy.member_data()

    # -- nominations --------------------------------------------------------------------------

    async def nominate(
        self,
        build: Build,
        member_id: int,
        reason: str | None = None,
        *,
        moderator: bool = False,
    ) -> Nomination:
        """A member's nomination of someone else's build, one pending per member and build; a
        member whose nomination was decided may nominate it again, as a new nomination. The
        build's first pending nomination goes to the moderation queue; later ones join its
        item, and its post shows them. A locked build is refused, why told to a `moderator`."""
        if build.owner_id == member_id:
            raise UserError("You cannot nominate your own build; let others find it.")
        text = checked_reason("The reason", reason, NOMINATION_REASON) if reason else None
        now = unix(self._clock.now())
        async with self._store.transaction():
            await refuse_locked(
                self._builds, build.guild_id, build.id, "nominated", moderator=moderator
            )
            if await self._store.fetchval(
                "SELECT 1 FROM showcase_posts WHERE build_id = ?", (build.id,)
            ):
                raise UserError(f"Build #{build.id} is featured already.")
            current = await self._builds.get(build.guild_id, build.id)
            cover = (await self._builds.first_photos([current])).get(current.id)
            seen = build_fingerprint(current, cover)
            try:
                nomination_id = await self._store.insert(
                    "INSERT INTO showcase_nominations (guild_id, build_id, nominated_by, reason, "
                    "created_at, build_seen) VALUES (?, ?, ?, ?, ?, ?)",
                    (build.guild_id, build.id, member_id, text, now, seen),
                )
            except sqlite3.IntegrityError:  # the member's pending one, by the table's index
                return await self._renewed(build, member_id, text)
            lead = await self._pending_lead(build.id)
            if lead == nomination_id:
                await self._modqueue.submitted(build.guild_id, NOMINATION_KIND, nomination_id)
            else:  # the moderators deciding from the item's post see who else nominated it
                await self._modqueue.changed(build.guild_id, NOMINATION_KIND, lead, nomination_id)
        return Nomination(
            nomination_id, build.guild_id, build.id, member_id, text, from_unix(now), seen
        )

    async def _renewed(self, build: Build, member_id: int, reason: str | None) -> Nomination:
        """The member's pending nomination of the build, nominated again (in the caller's
        transaction): one a ballot held counts for the next automatic ballot too, as a
        nomination made now would (its new `reason`, if any, replacing the old on its queue
        post); one no ballot held yet counts for the next already, and is refused. A build
        that won the last ballot sits the next one out: theirs count for the one after."""
        sits_out_next = build.id in (await self.ballots.last_winners(build.guild_id)).build_ids
        row = await self._store.fetchone(
            "UPDATE showcase_nominations SET ballot_id = NULL, reason = coalesce(?, reason) "
            "WHERE build_id = ? AND nominated_by = ? AND status = 'pending' "
            "AND ballot_id IS NOT NULL RETURNING *",
            (reason, build.id, member_id),
        )
        if row is None:
            counts_for = (
                "the Build of the Month ballot after the next one (the last winner sits the next "
                "one out)"
                if sits_out_next
                else "the next Build of the Month ballot"
            )
            raise UserError(
                f"You nominated build #{build.id} already; it waits for the moderators, and "
                f"counts for {counts_for}."
            )
        if reason is not None:
            await self._nominations_changed(build, f"renewed-{row['id']}-{unix(self._clock.now())}")
        return replace(nomination_of(row), renewed=True, sits_out_next=sits_out_next)

    async def build_shown_changed(self, build: Build) -> None:
        """Have a nominated build's queue post show its new title, truck or cover photo (run in
        the change's transaction, so a restart loses no edit)."""
        await self._nominations_changed(build, f"changed-{unix(self._clock.now())}")

    async def build_lock_changed(self, build: Build, change: int) -> None:
        """A `BuildService.when_lock_changes` hook: a nominated build's queue post shows it on
        hold once it is locked (Reject alone, as `NominationQueue` holds it), and offers Approve
        again once it is unlocked (in the transaction of the lock's `change`-th change)."""
        await self._nominations_changed(build, f"lock-{change}")

    async def _nominations_changed(self, build: Build, change_id: str) -> None:
        lead = await self._pending_lead(build.id)
        if lead is not None:
            await self._modqueue.changed(build.guild_id, NOMINATION_KIND, lead, change_id)

    async def _pending_lead(self, build_id: int) -> int | None:
        """The nomination whose queue post stands for the build's pending ones: the first."""
        lead: int | None = await self._store.fetchval(
            "SELECT min(id) FROM showcase_nominations WHERE build_id = ? AND status = 'pending'",
            (build_id,),
        )
        return lead

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

    async def pending_by_build(self, guild_id: int, limit: int) -> list[list[Nomination]]:
        """The pending nominations of each of the first `limit` nominated builds, in one query:
        the builds in the order of their first pending nomination, each's oldest first."""
        rows = await self._store.fetchall(
            "SELECT n.* FROM showcase_nominations AS n JOIN ("
            "SELECT build_id, min(id) AS lead FROM showcase_nominations WHERE guild_id = ? "
            "AND status = 'pending' GROUP BY build_id ORDER BY lead LIMIT ?"
            ") AS leads ON leads.build_id = n.build_id "
            "WHERE n.status = 'pending' ORDER BY leads.lead, n.id",
            (guild_id, limit),
        )
        builds: dict[int, list[Nomination]] = {}
        for row in rows:
            builds.setdefault(row["build_id"], []).append(nomination_of(row))
        return list(builds.values())

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

    async def dismiss(
        self, guild_id: int, nomination_id: int, moderator_id: int, reason: str
    ) -> None:
        """Turn down the build's pending nominations, once, keeping the moderator's `reason` and
        the build as they judged it, for a later nomination repeating it (`rejected_before`)."""
        build = await self.nominated_build(guild_id, nomination_id)
        cover = (await self._builds.first_photos([build])).get(build.id)
        dismissed = await self._store.execute(
            "UPDATE showcase_nominations SET status = 'dismissed', decided_by = ?, "
            "decided_at = ?, rejection_reason = ?, build_rejected = ? WHERE status = 'pending' "
            "AND build_id = (SELECT build_id FROM showcase_nominations WHERE guild_id = ? "
            "AND id = ? AND status = 'pending')",
            (
                moderator_id,
                unix(self._clock.now()),
                reason,
                build_fingerprint(build, cover),
                guild_id,
                nomination_id,
            ),
        )
        if not dismissed:
            raise UserError("That showcase nomination was already decided.")

    async def rejected_before(
        self, guild_id: int, build_ids: Sequence[int]
    ) -> dict[int, list[RejectedNominations]]:
        """The rejections of each build's nominations, latest first, in one query (/modqueue
        reads up to LISTED_UP_TO items on every page)."""
        rows = await self._store.fetchall(
            "SELECT build_id, min(id) AS lead, decided_at, decided_by, rejection_reason, "
            "build_rejected FROM showcase_nominations WHERE guild_id = ? AND status = 'dismissed' "
            "AND build_id IN (SELECT value FROM json_each(?)) "
            "GROUP BY build_id, decided_at ORDER BY decided_at DESC, lead DESC",
            (guild_id, json.dumps(sorted(set(build_ids)))),
        )
        found: dict[int, list[RejectedNominations]] = {}
        for row in rows:
            rejected = RejectedBefore.stored(
                row["lead"], row["decided_at"], row["decided_by"], row["rejection_reason"]
            )
            found.setdefault(row["build_id"], []).append(
                RejectedNominations(rejected, row["build_rejected"])
            )
        return found

    # -- featuring ----------------------------------------------------------------------------

    @staticmethod
    def refuse_own_feature(build: Build, moderator_id: int, *, own_allowed: bool) -> None:
        """Refuse a moderator's feature of their own build (by command, or by approving its
        nomination), as nobody nominates their own: another moderator decides it, the second
        pair of eyes the moderation queue is for. The bot cannot tell whether there is another
        (it does not list a server's members), so an admin with Manage Server may
        (`own_allowed`)."""
        if build.owner_id == moderator_id and not own_allowed:
            raise UserError(
                f"Build #{build.id} is your own, so another moderator features it (or an admin "
                "with Manage Server)."
            )

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
        text = checked_reason("The note", note, FEATURE_NOTE) if note else None
        await self._give_back_if_stale(build)
        now = unix(self._clock.now())
        async with self._store.transaction():
            await refuse_locked(self._builds, build.guild_id, build.id, "featured")
            inserted = await self._store.execute(
                "INSERT INTO showcase_posts (guild_id, build_id, featured_by, note, created_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (build_id) DO NOTHING",
                (build.guild_id, build.id, moderator_id, text, now),
            )
            if not inserted:
                raise UserError(await self._claimed_already(build))
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
        # Marked once committed, and before this task lets another run (a claim waiting on the
        # store sees the row and the mark together): a claim rolled back leaves no mark behind,
        # which would tell every later claim another moderator is featuring the build.
        self._sending.add(build.id)
        return lead

    async def _claimed_already(self, build: Build) -> str:
        """Why a second claim of the build is refused: featured, or a claim whose post Discord
        has not confirmed (on its way, or its send unanswered), which only the wait after it
        can tell apart from no post at all."""
        row = await self._store.fetchone(
            "SELECT sent_to, message_id, created_at FROM showcase_posts WHERE build_id = ?",
            (build.id,),
        )
        if row is None or row["message_id"] is not None:
            return f"Build #{build.id} is featured already."
        if build.id in self._sending:
            on_its_way = (
                f"; its post is on its way to <#{row['sent_to']}>"
                if row["sent_to"] is not None
                else ""
            )
            return f"Another moderator is featuring build #{build.id} right now{on_its_way}."
        where = f" in <#{row['sent_to']}>" if row["sent_to"] is not None else ""
        after = unix(from_unix(row["created_at"]) + UNPOSTED_CLAIM_GIVEN_BACK)
        return (
            f"Discord has not confirmed the showcase post of build #{build.id}{where} yet. If it "
            f"shows{' there' if where else ''}, build #{build.id} is featured, pinned and tagged "
            f"once I find it; if not, try again after <t:{after}:t>, once I can be sure it was "
            "not posted."
        )

    async def give_back_stale_claims(self) -> int:
        """Give back every claim left unrecorded past `UNPOSTED_CLAIM_GIVEN_BACK` (at start-up,
        once connected, and daily) whose post is surely not out, its nominations waiting for a
        moderator again; a claim whose post is found is recorded instead. Returns how many
        were given back."""
        rows = await self._store.fetchall(
            "SELECT * FROM showcase_posts WHERE message_id IS NULL AND created_at <= ?",
            (unix(self._clock.now() - UNPOSTED_CLAIM_GIVEN_BACK),),
        )
        given_back = 0
        for row in rows:
            build = await self._builds.get(row["guild_id"], row["build_id"])
            if await self._look_for_post(build, row) is Recovered.NOT_POSTED:
                await self.abandon_feature(build)
                given_back += 1
        return given_back

    async def _give_back_if_stale(self, build: Build) -> None:
        row = await self._store.fetchone(
            "SELECT * FROM showcase_posts WHERE build_id = ? AND message_id IS NULL "
            "AND created_at <= ?",
            (build.id, unix(self._clock.now() - UNPOSTED_CLAIM_GIVEN_BACK)),
        )
        if row is None:
            return
        await given_back_unless_found(
            await self._look_for_post(build, row),
            lambda: self.abandon_feature(build),
            f"Build #{build.id} may be featured already: I stopped while posting it",
        )

    async def _look_for_post(self, build: Build, row: sqlite3.Row) -> Recovered:
        """Whether a stale claim's post is out (then recorded): a bot stopped after Discord
        took it but before recording it left the claim alone, and giving it back would have
        the build posted twice."""
        if row["sent_to"] is None:
            return Recovered.NOT_POSTED  # stopped before sending it
        if self._recover is None:
            return Recovered.UNCHECKED
        return await self._recover(build, unposted_claim(row))

    async def posting(self, build: Build, channel_id: int) -> UnpostedClaim:
        """Keep where the claimed feature is about to be posted, and the nonce it is sent
        with, before the send: should the bot stop before recording the post, the next one
        looks for it there."""
        async with self._store.transaction():
            await self._store.execute(
                "UPDATE showcase_posts SET sent_to = ?, nonce = ? WHERE build_id = ? "
                "AND message_id IS NULL",
                (channel_id, secrets.token_urlsafe(12), build.id),
            )
            row = await self._store.fetchone(
                "SELECT * FROM showcase_posts WHERE build_id = ?", (build.id,)
            )
        assert row is not None  # the caller's claim, given back only after it failed
        return unposted_claim(row)

    def done_posting(self, build: Build) -> None:
        """The claimed build's post is recorded, refused or unanswered: no longer on its way."""
        self._sending.discard(build.id)

    async def give_back_unless_sent(self, build: Build) -> None:
        """Give back a claim whose post was never sent; one sent (`posting`) may be out, and is
        looked for once stale (`give_back_stale_claims`)."""
        sent = await self._store.fetchval(
            "SELECT sent_to FROM showcase_posts WHERE build_id = ? AND message_id IS NULL",
            (build.id,),
        )
        self.done_posting(build)
        if sent is None:
            await self.abandon_feature(build)

    async def abandon_feature(self, build: Build) -> None:
        """Give back a claim whose post Discord refused: no feature, and the nominations it
        answered wait for a moderator again."""
        self.done_posting(build)
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
            lead = await self._pending_lead(build.id)
            if lead is not None:
                await self._modqueue.undone(build.guild_id, NOMINATION_KIND, lead)

    async def feature_posted(self, build: Build, channel_id: int, message_id: int) -> bool:
        """Keep where the feature was posted, and have its news sent by DM, once, to the
        build's owner and to each member whose nomination it answered. Who is told is read in
        the same transaction that schedules the DMs: a member forgotten before is not among
        them, and one forgotten after has their DM deleted unsent. False when the claim was
        recorded already (two looks for a stale claim's post finding it both)."""
        async with self._store.transaction():
            recorded = await self._store.execute(
                "UPDATE showcase_posts SET channel_id = ?, message_id = ? WHERE build_id = ? "
                "AND message_id IS NULL",
                (channel_id, message_id, build.id),
            )
            if not recorded:
                return False
            await self._builds.set_featured(build, True)
            await self._tell_featured(build, channel_id, message_id)
        self.done_posting(build)
        return True

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
                self._server_names.of(job.guild_id, self._clock.now()),
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

    async def pinned_features(self, guild_id: int, channel_id: int) -> list[Feature]:
        """The features pinned in `channel_id` as far as we know, oldest first: those that may
        make room for a new one (a showcase channel changed since keeps its own pins)."""
        rows = await self._store.fetchall(
            "SELECT * FROM showcase_posts WHERE guild_id = ? AND channel_id = ? AND pinned = 1 "
            "AND message_id IS NOT NULL ORDER BY created_at, build_id",
            (guild_id, channel_id),
        )
        return [feature_of(row) for row in rows]

    async def featured_post(self, guild_id: int, build_id: int) -> Feature | None:
        """The build's showcase post, if it is featured."""
        row = await self._store.fetchone(
            "SELECT * FROM showcase_posts WHERE build_id = ? AND guild_id = ?",
            (build_id, guild_id),
        )
        return None if row is None else feature_of(row)

    async def featured(self, build: Build) -> Feature:
        """The build's feature, which `unfeature` takes out."""
        feature = await self.featured_post(build.guild_id, build.id)
        if feature is None:
            raise NotFound(f"Build #{build.id} is not featured.")
        return feature

    async def unfeature(self, build: Build) -> None:
        """Drop the build's feature (also when its posting failed), once its post is deleted:
        a bot stopped between the two leaves a feature whose post is gone, which the next try
        takes out, never a post that no feature points to."""
        await self._store.execute("DELETE FROM showcase_posts WHERE build_id = ?", (build.id,))
        await self._builds.set_featured(build, False)
