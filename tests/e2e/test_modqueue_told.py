"""A rejected item's post says its sender was told why once the DM went out, through the
loopback, as an approval's says it was posted: not "will be told why" for ever, nor in the
moderator's export. A DM Discord refused (closed DMs) is said too. Asserted on the bot's edits
of the post and on the export file it sent."""

from __future__ import annotations

from bot.modqueue import REFRESH_AFTER
from sandbox import Loopback

from .conftest import RunningBot
from .test_modqueue import edited, reject, told_why, was_told
from .test_privacy_queue_words import queue_rows
from .test_reminders import settled
from .test_showcase_nominations import queue_posts, queue_ready


async def a_rejected_suggestion(keitora: RunningBot, loopback: Loopback) -> str:
    """Dale's suggestion rejected by Marcus on its post, then the time its DM takes; the words
    the click answered."""
    dale = loopback.member("Dale")
    await queue_ready(loopback)
    await loopback.slash("glossary suggest", term="tanbo", meaning="A field.", actor=dale)
    [queued] = await queue_posts(loopback, 1)
    rejected = await reject(loopback, queued, "Reject", "Marcus")
    await settled(keitora, "%")
    keitora.clock.advance(REFRESH_AFTER)
    keitora.bot.services.jobs.wake()
    return rejected.record.callback_body["data"]["content"]


async def test_a_rejected_post_says_its_sender_was_told_once_the_dm_went_out(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, dale = loopback.member("Marcus"), loopback.member("Dale")

    answered = await a_rejected_suggestion(keitora, loopback)

    assert answered == f"Rejected by <@{marcus.id}>; {told_why(dale)}"
    [queued] = loopback.messages("mod-queue")
    told = f"Rejected by <@{marcus.id}>; {was_told(dale)}"
    edit = (await edited(loopback, queued, content=told)).request
    assert edit["components"] == []
    await settled(keitora, "%")
    [row] = await queue_rows(loopback, "Marcus")
    assert (
        row["decision"]
        == "Rejected by you; a member was told why.\nReason: Already in the glossary"
    )
    [row] = await queue_rows(loopback, "Dale")
    assert row["decision"] == (
        "Rejected by a moderator; you were told why.\nReason: Already in the glossary"
    )


async def test_a_rejected_post_says_when_discord_refused_its_senders_dm(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, dale = loopback.member("Marcus"), loopback.member("Dale")
    loopback.close_dms(dale)

    await a_rejected_suggestion(keitora, loopback)

    [queued] = loopback.messages("mod-queue")
    told = (
        f"Rejected by <@{marcus.id}>; <@{dale.id}> could not be told why: Discord refused the "
        "DM.\nReason: Already in the glossary"
    )
    await edited(loopback, queued, content=told)
