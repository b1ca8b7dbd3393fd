"""/build delete through the loopback: the owner, or a moderator with a reason (the owner told by
DM), deletes one build after a Delete it / Keep it question, as /privacy forget deletes a
member's builds: its thread with the card and updates, its parts, its showcase post, and its
place on an open ballot. A locked build is a moderator's to delete."""

from __future__ import annotations

import asyncio
import json

from bot.clock import unix
from bot.privacy.posts import FORGET_FOLLOW_UP_JOB
from sandbox import ChannelRef, Loopback, Message
from sandbox.core import RequestRecord
from sandbox.demo import DEMO_GUILD

from .conftest import RunningBot, eventually
from .test_build_locked_cards import without_manage_threads
from .test_build_moderator_changes import REASON, the_owners_dm
from .test_builds import FORUM_POST, builds_channel, forum_build, newest_thread, requests, start
from .test_privacy import DELETE_BUILDS, deleted, forget
from .test_showcase import setup_channels, showcase_posts, start_builds
from .test_showcase_nominations import dms_sent_to, nominate, queue_posts, queue_ready

DELETE_CHANNEL = ("DELETE", "/channels/{channel_id}")
ECHOED_REASON = f"@\u200beveryone \\*\\*shows\\*\\* a plate: {'x' * 171}"  # REASON, quoted back


def thread_deleted(loopback: Loopback, thread: ChannelRef) -> bool:
    return bool(thread_deletions(loopback, thread))


def thread_deletions(loopback: Loopback, thread: ChannelRef) -> list[RequestRecord]:
    return [r for r in requests(loopback, DELETE_CHANNEL) if r.path == f"/channels/{thread.id}"]


async def test_an_owner_is_asked_then_their_build_goes_with_its_thread_updates_and_parts(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    await loopback.slash("build update", text="Lifted", cost="300", build="1")
    await loopback.slash("build part add", name="Block lift", cost="120", build="1")

    asked = await loopback.slash("build delete", build="1")
    assert asked.ephemeral
    assert asked.text == (
        "Delete build #1 “Camper Carry” for good? Its thread goes, with its card, 1 update "
        "and 1 part; this cannot be undone."
    )
    assert asked.message is not None
    assert asked.message.buttons == ["Delete it", "Keep it"]
    # Questions already asked answer by these ids: they never change.
    original = asked.record.original
    assert original is not None
    sent = [button["custom_id"] for row in original["components"] for button in row["components"]]
    assert sent == ["build:delete:1", "keep:deleted"]
    kept = await loopback.click(asked, "Keep it")
    assert kept.text == "Kept; nothing was deleted."
    assert not thread_deleted(loopback, thread)

    asked = await loopback.slash("build delete", build="1")
    twice = await loopback.slash("build delete", build="1")
    await keitora.restart()  # the question's button holds the build it deletes
    done = await loopback.click(asked, "Delete it")
    assert done.components == []
    assert done.text == "Deleted build #1 “Camper Carry”, with its thread, 1 update and 1 part."
    await eventually(lambda: thread_deleted(loopback, thread), "the thread's deletion")
    # What Discord's audit log shows beside the deletion: not a forget's words.
    [deletion] = thread_deletions(loopback, thread)
    assert deletion.audit_reason == "Build #1 was deleted with /build delete"
    gone = await loopback.slash("build show", build="1")
    assert gone.text == "Build #1 was deleted by its owner."
    # A moderator is told who and when, by /build show as by a page's buttons.
    gone = await loopback.slash("build show", build="1", actor=loopback.member("Marcus"))
    mika = loopback.member("Mika").id
    at = unix(keitora.clock.now())
    assert gone.text == f"Build #1 was deleted by its owner, <@{mika}>, on <t:{at}:f>."
    assert dms_sent_to(loopback, "Mika") == []  # nobody is told of their own deletion

    again = await loopback.click(twice, "Delete it")  # a question asked twice deletes once
    assert again.text == "Build #1 was already deleted: nothing is left to delete."
    assert again.components == []


async def test_a_double_click_on_delete_it_leaves_the_deletions_own_answer(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await forum_build(loopback)
    asked = await loopback.slash("build delete", build="1")
    before = len(loopback.requests)
    await asyncio.gather(loopback.click(asked, "Delete it"), loopback.click(asked, "Delete it"))

    # Both clicks answer in the question's place, and the later answer is the one shown: the
    # click that found its own question's deletion done says nothing over it.
    said = [json.dumps(r.request) for r in loopback.requests[before:] if r.request]
    assert any("Deleted build #1" in body for body in said), said
    assert not any("already deleted" in body for body in said), said


async def test_a_question_answered_after_another_deleted_the_build_says_who(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await forum_build(loopback)
    marcus = loopback.member("Marcus")
    asked = await loopback.slash("build delete", build="1", reason=REASON, actor=marcus)
    mine = await loopback.slash("build delete", build="1")
    await loopback.click(mine, "Delete it")
    late = await loopback.click(asked, "Delete it", actor=marcus)
    assert late.text == "Build #1 was already deleted by its owner: nothing is left to delete."
    assert late.components == []
    assert late.embeds == []  # the reason its owner was to read goes with the question

    await start(loopback, title="Second")
    mine = await loopback.slash("build delete", build="2")
    asked = await loopback.slash("build delete", build="2", reason=REASON, actor=marcus)
    await loopback.click(asked, "Delete it", actor=marcus)
    late = await loopback.click(mine, "Delete it")
    assert late.text == "Build #2 was already deleted by a moderator: nothing is left to delete."
    assert late.components == []


async def test_who_deleted_a_build_is_told_to_its_owner_and_moderators_alone(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await forum_build(loopback)
    marcus, mika = loopback.member("Marcus"), loopback.member("Mika")
    mine = await loopback.slash("build delete", build="1")
    first = await loopback.slash("build delete", build="1", reason=REASON, actor=marcus)
    second = await loopback.slash("build delete", build="1", reason=REASON, actor=marcus)
    await loopback.click(second, "Delete it", actor=marcus)
    # A moderation of one member's build is no business of the rest of the server.
    shown = await loopback.slash("build show", build="1", actor=loopback.member("Dale"))
    assert shown.text == "Build #1 was deleted."
    shown = await loopback.slash("build show", build="1")
    assert shown.text == "Build #1 was deleted by a moderator."

    # The forget takes the owner's DM of the deletion, which was all that told it a moderator's,
    # and who owned it: the moderators alone are told who deleted it then.
    await forget(loopback, mika, DELETE_BUILDS)
    late = await loopback.click(first, "Delete it", actor=marcus)
    assert late.text == "Build #1 was already deleted by a moderator: nothing is left to delete."
    late = await loopback.click(mine, "Delete it")
    assert late.text == "Build #1 was already deleted: nothing is left to delete."
    renamed = await loopback.slash("build rename", build="1", title="Mine", actor=mika)
    assert renamed.text == "Build #1 was deleted."
    shown = await loopback.slash("build show", build="1", actor=marcus)
    assert shown.text == (
        f"Build #1 was deleted by a moderator, <@{marcus.id}>, on "
        f"<t:{unix(keitora.clock.now())}:f>. The reason given: “{ECHOED_REASON}”."
    )


async def test_moderators_are_told_which_moderator_deleted_a_build_and_why(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await forum_build(loopback)
    marcus, akiko = loopback.member("Marcus"), loopback.member("Akiko")
    asked = await loopback.slash("build delete", build="1", reason="Plates shown", actor=marcus)
    await loopback.click(asked, "Delete it", actor=marcus)
    at = unix(keitora.clock.now())

    shown = await loopback.slash("build show", build="1", actor=akiko)
    assert shown.ephemeral
    assert shown.text == (
        f"Build #1 was deleted by a moderator, <@{marcus.id}>, on <t:{at}:f>. "
        "The reason given: “Plates shown”."
    )
    # Its owner was told the reason by DM, never who: they are told no more here.
    shown = await loopback.slash("build show", build="1")
    assert shown.text == "Build #1 was deleted by a moderator."
    shown = await loopback.slash("build show", build="1", actor=loopback.member("Dale"))
    assert shown.text == "Build #1 was deleted."


async def test_a_moderator_gives_a_reason_and_the_owner_is_told_by_dm(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    marcus = loopback.member("Marcus")
    rosa = await loopback.slash("build delete", build="1", actor=loopback.member("Rosa"))
    assert rosa.text == "Only its owner or a moderator can delete a build."

    unexplained = await loopback.slash("build delete", build="1", actor=marcus)
    assert unexplained.ephemeral
    assert unexplained.text == (
        "Give a reason: the owner of build #1 is told by DM why a moderator deleted it."
    )
    asked = await loopback.slash("build delete", build="1", reason=REASON, actor=marcus)
    assert asked.text == (
        "Delete build #1 “Camper Carry” for good? Its thread goes, with its card, 0 updates "
        "and 0 parts; this cannot be undone. Its owner is told by DM."
        f"\nThe reason its owner reads: {REASON}"
    )
    assert not thread_deleted(loopback, thread)
    done = await loopback.click(asked, "Delete it", actor=marcus)
    assert done.text == (
        "Deleted build #1 “Camper Carry”, with its thread, 0 updates and 0 parts. Its owner is "
        f"told by DM.\nThe reason its owner reads: {REASON}"
    )
    await eventually(lambda: thread_deleted(loopback, thread), "the thread's deletion")
    [deletion] = thread_deletions(loopback, thread)
    assert deletion.audit_reason == (
        f"Build #1 was deleted by a moderator with /build delete: {REASON}"
    )

    told = await the_owners_dm(loopback)
    assert told["content"] == (
        f"A moderator of **{DEMO_GUILD}** deleted your build “Camper Carry” (#1, “1994 Suzuki "
        "Carry DA51T”) with its thread. The reason given: "
        f"“{ECHOED_REASON}”."
    )
    assert told["allowed_mentions"]["parse"] == []


async def test_a_locked_build_is_deleted_by_a_moderator_not_its_owner(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await forum_build(loopback)
    marcus = loopback.member("Marcus")
    await loopback.slash("build-mod lock", build="1", reason="Stolen photos", actor=marcus)

    refused = await loopback.slash("build delete", build="1")
    assert refused.ephemeral
    assert refused.text == ("Build #1 is locked by a moderator; only a moderator can delete it.")
    asked = await loopback.slash("build delete", build="1", reason="Stolen photos", actor=marcus)
    done = await loopback.click(asked, "Delete it", actor=marcus)
    assert done.text.startswith("Deleted build #1 “Camper Carry”"), done.text


async def test_a_deleted_build_leaves_the_open_ballot_and_its_showcase_post(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika", "Hank", "Rosa")
    marcus, mika = loopback.member("Marcus"), loopback.member("Mika")
    await loopback.slash("showcase-mod feature", build="1", actor=marcus)
    await loopback.slash("showcase-mod vote start", candidates="1, 2, 3", actor=marcus)
    post, ballot = showcase_posts(loopback)
    voted = await loopback.click(ballot, "#1 Build 1", actor=loopback.member("Dale"))
    assert "Your vote is for #1" in voted.text

    asked = await loopback.slash("build delete", build="1", actor=mika)
    done = await loopback.click(asked, "Delete it", actor=mika)
    assert done.text.startswith(
        "Deleted build #1 “Build 1”, with its thread, 0 updates and 0 parts. Its showcase post "
        "went with it. It left the open Build of the Month ballot ("
    ), done.text
    assert done.text.endswith("which goes on with the 2 other builds."), done.text
    await deleted(loopback, f"/channels/{post.channel_id}/messages/{post.id}")
    path = f"/channels/{ballot.channel_id}/messages/{ballot.id}"
    await eventually(
        lambda: any(r.path == path and r.method == "PATCH" for r in loopback.requests),
        "the ballot's edit",
    )
    [edit] = [r.request for r in loopback.requests if r.path == path and r.method == "PATCH"][-1:]
    description = edit["embeds"][0]["description"]
    assert "Build #1 was withdrawn; if you voted for it, your vote is free again." in description
    buttons = [b["custom_id"] for row in edit["components"] for b in row["components"]]
    assert buttons == ["showcase:vote:1:2", "showcase:vote:1:3"]
    assert mika.id not in json.dumps(edit)


async def test_a_deleted_builds_nomination_leaves_the_queue(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await queue_ready(loopback)
    await start_builds(loopback, "Mika")
    await nominate(loopback, "Dale")
    [queued] = await queue_posts(loopback, 1)

    mika = loopback.member("Mika")
    asked = await loopback.slash("build delete", build="1", actor=mika)
    await loopback.click(asked, "Delete it", actor=mika)

    await deleted(loopback, f"/channels/{queued.channel_id}/messages/{queued.id}")
    marcus = loopback.member("Marcus")
    assert "Nothing is waiting" in (await loopback.slash("modqueue", actor=marcus)).text


async def test_without_manage_threads_the_question_answer_and_dm_say_the_thread_stays(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    await loopback.slash("build update", text="Our gate code is 4417", build="1")
    await without_manage_threads(loopback, keitora)
    assert loopback.guild is not None
    guild_id = loopback.guild.id

    marcus, forum = loopback.member("Marcus"), loopback.channel("builds")
    stays = (
        f"Keitora may not manage threads in <#{forum.id}>, so it deletes its own posts there "
        "and the thread stays: a moderator can delete it."
    )
    reason = "Posted a gate code"
    asked = await loopback.slash("build delete", build="1", reason=reason, actor=marcus)
    assert asked.text == (
        "Delete build #1 “Camper Carry” for good? Its card goes, with 1 update and 0 "
        f"parts; this cannot be undone. {stays} Its owner is told by DM."
        f"\nThe reason its owner reads: {reason}"
    )
    done = await loopback.click(asked, "Delete it", actor=marcus)
    assert done.text == (
        f"Deleted build #1 “Camper Carry”, with 1 update and 0 parts. {stays} Its owner is "
        f"told by DM.\nThe reason its owner reads: {reason}"
    )
    await loopback.wait_until(lambda: not loopback.messages(thread), what="Keitora's posts gone")
    told = await the_owners_dm(loopback)
    assert told["content"] == (
        f"A moderator of **{DEMO_GUILD}** deleted your build “Camper Carry” (#1, “1994 Suzuki "
        "Carry DA51T”); its thread stays, without Keitora's posts. The reason given: “Posted a "
        f"gate code”. Its thread: https://discord.com/channels/{guild_id}/{thread.id}"
    )


async def test_the_question_names_no_thread_once_discord_deleted_it(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    await loopback.slash("build part add", name="Block lift", cost="120", build="1")
    await deleted_by_discord(loopback, keitora, thread)
    await asked_then_deleted(
        loopback,
        "Delete build #1 “Camper Carry” for good? 0 updates and 1 part go with it; this "
        "cannot be undone.",
        "Deleted build #1 “Camper Carry”, with 0 updates and 1 part.",
    )
    assert not thread_deleted(loopback, thread)  # gone already: nothing asked of Discord
    # Its card went with its thread: no follow-up is left to find nothing there.
    follow_ups = "SELECT count(*) FROM jobs WHERE kind = ?"
    assert await keitora.store.fetchval(follow_ups, (FORGET_FOLLOW_UP_JOB,)) == 0


async def test_a_build_deleted_while_its_thread_is_on_its_way_takes_the_thread_with_it(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await builds_channel(loopback)
    held = loopback.faults.hold(*FORUM_POST)
    starting = asyncio.create_task(start(loopback))
    await asyncio.wait_for(held.arrived.wait(), 10)

    asked = await loopback.slash("build delete", build="1")
    done = await loopback.click(asked, "Delete it")
    assert done.text == "Deleted build #1 “Camper Carry”, with 0 updates and 0 parts."
    held.release()
    started = await starting
    assert started.text == (
        "Build #1 was deleted while its thread was being started; the thread goes with it."
    )
    thread = newest_thread(loopback)
    await eventually(lambda: thread_deleted(loopback, thread), "the late thread's deletion")
    [deletion] = thread_deletions(loopback, thread)
    assert deletion.audit_reason == "Build #1 was deleted before its thread was started"


async def thread_deleted_by_discord(
    loopback: Loopback, keitora: RunningBot
) -> tuple[ChannelRef, Message]:
    """A build started in a text channel, whose thread Discord then deleted; and its card."""
    general = await builds_channel(loopback, "general")
    await start(loopback)
    thread = newest_thread(loopback)
    [card] = [m for m in loopback.messages(general) if m.embeds]
    await deleted_by_discord(loopback, keitora, thread)
    return thread, card


async def deleted_by_discord(loopback: Loopback, keitora: RunningBot, thread: ChannelRef) -> None:
    """Discord deletes build #1's thread, and the bot, told, marks the build."""
    await loopback.delete_thread(thread)
    assert loopback.guild is not None
    service, guild_id = keitora.bot.services.builds, int(loopback.guild.id)

    async def marked() -> bool:
        return (await service.get(guild_id, 1)).thread_deleted

    await eventually(marked, "THREAD_DELETE marking the build")


async def test_a_text_channel_builds_card_goes_though_discord_deleted_its_thread(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread, card = await thread_deleted_by_discord(loopback, keitora)
    await asked_then_deleted(
        loopback,
        "Delete build #1 “Camper Carry” for good? Its card goes, with 0 updates and 0 parts; "
        "this cannot be undone.",
        "Deleted build #1 “Camper Carry”, with its card, 0 updates and 0 parts.",
    )
    await deleted(loopback, f"/channels/{card.channel_id}/messages/{card.id}")
    assert not thread_deleted(loopback, thread)  # gone already: not asked of Discord again


async def test_a_forget_deletes_a_text_channel_card_whose_thread_discord_deleted(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread, card = await thread_deleted_by_discord(loopback, keitora)
    await forget(loopback, loopback.member("Mika"), DELETE_BUILDS)
    await deleted(loopback, f"/channels/{card.channel_id}/messages/{card.id}")
    assert not thread_deleted(loopback, thread)


async def asked_then_deleted(loopback: Loopback, question: str, answer: str) -> None:
    """Build #1's owner is asked `question`, and confirms; the bot answers `answer`."""
    asked = await loopback.slash("build delete", build="1")
    assert asked.text == question
    done = await loopback.click(asked, "Delete it")
    assert done.text == answer
