"""Who may change a build, and builds closed, locked, or whose thread or card went, through the
loopback: refusals say why, and archived or Discord-locked threads are handled as Discord
allows."""

from __future__ import annotations

import asyncio

from sandbox import Loopback

from .conftest import RunningBot
from .test_builds import (
    EDIT_CHANNEL,
    EDIT_MESSAGE,
    POST,
    builds_channel,
    card,
    field,
    forum_build,
    requests,
    start,
)


async def test_someone_elses_build_is_refused_but_a_moderator_may_update_it(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    refused = await loopback.slash(
        "build update", text="Nice truck", actor=loopback.member("Dale"), where=thread
    )
    assert refused.text == "Only its owner or a moderator can post updates to a build."
    part = await loopback.slash(
        "build part add", name="Bolt", cost="1", build="1", actor=loopback.member("Dale")
    )
    assert "Only its owner or a moderator" in part.text
    allowed = await loopback.slash(
        "build update",
        text="Moved to the show section",
        actor=loopback.member("Marcus"),
        where=thread,
    )
    assert "Update posted" in allowed.text


async def test_reopen_without_a_build_named_means_the_members_newest_one(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    assert "Build #1 is closed" in (await loopback.slash("build close")).text
    reopened = await loopback.slash("build reopen")
    assert "Build #1 is open again" in reopened.text
    unarchived = [
        r.request
        for r in loopback.requests
        if r.method == "PATCH" and r.path == f"/channels/{thread.id}"
    ]
    assert unarchived[-1]["archived"] is False
    again = await loopback.slash("build reopen")
    assert again.ephemeral
    assert again.text == "Build #1 is open already."


async def test_closed_and_locked_builds_refuse_updates_and_show_why(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    closed = await loopback.slash("build close", build="1")
    assert "closed" in closed.text
    assert loopback.world.channels[thread.id]["thread_metadata"]["archived"] is True
    refused = await loopback.slash("build update", text="More", build="1")
    assert "Build #1 is closed; reopen it with `/build reopen`" in refused.text
    assert field(card(loopback, thread).embeds[0], "Status") == "Closed"

    await loopback.slash("build reopen", build="1")
    marcus = loopback.member("Marcus")
    locked = await loopback.slash("build-mod lock", build="1", reason="stolen photos", actor=marcus)
    assert "locked" in locked.text
    metadata = loopback.world.channels[thread.id]["thread_metadata"]
    assert (metadata["archived"], metadata["locked"]) == (True, True)
    assert field(card(loopback, thread).embeds[0], "Status") == "🔒 Locked by a moderator"
    refused = await loopback.slash("build update", text="Mine!", build="1")
    assert "locked by a moderator (“stolen photos”)" in refused.text
    member_lock = await loopback.slash("build-mod lock", build="1", actor=loopback.member("Dale"))
    assert member_lock.text == "Only moderators can lock builds."


async def test_a_lock_reason_shows_as_the_moderator_typed_it_in_a_refusal(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await forum_build(loopback)
    marcus = loopback.member("Marcus")
    await loopback.slash("build-mod lock", build="1", reason="**stolen** photos", actor=marcus)
    refused = await loopback.slash("build update", text="Mine!", build="1")
    assert "locked by a moderator (“\\*\\*stolen\\*\\* photos”)" in refused.text, refused.text


async def test_a_member_whose_only_build_is_closed_or_locked_is_told_so_naming_none(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    await loopback.slash("build close")
    posts_before = len(loopback.messages(thread))
    # Outside the build's thread and naming no build, as a member does from #general.
    update = await loopback.slash("build update", text="New tyres")
    assert update.ephemeral
    assert update.text == ("Build #1 is closed; reopen it with `/build reopen` to post updates.")
    part = await loopback.slash("build part add", name="Tyres", cost="300")
    assert part.text == "Build #1 is closed; reopen it with `/build reopen` to change its parts."
    assert (await loopback.slash("build close")).text == "Build #1 is closed already."
    assert len(loopback.messages(thread)) == posts_before

    await loopback.slash("build reopen")
    marcus = loopback.member("Marcus")
    await loopback.slash("build-mod lock", build="1", reason="stolen photos", actor=marcus)
    spec = await loopback.slash("build spec", lift="2 in")
    assert spec.text == (
        "Build #1 is locked by a moderator (“stolen photos”); nobody can change its spec."
    )
    # Dale has no builds, and may change nobody else's: there is none he could name.
    dale = loopback.member("Dale")
    for command, options in (("build update", {"text": "Hello"}), ("build close", {})):
        none = await loopback.slash(command, actor=dale, **options)
        assert none.text == "You have no builds to change. Start one with `/build start`."


async def test_an_archived_thread_is_reopened_before_the_bot_posts_or_edits(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    await loopback.archive(thread)
    reply = await loopback.slash("build update", text="Back at it", build="1")
    assert "Update posted" in reply.text
    unarchive = [
        r
        for r in requests(loopback, EDIT_CHANNEL)
        if r.path.endswith(f"/channels/{thread.id}") and r.request.get("archived") is False
    ]
    first_write = min(
        r.started
        for r in [*requests(loopback, POST), *requests(loopback, EDIT_MESSAGE)]
        if thread.id in r.path
    )
    assert unarchive
    assert unarchive[0].finished is not None
    assert unarchive[0].finished <= first_write
    assert loopback.messages(thread)[-1].embeds[0]["description"] == "Back at it"
    assert all(r.status is not None and r.status < 300 for r in loopback.requests)


async def test_a_thread_a_moderator_locked_in_discord_gets_no_posts_and_stays_locked(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    await loopback.archive(thread, locked=True)  # "Close and lock", by hand in Discord
    posts_before = len(loopback.messages(thread))

    reply = await loopback.slash("build update", text="Still here", cost="20", build="1")
    assert reply.text == (
        f"Update recorded on build #1; a moderator locked <#{thread.id}> in Discord, so it is "
        "not posted."
    )
    assert len(loopback.messages(thread)) == posts_before
    assert field(card(loopback, thread).embeds[0], "Spent") == "$20.00"
    metadata = loopback.world.channels[thread.id]["thread_metadata"]
    assert (metadata["archived"], metadata["locked"]) == (True, True)

    # The owner's close and reopen leave the moderator's lock alone.
    await loopback.slash("build close", build="1")
    assert (metadata["archived"], metadata["locked"]) == (True, True)
    await loopback.slash("build reopen", build="1")
    assert metadata["locked"] is True
    sent = [r.request for r in requests(loopback, EDIT_CHANNEL) if r.path.endswith(thread.id)]
    assert all(body.get("locked") is not False for body in sent)


async def test_a_thread_deleted_in_discord_marks_the_build_and_updates_still_record(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    await loopback.delete_thread(thread)
    await loopback.wait_until(lambda: keitora.bot.get_channel(int(thread.id)) is None)
    assert loopback.guild is not None
    service, guild_id = keitora.bot.services.builds, int(loopback.guild.id)
    for _ in range(100):  # the listener writes just after the cache forgets the thread
        if (await service.get(guild_id, 1)).thread_deleted:
            break
        await asyncio.sleep(0.02)
    # Marked from THREAD_DELETE, before anything needed the thread.
    assert (await service.get(guild_id, 1)).thread_deleted
    reply = await loopback.slash("build update", text="Still building", build="1")
    assert "its thread is gone" in reply.text
    shown = await loopback.slash("build show", build="1")
    assert "Thread:" not in shown.text
    assert all(r.status is not None and r.status < 400 for r in loopback.requests)


async def test_a_starter_card_deleted_by_its_author_is_said_on_the_next_update(
    loopback: Loopback, keitora: RunningBot
) -> None:
    general = await builds_channel(loopback, "general")
    await start(loopback)
    starter = next(m for m in loopback.messages(general) if m.embeds)
    await loopback.delete_message(starter)
    reply = await loopback.slash("build update", text="Still here", build="1")
    assert "Update posted" in reply.text
    assert "card of build #1 was deleted" in reply.text


async def test_a_closed_build_locked_and_unlocked_keeps_its_thread_archived(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    marcus = loopback.member("Marcus")
    await loopback.slash("build close", build="1")
    locked = await loopback.slash("build-mod lock", build="1", reason="spam", actor=marcus)
    assert "is locked" in locked.text
    metadata = loopback.world.channels[thread.id]["thread_metadata"]
    assert (metadata["archived"], metadata["locked"]) == (True, True)
    reopen = await loopback.slash("build reopen", build="1")
    assert "locked by a moderator" in reopen.text
    unlocked = await loopback.slash("build-mod unlock", build="1", actor=marcus)
    assert "is unlocked" in unlocked.text
    assert (metadata["archived"], metadata["locked"]) == (True, False)
    assert field(card(loopback, thread).embeds[0], "Status") == "Closed"
    reopened = await loopback.slash("build reopen", build="1")
    assert "open again" in reopened.text
    assert (metadata["archived"], metadata["locked"]) == (False, False)
    assert all(r.status is not None and r.status < 400 for r in loopback.requests)
