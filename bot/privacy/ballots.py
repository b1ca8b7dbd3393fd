"""What a forget would do to the open Build of the Month ballots a member's builds are on, for
the confirmation to say before they choose: deleted, the builds leave each ballot, and one left
with fewer builds than a ballot needs is called off (bot/showcase/withdrawals.py); kept, they
stay on it, shown as a former member's."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.builds import Build, BuildFilter, BuildService
from bot.showcase.ballots import BallotService
from bot.showcase.values import MIN_CANDIDATES, Ballot

_PAGE = 100


@dataclass(frozen=True)
class BallotStake:
    """An open ballot, and the member's builds on it."""

    ballot: Ballot
    builds: tuple[Build, ...]

    @property
    def others(self) -> int:
        """How many builds the ballot keeps once the member's leave it."""
        return len(self.ballot.candidates) - len(self.builds)

    def called_off_without_them(self) -> bool:
        return self.others < MIN_CANDIDATES


async def ballots_at_stake(
    builds: BuildService, ballots: BallotService, guild_ids: Iterable[int], member_id: int
) -> list[BallotStake]:
    """The open ballots, in the servers `guild_ids`, that the member's builds are on."""
    held: dict[int, list[Build]] = {}
    shown: dict[int, Ballot] = {}
    for guild_id in guild_ids:
        for build in await _owned(builds, guild_id, member_id):
            ballot = await ballots.open_ballot_holding(build)
            if ballot is not None:
                shown[ballot.id] = ballot
                held.setdefault(ballot.id, []).append(build)
    return [BallotStake(shown[ballot_id], tuple(held[ballot_id])) for ballot_id in sorted(held)]


async def _owned(builds: BuildService, guild_id: int, member_id: int) -> list[Build]:
    """The member's builds in the server, oldest first."""
    owned: list[Build] = []
    while True:
        page, _ = await builds.search(guild_id, BuildFilter(owner_id=member_id), len(owned), _PAGE)
        owned.extend(page)
        if len(page) < _PAGE:
            return sorted(owned, key=lambda build: build.id)
