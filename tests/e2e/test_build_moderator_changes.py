"""A moderator changing a member's build, through the loopback: taking back another member's
update asks first, and the owner is told by DM (once, through the outbox) what a moderator
deleted or renamed, and why when a reason was given; an owner acting on their own build is not."""

from __future__ import annotations

from collections.abc import Awaitable

import pytest

from sandbox import ChannelRef, Loopback, Reply
from sandbox.api import File
from sandbox.demo import DEMO_GUILD

from .conftest import RunningBot, eventually
from .test_build_update_removal import DELETE_MESSAGE
from .test_builds import PNG, card, field, forum_build, option_limits, requests
from .test_showcase_nominations import dms_sent_to

# As long as Discord lets a moderator type it: longer than a button's custom id could carry.
REASON = "@everyone **shows** a plate: " + "x" * 171


def thread_link(thread: ChannelRef) -> str:
    return f"https://discord.com/channels/{thread.guild_id}/{thread.id}"


async def the_owners_dm(loopback: Loopback) -> dict[str, object]:
    """The one DM sent to Mika, who owns the build, once the outbox has sent it."""
    await eventually(lambda: bool(dms_sent_to(loopback, "Mika")), "the owner's DM")
    [told] = dms_sent_to(loopback, "Mika")
    return told


async def test_a_moderator_is_asked_before_deleting_a_members_update_and_the_owner_told(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    photo = File("plate.png", PNG, "image/png")
    await loopback.slash("build update", text="Lifted", photo=photo, cost="300", where=thread)
    marcus = loopback.member("Marcus")
    [choice] = await loopback.autocomplete(
        "build delete-update", "update", "", build="1", actor=marcus
    )

    def ask() -> Awaitable[Reply]:
        return loopback.slash(
            "build delete-update",
            update=choice["value"],
            build="1",
            reason=REASON,
            actor=marcus,
        )

    assert option_limits(loopback, "build", "delete-update")["reason"] == len(REASON) == 200
    asked = await ask()
    assert asked.ephemeral
    assert asked.text == (
        "Delete the update “Lifted” from build #1 “Camper Carry”? This cannot be undone: its "
        "post and photo leave the thread, and its cost of $300.00 leaves the totals. Its owner "
        f"is told by DM.\nThe reason its owner reads: {REASON}"
    )
    assert asked.message is not None
    [kept_with] = asked.message.embeds  # a footer shows the reason as typed, inert
    assert kept_with["footer"]["text"] == f"The reason its owner reads: {REASON}"
    assert asked.message.buttons == ["Delete it", "Keep it"]
    assert requests(loopback, DELETE_MESSAGE) == []
    kept = await loopback.click(asked, "Keep it", actor=marcus)
    assert (kept.type, kept.content, kept.components) == (7, "Kept; nothing was deleted.", [])
    # The reason goes with the question: nothing was deleted, so nobody is told anything.
    assert kept.record.callback_body is not None
    assert kept.record.callback_body["data"]["embeds"] == []
    assert kept.text == "Kept; nothing was deleted."
    assert field(card(loopback, thread).embeds[0], "Spent") == "$300.00"

    asked = await ask()
    await keitora.restart()  # the question's buttons hold what they act on
    deleted = await loopback.click(asked, "Delete it", actor=marcus)
    assert deleted.components == []  # the question itself is answered: its buttons are gone
    assert deleted.text == (  # the reason told stays shown under the answer
        "Deleted the update “Lifted” from build #1. Its owner is told by DM.\n"
        f"The reason its owner reads: {REASON}"
    )
    assert len(requests(loopback, DELETE_MESSAGE)) == 1
    assert field(card(loopback, thread).embeds[0], "Spent") == "$0.00"

    told = await the_owners_dm(loopback)
    content = str(told["content"])
    assert content.startswith(
        f"A moderator of **{DEMO_GUILD}** deleted an update from your build “Camper Carry” "
        "(#1): “Lifted”, posted <t:"
    )
    assert content.endswith(f"Its thread: {thread_link(thread)}")
    assert "with its photo and its cost of $300.00" in content
    assert f"The reason given: “@\u200beveryone \\*\\*shows\\*\\* a plate: {'x' * 171}”." in content
    assert told["allowed_mentions"]["parse"] == []

    # The owner taking back their own update is neither asked nor told.
    await loopback.slash("build update", text="New tyres", cost="50", where=thread)
    [own] = await loopback.autocomplete("build delete-update", "update", "", build="1")
    asked = await loopback.slash("build delete-update", update=own["value"], build="1")
    assert "told" not in asked.text
    mine = await loopback.click(asked, "Delete it")
    assert mine.text == "Deleted the update “New tyres” from build #1."
    await keitora.restart()
    assert len(dms_sent_to(loopback, "Mika")) == 1


async def test_a_moderators_rename_of_a_members_build_is_told_to_its_owner_once(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    marcus = loopback.member("Marcus")
    renamed = await loopback.slash(
        "build rename", title="Kei Camper", build="1", reason="no prices in titles", actor=marcus
    )
    assert renamed.text.startswith("Build #1 is now “Kei Camper”")
    assert renamed.text.endswith("Its owner is told by DM.")
    told = await the_owners_dm(loopback)
    assert told["content"] == (
        f"A moderator of **{DEMO_GUILD}** renamed your build #1: its title “Camper Carry” is "
        "now “Kei Camper”. The reason given: “no prices in titles”. "
        f"Its thread: {thread_link(thread)}"
    )

    await loopback.slash("build rename", truck="1996 Suzuki Carry DA51T", build="1")
    await keitora.restart()
    assert len(dms_sent_to(loopback, "Mika")) == 1  # the owner's own rename tells nobody


RENAMED = "renamed your build #1: its truck"
SPEC_AND_TRUCK = "changed the spec of your build “Camper Carry” (#1): Lift; its truck"


@pytest.mark.parametrize(
    ("more", "said"),
    [({}, RENAMED), ({"lift": "2 in"}, SPEC_AND_TRUCK)],
    ids=["truck line alone", "and another field, in the same DM"],
)
async def test_a_moderators_spec_that_rewrites_the_truck_line_is_told_to_its_owner_once(
    loopback: Loopback, keitora: RunningBot, more: dict[str, str], said: str
) -> None:
    thread = await forum_build(loopback)  # 1994 Suzuki Carry DA51T
    marcus = loopback.member("Marcus")
    changed = await loopback.slash(
        "build spec",
        build="1",
        make="Daihatsu",
        model="Hijet",
        model_code="S83P",
        year=1993,
        reason="it is a Hijet, see the plate",
        actor=marcus,
        **more,
    )
    assert changed.text.endswith("Its owner is told by DM.")
    told = await the_owners_dm(loopback)
    assert told["content"] == (
        f"A moderator of **{DEMO_GUILD}** {said} "
        "“1994 Suzuki Carry DA51T” is now “1993 Daihatsu Hijet S83P”. The reason given: "
        f"“it is a Hijet, see the plate”. Its thread: {thread_link(thread)}"
    )

    # The owner's own spec tells nobody.
    own = await loopback.slash("build spec", build="1", year=1992)
    assert "told" not in own.text
    await keitora.restart()
    assert len(dms_sent_to(loopback, "Mika")) == 1


async def test_a_question_asked_before_the_reason_moved_to_its_footer_keeps_its_reason(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await forum_build(loopback)
    await loopback.slash("build update", text="Lifted", build="1")
    [choice] = await loopback.autocomplete("build delete-update", "update", "", build="1")
    marcus = loopback.member("Marcus")
    asked = await loopback.slash(
        "build delete-update", update=choice["value"], build="1", reason="x", actor=marcus
    )
    # As Keitora asked it before: the reason after the update's number, no footer.
    original = asked.record.original
    assert original is not None
    original["embeds"] = []
    [button] = [c for row in original["components"] for c in row["components"]][:1]
    button["custom_id"] += ":no plates"
    await loopback.click(asked, button["custom_id"], actor=marcus)
    told = await the_owners_dm(loopback)
    assert "The reason given: “no plates”." in str(told["content"])


async def test_a_moderators_removal_of_a_members_part_is_told_to_its_owner_once(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    await loopback.slash("build part add", name="Block lift", cost="120", category="suspension")
    await loopback.slash("build part add", name="Mud flaps", cost="30")
    await loopback.slash("build part remove", part="Mud flaps")  # the owner's own: nobody told
    marcus = loopback.member("Marcus")
    removed = await loopback.slash(
        "build part remove", build="1", part="Block lift", reason=REASON, actor=marcus
    )
    assert removed.text == "Removed Block lift from build #1. Its owner is told by DM."
    told = await the_owners_dm(loopback)
    assert told["content"] == (
        f"A moderator of **{DEMO_GUILD}** removed the part “Block lift” ($120.00, suspension) "
        "from your build “Camper Carry” (#1). The reason given: “@\u200beveryone "
        f"\\*\\*shows\\*\\* a plate: {'x' * 171}”. Its thread: {thread_link(thread)}"
    )
    assert told["allowed_mentions"]["parse"] == []
    await keitora.restart()
    assert len(dms_sent_to(loopback, "Mika")) == 1


async def test_a_moderators_close_and_reopen_of_a_members_build_are_told_to_its_owner(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    await loopback.slash("build close", build="1")  # the owner's own: nobody told
    await loopback.slash("build reopen", build="1")
    marcus = loopback.member("Marcus")
    closed = await loopback.slash(
        "build close", build="1", reason="Sold, says the owner", actor=marcus
    )
    assert closed.text == "Build #1 is closed. Its owner is told by DM."
    told = await the_owners_dm(loopback)
    assert told["content"] == (
        f"A moderator of **{DEMO_GUILD}** closed your build “Camper Carry” (#1): its thread is "
        "archived, and `/build reopen` opens it again. The reason given: “Sold, says the "
        f"owner”. Its thread: {thread_link(thread)}"
    )
    reopened = await loopback.slash("build reopen", build="1", actor=marcus)
    assert reopened.text == "Build #1 is open again. Its owner is told by DM."
    await eventually(lambda: len(dms_sent_to(loopback, "Mika")) == 2, "the second DM")
    assert dms_sent_to(loopback, "Mika")[1]["content"] == (
        f"A moderator of **{DEMO_GUILD}** reopened your build “Camper Carry” (#1): you can post "
        f"updates to it again. Its thread: {thread_link(thread)}"
    )
