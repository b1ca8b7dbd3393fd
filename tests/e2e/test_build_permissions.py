"""What the bot needs to post a build's updates, through the loopback: without it, an update is
refused before it is recorded (a member trying again would record it twice), and so is a build
whose updates could not show."""

from __future__ import annotations

from sandbox import Loopback
from sandbox.state import Permission

from .conftest import RunningBot
from .test_builds import card, field, forum_build, start
from .test_setup import overwrite_bot


async def test_an_update_the_bot_may_not_post_in_the_thread_is_refused_unrecorded(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    forum = loopback.channel("builds")
    mika = loopback.member("Mika")
    await loopback.slash("build update", text="Service", odometer=41000, where=thread)
    asked = await loopback.slash("build update", text="Typo?", odometer=4100, where=thread)
    await overwrite_bot(keitora, loopback, forum, deny=Permission.SEND_MESSAGES_IN_THREADS)

    refused = await loopback.slash("build update", text="New bed", cost="5", where=thread)
    assert refused.ephemeral
    assert refused.text == (
        "I cannot post updates in the thread of build #1: I need Send Messages in Threads in "
        f"<#{forum.id}>. Nothing was recorded; a server admin can allow that for the Keitora role."
    )
    confirmed = await loopback.click(asked, "Yes, record it", actor=mika)
    assert confirmed.text == refused.text
    shown = card(loopback, thread).embeds[0]
    assert (field(shown, "Spent"), field(shown, "Updates")) == ("$0.00", "1")
    started = await start(loopback, title="Second")  # nor a build whose updates cannot show
    assert "send messages in them" in started.text

    await overwrite_bot(keitora, loopback, forum)  # an admin allows it again
    again = await loopback.click(asked, "Yes, record it", actor=mika)
    assert again.text.startswith("Update posted")
