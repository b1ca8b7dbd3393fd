"""After /privacy forget, through the loopback: Keitora's own messages stop naming the member or
offering what left with them. Meetup cards they organised, open Build of the Month ballots with
their builds, and moderation queue posts of what they sent are changed by the forget's job."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from bot.modqueue import MODQUEUE_POST_JOB
from sandbox import Loopback, Message
from sandbox.core import RequestRecord

from .conftest import MEETUP_WEEK, RunningBot, eventually
from .test_builds import EDIT_MESSAGE, requests
from .test_importers import server_ready
from .test_meetups import cards, create, field, fresh, meetups_channel
from .test_privacy import DELETE_BUILDS, KEEP_BUILDS, deleted, follow_up_after_a_restart
from .test_privacy import forget as forget_member
from .test_showcase import setup_channels, showcase_posts, start_builds
from .test_showcase_nominations import (
    REASON,
    nominate,
    posted_after_a_join,
    queue_posts,
    queue_ready,
)


async def forget(loopback: Loopback, member: str, choice: str) -> None:
    """The member named `member` forgotten, as `test_privacy.forget` confirms it."""
    done = await forget_member(loopback, loopback.member(member), choice)
    assert done.content.startswith("Done: you are forgotten"), done.text


def path_of(message: Message) -> str:
    return f"/channels/{message.channel_id}/messages/{message.id}"


async def edited(loopback: Loopback, message: Message) -> RequestRecord:
    """The bot's last edit of `message`, once it made one."""
    path = path_of(message)

    def edits() -> list[RequestRecord]:
        return [r for r in requests(loopback, EDIT_MESSAGE) if r.path == path]

    await loopback.wait_until(lambda: bool(edits()), within=10, what=f"an edit of {path}")
    return edits()[-1]


async def test_a_forgotten_organizers_meetup_card_shows_a_former_member(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    await create(loopback, title="Tammy's", when="sat 9am", location="Moab")
    [card] = cards(loopback)
    tammy = loopback.member("Tammy")
    assert field(card.embeds[0], "Organizer") == f"<@{tammy.id}>"

    done = await forget_member(loopback, tammy, DELETE_BUILDS)
    assert "**Anonymized:** meetups organized (1)" in done.content, done.content

    edit = (await edited(loopback, card)).request
    assert field(edit["embeds"][0], "Organizer") == "a former member"
    assert tammy.id not in json.dumps(edit)


async def ballot_after_forget(loopback: Loopback, choice: str) -> tuple[Message, str, list[str]]:
    """Mika's build #1, Hank's #2 and Rosa's #3 on an open ballot, Dale's vote for Mika's, then
    Mika forgotten with `choice`; returns the ballot and the description and buttons of its
    edit."""
    await setup_channels(loopback)
    await start_builds(loopback, "Mika", "Hank", "Rosa")
    marcus, mika = loopback.member("Marcus"), loopback.member("Mika")
    await loopback.slash("showcase-mod vote start", candidates="1, 2, 3", actor=marcus)
    [ballot] = showcase_posts(loopback)
    assert mika.id in ballot.embeds[0]["description"]
    voted = await loopback.click(ballot, "#1 Build 1", actor=loopback.member("Dale"))
    assert "Your vote is for #1" in voted.text

    await forget(loopback, "Mika", choice)

    edit = (await edited(loopback, ballot)).request
    assert mika.id not in json.dumps(edit)
    buttons = [button["custom_id"] for row in edit["components"] for button in row["components"]]
    return ballot, edit["embeds"][0]["description"], buttons


async def test_a_ballot_shows_a_kept_build_by_a_former_member(
    keitora: RunningBot, loopback: Loopback
) -> None:
    ballot, description, buttons = await ballot_after_forget(loopback, KEEP_BUILDS)

    assert "**#1** Build 1 — 1994 Suzuki Carry DA51T by a former member" in description
    assert "withdrawn" not in description
    assert buttons == ["showcase:vote:1:1", "showcase:vote:1:2", "showcase:vote:1:3"]
    kept = await loopback.click(ballot, "#1 Build 1", actor=loopback.member("Rosa"))
    assert "Your vote is for #1" in kept.text


async def test_a_ballot_loses_a_deleted_build_and_its_voters_may_vote_again(
    keitora: RunningBot, loopback: Loopback
) -> None:
    ballot, description, buttons = await ballot_after_forget(loopback, DELETE_BUILDS)

    assert "Build 1 —" not in description
    assert "Build #1 was withdrawn; if you voted for it, your vote is free again." in description
    assert buttons == ["showcase:vote:1:2", "showcase:vote:1:3"]
    again = await loopback.click(ballot, "#2 Build 2", actor=loopback.member("Dale"))
    assert again.text.startswith("Your vote is for #2 Build 2.")  # not "moved from": released


async def test_a_ballot_keeps_saying_which_builds_it_lost_after_a_later_forget(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika", "Hank", "Rosa", "Tammy")
    marcus = loopback.member("Marcus")
    await loopback.slash("showcase-mod vote start", candidates="1, 2, 3, 4", actor=marcus)
    [ballot] = showcase_posts(loopback)

    def edits() -> list[RequestRecord]:
        return [r for r in requests(loopback, EDIT_MESSAGE) if r.path == path_of(ballot)]

    await forget(loopback, "Mika", DELETE_BUILDS)
    await loopback.wait_until(lambda: len(edits()) == 1, within=10, what="the first edit")
    await forget(loopback, "Hank", DELETE_BUILDS)
    await loopback.wait_until(lambda: len(edits()) == 2, within=10, what="the second edit")

    description = edits()[-1].request["embeds"][0]["description"]
    assert "Build #1 was withdrawn" in description
    assert "Build #2 was withdrawn" in description
    buttons = [
        b["custom_id"] for row in edits()[-1].request["components"] for b in row["components"]
    ]
    assert buttons == ["showcase:vote:1:3", "showcase:vote:1:4"]


async def test_a_forgotten_importers_waiting_announcement_leaves_the_queue(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=False, member="Mika")
    opened = await loopback.slash("importer announce", actor=loopback.member("Mika"))
    assert opened.modal is not None, opened.text
    await loopback.submit_modal(
        opened,
        {"Title": "Hijet for Mika", "Text": "Call me", "Link (https://…)": "https://kei.example"},
        actor=loopback.member("Mika"),
    )
    [queued] = await queue_posts(loopback, 1)
    marcus = loopback.member("Marcus")
    stale = await loopback.slash("modqueue", actor=marcus)
    assert "Hijet for Mika" in stale.text

    await forget(loopback, "Mika", DELETE_BUILDS)

    await deleted(loopback, path_of(queued))
    assert loopback.messages("mod-queue") == []
    refused = await loopback.click(stale, "Reject announcement #1", actor=marcus)
    assert refused.modal is None
    assert refused.type == 7  # the out-of-date page itself, shown again
    said = "That importer announcement is no longer waiting: it was withdrawn."
    assert refused.content == said
    assert "Nothing is waiting" in refused.text
    assert "Nothing is waiting" in (await loopback.slash("modqueue", actor=marcus)).text


async def test_a_deleted_builds_nomination_leaves_the_queue(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await queue_ready(loopback)
    await start_builds(loopback, "Mika")
    await nominate(loopback, "Dale")
    [queued] = await queue_posts(loopback, 1)

    await forget(loopback, "Mika", DELETE_BUILDS)

    await deleted(loopback, path_of(queued))
    marcus = loopback.member("Marcus")
    assert "Nothing is waiting" in (await loopback.slash("modqueue", actor=marcus)).text


async def test_a_forgotten_first_nominator_hands_the_item_to_the_next_in_a_new_post(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await queue_ready(loopback)
    await start_builds(loopback, "Hank")
    await nominate(loopback, "Mika", reason="Mika says so")
    [first] = await queue_posts(loopback, 1)
    await nominate(loopback, "Dale")

    await forget(loopback, "Mika", DELETE_BUILDS)

    await deleted(loopback, path_of(first))
    [second] = await queue_posts(loopback, 1)
    assert second.embeds[0]["footer"]["text"] == "nomination #2"
    assert "Mika says so" not in second.embeds[0]["description"]


async def post_jobs(keitora: RunningBot) -> list[tuple[str, int]]:
    """The state and attempts of each queue post job the bot still keeps."""
    rows = await keitora.store.fetchall(
        "SELECT state, attempts FROM jobs WHERE kind = ? ORDER BY id", (MODQUEUE_POST_JOB,)
    )
    return [(row["state"], row["attempts"]) for row in rows]


async def test_a_queue_post_is_deleted_by_a_forget_after_two_months_of_waiting(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await queue_ready(loopback)
    await start_builds(loopback, "Hank")
    await nominate(loopback, "Mika", reason="Mika says so")
    [queued] = await queue_posts(loopback, 1)

    async def sent() -> bool:  # recorded once Discord answered
        return await post_jobs(keitora) == [("done", 1)]

    await eventually(sent, "the post's record")
    # Two months on, the job runner's daily purge forgets the finished job that sent the post.
    keitora.clock.advance(timedelta(days=61))
    keitora.bot.services.jobs.wake()

    async def purged() -> bool:
        return await post_jobs(keitora) == []

    await eventually(purged, "the purge of the post's job")
    await forget(loopback, "Mika", DELETE_BUILDS)

    await deleted(loopback, path_of(queued))


async def test_a_forgotten_co_nominators_reason_leaves_the_queue_post(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await queue_ready(loopback)
    await start_builds(loopback, "Hank")
    queued = await posted_after_a_join(
        loopback, keitora, ("Mika", "Mika loves the dump bed"), ("Dale", "Dale's lift kit story")
    )
    shown = queued.embeds[0]["description"]
    assert "Mika loves the dump bed" in shown
    assert "Dale's lift kit story" in shown

    await forget(loopback, "Dale", DELETE_BUILDS)

    edit = (await edited(loopback, queued)).request
    assert "Mika loves the dump bed" in edit["embeds"][0]["description"]
    assert "Dale's lift kit story" not in json.dumps(edit)
    assert loopback.member("Dale").id not in json.dumps(edit)
    assert edit["embeds"][0]["author"]["name"] == "Showcase nomination from a member"
    buttons = [c["custom_id"] for row in edit["components"] for c in row["components"]]
    assert buttons == ["modq:approve:nomination:1", "modq:reject:nomination:1"]


async def decided_post(loopback: Loopback, keitora: RunningBot) -> Message:
    """The queue post of Mika's and Dale's nominations of Hank's build, rejected on the post."""
    await queue_ready(loopback)
    await start_builds(loopback, "Hank")
    queued = await posted_after_a_join(
        loopback, keitora, ("Mika", "Mika loves the dump bed"), ("Dale", "Dale's lift kit story")
    )
    marcus = loopback.member("Marcus")
    opened = await loopback.click(queued, "Reject", actor=marcus)
    done = await loopback.submit_modal(opened, {REASON: "Featured last month"}, actor=marcus)
    assert done.content.startswith(f"Rejected by <@{marcus.id}>"), done.text
    return queued


async def test_a_decided_queue_post_quoting_a_forgotten_nominator_is_deleted(
    keitora: RunningBot, loopback: Loopback
) -> None:
    queued = await decided_post(loopback, keitora)

    await forget(loopback, "Dale", KEEP_BUILDS)

    await deleted(loopback, path_of(queued))


async def test_a_decided_queue_post_naming_a_deleted_build_is_deleted(
    keitora: RunningBot, loopback: Loopback
) -> None:
    queued = await decided_post(loopback, keitora)
    tammy = loopback.member("Tammy")  # a member named nowhere in it: the post stays
    await loopback.slash("glossary suggest", term="hatake", meaning="A field.", actor=tammy)
    await forget(loopback, "Tammy", DELETE_BUILDS)
    await keitora.bot.job_runner.run_due()
    assert not [r for r in loopback.requests if r.method == "DELETE" and r.path == path_of(queued)]

    await forget(loopback, "Hank", DELETE_BUILDS)

    await deleted(loopback, path_of(queued))


async def test_a_rejection_after_its_sender_is_forgotten_tells_nobody(
    keitora: RunningBot, loopback: Loopback
) -> None:
    mika, marcus = loopback.member("Mika"), loopback.member("Marcus")
    await loopback.slash("glossary suggest", term="hatake", meaning="A field.", actor=mika)
    listed = await loopback.slash("modqueue", actor=marcus)
    opened = await loopback.click(listed, "Reject glossary #1", actor=marcus)
    assert opened.modal is not None, opened.text

    await forget(loopback, "Mika", DELETE_BUILDS)  # while the form is open

    done = await loopback.submit_modal(opened, {REASON: "Spelled hatake here"}, actor=marcus)
    assert done.content == (
        f"Rejected by <@{marcus.id}>; its sender was forgotten, so nobody is told.\n"
        "Reason: Spelled hatake here"
    )
    await keitora.bot.job_runner.run_due()
    assert loopback.dms(mika) == []
    assert not [r for r in loopback.requests if r.template == "/users/@me/channels"]


@pytest.mark.clock(MEETUP_WEEK)
async def test_a_card_discord_refused_to_edit_is_edited_after_a_restart(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await meetups_channel(loopback)
    await create(loopback)
    [card] = cards(loopback)
    # Rate limited past discord.py's own retries: the job waits, and survives the restart.
    loopback.faults.rate_limit(*EDIT_MESSAGE, times=100, retry_after=0.01)
    await forget(loopback, "Tammy", DELETE_BUILDS)
    await follow_up_after_a_restart(keitora, loopback)

    edit = await edited(loopback, card)
    assert edit.status == 200
    assert field(edit.request["embeds"][0], "Organizer") == "a former member"
    assert field(fresh(loopback, card).embeds[0], "Organizer") == "a former member"
