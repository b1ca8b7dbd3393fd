"""A moderator's lock through the loopback: the owner is told by DM (once, and nothing once
forgotten), the build leaves an open Build of the Month ballot as a deleted build does (and comes
back when unlocked; a ballot left with one build is called off), and its owner still finds it
with `/build show`."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.clock import unix
from bot.modqueue import CHANNEL_RECHECK
from bot.showcase import SHOWCASE_BALLOT_JOB, SHOWCASE_CALLED_OFF_JOB
from sandbox import Loopback, Message
from sandbox.core import RequestRecord
from sandbox.demo import DEMO_GUILD

from .conftest import RunningBot, eventually
from .test_builds import EDIT_MESSAGE, POST, requests
from .test_forget_messages import edited, forget, path_of
from .test_privacy import KEEP_BUILDS
from .test_showcase import first_of_two_featured, setup_channels, showcase_posts, start_builds
from .test_showcase_nominations import dms_sent_to, posted_to, queue_ready


async def test_a_lock_and_an_unlock_tell_the_owner_by_dm_once_and_a_former_member_never(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika", "Hank")
    marcus = loopback.member("Marcus")
    said = await loopback.slash(
        "build-mod lock", build="1", reason="@everyone stolen photos", actor=marcus
    )
    assert said.text == "Build #1 is locked. Its owner is told by DM."  # as a deletion says
    await eventually(lambda: bool(dms_sent_to(loopback, "Mika")), "the lock's DM")
    [locked] = dms_sent_to(loopback, "Mika")
    content = str(locked["content"])
    assert content.startswith(f"A moderator of **{DEMO_GUILD}** locked your build “Build 1” (#1).")
    assert loopback.guild is not None
    build = await keitora.bot.services.builds.get(int(loopback.guild.id), 1)
    link = f"https://discord.com/channels/{build.guild_id}/{build.thread_id}"
    assert content.endswith(f"Its thread: {link}")
    assert "stolen photos" in content
    assert "nobody can post updates to it or change it until a moderator unlocks it" in content
    assert "@everyone" not in content  # the moderator's reason is shown inert
    assert locked["allowed_mentions"]["parse"] == []

    await keitora.restart()
    unlocked = await loopback.slash("build-mod unlock", build="1", actor=marcus)
    assert (
        unlocked.text == "Build #1 is unlocked. Its owner is told by DM."
    )  # no ballot to go back on
    await eventually(lambda: len(dms_sent_to(loopback, "Mika")) == 2, "the unlock's DM")
    unlocked = dms_sent_to(loopback, "Mika")[1]
    assert str(unlocked["content"]) == (
        f"A moderator of **{DEMO_GUILD}** unlocked your build “Build 1” (#1). You can post "
        f"updates to it again. Its thread: {link}"
    )

    await forget(loopback, "Hank", KEEP_BUILDS)
    former = await loopback.slash("build-mod lock", build="2", actor=marcus)
    assert former.text == "Build #2 is locked."  # nobody to tell
    await loopback.slash("build-mod lock", build="1", actor=marcus)
    await eventually(lambda: len(dms_sent_to(loopback, "Mika")) == 3, "the second lock's DM")
    assert dms_sent_to(loopback, "Hank") == []
    assert dms_sent_to(loopback, "Marcus") == []
    assert len(dms_sent_to(loopback, "Mika")) == 3  # one a lock or unlock, after a restart


async def three_on_a_ballot_and_a_vote_for_the_first(loopback: Loopback) -> Message:
    """The builds of Mika, Hank and Rosa on an open ballot, and Dale's vote for Mika's."""
    await setup_channels(loopback)
    await start_builds(loopback, "Mika", "Hank", "Rosa")
    marcus, dale = loopback.member("Marcus"), loopback.member("Dale")
    await loopback.slash("showcase-mod vote start", candidates="1, 2, 3", actor=marcus)
    [ballot] = showcase_posts(loopback)
    voted = await loopback.click(ballot, "#1 Build 1", actor=dale)
    assert "Your vote is for #1" in voted.text
    return ballot


def vote_buttons(edit: dict[str, Any]) -> list[str]:
    return [button["custom_id"] for row in edit["components"] for button in row["components"]]


async def test_a_build_locked_on_the_open_ballot_is_withdrawn_as_a_deleted_one_is(
    loopback: Loopback, keitora: RunningBot
) -> None:
    ballot = await three_on_a_ballot_and_a_vote_for_the_first(loopback)
    marcus, dale = loopback.member("Marcus"), loopback.member("Dale")

    await loopback.slash("build-mod lock", build="1", reason="stolen photos", actor=marcus)

    edit = (await edited(loopback, ballot)).request
    description = edit["embeds"][0]["description"]
    assert "Build 1 —" not in description
    assert "Build #1 was withdrawn; if you voted for it, your vote is free again." in description
    assert vote_buttons(edit) == ["showcase:vote:1:2", "showcase:vote:1:3"]
    again = await loopback.click(ballot, "#2 Build 2", actor=dale)
    assert again.text.startswith("Your vote is for #2 Build 2.")  # not "moved from": released
    closed = await loopback.slash("showcase-mod vote close", actor=marcus)
    assert "#2 Build 2: 1 vote\n#3 Build 3: 0 votes" in closed.text
    assert "Build 1" not in closed.text
    refused = await loopback.slash("showcase-mod vote start", candidates="1, 2", actor=marcus)
    assert refused.ephemeral
    assert "Build #1 is locked by a moderator (“stolen photos”)" in refused.text
    assert "cannot be put on a ballot" in refused.text
    await loopback.slash("showcase-mod vote start", candidates="2, 3", actor=marcus)
    unlocked = await loopback.slash("build-mod unlock", build="1", actor=marcus)
    assert "ballot" not in unlocked.text  # the open one never held it


async def test_an_unlocked_build_is_back_on_the_open_ballot_its_lock_took_it_off(
    loopback: Loopback, keitora: RunningBot
) -> None:
    ballot = await three_on_a_ballot_and_a_vote_for_the_first(loopback)
    marcus, dale = loopback.member("Marcus"), loopback.member("Dale")

    def edits() -> list[RequestRecord]:
        return [r for r in requests(loopback, EDIT_MESSAGE) if r.path == path_of(ballot)]

    await loopback.slash("build-mod lock", build="1", reason="stolen photos", actor=marcus)
    await loopback.wait_until(lambda: len(edits()) == 1, within=10, what="the lock's edit")
    await keitora.restart()
    unlocked = await loopback.slash("build-mod unlock", build="1", actor=marcus)
    link = f"https://discord.com/channels/{loopback.guild.id}/{ballot.channel_id}/{ballot.id}"
    assert unlocked.ephemeral
    assert unlocked.text.startswith(
        "Build #1 is unlocked. Its owner is told by DM. It is back on the open Build of the "
        f"Month ballot ({link}), where its lock took it off."
    )

    await loopback.wait_until(lambda: len(edits()) == 2, within=10, what="the unlock's edit")
    edit = edits()[-1].request
    description = edit["embeds"][0]["description"]
    assert description.startswith("**#1** Build 1 — 1994 Suzuki Carry DA51T")  # its own place
    assert "withdrawn" not in description
    assert vote_buttons(edit) == ["showcase:vote:1:1", "showcase:vote:1:2", "showcase:vote:1:3"]
    again = await loopback.click(ballot, "#1 Build 1", actor=dale)
    assert again.text.startswith("Your vote is for #1 Build 1.")  # the lock freed it, as it said
    closed = await loopback.slash("showcase-mod vote close", actor=marcus)
    assert "#1 Build 1: 1 vote" in closed.text

    await loopback.wait_until(lambda: len(dms_sent_to(loopback, "Mika")) == 2, within=10)
    assert str(dms_sent_to(loopback, "Mika")[1]["content"]).startswith(
        f"A moderator of **{DEMO_GUILD}** unlocked your build “Build 1” (#1). You can post "
        "updates to it again. Its thread: https://discord.com/channels/"
    )


async def test_a_lock_landing_while_the_ballot_is_posted_takes_its_button_off_the_posted_ballot(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika", "Hank", "Rosa")
    marcus = loopback.member("Marcus")
    showcase = loopback.channel("showcase")

    def ballot_posts() -> list[RequestRecord]:
        return [
            r for r in requests(loopback, POST) if r.path == f"/channels/{showcase.id}/messages"
        ]

    async def lock_refreshed() -> bool:
        states = await keitora.store.fetchall(
            "SELECT state FROM jobs WHERE kind = ?", (SHOWCASE_BALLOT_JOB,)
        )
        return [row["state"] for row in states] == ["done"]

    loopback.faults.slow(*POST, 1.0)  # the ballot's message is slow to reach Discord
    starting = asyncio.create_task(
        loopback.slash("showcase-mod vote start", candidates="1, 2, 3", actor=marcus)
    )
    await eventually(lambda: bool(ballot_posts()), "the ballot's message on its way")
    # Saved with build 1, rendered with it, and not yet known to be posted: the lock's own
    # refresh finds no message to edit.
    await loopback.slash("build-mod lock", build="1", actor=marcus)
    await eventually(lock_refreshed, "the lock's ballot refresh")
    assert ballot_posts()[0].finished is None
    opened = await starting
    loopback.faults.slow(*POST, 0)
    assert "The ballot is open" in opened.text
    [posted] = ballot_posts()
    assert vote_buttons(posted.request) == [f"showcase:vote:1:{n}" for n in (1, 2, 3)]

    [ballot] = showcase_posts(loopback)
    edit = (await edited(loopback, ballot)).request
    assert vote_buttons(edit) == ["showcase:vote:1:2", "showcase:vote:1:3"]
    assert "Build #1 was withdrawn" in edit["embeds"][0]["description"]
    [shown] = showcase_posts(loopback)  # the message as members now find it
    assert [b["custom_id"] for row in shown.components for b in row["components"]] == [
        "showcase:vote:1:2",
        "showcase:vote:1:3",
    ]


async def test_a_ballot_a_lock_leaves_with_one_build_is_called_off_and_moderators_told_once(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await queue_ready(loopback)
    await start_builds(loopback, "Mika", "Hank")
    marcus, dale = loopback.member("Marcus"), loopback.member("Dale")
    await loopback.slash("showcase-mod vote start", candidates="1, 2", actor=marcus)
    [ballot] = showcase_posts(loopback)
    await loopback.click(ballot, "#2 Build 2", actor=dale)

    asked = await loopback.slash("build-mod lock", build="1", actor=marcus)
    assert asked.text.startswith("Lock build #1 “Build 1”? It is on the open Build of the Month")
    await loopback.click(asked, "Lock it", actor=marcus)

    edit = (await edited(loopback, ballot)).request
    assert edit["embeds"][0]["title"] == "Build of the Month: called off"
    assert edit["embeds"][0]["description"] == (
        "This ballot is called off: build #1 was withdrawn, leaving only build #2, and a ballot "
        "needs at least two. No votes are counted; the moderators may start a new ballot."
    )
    assert edit["components"] == []
    await loopback.wait_until(
        lambda: bool(posted_to(loopback, "mod-queue")), within=10, what="the moderators' notice"
    )
    [told] = posted_to(loopback, "mod-queue")
    link = f"https://discord.com/channels/{loopback.guild.id}/{ballot.channel_id}/{ballot.id}"
    assert told.request["content"] == (
        f"The Build of the Month ballot ({link}) is called off: build #1 was withdrawn, leaving "
        "only build #2, and a ballot needs at least two. Start a new one with "
        "`/showcase-mod vote start` when you are ready."
    )
    assert told.request["allowed_mentions"]["parse"] == []

    await keitora.restart()
    closing = await loopback.slash("showcase-mod vote close", actor=marcus)
    assert "There is no open ballot" in closing.text
    unlocked = await loopback.slash("build-mod unlock", build="1", actor=marcus)
    assert "ballot" not in unlocked.text  # a called-off ballot takes nobody back
    await loopback.wait_until(lambda: len(dms_sent_to(loopback, "Mika")) == 2, within=10)
    assert len(posted_to(loopback, "mod-queue")) == 1
    assert [m.id for m in showcase_posts(loopback)] == [ballot.id]  # no result posted
    reopened = await loopback.slash("showcase-mod vote start", candidates="1, 2", actor=marcus)
    assert "The ballot is open" in reopened.text


async def test_a_called_off_notice_waits_for_a_mod_queue_channel_and_is_sent_once_one_is_set(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await setup_channels(loopback)  # no mod-queue channel yet
    await start_builds(loopback, "Mika", "Hank")
    marcus = loopback.member("Marcus")
    await loopback.slash("showcase-mod vote start", candidates="1, 2", actor=marcus)
    [ballot] = showcase_posts(loopback)
    asked = await loopback.slash("build-mod lock", build="1", actor=marcus)
    await loopback.click(asked, "Lock it", actor=marcus)
    assert (await edited(loopback, ballot)).request["embeds"][0]["title"] == (
        "Build of the Month: called off"
    )

    async def waiting() -> bool:
        row = await keitora.store.fetchone(
            "SELECT state, due_at FROM jobs WHERE kind = ?", (SHOWCASE_CALLED_OFF_JOB,)
        )
        return (
            row is not None
            and row["state"] == "pending"
            and row["due_at"] > unix(keitora.clock.now())
        )

    await eventually(waiting, "the notice waiting for a channel")
    await keitora.restart()
    await loopback.slash(
        "setup channel",
        kind="modqueue",
        channel=loopback.channel("mod-queue"),
        actor=loopback.member("Akiko"),
    )

    await eventually(lambda: bool(posted_to(loopback, "mod-queue")), "the moderators' notice")
    [told] = posted_to(loopback, "mod-queue")
    assert told.request["content"].startswith("The Build of the Month ballot (https://discord")
    assert (
        "is called off: build #1 was withdrawn, leaving only build #2" in (told.request["content"])
    )

    async def done() -> bool:
        state = await keitora.store.fetchval(
            "SELECT state FROM jobs WHERE kind = ?", (SHOWCASE_CALLED_OFF_JOB,)
        )
        return state == "done"

    await eventually(done, "the notice's job done")
    keitora.clock.advance(CHANNEL_RECHECK * 2)  # when it would have looked for a channel again
    keitora.bot.services.jobs.wake()
    await keitora.restart()
    assert len(posted_to(loopback, "mod-queue")) == 1


async def test_build_show_finds_the_owners_only_build_when_it_is_locked(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika")
    marcus = loopback.member("Marcus")
    await loopback.slash("build-mod lock", build="1", reason="stolen photos", actor=marcus)

    shown = await loopback.slash("build show", actor=loopback.member("Mika"))
    assert shown.ephemeral
    assert "#1 · Build 1" in shown.text, shown.text
    assert "Locked by a moderator: stolen photos" in shown.text
    parts = await loopback.slash("build part list", actor=loopback.member("Mika"))
    assert "Build 1" in parts.text, parts.text
    # Locked builds are not hidden from others: named, anyone sees it, as before.
    named = await loopback.slash("build show", build="1", actor=loopback.member("Dale"))
    assert "#1 · Build 1" in named.text
    none = await loopback.slash("build show", actor=loopback.member("Dale"))
    assert "You have no builds." in none.text


async def test_locking_a_featured_build_tells_the_moderator_its_showcase_post_still_shows_it(
    loopback: Loopback, keitora: RunningBot
) -> None:
    showcase, post = await first_of_two_featured(loopback)
    marcus = loopback.member("Marcus")
    locked = await loopback.slash("build-mod lock", build="1", reason="stolen photos", actor=marcus)
    link = f"https://discord.com/channels/{showcase.guild_id}/{showcase.id}/{post.id}"
    assert locked.text == (
        f"Build #1 is locked. Its owner is told by DM. It is still featured in the showcase "
        f"({link}); `/showcase-mod unfeature build:1` takes it out."
    )
    other = await loopback.slash("build-mod lock", build="2", actor=marcus)
    assert other.text == "Build #2 is locked. Its owner is told by DM."
