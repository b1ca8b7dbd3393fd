"""A member's export names each DM Keitora sent them, or will send, by what it told them (a
meetup reminder, a keyword alert), never by the job kind Keitora keeps it under."""

from __future__ import annotations

from datetime import timedelta

from bot.client import Services
from bot.clock import ManualClock
from tests.test_jobs_registered import job_kinds

GUILD, MEMBER = 1001, 501
# Kinds whose work tells no member anything by DM: posts and edits in channels, polls, chores.
# A new kind lands here or gets words (in bot.privacy.direct_messages).
SEND_NO_DM = {
    "alert.dm_edit",  # edits an alert DM already sent (and listed under it)
    "builds.lost_card",
    "builds.lost_post",
    "builds.thread_name",
    "builds.unsent_card",
    "feed.poll",
    "feed.trouble",
    "glossary.daily_word",
    "importer.former_card",
    "importer.post",
    "importer.publish",
    "meetups.card",
    "meetups.changed.post",
    "meetups.events",
    "meetups.reminder",
    "meetups.reminder.outdated",  # edits a reminder post in a channel
    "meetups.reminder.post",
    "meetups.rollover",
    "meetups.thread_name",
    "modqueue.post",
    "modqueue.refresh",
    "privacy.forget_follow_up",
    "privacy.purge_server",
    "showcase.ballot",
    "showcase.called_off",
    "showcase.result",
}


async def test_every_kind_of_dm_has_words_for_the_export(services: Services) -> None:
    told_as = services.jobs.told_as
    kinds = set(job_kinds().values())
    assert not SEND_NO_DM - kinds  # none listed that no longer exists
    assert sorted(kinds - SEND_NO_DM - set(told_as)) == []
    assert set(told_as) <= kinds - SEND_NO_DM


async def test_a_dm_to_come_is_named_by_what_it_tells(
    services: Services, clock: ManualClock
) -> None:
    due = clock.now() + timedelta(minutes=5)
    for kind in ("meetups.reminder.dm", "modqueue.rejected", "some.unnamed"):
        await services.jobs.schedule(kind, kind, due, payload={"member_id": MEMBER}, guild_id=GUILD)

    [server] = (await services.privacy.collect(MEMBER)).values()

    assert [row["kind"] for row in server["direct_messages_to_come"]] == [
        "a meetup reminder",
        "a rejection of something you submitted",
        "some.unnamed",  # a kind without words is kept as it is, not dropped
    ]
