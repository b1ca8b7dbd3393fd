"""/privacy through the loopback: a member's data as a file, forgotten after a confirmation that
survives a restart (their place on a full meetup going to the next in line, who is told), bad
clicks refused, and a server's data kept 30 days after it removes the bot."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta

import pytest

from bot.privacy.posts import FORGET_FOLLOW_UP_JOB
from sandbox import ChannelRef, Loopback, Message, Reply
from sandbox.api import File
from sandbox.core import RequestRecord
from sandbox.state import Permission, UserRef

from .conftest import MEETUP_WEEK, RunningBot, database_held, eventually, first_attempt_failed
from .test_builds import (
    EDIT_MESSAGE,
    PNG,
    builds_channel,
    forum_build,
    newest_thread,
    requests,
    start,
)
from .test_meetups import card_shows, cards, create, field, meetups_channel
from .test_showcase import setup_channels, showcase_posts, start_builds

DELETE_BUILDS = "Forget me and delete my builds"
KEEP_BUILDS = "Forget me, keep my builds anonymized"
FORGET_ME = "Forget me"  # the one choice of a member with no builds


@pytest.mark.clock(MEETUP_WEEK)
async def test_export_forget_after_a_restart_and_export_again(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    await create(loopback, capacity=1)
    [card] = cards(loopback)
    dale, rosa = loopback.member("Dale"), loopback.member("Rosa")
    await loopback.click(card, "Going", actor=dale)
    assert "**#1** on the waitlist" in (await loopback.click(card, "Going", actor=rosa)).content
    await loopback.slash("timezone set", tz="Pacific", actor=dale)
    await loopback.slash("alerts add", keywords="hijet 4wd", actor=dale)

    exported = await loopback.slash("privacy export", actor=dale)
    assert exported.ephemeral
    assert "export format version 5" in exported.content
    [attachment] = exported.attachments
    assert attachment.filename == f"keitora-data-{dale.id}.json"
    document = json.loads(attachment.data)
    server = document["servers"][loopback.guild.id]  # type: ignore[union-attr]
    assert [answer["status"] for answer in server["rsvps"]] == ["going"]
    assert server["settings"][0]["timezone"] == "America/Los_Angeles"
    assert [alert["query"] for alert in server["alerts"]] == ["hijet 4wd"]
    assert rosa.id not in attachment.data.decode()

    confirmation = await loopback.slash("privacy forget", actor=dale)
    assert confirmation.ephemeral
    assert confirmation.message is not None
    assert confirmation.message.buttons == [FORGET_ME, "Cancel"]  # no builds to choose for
    assert "Your builds" not in confirmation.content
    await keitora.restart()

    done = await loopback.click(confirmation, FORGET_ME, actor=dale)
    assert done.type == 7  # the confirmation itself is replaced: its buttons are gone
    assert done.components == []
    deleted = "**Deleted:** RSVPs (1), alerts (1), time zone and reminder settings (1)."
    assert deleted in done.content
    assert "**Anonymized:** nothing." in done.content

    await keitora.bot.job_runner.run_due()
    await loopback.wait_until(lambda: len(loopback.dms(rosa)) == 1, what="Rosa's DM")
    assert loopback.dms(rosa)[0].content.startswith("You're in! A place opened up")
    await card_shows(loopback, card, "Waitlist", "1 waiting")  # before the forget
    shown = await card_shows(loopback, card, "Waitlist", "0 waiting")
    assert field(shown.embeds[0], "Going") == "1 person of 1 · 0 trucks"
    again = await loopback.slash("privacy export", actor=dale)
    assert again.attachments == []
    assert again.content.startswith("Keitora stores nothing about you")


async def test_help_says_what_privacy_reaches_and_what_stays(
    keitora: RunningBot, loopback: Loopback
) -> None:
    topic = await loopback.slash("help", topic="privacy", actor=loopback.member("Dale"))
    assert (
        "Both cover every server where you used Keitora. A forget cannot be undone: export "
        "first. What Keitora posted for you in Discord (the threads of builds you keep, "
        "importer announcements, reminders that mention you) stays there; a moderator can "
        "delete it."
    ) in topic.embeds[0]["description"]


async def test_bad_clicks_and_a_late_one_change_nothing(
    keitora: RunningBot, loopback: Loopback
) -> None:
    dale = loopback.member("Dale")
    nothing = await loopback.slash("privacy forget", actor=dale)
    assert nothing.content.startswith("Keitora stores nothing about you")
    await loopback.slash("alerts add", keywords="carry dump", actor=dale)

    confirmation = await loopback.slash("privacy forget", actor=dale)
    keitora.clock.advance(timedelta(minutes=10, seconds=1))
    late = await loopback.click(confirmation, FORGET_ME, actor=dale)
    assert "expired after 10 minutes; nothing was deleted" in late.content
    still = await loopback.slash("alerts list", actor=dale)
    assert "carry dump" in still.content

    fresh = await loopback.slash("privacy forget", actor=dale)
    cancelled = await loopback.click(fresh, "Cancel", actor=dale)
    assert cancelled.content == "Cancelled; nothing was deleted."
    assert "carry dump" in (await loopback.slash("alerts list", actor=dale)).content


REPLACED = (
    "This confirmation was replaced by a newer /privacy forget; nothing was changed. Use the "
    "buttons of the newest one."
)


async def test_a_second_forget_replaces_the_first_whose_buttons_then_refuse(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # A dismissed ephemeral confirmation cannot be reached again: asking anew must not wait.
    dale = loopback.member("Dale")
    await loopback.slash("alerts add", keywords="carry dump", actor=dale)
    first = await loopback.slash("privacy forget", actor=dale)
    second = await loopback.slash("privacy forget", actor=dale)

    assert second.ephemeral
    assert second.message is not None
    assert second.message.buttons == [FORGET_ME, "Cancel"]
    assert "These buttons expire" in second.content
    for label in (FORGET_ME, "Cancel"):
        old = await loopback.click(first, label, actor=dale)
        assert old.ephemeral
        assert old.content == REPLACED
    assert "carry dump" in (await loopback.slash("alerts list", actor=dale)).content

    # A double click forgets once: the second click is refused.
    clicks = await asyncio.gather(
        loopback.click(second, FORGET_ME, actor=dale),
        loopback.click(second, FORGET_ME, actor=dale),
    )
    done, refused = sorted(clicks, key=lambda reply: "Done" not in reply.content)
    assert "**Deleted:** alerts (1)." in done.content
    assert "nothing more was changed" in refused.content


async def test_an_open_confirmation_alone_is_nothing_to_forget(
    keitora: RunningBot, loopback: Loopback
) -> None:
    dale = loopback.member("Dale")
    await loopback.slash("alerts add", keywords="carry dump", actor=dale)
    first = await loopback.slash("privacy forget", actor=dale)
    await loopback.slash("alerts remove", alert="1", actor=dale)

    again = await loopback.slash("privacy forget", actor=dale)

    assert again.content.startswith("Keitora stores nothing about you")
    assert again.components == []
    old = await loopback.click(first, FORGET_ME, actor=dale)
    assert "no longer open" in old.content
    exported = await loopback.slash("privacy export", actor=dale)
    assert exported.attachments == []


async def test_a_server_that_removes_the_bot_keeps_its_data_30_days_unless_it_returns(
    keitora: RunningBot, loopback: Loopback
) -> None:
    guild = loopback.guild
    assert guild is not None
    guild_id = int(guild.id)
    admin = loopback.member("Akiko")
    shown = (await loopback.slash("setup show", actor=admin)).embeds[0]
    assert "kept for 30 days" in field(shown, "If Keitora is removed")
    await loopback.slash("alerts add", keywords="acty", actor=loopback.member("Dale"))
    retention = keitora.bot.services.retention

    async def departed() -> bool:
        return await retention.purge_due_at(guild_id) is not None

    unavailable = asyncio.create_task(keitora.bot.wait_for("guild_unavailable", timeout=5))
    await loopback.outage(guild)
    await unavailable
    # The bot's listeners for that GUILD_DELETE were started with the event: let them finish.
    listening = [t for t in asyncio.all_tasks() if t.get_name().startswith("discord.py: on_")]
    await asyncio.gather(*listening, return_exceptions=True)
    assert not await departed()  # an outage is not a removal
    await loopback.outage_over(guild)
    assert not await departed()
    await loopback.remove_bot(guild)
    await eventually(departed, "the removal recorded")

    keitora.clock.advance(timedelta(days=29))
    await loopback.add_bot(guild)

    async def returned() -> bool:
        return not await departed()

    await eventually(returned, "the return recorded")
    keitora.clock.advance(timedelta(days=2))
    await keitora.bot.job_runner.run_due()
    assert await keitora.store.fetchval("SELECT count(*) FROM alerts") == 1

    await loopback.remove_bot(guild)
    await eventually(departed, "the second removal recorded")
    keitora.clock.advance(timedelta(days=30))
    await keitora.bot.job_runner.run_due()
    guilds = await keitora.store.fetchval(
        "SELECT count(*) FROM guilds WHERE guild_id = ?", (guild_id,)
    )
    assert guilds == 0
    assert await keitora.store.fetchval("SELECT count(*) FROM alerts") == 0


async def test_a_kept_builds_card_no_longer_names_its_forgotten_owner(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await forum_build(loopback, "Mika")
    mika = loopback.member("Mika")
    confirmation = await loopback.slash("privacy forget", actor=mika)

    done = await loopback.click(confirmation, KEEP_BUILDS, actor=mika)
    assert "**Anonymized:** builds (1)" in done.content
    assert (
        "Your kept build threads stay in Discord with Keitora's posts of your updates; a "
        "moderator can delete them." in done.content
    )

    card_path = f"/channels/{thread.id}/messages/{thread.id}"
    await loopback.wait_until(
        lambda: any(r.path == card_path for r in requests(loopback, EDIT_MESSAGE)),
        what="the card's edit",
    )
    [edit] = [r.request for r in requests(loopback, EDIT_MESSAGE) if r.path == card_path]
    description = edit["embeds"][0]["description"]
    assert "by a former member" in description
    assert mika.id not in json.dumps(edit)


async def posted_update(
    loopback: Loopback, thread: ChannelRef, author: UserRef, text: str, **options: object
) -> Message:
    """`author` posts an update to the build of `thread`; its message there."""
    await loopback.slash("build update", text=text, actor=author, where=thread, **options)
    return [m for m in loopback.messages(thread) if m.id != thread.id][-1]


async def forget(loopback: Loopback, member: UserRef, choice: str) -> Reply:
    """`member` asks to be forgotten and confirms with `choice` (what becomes of their builds),
    or, having no builds to choose for, with the one "Forget me"."""
    confirmation = await loopback.slash("privacy forget", actor=member)
    assert confirmation.message is not None
    offered = confirmation.message.buttons
    return await loopback.click(
        confirmation, choice if choice in offered else FORGET_ME, actor=member
    )


async def edit_of(loopback: Loopback, message: Message) -> RequestRecord:
    """The one edit the bot made of `message`, once Discord accepted it."""
    path = f"/channels/{message.channel_id}/messages/{message.id}"
    await loopback.wait_until(
        lambda: any(r.path == path and r.status == 200 for r in requests(loopback, EDIT_MESSAGE)),
        what="the message's edit",
    )
    [edit] = [r for r in requests(loopback, EDIT_MESSAGE) if r.path == path]
    return edit


async def test_a_kept_builds_updates_no_longer_name_their_forgotten_author(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await forum_build(loopback, "Mika")
    mika = loopback.member("Mika")
    photo = File("lift.png", PNG, "image/png")
    update = await posted_update(loopback, thread, mika, "Lifted", photo=photo)
    assert field(update.embeds[0], "By") == f"<@{mika.id}>"
    await loopback.archive(thread)  # an idle build: read-only until it is reopened

    await forget(loopback, mika, KEEP_BUILDS)

    edit = await edit_of(loopback, update)
    embed = edit.request["embeds"][0]
    assert field(embed, "By") == "a former member"
    assert embed["description"] == "Lifted"  # kept: the words and the photo stay
    assert embed["image"]["url"] == f"attachment://{update.attachments[0].filename}"
    assert mika.id not in json.dumps(edit.request)
    metadata = loopback.world.channels[thread.id]["thread_metadata"]
    await loopback.wait_until(lambda: metadata["archived"], what="the thread archived again")


async def test_a_moderators_update_on_anothers_build_no_longer_names_them_once_forgotten(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await forum_build(loopback, "Mika")
    marcus = loopback.member("Marcus")
    update = await posted_update(loopback, thread, marcus, "Moved to show")

    await forget(loopback, marcus, KEEP_BUILDS)

    edit = await edit_of(loopback, update)
    assert field(edit.request["embeds"][0], "By") == "a former member"


async def test_a_forget_says_which_of_keitoras_posts_stay_and_who_can_remove_them(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await forum_build(loopback, "Mika")
    mika = loopback.member("Mika")
    await posted_update(loopback, thread, mika, "Our gate code is 4417")
    confirmation = await loopback.slash("privacy forget", actor=mika)
    # The thread, its card and each update are Keitora's messages: a member cannot delete
    # them in Discord, so a forget must not say they are the member's to delete.
    assert "your messages to delete" not in confirmation.content
    # An importer's announcements are Keitora's posts too.
    assert (
        "any importer profile linked to you, with its feed, announcements and importer role "
        "(what it posted stays in the announcements channel: a moderator can take it down)"
        in confirmation.content
    )
    # Reminders in meetup threads mention those going; a forget does not edit what was posted.
    assert (
        "Reminders and notices Keitora already posted in meetup threads keep their mentions "
        "of you." in confirmation.content
    )
    assert (
        "**Your builds**: delete them with everything recorded about them, their threads in "
        "Discord included (with the replies in them), or keep them anonymized: their threads "
        "stay, with the card and the updates Keitora posted for you (your words and photos) "
        "shown as by a former member (a moderator can delete a thread)." in confirmation.content
    )

    done = await loopback.click(confirmation, DELETE_BUILDS, actor=mika)
    assert "**Deleted:** build updates (1), builds (1)." in done.content
    assert (
        "Your build threads are being deleted from Discord; a moderator can delete" in done.content
    )
    assert "Messages you posted yourself stay in Discord until you delete them." in done.content
    # Deleting the thread takes the card and the update, with the member's words, with it.
    thread_path = f"/channels/{thread.id}"
    await loopback.wait_until(
        lambda: any((r.method, r.path) == ("DELETE", thread_path) for r in loopback.requests),
        what="the build thread's deletion",
    )
    assert thread.id not in loopback.world.channels
    [deletion] = [r for r in loopback.requests if (r.method, r.path) == ("DELETE", thread_path)]
    assert deletion.audit_reason == "Its owner was forgotten"
    assert "4417" not in json.dumps(list(loopback.world.messages.values()), default=str)
    # A forum post's card went with its thread: no request for it in the forum itself.
    await eventually(
        lambda: keitora.store.fetchval(
            "SELECT count(*) = 1 FROM jobs WHERE kind = ? AND state = 'done'",
            (FORGET_FOLLOW_UP_JOB,),
        ),
        "the forget's follow-up done",
    )
    assert not any(r.method == "DELETE" and "/messages/" in r.path for r in loopback.requests)

    dale = loopback.member("Dale")  # no builds: nothing to say of build threads
    await loopback.slash("alerts add", keywords="carry dump", actor=dale)
    confirmation = await loopback.slash("privacy forget", actor=dale)
    done = await loopback.click(confirmation, FORGET_ME, actor=dale)
    assert "build threads" not in done.content
    assert "Messages you posted yourself stay in Discord until you delete them." in done.content


async def test_without_manage_threads_a_deleted_builds_own_posts_go_one_by_one(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await forum_build(loopback, "Mika")
    mika = loopback.member("Mika")
    await posted_update(loopback, thread, mika, "Our gate code is 4417")
    await loopback.archive(thread)
    assert loopback.guild is not None
    role = next(r for r in loopback.guild.roles.values() if r["managed"])
    role["permissions"] = str(int(role["permissions"]) & ~Permission.MANAGE_THREADS)

    await forget(loopback, mika, DELETE_BUILDS)

    await loopback.wait_until(
        lambda: not any("4417" in json.dumps(m.raw) for m in loopback.messages(thread)),
        what="Keitora's update deleted",
    )
    refused = [
        r for r in loopback.requests if (r.method, r.path) == ("DELETE", f"/channels/{thread.id}")
    ]
    assert [r.status for r in refused] == [403]
    await loopback.wait_until(lambda: not loopback.messages(thread), what="the card deleted")


async def test_a_deleted_build_in_a_text_channel_takes_its_card_and_its_thread(
    keitora: RunningBot, loopback: Loopback
) -> None:
    general = await builds_channel(loopback, "general")
    await start(loopback, "Mika")
    thread = newest_thread(loopback)
    [card] = [m for m in loopback.messages(general) if m.embeds]
    mika = loopback.member("Mika")
    await posted_update(loopback, thread, mika, "Our gate code is 4417")
    archived = loopback.world.channels[thread.id]["thread_metadata"]
    archived["archived"] = True  # an idle build's thread: read-only, but it may be deleted

    await forget(loopback, mika, DELETE_BUILDS)

    gone = {
        ("DELETE", f"/channels/{thread.id}"),
        ("DELETE", f"/channels/{general.id}/messages/{card.id}"),
    }
    await loopback.wait_until(
        lambda: gone <= {(r.method, r.path) for r in loopback.requests if r.status < 300},
        what="the thread and the card deleted",
    )
    assert card.id not in loopback.world.messages[general.id]


async def test_a_forget_held_up_by_the_database_still_replaces_its_confirmation(
    keitora: RunningBot, loopback: Loopback
) -> None:
    dale = loopback.member("Dale")
    await loopback.slash("timezone set", tz="Pacific", actor=dale)
    confirmation = await loopback.slash("privacy forget", actor=dale)
    async with database_held(keitora.store):
        done = await loopback.click(confirmation, FORGET_ME, actor=dale, within=10)

    assert done.type == 6  # deferred as an update of the confirmation, not a new message
    original = "/webhooks/{webhook_id}/{webhook_token}/messages/@original"
    await loopback.wait_until(
        lambda: any(r.template == original for r in loopback.requests), what="the answer"
    )
    [answer] = [r.request for r in loopback.requests if r.template == original]
    assert answer["content"].startswith("Done: you are forgotten")
    assert answer["components"] == []


async def forget_a_featured_builds_owner(
    loopback: Loopback, choice: str, *, edits_refused: bool = False
) -> str:
    """Mika's build featured (its showcase post names her), then Mika forgotten with `choice`
    (while message edits are rate limited past discord.py's retries, with `edits_refused`);
    returns the post's path."""
    await setup_channels(loopback)
    await start_builds(loopback, "Mika")
    marcus, mika = loopback.member("Marcus"), loopback.member("Mika")
    await loopback.slash("showcase-mod feature", build="1", note="Tidy work", actor=marcus)
    [post] = showcase_posts(loopback)
    assert mika.id in post.embeds[0]["description"]
    if edits_refused:
        loopback.faults.rate_limit(*EDIT_MESSAGE, times=100, retry_after=0.01)
    confirmation = await loopback.slash("privacy forget", actor=mika)
    await loopback.click(confirmation, choice, actor=mika)
    return f"/channels/{post.channel_id}/messages/{post.id}"


async def deleted(loopback: Loopback, path: str) -> None:
    """Wait for the bot to delete the message at `path`."""
    await loopback.wait_until(
        lambda: any(r.method == "DELETE" and r.path == path for r in loopback.requests),
        what=f"the deletion of {path}",
    )


async def test_a_kept_builds_showcase_post_no_longer_names_its_forgotten_owner(
    keitora: RunningBot, loopback: Loopback
) -> None:
    post_path = await forget_a_featured_builds_owner(loopback, KEEP_BUILDS)

    await loopback.wait_until(
        lambda: any(r.path == post_path for r in requests(loopback, EDIT_MESSAGE)),
        what="the showcase post's edit",
    )
    [edit] = [r.request for r in requests(loopback, EDIT_MESSAGE) if r.path == post_path]
    assert "by a former member" in edit["embeds"][0]["description"]
    assert "Tidy work" in edit["embeds"][0]["description"]  # the moderator's note stays
    assert loopback.member("Mika").id not in json.dumps(edit)


async def test_a_deleted_builds_showcase_post_goes_with_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    post_path = await forget_a_featured_builds_owner(loopback, DELETE_BUILDS)

    await deleted(loopback, post_path)
    assert showcase_posts(loopback) == []


async def test_a_showcase_post_deleted_already_does_not_stop_the_others(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika", "Mika")
    marcus, mika = loopback.member("Marcus"), loopback.member("Mika")
    for build in ("1", "2"):
        await loopback.slash("showcase-mod feature", build=build, actor=marcus)
    first, second = showcase_posts(loopback)
    await loopback.delete_message(first)  # by a moderator, before the forget

    await forget(loopback, mika, DELETE_BUILDS)

    await deleted(loopback, f"/channels/{second.channel_id}/messages/{second.id}")
    assert showcase_posts(loopback) == []


async def follow_up_after_a_restart(keitora: RunningBot, loopback: Loopback) -> None:
    """Once the forget's follow-up job failed its first attempt (Discord refusing, as the test
    arranged), restart the bot with Discord answering again and run the job once more."""

    await first_attempt_failed(keitora, FORGET_FOLLOW_UP_JOB)
    await keitora.restart()
    loopback.faults.clear()
    keitora.clock.advance(timedelta(hours=1))
    await keitora.bot.job_runner.run_due()


async def test_a_showcase_post_discord_refused_to_edit_is_edited_after_a_restart(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # Rate limited past discord.py's own retries: the job waits, and survives the restart.
    post_path = await forget_a_featured_builds_owner(loopback, KEEP_BUILDS, edits_refused=True)
    refused_before = len(loopback.requests)
    await follow_up_after_a_restart(keitora, loopback)

    # The loopback records a body before it refuses it: only an edit after the restart that
    # Discord accepted counts.
    edits = [
        r.request
        for r in loopback.requests[refused_before:]
        if (r.method, r.template) == EDIT_MESSAGE and r.path == post_path and r.status == 200
    ]
    assert "by a former member" in edits[-1]["embeds"][0]["description"]
    assert loopback.member("Mika").id not in json.dumps(edits[-1])
    assert (
        await keitora.store.fetchval(
            "SELECT state FROM jobs WHERE kind = ?", (FORGET_FOLLOW_UP_JOB,)
        )
        == "done"
    )


async def test_a_confirmation_left_unclicked_is_deleted_by_the_daily_chore(
    keitora: RunningBot, loopback: Loopback
) -> None:
    dale = loopback.member("Dale")
    await loopback.slash("alerts add", keywords="carry dump", actor=dale)
    await loopback.slash("privacy forget", actor=dale)
    left = "SELECT count(*) FROM forget_requests WHERE member_id = ?"
    assert await keitora.store.fetchval(left, (dale.id,)) == 1

    # A day on, the runner's daily chores run: the confirmation, long expired, goes.
    keitora.clock.advance(timedelta(days=1, minutes=1))
    keitora.bot.services.jobs.wake()

    async def gone() -> bool:
        return await keitora.store.fetchval(left, (dale.id,)) == 0

    await eventually(gone, "the expired confirmation deleted")
