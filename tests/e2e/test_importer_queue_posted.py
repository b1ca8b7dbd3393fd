"""An announcement approved on its queue post said "it is on its way to the announcements
channel" for as long as the post stood: once its card is posted, the queue post says it was
posted, with a link to the card, in one edit; and so it does when the card was posted before
the queue post itself landed."""

from __future__ import annotations

import asyncio

from bot.client import DiscordAuthoredPosts, DiscordEventsTab, DiscordPublisher, DiscordSender
from bot.delivery import Outbox
from bot.jobs import JobRunner
from bot.modqueue import REFRESH_AFTER
from sandbox import Loopback, Message
from sandbox.faults import Hold

from .conftest import RunningBot
from .test_builds import EDIT_MESSAGE, POST, requests
from .test_forget_messages import path_of
from .test_importers import announce, server_ready
from .test_modqueue import edited
from .test_reminders import settled
from .test_showcase_nominations import queue_posts


def posted_words(loopback: Loopback, card: Message) -> str:
    """What follows "Approved by …;" on the queue post once the announcement's `card` is posted."""
    link = f"https://discord.com/channels/{loopback.guild.id}/{card.channel_id}/{card.id}"
    return f"it was posted in the announcements channel: {link}"


def other_worker(keitora: RunningBot) -> JobRunner:
    """A second job runner of the bot's, sending through Discord as its own does."""
    bot, jobs = keitora.bot, keitora.bot.services.jobs
    sender = Outbox(keitora.store, jobs, keitora.clock, DiscordSender(bot))
    other = JobRunner(jobs, keitora.clock, outbox=sender, worker="other")
    authored = DiscordAuthoredPosts(bot)
    bot.services.register_jobs(other, DiscordEventsTab(bot), DiscordPublisher(bot), authored)
    return other


async def test_an_approved_announcement_once_posted_says_so_on_its_queue_post(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=False)
    await announce(loopback, "Acty arrived")
    [queued] = await queue_posts(loopback, 1)
    marcus = loopback.member("Marcus")
    approved = await loopback.click(queued, "Approve", actor=marcus)
    assert approved.content.endswith("it is on its way to the announcements channel.")
    await settled(keitora, "importer.%")
    [card] = loopback.messages("announcements")
    keitora.clock.advance(REFRESH_AFTER)
    keitora.bot.services.jobs.wake()

    said = f"Approved by <@{marcus.id}>; {posted_words(loopback, card)}"
    edit = (await edited(loopback, queued, content=said)).request
    assert edit.get("components", []) == []  # decided: no buttons come back
    await settled(keitora, "modqueue.%")
    edits = [r for r in requests(loopback, EDIT_MESSAGE) if r.path == path_of(queued)]
    assert [r.request.get("content") for r in edits] == [said]


async def approved_with_queue_post_held(keitora: RunningBot, loopback: Loopback) -> Hold:
    """An announcement approved by Marcus while its queue post is held on the wire, its card
    posted meanwhile by another worker (the bot's runner waits on the held post); the hold."""
    await server_ready(loopback, trusted=False)
    mods = loopback.channel("mod-queue").id
    held = loopback.faults.hold(*POST, applies_to=lambda path: path == f"/channels/{mods}/messages")
    await announce(loopback, "Acty arrived")
    await asyncio.wait_for(held.arrived.wait(), 10)
    marcus = loopback.member("Marcus")
    listed = await loopback.slash("modqueue", actor=marcus)
    approved = await loopback.click(listed, "Approve announcement #1", actor=marcus)
    assert "it is on its way to the announcements channel." in approved.content
    await other_worker(keitora).run_due()
    return held


async def test_an_announcement_approved_while_its_queue_post_was_on_its_way_says_it_was_posted(
    keitora: RunningBot, loopback: Loopback
) -> None:
    held = await approved_with_queue_post_held(keitora, loopback)
    marcus = loopback.member("Marcus")
    [card] = loopback.messages("announcements")

    held.release()  # the queue post lands after the card: the edit that waited for it follows
    [queued] = await queue_posts(loopback, 1)
    said = f"Approved by <@{marcus.id}>; {posted_words(loopback, card)}"
    edit = (await edited(loopback, queued)).request
    assert (edit["content"], edit.get("components", [])) == (said, [])
