"""The showcase without Discord: nominations once per member, one feature per build by the
table's key, and ballots that count each member's last vote and refuse a closed ballot."""

from __future__ import annotations

import asyncio

import pytest

from bot.builds import BuildService
from bot.clock import ManualClock
from bot.errors import NotFound, UserError
from bot.jobs import JobQueue
from bot.modqueue import ModQueue
from bot.setup import SetupService
from bot.showcase import ShowcaseService
from bot.store import Store

GUILD, OTHER, OWNER, MEMBER, MODERATOR = 1, 2, 10, 11, 12


@pytest.fixture
def builds(store: Store, clock: ManualClock) -> BuildService:
    return BuildService(store, clock)


@pytest.fixture
def showcase(store: Store, clock: ManualClock, builds: BuildService) -> ShowcaseService:
    modqueue = ModQueue(clock, JobQueue(store, clock), SetupService(store, clock))
    return ShowcaseService(store, clock, builds, modqueue)


async def test_a_feature_is_claimed_once_however_many_ask_at_once(
    builds: BuildService, showcase: ShowcaseService
) -> None:
    build = await builds.start(GUILD, OWNER, "Camper", "Carry", None)
    await showcase.nominate(build, MEMBER)
    results = await asyncio.gather(
        *(showcase.claim_feature(build, MODERATOR, None) for _ in range(10)),
        return_exceptions=True,
    )
    assert sum(r is None for r in results) == 1
    assert all(isinstance(r, UserError) for r in results if r is not None)
    assert await showcase.pending_leads(GUILD, 25) == []  # the nomination was answered
    await showcase.unfeature(build)
    with pytest.raises(NotFound):
        await showcase.unfeature(build)


async def test_ballots_count_last_votes_refuse_strangers_and_close_once(
    builds: BuildService, showcase: ShowcaseService
) -> None:
    first = await builds.start(GUILD, OWNER, "One", "Carry", None)
    second = await builds.start(GUILD, MEMBER, "Two", "Acty", None)
    stranger = await builds.start(OTHER, OWNER, "Elsewhere", "Acty", None)
    with pytest.raises(NotFound):
        await showcase.start_ballot(GUILD, MODERATOR, f"{first.id}, {stranger.id}")
    with pytest.raises(UserError, match="at least two"):
        await showcase.start_ballot(GUILD, MODERATOR, None)  # nothing nominated
    ballot = await showcase.start_ballot(GUILD, MODERATOR, f"{first.id} {second.id}")
    await showcase.vote(GUILD, ballot.id, 100, first.id)
    moved = await showcase.vote(GUILD, ballot.id, 100, second.id)
    assert moved.previous_build_id == first.id
    await showcase.vote(GUILD, ballot.id, 101, second.id)
    with pytest.raises(UserError, match="not on this ballot"):
        await showcase.vote(GUILD, ballot.id, 102, stranger.id)
    with pytest.raises(NotFound):
        await showcase.vote(OTHER, ballot.id, 102, first.id)
    tally = await showcase.close_ballot(GUILD)
    assert tally.counts == ((second.id, 2), (first.id, 0))
    assert tally.winners == (second.id,)
    with pytest.raises(UserError, match="closed"):
        await showcase.vote(GUILD, ballot.id, 103, first.id)
    with pytest.raises(UserError, match="no open ballot"):
        await showcase.close_ballot(GUILD)


async def test_without_candidates_a_ballot_offers_the_months_nominations(
    builds: BuildService, showcase: ShowcaseService
) -> None:
    one = await builds.start(GUILD, OWNER, "One", "Carry", None)
    two = await builds.start(GUILD, OWNER, "Two", "Carry", None)
    await showcase.nominate(two, MEMBER)
    await showcase.nominate(two, MODERATOR)
    await showcase.nominate(one, MEMBER)
    ballot = await showcase.start_ballot(GUILD, MODERATOR, None)
    assert ballot.candidates == (two.id, one.id)
