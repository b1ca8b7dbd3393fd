"""The moderation queue through the loopback: /modqueue names who sent each item without
pinging them, an item sent in before the server had a mod-queue channel is posted once it has
one, and a forgotten moderator is no longer named on the posts they decided."""

from __future__ import annotations

import json

from bot.clock import unix
from bot.modqueue import MODQUEUE_POST_JOB
from sandbox import Loopback, Message
from sandbox.core import RequestRecord

from .conftest import RunningBot, eventually
from .test_builds import EDIT_MESSAGE, POST, requests
from .test_forget_messages import forget, path_of
from .test_privacy import DELETE_BUILDS
from .test_showcase import setup_channels, start_builds
from .test_showcase_nominations import nominate, queue_posts, queue_ready


async def test_the_queue_list_names_each_sender_and_pings_nobody(
    keitora: RunningBot, loopback: Loopback
) -> None:
    dale, rosa, hank = (loopback.member(name) for name in ("Dale", "Rosa", "Hank"))
    await loopback.slash("glossary suggest", term="tanbo", meaning="A rice paddy.", actor=dale)
    await setup_channels(loopback)
    await start_builds(loopback, "Mika")
    await nominate(loopback, "Rosa")
    await nominate(loopback, "Hank")

    listed = await loopback.slash("modqueue", actor=loopback.member("Marcus"))

    body = listed.record.callback_body["data"]
    lines = body["embeds"][0]["description"].splitlines()
    assert lines[0].startswith("`glossary #1` tanbo — ")
    assert f"— <@{dale.id}>, <t:" in lines[0]
    assert lines[1].startswith("`nomination #1` Build #1 · Build 1 — ")
    assert f"— <@{rosa.id}>, <@{hank.id}>, <t:" in lines[1]
    assert "a member" not in body["embeds"][0]["description"]
    # Named in Discord, pinged by nobody: the answer allows no mentions at all.
    assert body["allowed_mentions"]["parse"] == []
    assert not body["allowed_mentions"].get("users")


async def edited(loopback: Loopback, message: Message, content: str | None = None) -> RequestRecord:
    """The bot's last edit of `message` (with `content`, when given), once it made one."""

    def edits() -> list[RequestRecord]:
        return [
            record
            for record in requests(loopback, EDIT_MESSAGE)
            if record.path == path_of(message)
            and (content is None or record.request.get("content") == content)
        ]

    await loopback.wait_until(lambda: bool(edits()), within=10, what=f"an edit of {message.id}")
    return edits()[-1]


REASON = {"Reason (the submitter reads it)": "Already in the glossary"}


async def test_a_forgotten_moderator_is_no_longer_named_on_the_posts_they_decided(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    await queue_ready(loopback)
    for name, term in (("Dale", "tanbo"), ("Rosa", "hatake")):
        member = loopback.member(name)
        await loopback.slash("glossary suggest", term=term, meaning="A field.", actor=member)
    on_post, in_list = await queue_posts(loopback, 2)
    # One decided on its post, the other from /modqueue (its post edited after).
    asked = await loopback.click(on_post, "Reject", actor=marcus)
    decided = await loopback.submit_modal(asked, REASON, actor=marcus)
    told = "a member will be told why."
    assert decided.record.callback_body["data"]["content"] == f"Rejected by <@{marcus.id}>; {told}"
    listed = await loopback.slash("modqueue", actor=marcus)
    asked = await loopback.click(listed, "Reject glossary #2", actor=marcus)
    await loopback.submit_modal(asked, REASON, actor=marcus)
    assert (await edited(loopback, in_list)).request["content"].startswith("Rejected by <@")
    # Another member's forget leaves the moderator named.
    await forget(loopback, "Dale", DELETE_BUILDS)

    await forget(loopback, "Marcus", DELETE_BUILDS)

    for post in (on_post, in_list):
        edit = (await edited(loopback, post, content=f"Rejected by a moderator; {told}")).request
        assert edit["content"] == f"Rejected by a moderator; {told}"
        assert marcus.id not in json.dumps(edit)
        assert "components" not in edit  # still decided: no buttons come back
    assert [message.content for message in loopback.messages("mod-queue")] == [
        f"Rejected by a moderator; {told}"
    ] * 2


async def posts_waiting_for_a_channel(keitora: RunningBot, count: int) -> None:
    """Wait until `count` queue posts were tried and put off for want of a mod-queue channel."""

    async def waiting() -> bool:
        rows = await keitora.store.fetchall(
            "SELECT state, due_at FROM jobs WHERE kind = ?", (MODQUEUE_POST_JOB,)
        )
        later = unix(keitora.clock.now())
        return len(rows) == count and all(
            row["state"] == "pending" and row["due_at"] > later for row in rows
        )

    await eventually(waiting, f"{count} queue posts waiting for a channel")


async def test_items_sent_in_before_there_is_a_mod_queue_channel_are_posted_once_one_is_set(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, queue = loopback.member("Marcus"), loopback.channel("mod-queue")
    for name, term in (("Dale", "tanbo"), ("Rosa", "hatake"), ("Hank", "inaka")):
        member = loopback.member(name)
        await loopback.slash("glossary suggest", term=term, meaning="A field.", actor=member)
    await posts_waiting_for_a_channel(keitora, 3)
    # Meanwhile they are listed by /modqueue, and one is decided there: it is never posted.
    listed = await loopback.slash("modqueue", actor=marcus)
    asked = await loopback.click(listed, "Reject glossary #3", actor=marcus)
    await loopback.submit_modal(asked, REASON, actor=marcus)

    await loopback.slash(
        "setup channel", kind="modqueue", channel=queue, actor=loopback.member("Akiko")
    )

    tanbo, hatake = await queue_posts(loopback, 2)
    assert [post.embeds[0]["title"] for post in (tanbo, hatake)] == ["tanbo", "hatake"]
    asked = await loopback.click(hatake, "Reject", actor=marcus)
    decided = await loopback.submit_modal(asked, REASON, actor=marcus)
    said = f"Rejected by <@{marcus.id}>; a member will be told why."
    assert decided.record.callback_body["data"]["content"] == said
    left = await loopback.slash("modqueue", actor=marcus)
    assert left.embeds[0]["description"].startswith("`glossary #1` tanbo")
    assert len(left.embeds[0]["description"].splitlines()) == 1
    await keitora.bot.job_runner.run_due()
    sent = [r for r in requests(loopback, POST) if r.path == f"/channels/{queue.id}/messages"]
    assert len(sent) == 2  # each once
