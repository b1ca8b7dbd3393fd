"""A repeated /build start (a double submit): the same member, the same title and truck within
minutes of the first is refused with a pointer to the build already started. Later, or with
another truck, a member's second build under the title of one of their own is refused too: both
threads would read the same, and an update without `build:` would go to either."""

from __future__ import annotations

from datetime import timedelta

from sandbox import Loopback

from .conftest import RunningBot
from .test_builds import FORUM_POST, builds_channel, newest_thread, requests, start
from .test_showcase_auto_ballot import sent_answer


async def test_the_same_build_started_twice_within_minutes_is_refused_with_a_pointer(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await builds_channel(loopback)
    assert "Build #1 started" in (await start(loopback)).text
    thread = newest_thread(loopback)
    keitora.clock.advance(timedelta(minutes=2))

    again = await start(loopback, title="  camper   CARRY ", truck="1994 suzuki carry  DA51T")
    assert again.ephemeral
    assert again.text == (
        f"You started build #1 (“Camper Carry”, with this truck) 2 minutes ago: <#{thread.id}>. "
        "Nothing new was started. To start a second build of the same truck, give it "
        "another title."
    )
    assert len(requests(loopback, FORUM_POST)) == 1


async def test_a_different_title_or_member_is_a_new_build(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await builds_channel(loopback)
    assert "Build #1 started" in (await start(loopback)).text
    assert "Build #2 started" in (await start(loopback, title="Camper Carry II")).text
    assert "Build #3 started" in (await start(loopback, actor="Rosa")).text
    assert len(requests(loopback, FORUM_POST)) == 3


async def test_a_second_build_under_the_title_of_ones_own_is_refused_later_or_with_another_truck(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await builds_channel(loopback)
    assert "Build #1 started" in (await start(loopback, title="Acty")).text
    keitora.clock.advance(timedelta(minutes=10, seconds=1))
    refusal = (
        "You have build #1 “Acty” already: give this build another title, so the two can be "
        "told apart. Nothing new was started."
    )
    for title, truck in (("Acty", "1994 Suzuki Carry DA51T"), (" ACTY  ", "1993 Honda Acty")):
        again = await start(loopback, title=title, truck=truck)
        assert again.ephemeral
        assert sent_answer(loopback, again) == refusal, sent_answer(loopback, again)
    assert len(requests(loopback, FORUM_POST)) == 1
    assert "Build #2 started" in (await start(loopback, title="Acty", actor="Rosa")).text


async def test_a_rename_to_the_title_of_another_of_ones_own_builds_is_refused(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await builds_channel(loopback)
    assert "Build #1 started" in (await start(loopback, title="Acty")).text
    assert "Build #2 started" in (await start(loopback, title="Acty 4WD")).text
    refused = await loopback.slash(
        "build rename", build="2", title="acty", actor=loopback.member("Mika")
    )
    assert refused.ephemeral
    assert sent_answer(loopback, refused) == (
        "Build #1 “Acty” has that title already: give build #2 another title, so the two can be "
        "told apart. Nothing changed."
    ), sent_answer(loopback, refused)


async def test_a_second_build_titled_as_ones_own_but_for_punctuation_is_refused(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await builds_channel(loopback)
    assert "Build #1 started" in (await start(loopback, title="Camper Carry")).text
    again = await start(loopback, title="camper carry!", truck="1993 Honda Acty")
    assert again.ephemeral
    assert sent_answer(loopback, again) == (
        "You have build #1 “Camper Carry” already: give this build another title, so the two "
        "can be told apart. Nothing new was started."
    ), sent_answer(loopback, again)
    assert len(requests(loopback, FORUM_POST)) == 1
