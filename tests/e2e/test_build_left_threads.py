"""A thread a deleted build left behind (Keitora may not manage threads there) belongs to no
build, through the loopback: `/build update` typed there without `build:` is refused, not posted
to the member's newest build; and the odometer question of a build deleted since names it."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_build_locked_cards import without_manage_threads
from .test_builds import FORUM_POST, forum_build, newest_thread, requests, start


async def test_an_update_in_a_deleted_builds_thread_is_refused(
    loopback: Loopback, keitora: RunningBot
) -> None:
    left = await forum_build(loopback)
    await start(loopback, title="Second Carry")
    second = newest_thread(loopback)
    await without_manage_threads(loopback, keitora)
    asked = await loopback.slash("build delete", build="1")
    await loopback.click(asked, "Delete it")
    posts = len(loopback.messages(second))

    refused = await loopback.slash("build update", text="Oil change", where=left)
    assert refused.ephemeral
    assert refused.text == (
        "This thread is not a build's: its build was deleted, or it was never one. Name the "
        "build with `build:` to post to it."
    )
    assert len(loopback.messages(second)) == posts
    assert len(requests(loopback, FORUM_POST)) == 2
    named = await loopback.slash("build update", text="Oil change", build="2", where=left)
    assert named.text.startswith(f"Update posted in <#{second.id}>.")


async def test_the_odometer_question_of_a_deleted_build_names_it(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    await loopback.slash("build update", text="Oil change", odometer=50_000, where=thread)
    asked = await loopback.slash("build update", text="Fixed", odometer=40_000, where=thread)
    deleting = await loopback.slash("build delete", build="1")
    await loopback.click(deleting, "Delete it")
    late = await loopback.click(asked, "Yes, record it")
    assert late.text == "Build #1 was deleted since; nothing is left to record this update on."
