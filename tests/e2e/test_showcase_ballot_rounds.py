"""Build of the Month month after month, through the loopback: an automatic ballot takes the
nominations no ballot held yet, however old, and leaves out the last ballot's winner, saying so;
a member renews a nomination a ballot held; the result and the winner's DM name the ballot's
month, in the server's zone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.clock import ManualClock
from sandbox import Loopback, Reply

from .conftest import RunningBot, eventually
from .test_showcase import showcase_posts, start_builds
from .test_showcase_auto_ballot import sent_answer
from .test_showcase_close_crash import result_posts
from .test_showcase_nominations import (
    dales_nomination_posted,
    dms_sent_to,
    nominate,
    queue_ready,
    refreshed,
)
from .test_showcase_odd_input import ballot_labels

# A Saturday noon in Denver, where the server's December ballot closes at 1 AM on New Year's
# Day.
pytestmark = pytest.mark.clock(datetime(2026, 12, 5, 19, 0, tzinfo=UTC))
NEW_YEARS_DAY = datetime(2027, 1, 1, 8, 0, tzinfo=UTC)


async def denver_ballot_voted(loopback: Loopback) -> None:
    """December's ballot in a Denver server: builds 1 (Mika's), 2 (Dale's) and 3 (Rosa's),
    nominated by Hank and Mika, opened from the nominations; build 1 leads by two votes to one."""
    await queue_ready(loopback)
    await loopback.slash("setup timezone", tz="America/Denver", actor=loopback.member("Akiko"))
    await start_builds(loopback, "Mika", "Dale", "Rosa", "Hank")
    await nominate(loopback, "Hank", "1")
    await nominate(loopback, "Mika", "2")
    await nominate(loopback, "Hank", "3")
    await loopback.slash("showcase-mod vote start", actor=loopback.member("Marcus"))
    [ballot] = [m for m in showcase_posts(loopback) if m.components]
    assert ballot_labels(loopback, ballot.channel_id) == ["#1 Build 1", "#2 Build 2", "#3 Build 3"]
    await loopback.click(ballot, "#1 Build 1", actor=loopback.member("Hank"))
    await loopback.click(ballot, "#1 Build 1", actor=loopback.member("Dale"))
    await loopback.click(ballot, "#2 Build 2", actor=loopback.member("Rosa"))


async def december_closed(loopback: Loopback, clock: ManualClock) -> Reply:
    """December's ballot (`denver_ballot_voted`), closed at 1 AM on New Year's Day in Denver;
    the moderator's reply."""
    await denver_ballot_voted(loopback)
    clock.set(NEW_YEARS_DAY)
    return await loopback.slash("showcase-mod vote close", actor=loopback.member("Marcus"))


async def automatic_ballot_refused(loopback: Loopback) -> str:
    """What the bot sent a moderator who started a ballot without naming its builds."""
    refused = await loopback.slash("showcase-mod vote start", actor=loopback.member("Marcus"))
    return sent_answer(loopback, refused)


def last_ballot_labels(loopback: Loopback) -> list[str]:
    """The buttons of the last ballot the bot posted."""
    path = f"/channels/{loopback.channel('showcase').id}/messages"
    *_, sent = [
        r.request
        for r in loopback.requests
        if r.method == "POST" and r.path == path and r.request.get("components")
    ]
    return [b["label"] for row in sent["components"] for b in row["components"]]


async def test_the_next_ballot_takes_the_nominations_since_and_leaves_out_the_last_winner(
    loopback: Loopback, keitora: RunningBot, clock: ManualClock
) -> None:
    await december_closed(loopback, clock)
    marcus = loopback.member("Marcus")
    # Hank renews his nomination of build 3, which December's ballot held; Tammy nominates the
    # winner; Rosa nominates build 4. Build 2's one nomination was on December's ballot.
    renewed = await loopback.slash("showcase nominate", build="3", actor=loopback.member("Hank"))
    assert renewed.text == (
        "Thanks! Build #3 is nominated again: your nomination, which a ballot held already, "
        "counts for the next one too, and still waits for the moderators to feature it."
    ), renewed.text
    again = await loopback.slash("showcase nominate", build="3", actor=loopback.member("Hank"))
    assert again.text == (
        "You nominated build #3 already; it waits for the moderators, and counts for the next "
        "Build of the Month ballot."
    ), again.text
    await nominate(loopback, "Tammy", "1")
    await nominate(loopback, "Rosa", "4")

    opened = await loopback.slash("showcase-mod vote start", actor=marcus)

    assert last_ballot_labels(loopback) == ["#3 Build 3", "#4 Build 4"]
    said = sent_answer(loopback, opened)
    assert said.endswith(
        "\nFrom the nominations no ballot held yet it holds #3 “Build 3” and #4 “Build 4”. It "
        "leaves out #1 “Build 1”, the Build of the Month for December 2026: the last ballot's "
        "winner sits out the next one, and its nominations wait for the one after."
    ), said


async def test_with_the_winner_left_out_too_few_are_refused_with_why(
    loopback: Loopback, keitora: RunningBot, clock: ManualClock
) -> None:
    await december_closed(loopback, clock)
    await nominate(loopback, "Tammy", "1")
    await nominate(loopback, "Tammy", "2")

    assert await automatic_ballot_refused(loopback) == (
        "A ballot needs at least two builds, and the nominations no ballot held yet name 2, but "
        "#1 won the last ballot and sits this one out, leaving only #2; #3, still waiting in the "
        "moderation queue, was on a ballot already (a member's new nomination puts it on the "
        "next): name the candidates, e.g. `12, 15, 18`."
    )


async def test_a_nomination_nobody_decided_counts_for_the_next_ballot_however_old(
    loopback: Loopback, keitora: RunningBot, clock: ManualClock
) -> None:
    await queue_ready(loopback)
    await start_builds(loopback, "Mika", "Dale")
    await nominate(loopback, "Hank", "1")
    await nominate(loopback, "Hank", "2")
    clock.set(datetime(2027, 3, 1, 17, 0, tzinfo=UTC))
    hank = loopback.member("Hank")

    again = await loopback.slash("showcase nominate", build="1", actor=hank)
    assert again.text == (
        "You nominated build #1 already; it waits for the moderators, and counts for the next "
        "Build of the Month ballot."
    ), again.text
    opened = await loopback.slash("showcase-mod vote start", actor=loopback.member("Marcus"))

    [ballot] = [m for m in showcase_posts(loopback) if m.components]
    assert ballot_labels(loopback, ballot.channel_id) == ["#1 Build 1", "#2 Build 2"]
    assert sent_answer(loopback, opened).endswith(
        "\nFrom the nominations no ballot held yet it holds #1 “Build 1” and #2 “Build 2”."
    ), sent_answer(loopback, opened)


async def test_the_result_and_the_winners_dm_name_the_ballots_month_in_the_servers_zone(
    loopback: Loopback, keitora: RunningBot, clock: ManualClock
) -> None:
    # Opened at 10 PM on New Year's Eve in Denver, already January 1 in UTC.
    clock.set(datetime(2027, 1, 1, 5, 0, tzinfo=UTC))

    closed = await december_closed(loopback, clock)

    assert "The Build of the Month for December 2026 is **#1 Build 1**!" in closed.text
    await keitora.bot.job_runner.run_due()
    await eventually(lambda: bool(result_posts(loopback)), "the result post")
    [post] = result_posts(loopback)
    assert post.request["content"] == "The Build of the Month for December 2026 is **#1 Build 1**!"
    assert post.request["embeds"][0]["title"] == "Build of the Month · December 2026"
    await eventually(lambda: bool(dms_sent_to(loopback, "Mika")), "the winner's DM")
    [won] = dms_sent_to(loopback, "Mika")
    assert str(won["content"]).startswith(
        "Your build “Build 1” (#1) is the Build of the Month for December 2026 of **Kei Truck "
        "Owners of America**! The ballot: "
    ), won["content"]


async def test_a_renewal_with_a_new_reason_shows_it_on_the_nominations_queue_post(
    loopback: Loopback, keitora: RunningBot
) -> None:
    queued = await dales_nomination_posted(loopback, "Dale: the dump bed is spotless")
    await loopback.slash(
        "build start", title="Rosa's", truck="1999 Suzuki Carry", actor=loopback.member("Rosa")
    )
    await nominate(loopback, "Dale", "2")
    marcus = loopback.member("Marcus")
    await loopback.slash("showcase-mod vote start", actor=marcus)
    await loopback.slash("showcase-mod vote close", actor=marcus)

    renewed = await loopback.slash(
        "showcase nominate",
        build="1",
        reason="Dale: now with a camper shell",
        actor=loopback.member("Dale"),
    )

    assert renewed.text.startswith("Thanks! Build #1 is nominated again"), renewed.text
    [edit] = await refreshed(keitora, queued)
    description = edit.request["embeds"][0]["description"]
    assert "now with a camper shell" in description
    assert "the dump bed is spotless" not in description


async def test_a_refusal_names_the_builds_waiting_in_the_queue_that_a_ballot_held(
    loopback: Loopback, keitora: RunningBot, clock: ManualClock
) -> None:
    await queue_ready(loopback)
    await start_builds(loopback, "Mika", "Dale", "Rosa")
    await nominate(loopback, "Hank", "1")
    await nominate(loopback, "Hank", "2")
    marcus = loopback.member("Marcus")
    await loopback.slash("showcase-mod vote start", actor=marcus)
    await loopback.slash("showcase-mod vote close", actor=marcus)
    clock.set(datetime(2027, 3, 1, 17, 0, tzinfo=UTC))
    await nominate(loopback, "Tammy", "3")

    assert await automatic_ballot_refused(loopback) == (
        "A ballot needs at least two builds, and the nominations no ballot held yet name only 1 "
        "build; #1 and #2, still waiting in the moderation queue, were on a ballot already (a "
        "member's new nomination puts them on the next): name the candidates, e.g. "
        "`12, 15, 18`."
    )


async def test_renewing_the_winners_nomination_is_told_it_counts_for_the_ballot_after_next(
    loopback: Loopback, keitora: RunningBot, clock: ManualClock
) -> None:
    await december_closed(loopback, clock)  # build 1, Hank's nomination, won December's
    hank = loopback.member("Hank")

    renewed = await loopback.slash("showcase nominate", build="1", actor=hank)
    again = await loopback.slash("showcase nominate", build="1", actor=hank)

    assert renewed.text == (
        "Thanks! Build #1 is nominated again: your nomination, which a ballot held already, "
        "counts for the ballot after the next one (the last winner sits the next one out), and "
        "still waits for the moderators to feature it."
    ), renewed.text
    assert again.text == (
        "You nominated build #1 already; it waits for the moderators, and counts for the "
        "Build of the Month ballot after the next one (the last winner sits the next one out)."
    ), again.text
    await nominate(loopback, "Tammy", "2")
    await nominate(loopback, "Rosa", "4")
    await loopback.slash("showcase-mod vote start", actor=loopback.member("Marcus"))
    assert last_ballot_labels(loopback) == ["#2 Build 2", "#4 Build 4"]


async def test_a_refusal_says_a_new_nomination_puts_the_held_winner_on_the_ballot_after_next(
    loopback: Loopback, keitora: RunningBot, clock: ManualClock
) -> None:
    await december_closed(loopback, clock)  # build 1 won; the nominations of 1, 2 and 3 held
    await nominate(loopback, "Rosa", "4")

    assert await automatic_ballot_refused(loopback) == (
        "A ballot needs at least two builds, and the nominations no ballot held yet name only 1 "
        "build; #1, #2 and #3, still waiting in the moderation queue, were on a ballot already (a "
        "member's new nomination puts them on the next, and #1, the last ballot's winner, on the "
        "one after): name the candidates, e.g. `12, 15, 18`."
    )


async def test_a_last_winner_now_locked_is_not_said_to_sit_the_ballot_out(
    loopback: Loopback, keitora: RunningBot, clock: ManualClock
) -> None:
    await december_closed(loopback, clock)
    marcus = loopback.member("Marcus")
    await nominate(loopback, "Tammy", "1")
    await nominate(loopback, "Tammy", "2")
    await nominate(loopback, "Rosa", "4")
    await loopback.slash("build-mod lock", build="1", reason="Stolen photos", actor=marcus)

    opened = await loopback.slash("showcase-mod vote start", actor=marcus)

    assert last_ballot_labels(loopback) == ["#2 Build 2", "#4 Build 4"]
    assert sent_answer(loopback, opened).endswith(
        "\nFrom the nominations no ballot held yet it holds #2 “Build 2” and #4 “Build 4”."
    ), sent_answer(loopback, opened)
