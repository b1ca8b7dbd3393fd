"""What the showcase keeps about a member, for /privacy: their votes and nominations (deleted
when forgotten) and what they did as a moderator (kept, anonymised); and what a forget changes
in Discord: the showcase posts of their builds, open ballots listing them, the queue posts of
nominations that left the queue and of decided ones that quote them or name their builds, and
those of items that still wait without their reason. A build deleted on its own (`/build
delete`) is let go of as a forget lets go of a member's builds (`build_leaving`)."""

from __future__ import annotations

from bot.modqueue import ModQueue, waiting_posts, withdrawn_posts
from bot.modqueue.exported import reasons_read_by
from bot.privacy import (
    FORMER_MEMBER,
    Forgotten,
    MemberData,
    Sections,
    anonymise,
    counted,
    member_rows,
)
from bot.privacy.posts import ShowcasePost
from bot.showcase.ballot_records import last_opened
from bot.showcase.values import NOMINATION_KIND, WAITING_FOR_A_BALLOT
from bot.showcase.withdrawals import BallotWithdrawals
from bot.store import Params, Store

# The builds a forget or a deletion lets go of, as a query of their ids.
_OWNED_BUILDS = "SELECT id FROM builds WHERE guild_id = ? AND owner_id = ?"
_ONE_BUILD = "SELECT id FROM builds WHERE guild_id = ? AND id = ?"
# A nomination's round: dismissed is a moderator's no, or a feature taken back since.
_NOMINATION = {
    "pending": "waiting for a moderator",
    "featured": "featured",
    "dismissed": "not featured",
}
_NOMINATORS = {"showcase_nominations": ("nominated_by", "decided_by")}
# A nomination decision, as a moderator's export says what it was.
_DECIDED = "CASE status WHEN 'featured' THEN 'featured' ELSE 'not featured' END"
# Where the decisions whose nominations are all gone are kept (`_keep_decisions`), naming only
# their moderator: their forget deletes them, as nothing else is left in them.
_DECISIONS_KEPT = {"showcase_nomination_decisions": ("decided_by",)}
# The decisions on nominations, one a decision (a build's nominations decided together), of
# those `_keep_decisions` is given, by a moderator not forgotten.
_DECISIONS_OF = (
    "INSERT INTO showcase_nomination_decisions (guild_id, decided_by, status, decided_at) "
    "SELECT guild_id, decided_by, status, decided_at FROM showcase_nominations AS leaving "
    f"WHERE status <> 'pending' AND decided_by IS NOT NULL AND decided_by <> {FORMER_MEMBER} AND "
)
_SHOWCASE_MODERATORS = {
    "showcase_nominations": ("decided_by",),
    "showcase_posts": ("featured_by",),
    "showcase_ballots": ("opened_by",),
}


class ShowcaseMemberData:
    def __init__(self, store: Store, modqueue: ModQueue, withdrawals: BallotWithdrawals) -> None:
        self._store = store
        self._modqueue = modqueue
        self._withdrawals = withdrawals

    def member_data(self) -> MemberData:
        """A member's votes and nominations (deleted when forgotten) and what they did as a
        moderator (kept, anonymised). Registered before the builds' part: votes for a build
        being deleted must go before it."""
        return MemberData(
            {
                "showcase_votes": ("member_id",),
                **_SHOWCASE_MODERATORS,
                **_NOMINATORS,
                **_DECISIONS_KEPT,
            },
            self._export_member,
            self._forget_member,
        )

    async def _export_member(self, member_id: int) -> Sections:
        moderated = await member_rows(
            self._store,
            "SELECT done.guild_id, action, build_id, builds.title AS build_title, note, reason, "
            "at FROM (SELECT guild_id, 'featured' AS action, build_id, note, NULL AS reason, "
            "created_at AS at FROM showcase_posts WHERE featured_by = ?1 UNION ALL "
            "SELECT guild_id, 'opened a ballot', NULL, NULL, NULL, opened_at "
            "FROM showcase_ballots WHERE opened_by = ?1 UNION ALL "
            # A decision once, however many members nominated the build; once its nominations
            # are gone, as kept without them. `reason`: a rejection's, as later repeats' queue
            # cards show it.
            f"SELECT guild_id, 'decided a nomination: ' || {_DECIDED}, build_id, NULL, "
            "MAX(rejection_reason), decided_at FROM showcase_nominations WHERE decided_by = ?1 "
            "GROUP BY build_id, status, decided_at UNION ALL "
            f"SELECT guild_id, 'decided a nomination since deleted: ' || {_DECIDED}, NULL, "
            "NULL, NULL, decided_at FROM showcase_nomination_decisions WHERE decided_by = ?1"
            ") AS done LEFT JOIN builds ON builds.id = done.build_id",
            (member_id,),
        )
        reasons_read_by(moderated, member_id)
        return {
            # A build by its number (`build_id`, shown as #12) and its title, as a ballot's
            # buttons name it, here and in what the member did as a moderator.
            "showcase_votes": await member_rows(
                self._store,
                "SELECT votes.guild_id, ballot_id, build_id, builds.title AS build_title, "
                "voted_at FROM showcase_votes AS votes "
                "LEFT JOIN builds ON builds.id = votes.build_id WHERE member_id = ?",
                (member_id,),
            ),
            "showcase_nominations": await member_rows(
                self._store,
                # One row per round: a member may nominate a build again once it was decided.
                # `ballot_id`: the ballot that held it, as their votes name ballots; none while
                # it waits for one.
                "SELECT nominations.guild_id, build_id, builds.title AS build_title, reason, "
                "status, nominations.created_at, decided_at, ballot_id "
                "FROM showcase_nominations AS nominations "
                "LEFT JOIN builds ON builds.id = nominations.build_id "
                "WHERE nominated_by = ? ORDER BY nominations.id",
                (member_id,),
                words={"status": _NOMINATION},
            ),
            "showcase_moderation": moderated,
        }

    async def build_leaving(self, guild_id: int, build_id: int) -> Forgotten:
        """Let go of a build being deleted (`BuildService.when_deleted`, in the deletion's
        transaction, before the build goes), as a forget lets go of a member's builds."""
        return await self._builds_leaving(guild_id, _ONE_BUILD, (guild_id, build_id))

    async def _forget_member(self, guild_id: int, member_id: int, keep_builds: bool) -> Forgotten:
        # An open ballot counts the votes it loses, not whose (its close says how many went).
        await self._store.execute(
            "UPDATE showcase_ballots SET votes_forgotten = votes_forgotten + 1 WHERE id IN "
            "(SELECT ballot_id FROM showcase_votes WHERE guild_id = ? AND member_id = ?) "
            "AND closed_at IS NULL",
            (guild_id, member_id),
        )
        votes = await self._store.execute(
            "DELETE FROM showcase_votes WHERE guild_id = ? AND member_id = ?",
            (guild_id, member_id),
        )
        # Before the builds' part deletes the member's builds and, with them, their candidacies.
        owned = (guild_id, _OWNED_BUILDS, (guild_id, member_id))
        builds = await (self._builds_shown(*owned) if keep_builds else self._builds_leaving(*owned))
        # A nomination standing for its build in the moderation queue hands that part to the
        # build's next pending nomination, which gets a queue post of its own: the old post's
        # buttons name a nomination that is gone.
        led = await self._store.fetchall(
            "SELECT id, build_id FROM showcase_nominations AS mine WHERE guild_id = ? "
            "AND nominated_by = ? AND status = 'pending' AND id = (SELECT min(id) FROM "
            "showcase_nominations WHERE build_id = mine.build_id AND status = 'pending')",
            (guild_id, member_id),
        )
        # The items the member joined as a later nominator stay, their posts shown without the
        # member's reason.
        joined = await self._store.fetchall(
            "WITH leads AS (SELECT build_id, min(id) AS lead FROM showcase_nominations "
            "WHERE guild_id = ? AND status = 'pending' GROUP BY build_id) "
            "SELECT leads.lead FROM showcase_nominations AS mine JOIN leads USING (build_id) "
            "WHERE mine.nominated_by = ? AND mine.status = 'pending' AND mine.id > leads.lead",
            (guild_id, member_id),
        )
        # A decided item's post is a record: it cannot be rendered again without the member, as
        # a waiting one is, so it goes if it quotes them (their reason on its card). One that
        # only names them as told why stays, the queue's part naming them "a member" there.
        decided = await self._store.fetchall(
            "SELECT min(id) AS lead FROM showcase_nominations AS decided WHERE guild_id = ?1 "
            "AND status <> 'pending' AND EXISTS (SELECT 1 FROM showcase_nominations AS mine "
            "WHERE mine.build_id = decided.build_id AND mine.status = decided.status "
            "AND mine.decided_at = decided.decided_at AND mine.nominated_by = ?2 "
            "AND coalesce(mine.reason, '') <> '') "
            "GROUP BY build_id, status, decided_at",
            (guild_id, member_id),
        )
        # Those the member's nominations alone stood for.
        await self._keep_decisions(
            "guild_id = ?1 AND nominated_by = ?2 AND NOT EXISTS (SELECT 1 FROM "
            "showcase_nominations AS other WHERE other.build_id = leaving.build_id "
            "AND other.status = leaving.status AND other.decided_at = leaving.decided_at "
            "AND other.nominated_by <> ?2)",
            (guild_id, member_id),
        )
        nominations = await self._store.execute(
            "DELETE FROM showcase_nominations WHERE guild_id = ? AND nominated_by = ?",
            (guild_id, member_id),
        )
        kept = await self._store.execute(
            "DELETE FROM showcase_nomination_decisions WHERE guild_id = ? AND decided_by = ?",
            (guild_id, member_id),
        )
        for row in led:
            lead = await self._store.fetchval(
                "SELECT min(id) FROM showcase_nominations WHERE build_id = ? "
                "AND status = 'pending'",
                (row["build_id"],),
            )
            if lead is not None:
                await self._modqueue.submitted(guild_id, NOMINATION_KIND, lead)
        # A waiting item repeating nominations the member rejected names them on its card
        # ("Sent before"), rendered again once they are "a moderator" there.
        repeating = await self._store.fetchall(
            "SELECT min(id) AS lead FROM showcase_nominations WHERE guild_id = ?1 "
            "AND status = 'pending' AND build_id IN (SELECT build_id FROM showcase_nominations "
            "WHERE guild_id = ?1 AND status = 'dismissed' AND decided_by = ?2) GROUP BY build_id",
            (guild_id, member_id),
        )
        anonymised = await anonymise(self._store, guild_id, member_id, _SHOWCASE_MODERATORS)
        # Queue posts whose buttons name a nomination that is gone: the member's own that led
        # their build's item, and the decided ones above.
        withdrawn = [row["id"] for row in led] + [row["lead"] for row in decided]
        return builds.plus(
            Forgotten(
                deleted=counted(
                    [
                        ("votes", votes),
                        ("nominations", nominations),
                        ("records of nomination decisions", kept),
                    ]
                ),
                anonymised=counted([("showcase decisions", anonymised)]),
                queue_posts=await withdrawn_posts(
                    self._store, guild_id, NOMINATION_KIND, withdrawn
                ),
                changed_queue_posts=await waiting_posts(
                    self._store,
                    guild_id,
                    NOMINATION_KIND,
                    {row["lead"] for row in [*joined, *repeating]},
                ),
            )
        )

    async def _builds_shown(self, guild_id: int, builds: str, params: Params) -> Forgotten:
        """The showcase posts of `builds` (a query of their ids) and the open ballots listing
        them: shown again with a former member when a forget keeps the builds, taken down or
        shown as withdrawn when the builds go."""
        ballots = await self._store.fetchall(
            "SELECT c.ballot_id FROM showcase_candidates AS c JOIN showcase_ballots AS b "
            "ON b.id = c.ballot_id WHERE b.closed_at IS NULL AND b.message_id IS NOT NULL "
            f"AND c.build_id IN ({builds})",
            params,
        )
        posts = await self._store.fetchall(
            "SELECT build_id, channel_id, message_id FROM showcase_posts "
            f"WHERE message_id IS NOT NULL AND build_id IN ({builds})",
            params,
        )
        return Forgotten(
            showcase_posts=frozenset(
                ShowcasePost(row["build_id"], row["channel_id"], row["message_id"]) for row in posts
            ),
            ballots=frozenset(row["ballot_id"] for row in ballots),
        )

    async def _builds_leaving(self, guild_id: int, builds: str, params: Params) -> Forgotten:
        """Let go of `builds` (a query of their ids), which are being deleted: they leave the
        open ballots, votes for them on closed ones go (they refer to candidacies deleted with
        the builds), and so do their nominations' queue posts (the waiting one, and decided
        ones naming them), whose buttons would name nominations that are gone."""
        shown = await self._builds_shown(guild_id, builds, params)
        await self._count_nominated(guild_id, builds, params)
        leads = await self._store.fetchall(
            "SELECT min(id) AS lead FROM showcase_nominations "
            f"WHERE build_id IN ({builds}) GROUP BY build_id, status, decided_at",
            params,
        )
        await self._keep_decisions(f"build_id IN ({builds})", params)
        leaving = [row["id"] for row in await self._store.fetchall(builds, params)]
        await self._withdrawals.withdraw(guild_id, leaving)
        await self._store.execute(
            f"DELETE FROM showcase_votes WHERE build_id IN ({builds})", params
        )
        queue_posts = await withdrawn_posts(
            self._store, guild_id, NOMINATION_KIND, (row["lead"] for row in leads)
        )
        return shown.plus(Forgotten(queue_posts=queue_posts))

    async def _keep_decisions(self, leaving: str, params: Params) -> None:
        """Keep the decisions on the nominations `leaving` picks (a condition on them, named
        `leaving`, with `params`) for their moderators' exports, before those nominations are
        deleted: the caller picks those of decisions no other nomination stands for."""
        await self._store.execute(
            f"{_DECISIONS_OF}{leaving} GROUP BY build_id, status, decided_at", params
        )

    async def _count_nominated(self, guild_id: int, builds: str, params: Params) -> None:
        """Count those of `builds` (being deleted) whose nominations an automatic ballot would
        have counted (no ballot held them yet), for its refusal to say how many of the
        nominated builds were deleted: when each was last nominated, nothing of the build nor
        of who nominated it, and when the last ballot opened then (`last_ballot_opened`). The
        next ballot to open lets the counts go, and the one after forgets them."""
        since = await last_opened(self._store, guild_id)
        await self._store.execute(
            "INSERT INTO showcase_nominated_deletions (guild_id, nominated_at, last_ballot_opened) "
            "SELECT ?, max(n.created_at), ? FROM showcase_nominations AS n "
            f"WHERE n.build_id IN ({builds}) AND {WAITING_FOR_A_BALLOT} GROUP BY n.build_id",
            (guild_id, since, *params, since),
        )
