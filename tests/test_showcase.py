"""The showcase without Discord: nominations once per member and one queue item per build, one
feature per build by the table's key, and ballots that count each member's last vote and refuse
a closed ballot."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from pathlib import Path

import pytest

from bot.builds import Build, BuildService
from bot.client import Services
from bot.clock import ManualClock
from bot.errors import NotFound, UserError
from bot.jobs import JobQueue, NotYet
from bot.modqueue import MODQUEUE_POST_JOB, MODQUEUE_REJECTED_JOB, ModQueue
from bot.setup import SetupService
from bot.showcase import (
    NOMINATION_KIND,
    SHOWCASE_BALLOT_JOB,
    SHOWCASE_CALLED_OFF_JOB,
    SHOWCASE_FEATURED_JOB,
    Ballot,
    NominationQueue,
    ShowcaseService,
)
from bot.store import Store
from tests.old_schema import migrations_up_to

GUILD, OTHER, OWNER, MEMBER, MODERATOR = 1, 2, 10, 11, 12


@pytest.fixture
def builds(store: Store, clock: ManualClock) -> BuildService:
    return BuildService(store, clock, JobQueue(store, clock))


@pytest.fixture
def modqueue(store: Store, clock: ManualClock) -> ModQueue:
    return ModQueue(store, clock, JobQueue(store, clock), SetupService(store, clock))


@pytest.fixture
def showcase(
    store: Store, clock: ManualClock, builds: BuildService, modqueue: ModQueue
) -> ShowcaseService:
    showcase = ShowcaseService(store, clock, JobQueue(store, clock), builds, modqueue)
    modqueue.register(NominationQueue(showcase, builds))
    return showcase


async def job_keys(store: Store, kind: str) -> list[str]:
    rows = await store.fetchall("SELECT key FROM jobs WHERE kind = ? ORDER BY id", (kind,))
    return [row["key"] for row in rows]


async def test_a_build_nominated_by_several_members_is_one_queue_item_rejected_for_all(
    store: Store, builds: BuildService, showcase: ShowcaseService, modqueue: ModQueue
) -> None:
    build = await builds.start(GUILD, OWNER, "Camper", "Carry", None)
    first = await showcase.nominate(build, MEMBER, "Great bed")
    await showcase.nominate(build, MODERATOR)
    assert await job_keys(store, MODQUEUE_POST_JOB) == [f"{NOMINATION_KIND}:{first.id}"]
    [item] = await modqueue.pending(GUILD)
    assert (item.ref_id, item.submitter_ids, item.submitted_by) == (
        first.id,
        (MEMBER, MODERATOR),
        "2 members",
    )
    assert item.body == "Carry\n“Great bed”"
    with pytest.raises(UserError):  # another server's moderators cannot reach it
        await modqueue.reject(OTHER, NOMINATION_KIND, first.id, MODERATOR, "Not ours")
    await modqueue.reject(GUILD, NOMINATION_KIND, first.id, MODERATOR, "Not finished yet")
    assert await job_keys(store, MODQUEUE_REJECTED_JOB) == [
        f"{NOMINATION_KIND}:{first.id}:{MEMBER}",
        f"{NOMINATION_KIND}:{first.id}:{MODERATOR}",
    ]
    with pytest.raises(UserError, match="already decided"):
        await modqueue.approve(GUILD, NOMINATION_KIND, first.id, MODERATOR)


async def test_forgetting_the_first_nominator_hands_the_queue_item_to_the_next(
    store: Store, builds: BuildService, showcase: ShowcaseService, modqueue: ModQueue
) -> None:
    build = await builds.start(GUILD, OWNER, "Camper", "Carry", None)
    first = await showcase.nominate(build, MEMBER)
    second = await showcase.nominate(build, MODERATOR)

    async with store.transaction():  # as /privacy forget runs each server's part
        await showcase.member_data().forget(GUILD, MEMBER, False)

    assert await job_keys(store, MODQUEUE_POST_JOB) == [
        f"{NOMINATION_KIND}:{first.id}",
        f"{NOMINATION_KIND}:{second.id}",
    ]
    [item] = await modqueue.pending(GUILD)
    assert (item.ref_id, item.submitter_ids) == (second.id, (MODERATOR,))


async def test_a_feature_discord_refused_gives_its_nominations_back_to_the_queue(
    builds: BuildService, showcase: ShowcaseService, modqueue: ModQueue
) -> None:
    build = await builds.start(GUILD, OWNER, "Camper", "Carry", None)
    nomination = await showcase.nominate(build, MEMBER)
    decision = await modqueue.approve(GUILD, NOMINATION_KIND, nomination.id, MODERATOR)
    assert decision.outcome == f"Build #{build.id} is featured."
    assert await modqueue.pending(GUILD) == []
    with pytest.raises(UserError, match="featured already"):
        await showcase.nominate(build, OTHER)
    await showcase.abandon_feature(build)  # the post was refused
    [item] = await modqueue.pending(GUILD)
    assert item.ref_id == nomination.id


async def test_a_claim_left_unposted_by_a_stopped_bot_is_given_back_once_its_click_expired(
    builds: BuildService,
    showcase: ShowcaseService,
    modqueue: ModQueue,
    store: Store,
    clock: ManualClock,
) -> None:
    # The bot stopped between claiming the feature and posting it: nothing else gives it back.
    build = await builds.start(GUILD, OWNER, "Camper", "Carry", None)
    nomination = await showcase.nominate(build, MEMBER)
    await showcase.claim_feature(build, MODERATOR, None, approving_nominations=True)
    restarted = ShowcaseService(store, clock, JobQueue(store, clock), builds, modqueue)
    assert await restarted.give_back_stale_claims() == 0  # it may still be on its way
    with pytest.raises(UserError, match="has not confirmed the showcase post of build"):
        await restarted.claim_feature(build, OTHER, None)

    clock.advance(timedelta(minutes=16))  # past any interaction's 15 minutes
    assert await restarted.give_back_stale_claims() == 1
    [item] = await modqueue.pending(GUILD)
    assert item.ref_id == nomination.id
    assert await restarted.give_back_stale_claims() == 0


async def test_a_moderator_features_again_a_build_whose_claim_was_left_unposted(
    builds: BuildService, showcase: ShowcaseService, store: Store, clock: ManualClock
) -> None:
    build = await builds.start(GUILD, OWNER, "Camper", "Carry", None)
    nomination = await showcase.nominate(build, MEMBER)
    await showcase.claim_feature(build, MODERATOR, None)
    clock.advance(timedelta(minutes=16))
    # The claim nobody posted is given back, so this one answers the nomination again.
    assert await showcase.claim_feature(build, OTHER, None) == nomination.id
    claim = await store.fetchone(
        "SELECT featured_by FROM showcase_posts WHERE build_id = ?", (build.id,)
    )
    assert claim["featured_by"] == OTHER


async def test_a_feature_is_claimed_once_however_many_ask_at_once(
    builds: BuildService, showcase: ShowcaseService
) -> None:
    build = await builds.start(GUILD, OWNER, "Camper", "Carry", None)
    await showcase.nominate(build, MEMBER)
    results = await asyncio.gather(
        *(showcase.claim_feature(build, MODERATOR, None) for _ in range(10)),
        return_exceptions=True,
    )
    [claimed] = [r for r in results if not isinstance(r, BaseException)]
    assert all(isinstance(r, UserError) for r in results if r is not claimed)
    assert claimed == 1  # the queue item it answered: the nomination, no longer pending
    assert await showcase.pending_by_build(GUILD, 25) == []
    await showcase.unfeature(build)
    with pytest.raises(NotFound):
        await showcase.featured(build)


async def test_an_approve_that_lost_the_race_to_a_reject_features_nothing(
    store: Store, builds: BuildService, showcase: ShowcaseService, modqueue: ModQueue
) -> None:
    build = await builds.start(GUILD, OWNER, "Camper", "Carry", None)
    nomination = await showcase.nominate(build, MEMBER)
    queue = modqueue.source(NOMINATION_KIND)
    # Both moderators' clicks found the item pending; the Reject committed first.
    await queue.reject(GUILD, nomination.id, MODERATOR, "Not finished yet")

    with pytest.raises(UserError, match="already decided"):
        await queue.approve(GUILD, nomination.id, MODERATOR + 1)
    assert await store.fetchval("SELECT count(*) FROM showcase_posts") == 0


async def test_ballots_count_last_votes_refuse_strangers_and_close_once(
    builds: BuildService, showcase: ShowcaseService
) -> None:
    first = await builds.start(GUILD, OWNER, "One", "Carry", None)
    second = await builds.start(GUILD, MEMBER, "Two", "Acty", None)
    stranger = await builds.start(OTHER, OWNER, "Elsewhere", "Acty", None)
    with pytest.raises(NotFound):
        await showcase.ballots.start_ballot(GUILD, MODERATOR, f"{first.id}, {stranger.id}")
    with pytest.raises(UserError, match="at least two"):
        await showcase.ballots.start_ballot(GUILD, MODERATOR, None)  # nothing nominated
    for words in (f"{first.id} and {second.id}", "one, three"):
        with pytest.raises(UserError, match=r"No build here is titled .*; name each candidate"):
            await showcase.ballots.start_ballot(GUILD, MODERATOR, words)
    with pytest.raises(NotFound):  # a title names a build of this server only
        await showcase.ballots.start_ballot(GUILD, MODERATOR, f"one, {stranger.id}")
    with pytest.raises(UserError, match=r"No build here is titled “elsewhere”"):
        await showcase.ballots.start_ballot(GUILD, MODERATOR, "one, elsewhere")
    for one_build_twice in (f"{first.id} #{first.id}", f"{first.id}, 0{first.id}"):
        with pytest.raises(
            UserError, match=rf"Build #{first.id} is named twice; name each candidate once"
        ):
            await showcase.ballots.start_ballot(GUILD, MODERATOR, one_build_twice)
    ballot = await showcase.ballots.start_ballot(GUILD, MODERATOR, f"{first.id} {second.id}")
    await showcase.ballots.vote(GUILD, ballot.id, 100, first.id)
    moved = await showcase.ballots.vote(GUILD, ballot.id, 100, second.id)
    assert moved.previous_build_id == first.id
    await showcase.ballots.vote(GUILD, ballot.id, 101, second.id)
    with pytest.raises(UserError, match="not on this ballot"):
        await showcase.ballots.vote(GUILD, ballot.id, 102, stranger.id)
    with pytest.raises(NotFound):
        await showcase.ballots.vote(OTHER, ballot.id, 102, first.id)
    tally = await showcase.ballots.close_ballot(GUILD)
    assert tally.counts == ((second.id, 2), (first.id, 0))
    assert tally.winners == (second.id,)
    with pytest.raises(UserError, match="closed"):
        await showcase.ballots.vote(GUILD, ballot.id, 103, first.id)
    with pytest.raises(UserError, match="no open ballot"):
        await showcase.ballots.close_ballot(GUILD)


async def test_without_candidates_a_ballot_offers_the_months_nominations(
    builds: BuildService, showcase: ShowcaseService
) -> None:
    one = await builds.start(GUILD, OWNER, "One", "Carry", None)
    two = await builds.start(GUILD, OWNER, "Two", "Carry", None)
    await showcase.nominate(two, MEMBER)
    await showcase.nominate(two, MODERATOR)
    await showcase.nominate(one, MEMBER)
    ballot = await showcase.ballots.start_ballot(GUILD, MODERATOR, None)
    assert ballot.candidates == (two.id, one.id)


async def test_a_features_news_is_scheduled_once_and_dropped_when_unfeatured_first(
    store: Store, clock: ManualClock, builds: BuildService, showcase: ShowcaseService
) -> None:
    build = await builds.start(GUILD, OWNER, "Camper", "Carry", None)
    await showcase.nominate(build, MEMBER)
    await showcase.claim_feature(build, MODERATOR, None)
    await showcase.feature_posted(build, 500, 600)
    await showcase.feature_posted(build, 500, 600)  # recorded again: no new DM
    assert await job_keys(store, SHOWCASE_FEATURED_JOB) == [
        f"{build.id}:600:{OWNER}",
        f"{build.id}:600:{MEMBER}",
    ]
    jobs = JobQueue(store, clock)
    tell = showcase.featured_handler(lambda news: f"{news.title} {news.nominated} {news.server}")
    [owner, nominator] = await jobs.claim_due(5, worker="t", kinds=[SHOWCASE_FEATURED_JOB])
    with pytest.raises(NotYet):  # Discord has not sent the server yet: its name waits
        await tell(owner)
    showcase.name_servers_with({GUILD: "Kei Club"}.get)
    told = await tell(owner)
    assert told is not None
    assert (told.content, told.recipient_id) == ("Camper False Kei Club", OWNER)

    await showcase.unfeature(build)  # before the nominator's DM went out
    assert await tell(nominator) is None


async def test_a_member_nominates_a_build_again_after_a_rejection_and_after_an_unfeature(
    store: Store, builds: BuildService, showcase: ShowcaseService, modqueue: ModQueue
) -> None:
    build = await builds.start(GUILD, OWNER, "Camper", "Carry", None)
    first = await showcase.nominate(build, MEMBER, "Great bed")
    with pytest.raises(UserError, match="nominated build #1 already; it waits"):
        await showcase.nominate(build, MEMBER)  # one pending nomination per member and build
    await modqueue.reject(GUILD, NOMINATION_KIND, first.id, MODERATOR, "Finish the bed first")

    second = await showcase.nominate(build, MEMBER, "The bed is finished")
    await modqueue.approve(GUILD, NOMINATION_KIND, second.id, MODERATOR)
    await showcase.feature_posted(build, 500, 600)
    await showcase.unfeature(build)
    third = await showcase.nominate(build, MEMBER)

    # Each round is a nomination of its own, with a queue post of its own.
    assert first.id < second.id < third.id
    assert await job_keys(store, MODQUEUE_POST_JOB) == [
        f"{NOMINATION_KIND}:{n.id}" for n in (first, second, third)
    ]
    [item] = await modqueue.pending(GUILD)
    assert (item.ref_id, item.submitter_ids) == (third.id, (MEMBER,))
    rounds = await store.fetchall(
        "SELECT status, reason FROM showcase_nominations WHERE nominated_by = ? ORDER BY id",
        (MEMBER,),
    )
    assert [tuple(row) for row in rounds] == [
        ("dismissed", "Great bed"),
        ("featured", "The bed is finished"),
        ("pending", None),
    ]


async def test_a_nomination_round_is_exported_and_every_round_is_forgotten(
    services: Services, store: Store
) -> None:
    build = await services.builds.start(GUILD, OWNER, "Camper", "Carry", None)
    first = await services.showcase.nominate(build, MEMBER, "Great bed")
    await services.showcase.dismiss(GUILD, first.id, MODERATOR, "Not yet")
    await services.showcase.nominate(build, MEMBER, "Finished now")

    exported = await services.privacy.export(MEMBER)
    assert exported is not None
    [server] = json.loads(exported.data)["servers"].values()
    assert [(n["reason"], n["status"]) for n in server["showcase_nominations"]] == [
        ("Great bed", "not featured"),
        ("Finished now", "waiting for a moderator"),
    ]
    request = await services.privacy.request_forget(GUILD, MEMBER)
    assert request is not None
    report = await services.privacy.forget(MEMBER, MEMBER, request.id, keep_builds=True)
    assert report.forgotten.deleted["nominations"] == 2
    assert await store.fetchval("SELECT count(*) FROM showcase_nominations") == 0


async def test_nominations_kept_from_before_rounds_keep_their_ids_and_give_none_out_again(
    tmp_path: Path, clock: ManualClock
) -> None:
    path = tmp_path / "old.sqlite3"
    async with await Store.open(path, migrations_up_to(tmp_path / "to_0022", 22)) as old:
        await old.execute(
            "INSERT INTO builds (guild_id, owner_id, title, truck, created_at, last_activity_at) "
            "VALUES (?, ?, 'Camper', 'Carry', 0, 0)",
            (GUILD, OWNER),
        )
        await old.execute(
            "INSERT INTO showcase_nominations (guild_id, build_id, nominated_by, status, "
            "created_at) VALUES (?, 1, ?, 'dismissed', 0)",
            (GUILD, MEMBER),
        )
        # Nominations up to 40 were forgotten; their jobs and queue posts still name them.
        await old.execute("UPDATE sqlite_sequence SET seq = 40 WHERE name = 'showcase_nominations'")

    async with await Store.open(path) as upgraded:
        jobs = JobQueue(upgraded, clock)
        builds = BuildService(upgraded, clock, jobs)
        modqueue = ModQueue(upgraded, clock, jobs, SetupService(upgraded, clock))
        showcase = ShowcaseService(upgraded, clock, jobs, builds, modqueue)
        again = await showcase.nominate(await builds.get(GUILD, 1), MEMBER)
        assert again.id == 41
        kept = await upgraded.fetchall("SELECT id, status FROM showcase_nominations ORDER BY id")
        assert [tuple(row) for row in kept] == [(1, "dismissed"), (41, "pending")]
        with pytest.raises(UserError, match="already"):
            await showcase.nominate(await builds.get(GUILD, 1), MEMBER)
        assert await upgraded.integrity_problems() == []


async def test_a_locked_build_is_left_off_new_ballots(
    builds: BuildService, showcase: ShowcaseService
) -> None:
    one, two, locked = [
        await builds.start(GUILD, OWNER, title, "Carry", None) for title in ("One", "Two", "Shut")
    ]
    for build, member in ((locked, MEMBER), (locked, MODERATOR), (one, MEMBER), (two, MEMBER)):
        await showcase.nominate(build, member)  # the locked build was the most nominated
    await builds.lock(locked, MODERATOR, "stolen photos")

    with pytest.raises(UserError, match=r"#3 is locked by a moderator \(“stolen photos”\), so it"):
        await showcase.ballots.start_ballot(GUILD, MODERATOR, f"{one.id}, {locked.id}")
    ballot = await showcase.ballots.start_ballot(GUILD, MODERATOR, None)
    assert ballot.candidates == (one.id, two.id)


async def three_on_a_ballot(
    builds: BuildService, showcase: ShowcaseService
) -> tuple[Ballot, tuple[Build, Build, Build]]:
    """Three builds of three owners on an open ballot, with locks wired to it as the composition
    root wires them."""
    builds.when_lock_changes(showcase.ballots.follow_lock)
    one, two, three = [
        await builds.start(GUILD, OWNER + n, f"B{n}", "Carry", None) for n in range(3)
    ]
    ballot = await showcase.ballots.start_ballot(GUILD, MODERATOR, f"{one.id} {two.id} {three.id}")
    return ballot, (one, two, three)


async def test_a_build_locked_while_on_the_open_ballot_is_withdrawn_as_a_deleted_one_is(
    store: Store, builds: BuildService, showcase: ShowcaseService
) -> None:
    ballot, (one, two, three) = await three_on_a_ballot(builds, showcase)
    await showcase.ballots.ballot_posted(ballot, 500, 700)
    await showcase.ballots.vote(GUILD, ballot.id, 100, three.id)
    await showcase.ballots.vote(GUILD, ballot.id, 101, one.id)

    await builds.lock(three, MODERATOR, None)

    now = await showcase.ballots.ballot(GUILD, ballot.id)
    assert (now.candidates, now.withdrawn) == ((one.id, two.id), (three.id,))
    with pytest.raises(UserError, match="not on this ballot"):
        await showcase.ballots.vote(GUILD, ballot.id, 102, three.id)
    moved = await showcase.ballots.vote(GUILD, ballot.id, 100, two.id)  # the vote is free again
    assert moved.previous_build_id is None
    assert await job_keys(store, SHOWCASE_BALLOT_JOB) == [f"{ballot.id}:{three.id}:1"]
    tally = await showcase.ballots.close_ballot(GUILD)
    assert tally.counts == ((one.id, 1), (two.id, 1))
    await builds.unlock(three)
    await builds.lock(three, MODERATOR, None)  # a closed ballot is history: nothing changes
    # (but the close's own job, showing the result on the ballot should the close stop short)
    assert await job_keys(store, SHOWCASE_BALLOT_JOB) == [
        f"{ballot.id}:{three.id}:1",
        f"{ballot.id}:closed",
    ]
    assert (await showcase.ballots.ballot(GUILD, ballot.id)).withdrawn == (three.id,)


async def test_an_unlocked_build_goes_back_to_its_place_on_the_open_ballot_it_was_locked_off(
    store: Store, builds: BuildService, showcase: ShowcaseService
) -> None:
    ballot, (one, two, three) = await three_on_a_ballot(builds, showcase)
    await showcase.ballots.vote(GUILD, ballot.id, 100, one.id)
    await builds.lock(one, MODERATOR, "stolen photos")

    await builds.unlock(one)

    back = await showcase.ballots.ballot(GUILD, ballot.id)
    assert (back.candidates, back.withdrawn) == ((one.id, two.id, three.id), ())
    assert not back.closed
    # The vote the lock freed stays free: the member may have voted for another build since.
    again = await showcase.ballots.vote(GUILD, ballot.id, 100, one.id)
    assert again.previous_build_id is None
    await builds.lock(one, MODERATOR, None)  # each change renders the ballot again
    assert await job_keys(store, SHOWCASE_BALLOT_JOB) == [
        f"{ballot.id}:{one.id}:{change}" for change in (1, 2, 3)
    ]
    assert (await showcase.ballots.ballot(GUILD, ballot.id)).withdrawn == (one.id,)
    tally = await showcase.ballots.close_ballot(GUILD)
    assert tally.counts == ((two.id, 0), (three.id, 0))


async def test_a_build_withdrawn_before_places_were_kept_comes_back_to_the_first_free_one(
    store: Store, builds: BuildService, showcase: ShowcaseService
) -> None:
    ballot, (one, two, three) = await three_on_a_ballot(builds, showcase)
    await builds.lock(two, MODERATOR, None)
    await store.execute("UPDATE showcase_withdrawn SET position = NULL")  # as 0024 found it

    await builds.unlock(two)

    assert (await showcase.ballots.ballot(GUILD, ballot.id)).candidates == (
        one.id,
        two.id,
        three.id,
    )


async def test_a_ballot_withdrawals_leave_with_one_build_is_called_off_once(
    store: Store, builds: BuildService, showcase: ShowcaseService
) -> None:
    builds.when_lock_changes(showcase.ballots.follow_lock)
    one, two = [await builds.start(GUILD, OWNER + n, f"B{n}", "Carry", None) for n in range(2)]
    ballot = await showcase.ballots.start_ballot(GUILD, MODERATOR, f"{one.id} {two.id}")
    await showcase.ballots.vote(GUILD, ballot.id, 100, two.id)

    await builds.lock(one, MODERATOR, None)

    called_off = await showcase.ballots.ballot(GUILD, ballot.id)
    assert (called_off.closed, called_off.called_off) == (True, True)
    assert (called_off.candidates, called_off.withdrawn) == ((two.id,), (one.id,))
    assert await job_keys(store, SHOWCASE_CALLED_OFF_JOB) == [str(ballot.id)]
    with pytest.raises(UserError, match="called off"):
        await showcase.ballots.vote(GUILD, ballot.id, 101, two.id)
    with pytest.raises(UserError, match="no open ballot"):
        await showcase.ballots.close_ballot(GUILD)  # no winner to announce
    await builds.unlock(one)  # too late: the ballot is over
    assert (await showcase.ballots.ballot(GUILD, ballot.id)).candidates == (two.id,)
    await builds.lock(two, MODERATOR, None)
    assert await job_keys(store, SHOWCASE_CALLED_OFF_JOB) == [str(ballot.id)]
    assert await job_keys(store, SHOWCASE_BALLOT_JOB) == [f"{ballot.id}:{one.id}:1"]
    await builds.unlock(two)
    again = await showcase.ballots.start_ballot(GUILD, MODERATOR, f"{one.id} {two.id}")
    assert again.id != ballot.id


async def test_a_forget_that_deletes_all_but_one_build_of_a_ballot_calls_it_off(
    store: Store, builds: BuildService, showcase: ShowcaseService
) -> None:
    mine, also_mine, theirs = [
        await builds.start(GUILD, owner, title, "Carry", None)
        for owner, title in ((MEMBER, "A"), (MEMBER, "B"), (OWNER, "C"))
    ]
    ballot = await showcase.ballots.start_ballot(
        GUILD, MODERATOR, f"{mine.id} {also_mine.id} {theirs.id}"
    )

    async with store.transaction():  # as /privacy forget runs each server's part
        await showcase.member_data().forget(GUILD, MEMBER, False)

    called_off = await showcase.ballots.ballot(GUILD, ballot.id)
    assert called_off.called_off
    assert (called_off.candidates, called_off.withdrawn) == ((theirs.id,), (mine.id, also_mine.id))
    assert await job_keys(store, SHOWCASE_CALLED_OFF_JOB) == [str(ballot.id)]


async def test_the_bot_gives_back_an_unposted_claim_when_it_starts(
    services: Services, clock: ManualClock
) -> None:
    build = await services.builds.start(GUILD, OWNER, "Camper", "Carry", None)
    nomination = await services.showcase.nominate(build, MEMBER)
    await services.showcase.claim_feature(build, MODERATOR, None, approving_nominations=True)
    clock.advance(timedelta(minutes=16))  # the bot stopped mid-feature and starts again
    await services.prepare()
    [item] = await services.modqueue.pending(GUILD)
    assert item.ref_id == nomination.id
