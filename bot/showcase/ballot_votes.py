"""Members' votes on a Build of the Month ballot: one each, the last click counting, never for
their own build."""

from __future__ import annotations

import sqlite3

from bot.builds import Build
from bot.clock import unix
from bot.errors import NotFound, UserError
from bot.showcase.ballot_records import BallotRecords
from bot.showcase.values import SHOWCASE_BALLOT_JOB, ClickedBallot, Vote


class DeletedSince(NotFound):
    """A click for a build deleted since the ballot was shown (a moderator's is answered with
    who deleted it)."""


class BallotVotes(BallotRecords):
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
            build = await self._votable(guild_id, member_id, build_id)
            previous = await self._store.fetchone(
                "SELECT votes.build_id, builds.title FROM showcase_votes AS votes "
                "JOIN builds ON builds.id = votes.build_id "
                "WHERE votes.ballot_id = ? AND votes.member_id = ? AND votes.build_id <> ?",
                (ballot_id, member_id, build_id),
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
        if previous is None:
            return Vote(build_id, build.title, None)
        return Vote(build_id, build.title, previous["build_id"], previous["title"])

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

    async def _votable(self, guild_id: int, member_id: int, build_id: int) -> Build:
        """The build voted for, unless it is gone or the member's own."""
        try:
            build = await self._builds.get(guild_id, build_id)
        except NotFound:
            raise DeletedSince("That build is not on this ballot.") from None
        # As with nominations: a ballot is the others' choice, not a poll of owners.
        if build.owner_id == member_id:
            raise UserError("You cannot vote for your own build; vote for another one you like.")
        return build
