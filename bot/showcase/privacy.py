"""What the showcase keeps about a member, for /privacy: their votes and nominations (deleted
when forgotten) and what they did as a moderator (kept, anonymised); and what a forget changes
in Discord: the showcase posts of their builds, open ballots listing them, the queue posts of
nominations that left the queue and of decided ones that quote them or name their builds, and
those of items that still wait without their reason."""

from __future__ import annotations

from bot.modqueue import ModQueue, waiting_posts, withdrawn_posts
from bot.privacy import Forgotten, MemberData, Sections, anonymise, counted, member_rows
from bot.privacy.posts import ShowcasePost
from bot.showcase.values import NOMINATION_KIND
from bot.showcase.withdrawals import BallotWithdrawals
from bot.store import Store

_NOMINATORS = {"showcase_nominations": ("nominated_by", "decided_by")}
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
            {"showcase_votes": ("member_id",), **_SHOWCASE_MODERATORS, **_NOMINATORS},
            self._export_member,
            self._forget_member,
        )

    async def _export_member(self, member_id: int) -> Sections:
        return {
            "showcase_votes": await member_rows(
                self._store,
                "SELECT guild_id, ballot_id, build_id, voted_at FROM showcase_votes "
                "WHERE member_id = ?",
                (member_id,),
            ),
            "showcase_nominations": await member_rows(
                self._store,
                # One row per round: a member may nominate a build again once it was decided.
                "SELECT guild_id, build_id, reason, status, created_at, decided_at "
                "FROM showcase_nominations WHERE nominated_by = ? ORDER BY id",
                (member_id,),
            ),
            "showcase_moderation": await member_rows(
                self._store,
                "SELECT guild_id, 'featured' AS action, build_id, note, created_at AS at "
                "FROM showcase_posts WHERE featured_by = ?1 UNION ALL "
                "SELECT guild_id, 'opened a ballot', NULL, NULL, opened_at FROM showcase_ballots "
                "WHERE opened_by = ?1 UNION ALL "
                "SELECT guild_id, 'decided a nomination', build_id, NULL, decided_at "
                "FROM showcase_nominations WHERE decided_by = ?1",
                (member_id,),
            ),
        }

    async def _forget_member(self, guild_id: int, member_id: int, keep_builds: bool) -> Forgotten:
        # Read before the builds' part deletes the builds and, with them, their candidacies.
        candidacies = await self._store.fetchall(
            "SELECT c.ballot_id, c.build_id FROM showcase_candidates AS c "
            "JOIN showcase_ballots AS b ON b.id = c.ballot_id "
            "JOIN builds ON builds.id = c.build_id WHERE c.guild_id = ? "
            "AND b.closed_at IS NULL AND b.message_id IS NOT NULL AND builds.owner_id = ?",
            (guild_id, member_id),
        )
        leaving = await self._store.fetchall(
            "SELECT min(id) AS lead FROM showcase_nominations WHERE guild_id = ? "
            "AND status = 'pending' AND build_id IN (SELECT id FROM builds WHERE owner_id = ?) "
            "GROUP BY build_id",
            (guild_id, member_id),
        )
        votes = await self._store.execute(
            "DELETE FROM showcase_votes WHERE guild_id = ? AND member_id = ?",
            (guild_id, member_id),
        )
        if not keep_builds:
            owned = await self._store.fetchall(
                "SELECT id FROM builds WHERE guild_id = ? AND owner_id = ?", (guild_id, member_id)
            )
            await self._withdrawals.withdraw(guild_id, (row["id"] for row in owned))
            # Other members' votes for the member's builds on closed ballots: the builds and
            # their candidacies are being deleted.
            await self._store.execute(
                "DELETE FROM showcase_votes WHERE guild_id = ? AND build_id IN "
                "(SELECT id FROM builds WHERE guild_id = ? AND owner_id = ?)",
                (guild_id, guild_id, member_id),
            )
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
        # a waiting one is, so it goes if it quotes them (or names their build, leaving).
        builds_leaving = (
            "" if keep_builds else " OR build_id IN (SELECT id FROM builds WHERE owner_id = ?2)"
        )
        decided = await self._store.fetchall(
            "SELECT min(id) AS lead FROM showcase_nominations AS decided WHERE guild_id = ?1 "
            "AND status <> 'pending' AND (EXISTS (SELECT 1 FROM showcase_nominations AS mine "
            "WHERE mine.build_id = decided.build_id AND mine.status = decided.status "
            "AND mine.decided_at = decided.decided_at AND mine.nominated_by = ?2)"
            f"{builds_leaving}) GROUP BY build_id, status, decided_at",
            (guild_id, member_id),
        )
        nominations = await self._store.execute(
            "DELETE FROM showcase_nominations WHERE guild_id = ? AND nominated_by = ?",
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
        posts = await self._store.fetchall(
            "SELECT build_id, channel_id, message_id FROM showcase_posts WHERE guild_id = ? "
            "AND message_id IS NOT NULL AND build_id IN "
            "(SELECT id FROM builds WHERE guild_id = ? AND owner_id = ?)",
            (guild_id, guild_id, member_id),
        )
        anonymised = await anonymise(self._store, guild_id, member_id, _SHOWCASE_MODERATORS)
        # Queue posts whose buttons name a nomination that is gone: the member's own that led
        # their build's item, and the items of the member's builds that go with them; and the
        # decided ones above.
        withdrawn = [row["id"] for row in led] + [row["lead"] for row in decided]
        if not keep_builds:
            withdrawn += [row["lead"] for row in leaving]
        return Forgotten(
            deleted=counted([("votes", votes), ("nominations", nominations)]),
            anonymised=counted([("showcase decisions", anonymised)]),
            showcase_posts=frozenset(
                ShowcasePost(row["build_id"], row["channel_id"], row["message_id"]) for row in posts
            ),
            ballots=frozenset(row["ballot_id"] for row in candidacies),
            queue_posts=await withdrawn_posts(self._store, guild_id, NOMINATION_KIND, withdrawn),
            changed_queue_posts=await waiting_posts(
                self._store, guild_id, NOMINATION_KIND, (row["lead"] for row in joined)
            ),
        )
