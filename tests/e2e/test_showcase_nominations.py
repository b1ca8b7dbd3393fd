"""Showcase nominations in the moderation queue, through the loopback: one queue post per build
however many members nominate it, Approve features the build as `/showcase-mod feature` does
(once, however many moderators click, and after a restart), Reject tells every nominator why."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.modqueue import MODQUEUE_POST_JOB
from sandbox import Loopback, Message
from sandbox.bodies import EPHEMERAL
from sandbox.core import RequestRecord
from sandbox.state import Permission

from .conftest import BURST, RunningBot, eventually
from .test_showcase import PIN, POST, requests, setup_channels, start_builds

EDIT = ("PATCH", "/webhooks/{application_id}/{interaction_token}/messages/@original")
FOLLOWUP = ("POST", "/webhooks/{webhook_id}/{webhook_token}")
REASON = "Reason (the submitter reads it)"


async def queue_ready(loopback: Loopback) -> None:
    await setup_channels(loopback)
    await loopback.slash(
        "setup channel",
        kind="modqueue",
        channel=loopback.channel("mod-queue"),
        actor=loopback.member("Akiko"),
    )


async def queue_posts(loopback: Loopback, count: int) -> list[Message]:
    await loopback.wait_until(
        lambda: len(loopback.messages("mod-queue")) >= count, within=5, what="the queue posts"
    )
    return loopback.messages("mod-queue")


def posted_to(loopback: Loopback, channel: str) -> list[RequestRecord]:
    channel_id = loopback.channel(channel).id
    return [r for r in requests(loopback, POST) if r.path == f"/channels/{channel_id}/messages"]


async def nominate(loopback: Loopback, member: str, build: str = "1", **reason: str) -> None:
    reply = await loopback.slash(
        "showcase nominate", build=build, actor=loopback.member(member), **reason
    )
    assert "is nominated" in reply.text, reply.text


async def dales_nomination_posted(loopback: Loopback, reason: str | None = None) -> Message:
    """The queue ready, Mika's build nominated by Dale, and the queue post it made."""
    await queue_ready(loopback)
    await start_builds(loopback, "Mika")
    await nominate(loopback, "Dale", **({} if reason is None else {"reason": reason}))
    [queued] = await queue_posts(loopback, 1)
    return queued


async def test_one_queue_post_per_build_and_approve_features_it_after_a_restart(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await queue_ready(loopback)
    await start_builds(loopback, "Mika", "Hank")
    await nominate(loopback, "Dale", reason="@everyone look at the bed")
    [first] = await queue_posts(loopback, 1)
    await nominate(loopback, "Rosa")  # joins the build's item: no second post
    await nominate(loopback, "Dale", build="2")
    await queue_posts(loopback, 2)
    [one, two] = [r.request for r in posted_to(loopback, "mod-queue")]
    assert [one["embeds"][0]["title"], two["embeds"][0]["title"]] == [
        "Build #1 · Build 1",
        "Build #2 · Build 2",
    ]
    assert one["embeds"][0]["author"]["name"] == "Showcase nomination from a member"
    assert "@everyone" not in one["embeds"][0]["description"]  # inert, never a ping
    buttons = [c["custom_id"] for row in one["components"] for c in row["components"]]
    assert buttons == ["modq:approve:nomination:1", "modq:reject:nomination:1"]
    listed = await loopback.slash("modqueue", actor=loopback.member("Marcus"))
    dale, rosa = loopback.member("Dale").id, loopback.member("Rosa").id
    assert f"`nomination #1` Build #1 · Build 1 — <@{dale}> and <@{rosa}>, <t:" in listed.text
    assert f"`nomination #3` Build #2 · Build 2 — <@{dale}>, <t:" in listed.text

    await keitora.restart()
    followups_before = len(requests(loopback, FOLLOWUP))
    approved = await loopback.click(first, "Approve", actor=loopback.member("Marcus"))
    [feature] = posted_to(loopback, "showcase")
    assert feature.request["embeds"][0]["title"] == "★ #1 · Build 1"
    assert feature.request["allowed_mentions"] == {"parse": []}
    [pin] = requests(loopback, PIN)
    assert pin.path.endswith(showcase_message_id(loopback))
    [decided] = approved.edits
    assert decided["content"].startswith(f"Approved by <@{loopback.member('Marcus').id}>.")
    assert "Build #1 is featured in" in decided["content"]
    assert decided["components"] == []  # the queue post takes no more clicks
    # What only the approving moderator needs to know is told to them alone, not on the post
    # every moderator reads: the bot may not add the forum's Featured tag.
    assert "Featured" not in decided["content"]
    await loopback.wait_until(
        lambda: len(requests(loopback, FOLLOWUP)) > followups_before, within=5, what="the advice"
    )
    [advice] = [r.request for r in requests(loopback, FOLLOWUP)[followups_before:]]
    assert advice["flags"] & EPHEMERAL
    assert "The forum has no tag for Featured" in advice["content"]
    left = await loopback.slash("modqueue", actor=loopback.member("Marcus"))
    assert "Build #1" not in left.text  # both nominations were answered
    assert "`nomination #3` Build #2" in left.text


def showcase_message_id(loopback: Loopback) -> str:
    [message] = [m for m in loopback.messages("showcase") if m.author.id == loopback.bot.id]
    return message.id


async def test_a_rejected_nomination_tells_every_nominator_why(
    loopback: Loopback, keitora: RunningBot
) -> None:
    queued = await dales_nomination_posted(loopback)
    await nominate(loopback, "Rosa")
    marcus = loopback.member("Marcus")
    nominators = [loopback.member("Dale"), loopback.member("Rosa")]
    opened = await loopback.click(queued, "Reject", actor=marcus)
    assert opened.modal is not None, opened.text
    rejected = await loopback.submit_modal(opened, {REASON: "Finish the bed first"}, actor=marcus)
    assert rejected.content == (
        f"Rejected by <@{marcus.id}>; <@{nominators[0].id}> and <@{nominators[1].id}> will be told "
        "why.\nReason: Finish the bed first"
    )
    await loopback.wait_until(
        lambda: all(loopback.dms(n) for n in nominators), within=5, what="the DMs"
    )
    for nominator in nominators:
        channel_id = loopback.dm_channel(nominator).id
        [told] = [r.request for r in requests(loopback, POST) if channel_id in r.path]
        assert "Finish the bed first" in told["content"]
        assert "Build #1 · Build 1" in told["content"]
    assert posted_to(loopback, "showcase") == []
    left = await loopback.slash("modqueue", actor=marcus)
    assert "Nothing is waiting" in left.text


async def set_bot_send_messages(loopback: Loopback, allowed: bool) -> None:
    """An admin takes Send Messages from the bot (its own role and @everyone), or gives it back."""
    guild = loopback.guild
    assert guild is not None
    bot_roles = [guild.roles[guild.id], next(r for r in guild.roles.values() if r["managed"])]
    for role in bot_roles:
        permissions = int(role["permissions"])
        if allowed:
            permissions |= Permission.SEND_MESSAGES
        else:
            permissions &= ~Permission.SEND_MESSAGES
        role["permissions"] = str(permissions)
        await loopback.gateway.dispatch("GUILD_ROLE_UPDATE", {"guild_id": guild.id, "role": role})


async def test_approve_is_decided_once_after_a_refused_post_and_under_concurrent_clicks(
    loopback: Loopback, keitora: RunningBot
) -> None:
    queued = await dales_nomination_posted(loopback)
    await set_bot_send_messages(loopback, False)
    marcus, akiko = loopback.member("Marcus"), loopback.member("Akiko")
    refused = await loopback.click(queued, "Approve", actor=marcus)
    assert "I may not post in" in refused.text
    assert "Nothing was featured" in refused.text
    assert refused.edits == []  # the queue post keeps its buttons
    stale = await loopback.slash("modqueue", actor=akiko)
    assert "`nomination #1` Build #1" in stale.text  # still waiting

    await set_bot_send_messages(loopback, True)
    replies = await asyncio.gather(
        loopback.click(queued, "Approve", actor=marcus),
        loopback.click(queued, "Approve", actor=marcus),  # a double click
        loopback.click(stale, "Approve nomination #1", actor=akiko),  # another moderator, then
    )
    outcomes = [(r.edits[-1]["content"] if r.edits else r.text) for r in replies]
    assert sum("Build #1 is featured in" in text for text in outcomes) == 1, outcomes
    assert sum("already" in text for text in outcomes) == 2, outcomes
    [feature] = [r for r in posted_to(loopback, "showcase") if r.status == 200]
    assert feature.request["embeds"][0]["title"] == "★ #1 · Build 1"
    assert len(requests(loopback, PIN)) == 1


QUEUE_EDIT = ("PATCH", "/channels/{channel_id}/messages/{message_id}")


def queue_edits(loopback: Loopback, post: Message) -> list[RequestRecord]:
    """The bot's edits of `post`, as it sent them."""
    path = f"/channels/{post.channel_id}/messages/{post.id}"
    return [r for r in requests(loopback, QUEUE_EDIT) if r.path == path]


async def refreshed(keitora: RunningBot, post: Message) -> list[RequestRecord]:
    """Let the edits the joined nominations asked for fall due, and wait until the bot has
    none left to make; returns its edits of `post`."""
    keitora.clock.advance(timedelta(minutes=1))
    keitora.bot.services.jobs.wake()

    async def settled() -> bool:
        waiting = await keitora.store.fetchval(
            "SELECT count(*) FROM jobs WHERE kind LIKE 'modqueue.%' "
            "AND state IN ('pending', 'claimed')"
        )
        return waiting == 0 and bool(queue_edits(keitora.loopback, post))

    await eventually(settled, "the queue post's edit")
    return queue_edits(keitora.loopback, post)


async def test_nominations_joining_a_sent_queue_post_are_shown_in_it(
    loopback: Loopback, keitora: RunningBot
) -> None:
    queued = await dales_nomination_posted(loopback, "Dale: the dump bed is spotless")
    await nominate(loopback, "Rosa", reason="Rosa: a camper shell built from scratch")
    await nominate(loopback, "Hank", reason="Hank: @everyone should see the lift")
    await keitora.restart()  # the edit was committed with the nominations

    [edit] = await refreshed(keitora, queued)
    [card] = edit.request["embeds"]
    for reason in ("the dump bed is spotless", "built from scratch", "should see the lift"):
        assert reason in card["description"]
    assert card["author"]["name"] == "Showcase nomination from 3 members"
    assert edit.request["allowed_mentions"]["parse"] == []  # "@everyone" stays inert
    buttons = [c["custom_id"] for row in edit.request["components"] for c in row["components"]]
    assert buttons == ["modq:approve:nomination:1", "modq:reject:nomination:1"]
    assert loopback.messages("mod-queue")[0].embeds[0]["description"] == card["description"]

    # A later join edits the post again: the finished edit does not stand in its way.
    await nominate(loopback, "Tammy", reason="Tammy: best paint in the state")
    edits = await refreshed(keitora, queued)
    assert len(edits) == 2
    assert "best paint in the state" in edits[-1].request["embeds"][0]["description"]


async def test_featuring_a_nominated_build_by_command_settles_its_queue_post(
    loopback: Loopback, keitora: RunningBot
) -> None:
    queued = await dales_nomination_posted(loopback, "Dale: the dump bed is spotless")
    marcus = loopback.member("Marcus")

    featured = await loopback.slash("showcase-mod feature", build="1", actor=marcus)
    assert "is featured" in featured.text, featured.text

    await loopback.wait_until(lambda: bool(queue_edits(loopback, queued)), what="the edit")
    [edit] = queue_edits(loopback, queued)
    assert edit.request["content"].startswith(
        f"Approved by <@{marcus.id}> with /showcase-mod feature. Build #1 is featured in"
    )
    assert edit.request["components"] == []
    assert loopback.messages("mod-queue")[0].components == []


@BURST
async def test_a_burst_of_nominations_costs_one_edit_of_the_queue_post(
    loopback: Loopback, keitora: RunningBot
) -> None:
    queued = await dales_nomination_posted(loopback, "lead")
    joining = ("Rosa", "Hank", "Tammy", "Yoshi", "Marcus")
    await asyncio.gather(*(nominate(loopback, name, reason=f"{name} says yes") for name in joining))

    [edit] = await refreshed(keitora, queued)
    description = edit.request["embeds"][0]["description"]
    assert all(f"{name} says yes" in description for name in joining), description
    assert edit.request["embeds"][0]["author"]["name"] == "Showcase nomination from 6 members"


async def test_a_join_before_the_queue_post_is_sent_needs_no_edit(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await queue_ready(loopback)
    await start_builds(loopback, "Mika")
    queued = await posted_after_a_join(
        loopback, keitora, ("Dale", "Dale: first"), ("Rosa", "Rosa: second")
    )
    assert "Rosa: second" in queued.embeds[0]["description"]
    await keitora.bot.job_runner.run_due()
    assert queue_edits(loopback, queued) == []


async def posted_after_a_join(
    loopback: Loopback, keitora: RunningBot, first: tuple[str, str], joining: tuple[str, str]
) -> Message:
    """The queue post of `first`'s nomination (member, reason), which Discord is too busy to
    take until `joining` has nominated too: one post, sent with both."""
    loopback.faults.rate_limit(*POST, times=100, retry_after=0.01)
    await nominate(loopback, first[0], reason=first[1])

    async def tried_once() -> bool:
        states = await keitora.store.fetchall(
            "SELECT state, attempts FROM jobs WHERE kind = ?", (MODQUEUE_POST_JOB,)
        )
        return [tuple(row) for row in states] == [("pending", 1)]

    await eventually(tried_once, "the post's first attempt")
    await nominate(loopback, joining[0], reason=joining[1])
    loopback.faults.clear()
    keitora.clock.advance(timedelta(minutes=5))
    keitora.bot.services.jobs.wake()
    [queued] = await queue_posts(loopback, 1)
    return queued


async def test_a_decision_made_while_an_edit_is_on_its_way_leaves_the_post_decided(
    loopback: Loopback, keitora: RunningBot
) -> None:
    queued = await dales_nomination_posted(loopback, "Dale: first")
    loopback.faults.slow(*QUEUE_EDIT, 0.5)  # the edit is slow to reach Discord
    await nominate(loopback, "Rosa", reason="Rosa: second")
    keitora.clock.advance(timedelta(minutes=1))
    keitora.bot.services.jobs.wake()
    await eventually(lambda: bool(queue_edits(loopback, queued)), "the edit on its way")

    approved = await loopback.click(queued, "Approve", actor=loopback.member("Marcus"))
    await eventually(lambda: bool(approved.edits), "the decision's edit")
    await eventually(lambda: len(queue_edits(loopback, queued)) == 2, "the buttons taken off")
    await eventually(lambda: all(r.finished for r in queue_edits(loopback, queued)), "both edits")

    # Whichever edit landed last, the post reads as decided and takes no more clicks.
    [decided] = approved.edits
    assert decided["content"].startswith("Approved by")
    refresh, buttons_off = (edit.request for edit in queue_edits(loopback, queued))
    assert "content" not in refresh  # the outcome, written meanwhile or later, is not touched
    assert "Rosa: second" in refresh["embeds"][0]["description"]
    assert buttons_off["components"] == []
    [post] = loopback.messages("mod-queue")
    assert (post.content, post.components) == (decided["content"], [])


async def test_a_locked_build_is_neither_nominated_nor_featured(
    loopback: Loopback, keitora: RunningBot
) -> None:
    queued = await dales_nomination_posted(loopback)
    marcus = loopback.member("Marcus")
    locked = await loopback.slash("build-mod lock", build="1", reason="stolen photos", actor=marcus)
    assert "locked" in locked.text

    late = await loopback.slash("showcase nominate", build="1", actor=loopback.member("Rosa"))
    assert late.ephemeral
    assert late.text == "Build #1 is locked, so it cannot be nominated."  # not why: not hers
    featured = await loopback.slash("showcase-mod feature", build="1", actor=marcus)
    assert featured.ephemeral
    assert "cannot be featured" in featured.text, featured.text
    approved = await loopback.click(queued, "Approve", actor=marcus)
    assert approved.ephemeral
    assert "cannot be featured" in approved.text, approved.text

    assert posted_to(loopback, "showcase") == []
    left = await loopback.slash("modqueue", actor=marcus)
    assert "`nomination #1` Build #1" in left.text  # still waiting: to reject, or after unlock


def dms_sent_to(loopback: Loopback, member: str) -> list[dict[str, object]]:
    """The bodies of the bot's DMs to `member`, as it sent them."""
    if loopback.member(member).id not in loopback.world.dm_channels:
        return []
    path = f"/channels/{loopback.dm_channel(loopback.member(member)).id}/messages"
    return [r.request for r in requests(loopback, POST) if r.path == path and r.status == 200]


async def test_featuring_a_build_tells_its_owner_and_nominators_once(
    loopback: Loopback, keitora: RunningBot
) -> None:
    # Imported here: test_forget_messages imports this module.
    from .test_forget_messages import forget
    from .test_privacy import KEEP_BUILDS

    await queue_ready(loopback)
    await start_builds(loopback, "Mika", "Hank", "Yoshi")
    for nominator in ("Dale", "Rosa", "Tammy"):
        await nominate(loopback, nominator)
    [queued] = await queue_posts(loopback, 1)
    await forget(loopback, "Tammy", KEEP_BUILDS)  # a forgotten nominator hears nothing
    marcus = loopback.member("Marcus")
    await loopback.click(queued, "Approve", actor=marcus)
    post = loopback.messages("showcase")[-1]
    link = f"https://discord.com/channels/{loopback.guild.id}/{post.channel_id}/{post.id}"

    told = ("Mika", "Dale", "Rosa")
    await eventually(lambda: all(dms_sent_to(loopback, m) for m in told), "the feature's DMs")
    [owner] = dms_sent_to(loopback, "Mika")
    assert "Your build “Build 1” is featured in the showcase" in str(owner["content"])
    assert link in str(owner["content"])
    assert owner["allowed_mentions"]["parse"] == []
    for nominator in ("Dale", "Rosa"):
        [dm] = dms_sent_to(loopback, nominator)
        assert "“Build 1”, which you nominated, is featured in the showcase" in str(dm["content"])
        assert link in str(dm["content"])
    assert dms_sent_to(loopback, "Tammy") == []
    assert dms_sent_to(loopback, "Marcus") == []

    # The command features as Approve does; the owner of a build kept anonymised is not told.
    await forget(loopback, "Hank", KEEP_BUILDS)
    await keitora.restart()
    await loopback.slash("showcase-mod feature", build="2", actor=marcus)
    await loopback.slash("showcase-mod feature", build="3", actor=marcus)
    await eventually(lambda: bool(dms_sent_to(loopback, "Yoshi")), "the owner's DM")
    [yoshi] = dms_sent_to(loopback, "Yoshi")
    assert "Your build “Build 3” is featured in the showcase" in str(yoshi["content"])
    assert dms_sent_to(loopback, "Hank") == []
    assert [len(dms_sent_to(loopback, m)) for m in told] == [1, 1, 1]  # once, after a restart


def queue_buttons(loopback: Loopback) -> list[str]:
    """The custom ids of the buttons on the newest queue post, as the bot sent them."""
    newest = posted_to(loopback, "mod-queue")[-1].request
    return [c["custom_id"] for row in newest["components"] for c in row["components"]]


async def test_a_member_nominates_a_build_again_after_a_rejection_and_after_an_unfeature(
    loopback: Loopback, keitora: RunningBot
) -> None:
    queued = await dales_nomination_posted(loopback, reason="Great bed")
    dale, marcus = loopback.member("Dale"), loopback.member("Marcus")
    waiting = await loopback.slash("showcase nominate", build="1", actor=dale)
    assert waiting.text == (
        "You nominated build #1 already; it waits for the moderators, and counts for the next "
        "Build of the Month ballot."
    ), waiting.text
    opened = await loopback.click(queued, "Reject", actor=marcus)
    await loopback.submit_modal(opened, {REASON: "Finish the bed first"}, actor=marcus)

    await nominate(loopback, "Dale", reason="The bed is finished")
    [_, second] = await queue_posts(loopback, 2)  # a new round: a queue post of its own
    assert queue_buttons(loopback) == ["modq:approve:nomination:2", "modq:reject:nomination:2"]
    await loopback.click(second, "Approve", actor=marcus)
    [feature] = posted_to(loopback, "showcase")
    assert feature.request["embeds"][0]["title"] == "★ #1 · Build 1"
    await loopback.slash("showcase-mod unfeature", build="1", actor=marcus)

    await nominate(loopback, "Dale")
    await queue_posts(loopback, 3)
    assert queue_buttons(loopback) == ["modq:approve:nomination:3", "modq:reject:nomination:3"]
    listed = await loopback.slash("modqueue", actor=marcus)
    assert f"`nomination #3` Build #1 · Build 1 — <@{dale.id}>," in listed.text


async def test_a_nominated_builds_queue_post_follows_its_rename(
    loopback: Loopback, keitora: RunningBot
) -> None:
    queued = await dales_nomination_posted(loopback, "Dale: the dump bed is spotless")
    renamed = await loopback.slash(
        "build rename", build="1", title="Desert Carry", actor=loopback.member("Mika")
    )
    assert "Desert Carry" in renamed.text, renamed.text
    await keitora.restart()  # the edit was committed with the rename

    [edit] = await refreshed(keitora, queued)
    card = edit.request["embeds"][0]
    assert "Desert Carry" in card["title"] + card["description"], card
    assert "Build 1" not in card["title"] + card["description"], card
