"""A Build of the Month ballot's close: counted as the moderator is told it, and its result
posted by the outbox."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import unix
from bot.delivery import Channel, Outgoing, Sent, delivered_to
from bot.errors import NotFound, UserError
from bot.jobs import GiveUp, Handler, Job
from bot.showcase.ballot_news import tell_winners
from bot.showcase.ballot_records import BallotRecords
from bot.showcase.values import (
    SHOWCASE_BALLOT_JOB,
    SHOWCASE_RESULT_JOB,
    Ballot,
    ResultCard,
    Tally,
)

# A close shows on the ballot as the moderator's command is answered, which Discord allows for
# 15 minutes; a ballot still unshown after that never will be by the command (the bot stopped
# mid-close), and a job committed with the close shows it (brought forward once the result's
# post is out, to link it).
CLOSE_SHOWN_WITHIN = timedelta(minutes=15)


class BallotResults(BallotRecords):
    async def close_ballot(self, guild_id: int) -> Tally:
        """Close the server's open ballot and count it; its result's post goes out by the
        outbox, by a job committed with the close, as do the DMs to the winners' owners."""
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
            tally = await self.tally(guild_id, ballot_id)
            now = unix(self._clock.now())
            await tell_winners(self._store, self._jobs, guild_id, ballot_id, tally.winners, now)
        return tally

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
        """The close's command showed the close on the ballot: its job has nothing to do,
        unless the result's post brought it forward meanwhile, to link the post the command's
        edit may not have known of."""
        now = self._clock.now()
        await self._jobs.cancel(SHOWCASE_BALLOT_JOB, _closed_key(ballot.id), unless_due_by=now)

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
