"""A moderator's decisions outlive the member whose item they decided, through the loopback: a
queue post quoting the forgotten member goes, yet its moderator's /privacy export keeps the
decision, without the member's words or name; a decided post that quotes nothing of the member
(a nomination of someone else's build) stays, naming them "a member". Asserted on what the bot
sent: the deletions and edits of the posts, and the export file."""

from __future__ import annotations

import json

from bot.modqueue import REFRESH_AFTER
from sandbox import Loopback, Message

from .conftest import RunningBot
from .test_forget_messages import forget, path_of
from .test_importers import announce, server_ready
from .test_modqueue import edited, reject
from .test_privacy import DELETE_BUILDS, FORGET_ME, deleted
from .test_privacy_queue_words import queue_rows
from .test_reminders import settled
from .test_showcase import start_builds
from .test_showcase_nominations import nominate, queue_posts, queue_ready

REASON = "\nReason: Already in the glossary"
# How a rejection reads of a sender forgotten while its DM to them waited to be sent.
FORGOTTEN_FIRST = "asked to be forgotten before being told"


async def test_a_forgotten_importers_rejected_announcement_stays_in_its_moderators_export(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=False)  # Yoshi's Kei Imports
    assert "waits for a moderator" in await announce(loopback, "Hijet rejected")
    [queued] = await queue_posts(loopback, 1)
    await reject(loopback, queued, "Reject", "Marcus")
    await settled(keitora, "%")

    await forget(loopback, "Yoshi", DELETE_BUILDS)

    await deleted(loopback, path_of(queued))  # it quoted what Yoshi wrote
    await settled(keitora, "%")
    assert await queue_rows(loopback, "Marcus") == [
        {
            "item": "importer announcement #1",
            "state": "rejected",
            "decided_by": "you",
            "decision": f"Rejected by you.{REASON}",
            "post": "deleted, as it showed what was deleted since",
        }
    ]
    reply = await loopback.slash("privacy export", actor=loopback.member("Marcus"))
    exported = reply.attachments[0].data.decode()
    for gone in ("Hijet rejected", "Kei Imports", str(loopback.member("Yoshi").id)):
        assert gone not in exported


async def mikas_nomination_rejected(keitora: RunningBot, loopback: Loopback) -> Message:
    """Dale's build nominated by Mika (no reason: the card quotes nothing of hers), rejected
    by Marcus, the rejection's DM gone: the queue post."""
    await queue_ready(loopback)
    await start_builds(loopback, "Dale")
    await nominate(loopback, "Mika")
    [queued] = await queue_posts(loopback, 1)
    await reject(loopback, queued, "Reject", "Marcus")
    await settled(keitora, "%")
    return queued


async def test_a_rejected_nomination_of_anothers_build_keeps_its_post_once_the_nominator_goes(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, mika = loopback.member("Marcus"), loopback.member("Mika")
    queued = await mikas_nomination_rejected(keitora, loopback)

    await forget(loopback, "Mika", FORGET_ME)

    [dm] = loopback.dms(mika)  # the rejection DM reached Mika before the forget
    assert "did not approve" in dm.content
    said = f"Rejected by <@{marcus.id}>; a member was told why.{REASON}"
    edit = (await edited(loopback, queued, content=said)).request
    assert str(mika.id) not in json.dumps(edit)
    await settled(keitora, "%")
    assert not [r for r in loopback.requests if r.method == "DELETE" and r.path == path_of(queued)]
    [row] = await queue_rows(loopback, "Marcus")
    assert (row["state"], row["decided_by"], row["decision"]) == (
        "rejected",
        "you",
        f"Rejected by you; a member was told why.{REASON}",
    )
    assert row["post"].endswith(f"/{queued.channel_id}/{queued.id}")


async def test_a_sender_told_then_forgotten_before_the_told_edit_reads_as_told(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """The forget deletes the member's delivered DMs: how they went is recorded before, or the
    edit saying so later finds nothing and the post says "will be told why" for ever."""
    marcus, mika = loopback.member("Marcus"), loopback.member("Mika")
    queued = await mikas_nomination_rejected(keitora, loopback)
    [dm] = loopback.dms(mika)
    assert "did not approve" in dm.content

    await forget(loopback, "Mika", FORGET_ME)
    await settled(keitora, "%")
    keitora.clock.advance(REFRESH_AFTER * 2)
    keitora.bot.services.jobs.wake()
    await settled(keitora, "%")

    said = f"Rejected by <@{marcus.id}>; a member was told why.{REASON}"
    assert (await edited(loopback, queued)).request["content"] == said
    [row] = await queue_rows(loopback, "Marcus")
    assert row["decision"] == f"Rejected by you; a member was told why.{REASON}"


async def rejected_while_the_outbox_is_behind(
    keitora: RunningBot, loopback: Loopback, *nominators: str
) -> Message:
    """Dale's build nominated by `nominators`, rejected by Marcus while the outbox is behind:
    the rejection's DMs wait, unsent. The queue post."""
    await queue_ready(loopback)
    await start_builds(loopback, "Dale")
    for nominator in nominators:
        await nominate(loopback, nominator)
    [queued] = await queue_posts(loopback, 1)
    keitora.bot.services.jobs.pause_servers([loopback.guild.id])
    await reject(loopback, queued, "Reject", "Marcus")
    return queued


async def outbox_caught_up(keitora: RunningBot, loopback: Loopback) -> None:
    """The outbox resumed, and the told edit's time come."""
    keitora.bot.services.jobs.resume_server(loopback.guild.id)
    await settled(keitora, "%")
    keitora.clock.advance(REFRESH_AFTER * 2)
    keitora.bot.services.jobs.wake()
    await settled(keitora, "%")


async def test_a_sender_forgotten_before_their_rejection_dm_went_reads_as_forgotten_not_told(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """The forget deletes the DM still to be sent: Mika is never told, and the post and the
    moderator's export say so, naming nobody, rather than "will be told why" for ever."""
    marcus, mika = loopback.member("Marcus"), loopback.member("Mika")
    queued = await rejected_while_the_outbox_is_behind(keitora, loopback, "Mika")

    await forget(loopback, "Mika", FORGET_ME)
    await outbox_caught_up(keitora, loopback)

    assert loopback.dms(mika) == []
    said = f"Rejected by <@{marcus.id}>; a member {FORGOTTEN_FIRST} why.{REASON}"
    edit = (await edited(loopback, queued)).request
    assert edit["content"] == said
    assert str(mika.id) not in json.dumps(edit)
    [row] = await queue_rows(loopback, "Marcus")
    assert row["decision"] == f"Rejected by you; a member {FORGOTTEN_FIRST} why.{REASON}"


async def test_one_sender_forgotten_before_being_told_leaves_the_others_told(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """Of two nominators, Mika is forgotten while the rejection's DMs wait: Hank's DM goes, and
    the post says he was told, and of Mika nothing that names her."""
    marcus, mika, hank = (loopback.member(name) for name in ("Marcus", "Mika", "Hank"))
    queued = await rejected_while_the_outbox_is_behind(keitora, loopback, "Mika", "Hank")

    await forget(loopback, "Mika", FORGET_ME)
    [row] = await queue_rows(loopback, "Marcus")  # Hank's DM waits still
    waits = f"will be told why, but for 1 who {FORGOTTEN_FIRST}."
    assert row["decision"] == f"Rejected by you; a member and a member {waits}{REASON}"
    await outbox_caught_up(keitora, loopback)

    assert loopback.dms(mika) == []
    [dm] = loopback.dms(hank)
    assert "did not approve" in dm.content
    told = f"were told why, but for 1 who {FORGOTTEN_FIRST}."
    edit = (await edited(loopback, queued)).request
    assert (
        edit["content"] == f"Rejected by <@{marcus.id}>; a member and <@{hank.id}> {told}{REASON}"
    )
    assert str(mika.id) not in json.dumps(edit)
    [row] = await queue_rows(loopback, "Marcus")
    # The export names no member but its own: Hank is "a member" there too.
    assert row["decision"] == f"Rejected by you; a member and a member {told}{REASON}"
