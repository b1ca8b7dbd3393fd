"""The MODQUEUE_REFRESH_JOB handler: an item's post, once sent, rendered again as the item reads
now, or as it was decided while the post was on its way."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from bot.clock import Clock
from bot.jobs import GiveUp, Handler, Job, JobQueue, WaitsForPost
from bot.modqueue.items import QueuePostEditor, QueueSource
from bot.modqueue.posts import (
    FORGOTTEN_FIRST,
    GoneSenders,
    Outcome,
    as_followed,
    gone_senders,
    queue_post_key,
    record_decision,
    record_gone_senders,
    record_told,
    sent_posts,
    to_be_told_naming,
)
from bot.store import Store

MODQUEUE_POST_JOB = "modqueue.post"
MODQUEUE_REFRESH_JOB = "modqueue.refresh"
MODQUEUE_REJECTED_JOB = "modqueue.rejected"  # a DM telling a sender why their item was rejected
# The key prefix of the edit saying a rejection's senders were told (`ModQueue._when_told`).
TOLD_EDIT = "told:"
# How long after an item's post is sent or edited the changes that follow gather for the next
# edit: a change after a quiet while shows at once (a moderator must not be offered what a
# suspension just held back), while ten members nominating one build within a second cost one
# edit, and Discord limits how often a channel's messages change.
REFRESH_AFTER = timedelta(seconds=5)


def refresh_handler(
    store: Store,
    clock: Clock,
    jobs: JobQueue,
    source: Callable[[str], QueueSource],
    editor: QueuePostEditor,
) -> Handler:
    """The item's post, once sent, rendered again. An item whose post is not sent yet needs
    nothing: its post renders it as it is then. One whose post is on its way (rendered already,
    and perhaps slow to reach Discord, past this edit's delay) has this edit wait for it, a
    change's as a decision's: finding no post kept, it would be lost. An edit for a post
    decided as it was sent carries the decision."""

    async def refresh(job: Job) -> None:
        if job.guild_id is None:
            raise GiveUp("a queue item without a server")
        kind, ref_id = job.payload["kind"], job.payload["ref_id"]
        if await jobs.running(MODQUEUE_POST_JOB, queue_post_key(kind, ref_id)):
            # Rendered before the change (or the decision) this edit is for, and not kept yet:
            # `ModQueue.posted` brings the edit forward once it is.
            raise WaitsForPost(clock.now() + REFRESH_AFTER, "the post is on its way")
        if job.payload.get("told"):
            await _record_told(store, clock, jobs, job.guild_id, kind, ref_id)
        decision = job.payload.get("decision")
        if decision is not None:
            # Carried by an edit for a post that was on its way as its item was decided. An
            # edit scheduled before outcomes were kept carries the words alone.
            outcome = job.payload.get("outcome")
            await _record_late_decision(
                store, source(kind), job.guild_id, ref_id, decision, outcome
            )
        for post in await sent_posts(store, job.guild_id, kind, [ref_id]):
            await editor.refresh_queue_post(job.guild_id, post)

    return refresh


async def _record_told(
    store: Store, clock: Clock, jobs: JobQueue, guild_id: int, kind: str, ref_id: int
) -> None:
    """Record how a rejection's DMs to its senders went, once they all did (`WaitsForPost`
    until then): told, refused by Discord (closed DMs), or deleted by a forget before they
    went. Nothing when that is not known (a DM sent and gone with its member's forget, or
    finished too long ago). The post is rendered after, as for any change this edit gathered
    meanwhile."""
    states = await _rejection_dm_states(jobs, kind, ref_id)
    if not states or None in states:
        return
    if any(state in ("pending", "claimed") for state in states):
        raise WaitsForPost(clock.now() + REFRESH_AFTER, "the rejection's DMs are on their way")
    gone = await gone_senders(store, guild_id, kind, ref_id)
    await record_told(store, guild_id, kind, ref_id, _told(states, gone))


async def record_told_before_forget(
    store: Store, jobs: JobQueue, guild_id: int, member_id: int
) -> None:
    """Record what the member's forget does to the rejections' DMs to the senders they are
    among, which the edit saying how they went (`_record_told`) would not find after it: their
    DM, sent, refused or still to be sent (never, now: the member is not told), is deleted.
    How they all went is recorded once they have; until then, the words count the senders
    gone (`GoneSenders`), none of them among those still to be told."""
    for kind, ref_id in await to_be_told_naming(store, guild_id, member_id):
        keys = await jobs.keys(MODQUEUE_REJECTED_JOB, f"{kind}:{ref_id}:")
        theirs = f"{kind}:{ref_id}:{member_id}"
        gone = await gone_senders(store, guild_id, kind, ref_id)
        state = await jobs.state(MODQUEUE_REJECTED_JOB, theirs)
        if state in ("pending", "done", "failed"):
            # A DM being sent now is left to the forget after (its job is not deleted).
            gone = gone.with_dm(state)
            keys.remove(theirs)
        states = [await jobs.state(MODQUEUE_REJECTED_JOB, key) for key in keys]
        if all(state in ("done", "failed") for state in states):
            if states or gone != GoneSenders():
                await record_told(store, guild_id, kind, ref_id, _told(states, gone))
        elif gone != GoneSenders():
            await record_gone_senders(store, guild_id, kind, ref_id, gone)


async def _rejection_dm_states(jobs: JobQueue, kind: str, ref_id: int) -> list[str | None]:
    return [
        await jobs.state(MODQUEUE_REJECTED_JOB, key)
        for key in await jobs.keys(MODQUEUE_REJECTED_JOB, f"{kind}:{ref_id}:")
    ]


def _told(states: list[str | None], gone: GoneSenders) -> str:
    """How a rejection's finished DMs went, with its senders `gone` (forgotten while others'
    DMs waited), in the words its post keeps."""
    refused = states.count("failed") + gone.refused
    told = len(states) - states.count("failed") + gone.told
    forgotten = gone.forgotten_first
    if not told:
        dms = "the DM" if refused == 1 else "their DMs"
        if not forgotten:
            return f"could not be told why: Discord refused {dms}."
        if not refused:
            return f"{FORGOTTEN_FIRST} why."
        return f"could not be told why: Discord refused {dms}, and {forgotten} {FORGOTTEN_FIRST}."
    if not refused and not forgotten:
        return "was told why." if told == 1 else "were told why."
    counted = GoneSenders(refused=refused, forgotten_first=forgotten)
    return f"were told why, but for {' and '.join(counted.but_for(with_told=False))}."


async def _record_late_decision(
    store: Store,
    source: QueueSource,
    guild_id: int,
    ref_id: int,
    decision: str,
    outcome: Outcome | None,
) -> None:
    """Record the decision taken while the item's post was on its way, unless the post records
    one already, or the item waits again (put back, and posted anew). An approval says what
    followed it since (an announcement posted meanwhile)."""
    if await source.item(guild_id, ref_id) is None:
        words = await as_followed(source, guild_id, ref_id, decision, outcome)
        late = (store, guild_id, source.kind, ref_id, words, outcome)
        await record_decision(*late, unless_recorded=True)
