"""A moderator's decisions outlive the member whose item they decided, through the loopback: a
queue post quoting the forgotten member goes, yet its moderator's /privacy export keeps the
decision, without the member's words or name; a decided post that quotes nothing of the member
(a nomination of someone else's build) stays, naming them "a member". Asserted on what the bot
sent: the deletions and edits of the posts, and the export file."""

from __future__ import annotations

import json

from sandbox import Loopback

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


async def test_a_rejected_nomination_of_anothers_build_keeps_its_post_once_the_nominator_goes(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, mika = loopback.member("Marcus"), loopback.member("Mika")
    await queue_ready(loopback)
    await start_builds(loopback, "Dale")
    await nominate(loopback, "Mika")  # no reason: the card quotes nothing of Mika's
    [queued] = await queue_posts(loopback, 1)
    await reject(loopback, queued, "Reject", "Marcus")
    await settled(keitora, "%")

    await forget(loopback, "Mika", FORGET_ME)

    said = f"Rejected by <@{marcus.id}>; a member will be told why.{REASON}"
    edit = (await edited(loopback, queued, content=said)).request
    assert str(mika.id) not in json.dumps(edit)
    await settled(keitora, "%")
    assert not [r for r in loopback.requests if r.method == "DELETE" and r.path == path_of(queued)]
    [row] = await queue_rows(loopback, "Marcus")
    assert (row["state"], row["decided_by"], row["decision"]) == (
        "rejected",
        "you",
        f"Rejected by you; a member will be told why.{REASON}",
    )
    assert row["post"].endswith(f"/{queued.channel_id}/{queued.id}")
