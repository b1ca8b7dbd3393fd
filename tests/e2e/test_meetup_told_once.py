"""A cancel or a restore is told to each member once: by DM where Discord takes it, and by a
mention in the meetup's thread for those whose DMs it refused. The thread's notice still says
what happened, for everyone reading there, mentioning only those."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.meetups.notices import DMS_AWAITED
from sandbox import Loopback, Message

from .conftest import RunningBot
from .test_meetup_changes import dms_arrive
from .test_meetup_edits import posted
from .test_meetups import requests, wait_for_post
from .test_reminders import run_at, settled

POST = ("POST", "/channels/{channel_id}/messages")
DEC_5 = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)  # 10 AM in Denver


def thread_posts(loopback: Loopback, card: Message, text: str) -> list[dict]:
    """The bodies of the bot's posts in the card's thread holding `text`, as sent."""
    thread = loopback.thread_of(card)
    return [
        r.request
        for r in requests(loopback, POST)
        if r.path.endswith(f"/channels/{thread.id}/messages") and text in r.request["content"]
    ]


def mentioned(body: dict) -> list[str]:
    """Whom a post may ping."""
    return [str(user) for user in body["allowed_mentions"].get("users", [])]


async def test_a_cancel_and_a_restore_mention_only_those_their_dm_did_not_reach(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Weekly", when="sat 10am", repeat="weekly")
    tammy, dale, rosa = (loopback.member(name) for name in ("Tammy", "Dale", "Rosa"))
    await loopback.click(card, "Going", actor=dale)
    await loopback.click(card, "Maybe", actor=rosa)
    loopback.close_dms(rosa)

    await loopback.slash(
        "meetup cancel", meetup="1", occurrence="Sat Dec 5", reason="Hail", actor=tammy
    )

    await dms_arrive(keitora, loopback, {dale: 1})
    await wait_for_post(loopback, card, "is cancelled")
    [cancelled] = thread_posts(loopback, card, "is cancelled")
    assert mentioned(cancelled) == [str(rosa.id)], cancelled["allowed_mentions"]
    assert cancelled["content"].startswith(f"<@{rosa.id}>\n**Weekly** on "), cancelled["content"]
    assert f"<@{dale.id}>" not in cancelled["content"]

    keitora.clock.set(DEC_5 - timedelta(hours=1))
    await loopback.slash("meetup restore", meetup="1", occurrence="Sat Dec 5", actor=tammy)

    await dms_arrive(keitora, loopback, {dale: 2})
    await wait_for_post(loopback, card, "is on again")
    [restored] = thread_posts(loopback, card, "is on again")
    assert mentioned(restored) == [str(rosa.id)], restored["allowed_mentions"]
    assert f"<@{dale.id}>" not in restored["content"]


async def test_a_cancel_all_of_whose_dms_arrive_mentions_nobody_in_the_thread(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Once", when="Dec 12 10am")
    dale, rosa = loopback.member("Dale"), loopback.member("Rosa")
    await loopback.click(card, "Going", actor=dale)
    await loopback.click(card, "Going", actor=rosa)

    await loopback.slash("meetup cancel", meetup="1", actor=loopback.member("Tammy"))

    await dms_arrive(keitora, loopback, {dale: 1, rosa: 1})
    await wait_for_post(loopback, card, "is cancelled")
    [cancelled] = thread_posts(loopback, card, "is cancelled")
    assert mentioned(cancelled) == [], cancelled["allowed_mentions"]
    assert cancelled["content"].startswith("**Once** on "), cancelled["content"]


async def test_a_dm_held_up_is_waited_for_a_while_and_then_its_member_mentioned(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """A DM Discord keeps failing (rate limited, not refused) holds back the post after a
    whole cancel's notice (which goes at once) for a while, not for ever: then it pings the
    member, who may not have been told."""
    card = await posted(keitora, loopback, title="Once", when="Dec 12 10am")
    dale = loopback.member("Dale")
    await loopback.click(card, "Going", actor=dale)
    thread = loopback.thread_of(card)
    # Every DM answers 429 (all but always); the thread's posts go through.
    loopback.faults.rate_limit_share(
        *POST, 0.999, applies_to=lambda path: str(thread.id) not in path
    )

    await loopback.slash("meetup cancel", meetup="1", actor=loopback.member("Tammy"))
    await run_at(keitora, keitora.clock.now())
    await settled(keitora, "meetups.changed%")
    [notice] = thread_posts(loopback, card, "is cancelled")
    assert mentioned(notice) == [], notice["allowed_mentions"]

    await run_at(keitora, keitora.clock.now() + DMS_AWAITED)
    await wait_for_post(loopback, card, f"<@{dale.id}>")
    [_, unreached] = thread_posts(loopback, card, "is cancelled")
    assert mentioned(unreached) == [str(dale.id)], unreached["allowed_mentions"]
