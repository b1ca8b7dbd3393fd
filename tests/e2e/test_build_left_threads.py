"""A thread a deleted build left behind (by /build delete or its owner's forget, where Keitora
may not manage threads) belongs to no build, through the loopback: `/build update` typed there
without `build:` is refused, not posted to the member's newest build; and the odometer question
of a build deleted since names it."""

from __future__ import annotations

from sandbox import ChannelRef, Loopback
from sandbox.channels import new_thread
from sandbox.state import ChannelType

from .conftest import RunningBot
from .test_build_locked_cards import without_manage_threads
from .test_builds import (
    FORUM_POST,
    builds_channel,
    forum_build,
    newest_thread,
    requests,
    start,
    thread_ref,
)
from .test_forget_messages import DELETE_BUILDS, forget
from .test_showcase_auto_ballot import sent_answer


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
        "This thread's build was deleted. Name a build with `build:` to post to it."
    )
    assert len(loopback.messages(second)) == posts
    assert len(requests(loopback, FORUM_POST)) == 2
    named = await loopback.slash("build update", text="Oil change", build="2", where=left)
    assert named.text.startswith(f"Update posted on build #2 in <#{second.id}>.")


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


async def post_by_hand(loopback: Loopback, forum: ChannelRef, actor: str, name: str) -> ChannelRef:
    """A forum post a member makes in Discord, not through Keitora: the bot sees THREAD_CREATE."""
    parent = loopback.world.channels[forum.id]
    thread = new_thread(
        loopback.core, parent, name, ChannelType.PUBLIC_THREAD, thread_id=None, body={}
    )
    thread["owner_id"] = loopback.member(actor).id
    await loopback.gateway.dispatch("THREAD_CREATE", {**thread, "newly_created": True})
    return thread_ref(loopback, thread["id"])


async def test_an_update_in_a_members_own_forum_post_goes_to_their_build(
    loopback: Loopback, keitora: RunningBot
) -> None:
    built = await forum_build(loopback)
    own = await post_by_hand(loopback, loopback.channel("builds"), "Mika", "Where to buy tyres?")

    reply = await loopback.slash("build update", text="Oil change", where=own)
    assert reply.text.startswith(f"Update posted on build #1 in <#{built.id}>.")


async def test_a_deleted_builds_thread_is_refused_after_the_builds_channel_changed(
    loopback: Loopback, keitora: RunningBot
) -> None:
    left = await forum_build(loopback)
    await without_manage_threads(loopback, keitora)
    asked = await loopback.slash("build delete", build="1")
    await loopback.click(asked, "Delete it")
    elsewhere = await loopback.create_channel("builds-two", ChannelType.GUILD_FORUM)
    await builds_channel(loopback, "builds-two")
    await start(loopback, title="Second Carry")
    second = newest_thread(loopback)
    assert loopback.world.channels[second.id]["parent_id"] == elsewhere.id
    posts = len(loopback.messages(second))

    refused = await loopback.slash("build update", text="Oil change", where=left)
    assert refused.text.startswith("This thread's build was deleted.")
    assert len(loopback.messages(second)) == posts


async def test_an_update_in_a_thread_a_forget_left_is_refused(
    loopback: Loopback, keitora: RunningBot
) -> None:
    # A forgotten member is a member again at once: their next build is their newest, and a
    # command typed in a thread their forget left standing must not land on it.
    left = await forum_build(loopback)
    await without_manage_threads(loopback, keitora)
    await forget(loopback, "Mika", DELETE_BUILDS)
    await start(loopback, title="Second Carry")
    second = newest_thread(loopback)
    posts = len(loopback.messages(second))

    refused = await loopback.slash("build update", text="Oil change", where=left)
    assert refused.ephemeral
    assert sent_answer(loopback, refused) == (
        "This thread's build was deleted. Name a build with `build:` to post to it."
    ), sent_answer(loopback, refused)
    assert len(loopback.messages(second)) == posts
