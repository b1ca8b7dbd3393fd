"""Embed Links taken from Keitora after a card was posted: Discord would keep the edit's text
and buttons and drop its embeds, leaving a card of bare buttons. The card is left as it was
until the permission is back, and whoever changed it is told why it did not follow."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.privacy.posts import FORGET_FOLLOW_UP_JOB
from sandbox import ChannelRef, Loopback, Message
from sandbox.state import Permission

from .conftest import MEETUP_WEEK, RunningBot, first_attempt_failed
from .test_builds import EDIT_MESSAGE, card, forum_build, requests
from .test_forget_messages import forget
from .test_meetups import card_edits, cards, create, field, meetups_channel
from .test_privacy import DELETE_BUILDS
from .test_setup import overwrite_bot

pytestmark = pytest.mark.clock(MEETUP_WEEK)


async def follow_up_with_embed_links_back(
    keitora: RunningBot, loopback: Loopback, channel: ChannelRef
) -> None:
    """Give Keitora Embed Links back in `channel` and run the forget's follow-up again."""
    await overwrite_bot(keitora, loopback, channel)
    keitora.clock.advance(timedelta(hours=1))
    await keitora.bot.job_runner.run_due()


async def meetup_card_without_embed_links(
    keitora: RunningBot, loopback: Loopback
) -> tuple[ChannelRef, Message]:
    """A meetup's card posted, then Embed Links taken from Keitora in its channel."""
    channel = await meetups_channel(loopback)
    await create(loopback)
    [posted] = cards(loopback)
    await overwrite_bot(keitora, loopback, channel, deny=Permission.EMBED_LINKS)
    return channel, posted


async def test_a_meetup_card_is_left_as_it_was_while_embed_links_is_denied(
    keitora: RunningBot, loopback: Loopback
) -> None:
    _, posted = await meetup_card_without_embed_links(keitora, loopback)
    before = len(card_edits(loopback, posted))

    going = await loopback.click(posted, "Going", actor=loopback.member("Dale"))
    assert going.content.startswith("You're going to **Kei Truck Day**")
    await keitora.stop()  # the card's pending edits are made, or not, by then

    assert card_edits(loopback, posted)[before:] == []
    assert cards(loopback)[0].embeds  # still the card, not bare buttons
    await keitora.start()


async def test_a_build_card_is_left_as_it_was_and_the_owner_is_told_why(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await forum_build(loopback)
    forum = loopback.channel("builds")
    starter = card(loopback, thread)
    await overwrite_bot(keitora, loopback, forum, deny=Permission.EMBED_LINKS)
    already = len(requests(loopback, EDIT_MESSAGE))

    renamed = await loopback.slash("build rename", title="Camper Carry v2", where=thread)

    assert "Build #1 is now “Camper Carry v2”" in renamed.text
    assert (
        f"The card of build #1 does not show it yet: I need Embed Links in <#{forum.id}>"
        in renamed.text
    )
    card_ids = [r for r in requests(loopback, EDIT_MESSAGE)[already:] if str(starter.id) in r.path]
    assert card_ids == []
    assert card(loopback, thread).embeds


async def test_a_forget_edits_a_meetup_card_once_embed_links_is_back(
    keitora: RunningBot, loopback: Loopback
) -> None:
    channel, posted = await meetup_card_without_embed_links(keitora, loopback)
    before = len(card_edits(loopback, posted))

    await forget(loopback, "Tammy", DELETE_BUILDS)

    await first_attempt_failed(keitora, FORGET_FOLLOW_UP_JOB)
    assert card_edits(loopback, posted)[before:] == []  # not a card of bare buttons
    await follow_up_with_embed_links_back(keitora, loopback, channel)
    [edit] = card_edits(loopback, posted)[before:]
    assert field(edit.request["embeds"][0], "Organizer") == "a former member"


async def test_a_card_waiting_for_embed_links_does_not_hold_back_deleting_a_build_thread(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # Tammy organizes a meetup (its card in a channel without Embed Links) and has a build.
    channel, _ = await meetup_card_without_embed_links(keitora, loopback)
    thread = await forum_build(loopback, "Tammy")

    await forget(loopback, "Tammy", DELETE_BUILDS)
    await first_attempt_failed(keitora, FORGET_FOLLOW_UP_JOB)

    # The card waits for the permission; the thread, with Tammy's words, is gone already.
    assert ("DELETE", f"/channels/{thread.id}") in {(r.method, r.path) for r in loopback.requests}
    await follow_up_with_embed_links_back(keitora, loopback, channel)
    assert (
        await keitora.store.fetchval(
            "SELECT state FROM jobs WHERE kind = ?", (FORGET_FOLLOW_UP_JOB,)
        )
        == "done"
    )
