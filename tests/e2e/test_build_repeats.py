"""A repeated /build start (a double submit): the same member, the same title and truck within
minutes of the first is refused with a pointer to the build already started."""

from __future__ import annotations

from datetime import timedelta

from sandbox import Loopback

from .conftest import RunningBot
from .test_builds import FORUM_POST, builds_channel, newest_thread, requests, start


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


async def test_a_different_title_truck_member_or_a_later_start_is_a_new_build(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await builds_channel(loopback)
    assert "Build #1 started" in (await start(loopback)).text
    assert "Build #2 started" in (await start(loopback, title="Camper Carry II")).text
    assert "Build #3 started" in (await start(loopback, truck="1991 Suzuki Carry DA41T")).text
    assert "Build #4 started" in (await start(loopback, actor="Rosa")).text
    keitora.clock.advance(timedelta(minutes=10, seconds=1))
    assert "Build #5 started" in (await start(loopback)).text
    assert len(requests(loopback, FORUM_POST)) == 5
