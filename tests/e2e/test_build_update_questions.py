"""Who is asked before `/build delete-update` deletes, through the loopback: an update with a
photo or a cost (which cannot be typed again) is asked about first, whoever deletes it; one of
text alone goes at once for its author; another member's update taken back by a moderator is
always asked about, with a reason told to its owner. A moderator deleting their own update in a
member's build is not asked for a reason, and the owner is not told."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_build_update_removal import DELETE_MESSAGE
from .test_builds import card, field, forum_build, requests
from .test_showcase_nominations import dms_sent_to


async def test_an_owner_is_asked_before_an_update_with_a_cost_goes(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    await loopback.slash("build update", text="Lifted", cost="300", where=thread)
    [choice] = await loopback.autocomplete("build delete-update", "update", "", where=thread)
    asked = await loopback.slash("build delete-update", update=choice["value"], where=thread)
    assert asked.text == (
        "Delete the update “Lifted” from build #1 “Camper Carry”? This cannot be undone: its "
        "post leaves the thread, and its cost of $300.00 leaves the totals."
    )
    assert asked.message is not None
    assert asked.message.buttons == ["Delete it", "Keep it"]
    assert requests(loopback, DELETE_MESSAGE) == []
    deleted = await loopback.click(asked, "Delete it")
    assert deleted.text == "Deleted the update “Lifted” from build #1."
    assert field(card(loopback, thread).embeds[0], "Spent") == "$0.00"
    await keitora.restart()
    assert dms_sent_to(loopback, "Mika") == []


async def test_a_moderators_own_update_in_a_members_build_goes_without_a_reason_or_a_dm(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await forum_build(loopback)
    marcus = loopback.member("Marcus")
    await loopback.slash("build update", text="Moderator note", build="1", actor=marcus)
    [choice] = await loopback.autocomplete(
        "build delete-update", "update", "", build="1", actor=marcus
    )
    gone = await loopback.slash(
        "build delete-update", update=choice["value"], build="1", actor=marcus
    )
    assert gone.text == "Deleted the update “Moderator note” from build #1."
    assert len(requests(loopback, DELETE_MESSAGE)) == 1
    await keitora.restart()
    # The one DM: the update posted, not its deletion.
    [posted] = dms_sent_to(loopback, "Mika")
    assert "posted an update" in str(posted["content"])


async def test_an_update_no_longer_listed_is_refused_by_what_the_list_shows(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await forum_build(loopback)
    refused = await loopback.slash("build delete-update", update="7", build="1")
    assert refused.text == (
        "Build #1 lists no such update (deleted since, or another build's); pick one from "
        "the list as you type."
    )
