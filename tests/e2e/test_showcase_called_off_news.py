"""A Build of the Month ballot that withdrawals call off (left with one build) tells, by DM and
once each, every member whose vote it voids: the voters whose votes stood, those told earlier
that their vote was free (a "vote again" that no longer holds), and the owner of the one build
left. Through the loopback, from what the bot sent."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot, eventually
from .test_build_delete_ballots import ballot_of
from .test_privacy import DELETE_BUILDS, forget
from .test_showcase_nominations import dms_sent_to

SERVER = "**Kei Truck Owners of America**"
WHY = "builds #2 and #3 were withdrawn, leaving only build #1, and a ballot needs at least two"


def dms_saying(loopback: Loopback, member: str, words: str) -> list[str]:
    """The bot's DMs to `member` that say `words`."""
    sent = (str(dm["content"]) for dm in dms_sent_to(loopback, member))
    return [content for content in sent if words in content]


async def test_a_ballot_called_off_tells_each_member_whose_vote_it_voids_and_the_owner_left(
    loopback: Loopback, keitora: RunningBot
) -> None:
    ballot, link = await ballot_of(loopback, "Mika", "Dale", "Rosa")
    votes = {"Dale": "#1 Build 1", "Mika": "#2 Build 2", "Rosa": "#2 Build 2", "Hank": "#3 Build 3"}
    for voter, button in votes.items():
        await loopback.click(ballot, button, actor=loopback.member(voter))
    marcus = loopback.member("Marcus")
    await loopback.slash("build-mod lock", build="2", reason="Stolen photos", actor=marcus)
    # Mika and Rosa are told to vote again before the ballot is called off.
    await eventually(
        lambda: all(dms_saying(loopback, m, "your vote is free") for m in ("Mika", "Rosa")),
        "the freed voters' DMs",
    )
    asked = await loopback.slash(
        "build delete", build="3", reason="Duplicate of another build", actor=marcus
    )
    await loopback.click(asked, "Delete it", actor=marcus)

    told = ("Dale", "Mika", "Rosa", "Hank")
    await eventually(
        lambda: all(dms_saying(loopback, m, "is called off") for m in told),
        "the called-off news",
    )
    await keitora.restart()
    await keitora.bot.job_runner.run_due()  # nothing more is on its way
    for member in told:
        assert len(dms_saying(loopback, member, "is called off")) == 1, member
    voided = (
        f"The Build of the Month ballot of {SERVER} ({link}) is called off: {WHY}. No votes are "
        "counted, yours included; the moderators may start a new ballot."
    )
    for voter in ("Dale", "Rosa", "Hank"):  # a vote standing, freed before, gone with the call
        assert dms_saying(loopback, voter, "is called off") == [voided], voter
    # Mika voted too, but her build is the one left: she is told so, once.
    assert dms_saying(loopback, "Mika", "is called off") == [
        f"The Build of the Month ballot of {SERVER} ({link}) is called off: {WHY}. Your build "
        "“Build 1” (#1) was the one left; no votes are counted, and the moderators may start a "
        "new ballot."
    ]
    assert dms_sent_to(loopback, "Tammy") == []


async def test_a_freed_voter_not_yet_told_hears_only_that_the_ballot_was_called_off(
    loopback: Loopback, keitora: RunningBot
) -> None:
    ballot, _ = await ballot_of(loopback, "Mika", "Dale", "Rosa")
    await loopback.click(ballot, "#2 Build 2", actor=loopback.member("Hank"))
    assert loopback.guild is not None
    jobs = keitora.bot.services.jobs
    jobs.pause_servers([loopback.guild.id])  # the outbox is behind: Hank's "vote again" waits
    marcus = loopback.member("Marcus")
    await loopback.slash("build-mod lock", build="2", reason="Stolen photos", actor=marcus)
    asked = await loopback.slash("build-mod lock", build="3", reason="Stolen photos", actor=marcus)
    await loopback.click(asked, "Lock it", actor=marcus)
    jobs.resume_server(loopback.guild.id)

    await eventually(lambda: bool(dms_saying(loopback, "Hank", "called off")), "Hank's news")
    await keitora.restart()
    await keitora.bot.job_runner.run_due()
    [told] = (str(dm["content"]) for dm in dms_sent_to(loopback, "Hank"))
    assert "No votes are counted, yours included" in told
    [left] = dms_saying(loopback, "Mika", "called off")
    assert "Your build “Build 1” (#1) was the one left" in left


async def test_a_member_forgotten_with_their_builds_is_not_told_the_ballot_they_left_is_off(
    loopback: Loopback, keitora: RunningBot
) -> None:
    ballot, _ = await ballot_of(loopback, "Mika", "Dale")
    await loopback.click(ballot, "#2 Build 2", actor=loopback.member("Mika"))
    await loopback.click(ballot, "#1 Build 1", actor=loopback.member("Hank"))
    await forget(loopback, loopback.member("Mika"), DELETE_BUILDS)

    await eventually(lambda: bool(dms_saying(loopback, "Dale", "called off")), "Dale's news")
    await eventually(lambda: bool(dms_saying(loopback, "Hank", "called off")), "Hank's news")
    await keitora.restart()
    await keitora.bot.job_runner.run_due()
    assert dms_saying(loopback, "Mika", "called off") == []
    [left] = dms_saying(loopback, "Dale", "called off")
    assert "Your build “Build 2” (#2) was the one left" in left
