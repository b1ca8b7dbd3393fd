"""A rejection's words say how its senders were told, true at every moment, through the loopback:
of two nominators, one forgotten while the other's DM still waits (Discord failed to open his
DM channel once) is never counted among those "to be told", and one told before being forgotten
is counted told in the final words. Asserted on the queue post's edits the bot sent."""

from __future__ import annotations

from typing import Any

from bot.jobs.queue import DEFAULT_BASE_BACKOFF
from bot.modqueue import REFRESH_AFTER
from sandbox import Loopback, Message

from .conftest import RunningBot
from .test_forget_kept_decisions import FORGOTTEN_FIRST, REASON, rejected_while_the_outbox_is_behind
from .test_forget_messages import forget, path_of
from .test_modqueue import EDIT_MESSAGE, reject, requests
from .test_privacy import FORGET_ME
from .test_reminders import settled
from .test_showcase import start_builds
from .test_showcase_nominations import nominate, queue_posts, queue_ready

OPEN_DM = ("POST", "/users/@me/channels")


def dm_channel_fails_once_for(loopback: Loopback, name: str) -> None:
    """Discord opens the member's DM channel, but its answer is a 503 the first time: their DM
    job tries again later."""
    member = loopback.member(name)

    def theirs(path: str, body: Any) -> bool:
        return str(body.get("recipient_id")) == str(member.id)

    loopback.faults.lose_answer(*OPEN_DM, status=503, applies_to=theirs)


def post_edits(loopback: Loopback, queued: Message) -> list[str]:
    """The words of every edit of the queue post Discord took that set them, in order."""
    return [
        record.request["content"]
        for record in requests(loopback, EDIT_MESSAGE)
        if record.path == path_of(queued)
        and record.status == 200
        and "content" in (record.request or {})
    ]


async def dm_retried(keitora: RunningBot) -> None:
    """The failed DM's retry, then the told edit after it (which waited for it), come due."""
    for wait in (DEFAULT_BASE_BACKOFF * 4, REFRESH_AFTER * 2):
        keitora.clock.advance(wait)
        keitora.bot.services.jobs.wake()
        await settled(keitora, "%")


async def test_a_sender_forgotten_first_is_never_among_those_to_be_told(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, mika, hank = (loopback.member(name) for name in ("Marcus", "Mika", "Hank"))
    queued = await rejected_while_the_outbox_is_behind(keitora, loopback, "Mika", "Hank")
    await forget(loopback, "Mika", FORGET_ME)
    dm_channel_fails_once_for(loopback, "Hank")
    keitora.bot.services.jobs.resume_server(loopback.guild.id)
    await settled(keitora, "%")

    assert loopback.dms(hank) == []  # his DM waits for its retry
    waits = f"will be told why, but for 1 who {FORGOTTEN_FIRST}."
    said = f"Rejected by <@{marcus.id}>; a member and <@{hank.id}> {waits}{REASON}"
    assert post_edits(loopback, queued)[-1] == said
    assert not [edit for edit in post_edits(loopback, queued) if "1 of them" in edit]

    await dm_retried(keitora)
    assert loopback.dms(mika) == []
    [dm] = loopback.dms(hank)
    assert "did not approve" in dm.content
    told = f"were told why, but for 1 who {FORGOTTEN_FIRST}."
    said = f"Rejected by <@{marcus.id}>; a member and <@{hank.id}> {told}{REASON}"
    assert post_edits(loopback, queued)[-1] == said


async def test_a_sender_told_then_forgotten_while_another_waits_is_counted_told(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, mika, hank = (loopback.member(name) for name in ("Marcus", "Mika", "Hank"))
    await queue_ready(loopback)
    await start_builds(loopback, "Dale")
    for nominator in ("Mika", "Hank"):
        await nominate(loopback, nominator)
    [queued] = await queue_posts(loopback, 1)
    dm_channel_fails_once_for(loopback, "Hank")
    await reject(loopback, queued, "Reject", "Marcus")
    await settled(keitora, "%")
    [dm] = loopback.dms(mika)
    assert "did not approve" in dm.content
    assert loopback.dms(hank) == []

    await forget(loopback, "Mika", FORGET_ME)
    await settled(keitora, "%")
    waits = "will be told why, but for 1 told already."
    said = f"Rejected by <@{marcus.id}>; a member and <@{hank.id}> {waits}{REASON}"
    assert post_edits(loopback, queued)[-1] == said

    await dm_retried(keitora)
    [dm] = loopback.dms(hank)
    assert "did not approve" in dm.content
    said = f"Rejected by <@{marcus.id}>; a member and <@{hank.id}> were told why.{REASON}"
    assert post_edits(loopback, queued)[-1] == said
