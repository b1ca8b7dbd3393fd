"""`/showcase-mod vote start` without candidates: the ballot takes the nominations no ballot held
yet that a moderator did not reject (pending, or approved and featured), never a locked build,
and says which builds it took; too few to stand are counted as nominated, with why the others
cannot, deleted builds among them (counted only: their nominations went with them)."""

from __future__ import annotations

from sandbox import Loopback, Reply

from .conftest import RunningBot
from .test_builds import requests
from .test_modqueue import reject
from .test_privacy import DELETE_BUILDS, forget
from .test_showcase import showcase_posts, start_builds
from .test_showcase_nominations import nominate, queue_posts, queue_ready
from .test_showcase_odd_input import ballot_labels

FOLLOWUP = ("POST", "/webhooks/{webhook_id}/{webhook_token}")


def sent_answer(loopback: Loopback, reply: Reply) -> str:
    """What the bot answered: its first response, else its follow-ups after deferring."""
    body = reply.record.callback_body or {}
    if body.get("type") == 4:
        return str(body["data"].get("content", ""))
    token = reply.record.token
    return "\n".join(
        str(r.request.get("content", ""))
        for r in requests(loopback, FOLLOWUP)
        if r.path.endswith(f"/{token}")
    )


async def test_a_rejected_nomination_stays_off_the_ballot_and_the_reply_names_those_taken(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await queue_ready(loopback)
    await start_builds(loopback, "Dale", "Rosa", "Hank", "Tammy")
    for build in ("1", "2", "3", "4"):
        await nominate(loopback, "Mika", build)
    await queue_posts(loopback, 4)
    marcus = loopback.member("Marcus")
    listed = await loopback.slash("modqueue", actor=marcus)
    await reject(loopback, listed, "Reject nomination #2", "Marcus")
    # Approved (featured) still stands for Build of the Month.
    await loopback.slash("showcase-mod feature", build="3", actor=marcus)

    opened = await loopback.slash("showcase-mod vote start", actor=marcus)

    [ballot] = [m for m in showcase_posts(loopback) if m.components]
    assert ballot_labels(loopback, ballot.channel_id) == [
        "#1 Build 1",
        "#3 Build 3",
        "#4 Build 4",
    ]
    said = sent_answer(loopback, opened)
    assert said.startswith("The ballot is open: "), said
    assert said.endswith(
        "\nFrom the nominations no ballot held yet it holds #1 “Build 1”, #3 “Build 3” and "
        "#4 “Build 4”."
    ), said


async def test_a_rejected_nomination_counts_for_nothing_once_the_build_is_nominated_again(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await queue_ready(loopback)
    await start_builds(loopback, "Dale", "Rosa")
    await nominate(loopback, "Mika", "1")
    await nominate(loopback, "Mika", "2")
    await queue_posts(loopback, 2)
    marcus = loopback.member("Marcus")
    await reject(
        loopback, await loopback.slash("modqueue", actor=marcus), "Reject nomination #2", "Marcus"
    )
    await nominate(loopback, "Hank", "2")

    await loopback.slash("showcase-mod vote start", actor=marcus)

    [ballot] = [m for m in showcase_posts(loopback) if m.components]
    assert ballot_labels(loopback, ballot.channel_id) == ["#1 Build 1", "#2 Build 2"]


async def test_too_few_to_stand_counts_every_nomination_and_names_why_the_others_cannot(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await queue_ready(loopback)
    await start_builds(loopback, "Dale", "Rosa", "Hank")
    await nominate(loopback, "Mika", "2")
    await nominate(loopback, "Mika", "3")
    marcus = loopback.member("Marcus")
    await loopback.slash("build-mod lock", build="3", reason="spam", actor=marcus)

    refused = await loopback.slash("showcase-mod vote start", actor=marcus)
    assert refused.ephemeral
    assert sent_answer(loopback, refused) == (
        "A ballot needs at least two builds, and the nominations no ballot held yet name 2, "
        "but #3 is locked, leaving only #2: name the candidates, e.g. `12, 15, 18`."
    ), sent_answer(loopback, refused)

    await nominate(loopback, "Mika", "1")
    await queue_posts(loopback, 3)
    await reject(
        loopback, await loopback.slash("modqueue", actor=marcus), "Reject nomination #1", "Marcus"
    )
    await reject(
        loopback, await loopback.slash("modqueue", actor=marcus), "Reject nomination #3", "Marcus"
    )
    refused = await loopback.slash("showcase-mod vote start", actor=marcus)
    assert sent_answer(loopback, refused) == (
        "A ballot needs at least two builds, and the nominations no ballot held yet name 3, "
        "but #1 and #2 were rejected and #3 is locked, leaving none: name the candidates, "
        "e.g. `12, 15, 18`."
    ), sent_answer(loopback, refused)
    assert [m for m in showcase_posts(loopback) if m.components] == []


async def test_too_few_to_stand_counts_the_nominated_builds_deleted_since(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await queue_ready(loopback)
    await start_builds(loopback, "Dale", "Rosa", "Hank")
    for build in ("1", "2", "3"):
        await nominate(loopback, "Mika", build)
    rosa = loopback.member("Rosa")
    asked = await loopback.slash("build delete", build="2", actor=rosa)
    await loopback.click(asked, "Delete it", actor=rosa)
    await forget(loopback, loopback.member("Hank"), DELETE_BUILDS)

    refused = await loopback.slash("showcase-mod vote start", actor=loopback.member("Marcus"))

    assert sent_answer(loopback, refused) == (
        "A ballot needs at least two builds, and the nominations no ballot held yet name 3, "
        "but 2 were deleted since, leaving only #1: name the candidates, e.g. `12, 15, 18`."
    ), sent_answer(loopback, refused)
