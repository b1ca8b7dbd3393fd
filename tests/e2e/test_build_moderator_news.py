"""Every moderator change to a member's build is told to its owner the same way, through the
loopback: what a moderator removes for good (an update, a part) needs a reason, as deleting the
build does; a spec change, a part added and an update posted are told by DM with the reason
given; a reason that goes nowhere is said so in the reply."""

from __future__ import annotations

from sandbox import Loopback
from sandbox.demo import DEMO_GUILD

from .conftest import RunningBot, eventually
from .test_build_moderator_changes import the_owners_dm, thread_link
from .test_builds import forum_build
from .test_showcase_nominations import dms_sent_to


async def test_a_moderator_removing_a_members_update_or_part_gives_a_reason(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await forum_build(loopback)
    await loopback.slash("build update", text="Lifted", build="1")
    await loopback.slash("build part add", name="Block lift", cost="120")
    marcus = loopback.member("Marcus")
    [update] = await loopback.autocomplete("build delete-update", "update", "", build="1")
    refused = await loopback.slash(
        "build delete-update", update=update["value"], build="1", actor=marcus
    )
    assert refused.text == (
        "Give a reason: the owner of build #1 is told by DM why a moderator deleted their "
        "update, which cannot be undone."
    )
    assert refused.message is None or refused.message.buttons == []
    refused = await loopback.slash("build part remove", part="Block lift", build="1", actor=marcus)
    assert refused.text == (
        "Give a reason: the owner of build #1 is told by DM why a moderator removed their "
        "part, which cannot be undone."
    )
    listed = await loopback.slash("build part list", build="1")
    assert "Block lift" in str(listed.embeds)
    await keitora.restart()
    assert dms_sent_to(loopback, "Mika") == []


async def test_a_moderators_spec_change_is_told_to_the_owner_with_its_reason(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    marcus = loopback.member("Marcus")
    changed = await loopback.slash(
        "build spec", build="1", lift="9 in", tires="24x8-12", reason="wrong lift", actor=marcus
    )
    assert changed.text == (
        "Spec of build #1 saved: **Lift** 9 in · **Tires** 24x8-12. Its owner is told by DM."
    )
    told = await the_owners_dm(loopback)
    assert told["content"] == (
        f"A moderator of **{DEMO_GUILD}** changed the spec of your build “Camper Carry” (#1): "
        "Lift and Tires. The reason given: “wrong lift”. "
        f"Its thread: {thread_link(thread)}"
    )
    # The same values again change nothing: nobody is told, and the moderator hears so.
    same = await loopback.slash(
        "build spec", build="1", lift="9 in", reason="wrong lift", actor=marcus
    )
    assert same.text == (
        "Spec of build #1 saved: **Lift** 9 in. Nothing in it changed, so its owner is not "
        "told and your reason was not sent."
    )
    await keitora.restart()
    assert len(dms_sent_to(loopback, "Mika")) == 1


async def test_a_moderators_part_and_update_in_a_members_build_are_told_to_the_owner(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    marcus = loopback.member("Marcus")
    added = await loopback.slash(
        "build part add",
        name="Mod part",
        cost="5",
        build="1",
        reason="from the meetup",
        actor=marcus,
    )
    assert added.text.startswith("Added Mod part ($5.00, other) to build #1.")
    assert "Its owner is told by DM." in added.text
    told = await the_owners_dm(loopback)
    assert told["content"] == (
        f"A moderator of **{DEMO_GUILD}** added the part “Mod part” ($5.00, other) to your "
        "build “Camper Carry” (#1). The reason given: “from the meetup”. "
        f"Its thread: {thread_link(thread)}"
    )
    posted = await loopback.slash(
        "build update", text="Moderator note", build="1", reason="a reminder", actor=marcus
    )
    assert posted.text.startswith(f"Update posted on build #1 in <#{thread.id}>.")
    assert posted.text.endswith("Its owner is told by DM.")
    await eventually(lambda: len(dms_sent_to(loopback, "Mika")) == 2, "the second DM")
    assert dms_sent_to(loopback, "Mika")[1]["content"] == (
        f"A moderator of **{DEMO_GUILD}** posted an update to your build “Camper Carry” (#1): "
        "“Moderator note”. The reason given: “a reminder”. "
        f"Its thread: {thread_link(thread)}"
    )
    # The owner's own tell nobody.
    await loopback.slash("build part add", name="Own part", cost="5", build="1")
    await loopback.slash("build update", text="Own note", build="1")
    await keitora.restart()
    assert len(dms_sent_to(loopback, "Mika")) == 2


async def test_a_moderators_update_held_for_its_odometer_tells_the_owner_once_recorded(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await forum_build(loopback)
    await loopback.slash("build update", text="Oil change", odometer=50_000, build="1")
    marcus = loopback.member("Marcus")
    asked = await loopback.slash(
        "build update",
        text="Reading fixed",
        odometer=40_000,
        build="1",
        reason="typo",
        actor=marcus,
    )
    assert asked.message is not None
    assert "Yes, record it" in asked.message.buttons
    await keitora.restart()
    assert dms_sent_to(loopback, "Mika") == []  # nothing posted yet
    recorded = await loopback.click(asked, "Yes, record it", actor=marcus)
    assert recorded.text.endswith("Its owner is told by DM.")
    told = await the_owners_dm(loopback)
    assert "posted an update to your build “Camper Carry” (#1): “Reading fixed”. " in str(
        told["content"]
    )
    assert "The reason given: “typo”." in str(told["content"])
