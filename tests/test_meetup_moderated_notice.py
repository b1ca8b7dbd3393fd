"""The DM telling an organizer of a moderator's change to their meetup, without Discord: it
gives the new time and place (it is the organizer's one DM of it, going or not), inert, and a
DM scheduled before it gave them still reads as it did."""

from __future__ import annotations

from bot.jobs import Job
from bot.meetups.moderated import MEETUP_MODERATED_JOB, moderated_handler
from cogs._meetup_moderated import moderated_meetup_notice

GUILD, ORGANIZER, MODERATOR = 1, 10, 20
CARD = "https://discord.com/channels/1/2/3"


def moderated_job(**payload: object) -> Job:
    return Job(
        1,
        MEETUP_MODERATED_JOB,
        "1:900",
        GUILD,
        {
            "user_id": ORGANIZER,
            "meetup_id": 4,
            "title": "Weekly",
            "date": None,
            "moderator_id": MODERATOR,
            "server": "Kei Owners",
            "reason": None,
            "card_url": CARD,
            **payload,
        },
        0,
        0,
        0,
    )


async def test_a_new_time_and_place_are_in_the_organizers_dm() -> None:
    tell = moderated_handler(moderated_meetup_notice)
    sent = await tell(
        moderated_job(
            changes=["time", "place"],
            moved=[1_796_490_000, 1_796_493_600],
            place="@everyone Moab **UT**",
        )
    )
    assert sent is not None
    assert sent.recipient_id == ORGANIZER
    assert sent.content == (
        f"A moderator of **Kei Owners** (<@{MODERATOR}>) changed the time of the next date and "
        "the place of your meetup “Weekly” (#4). Its next date is now <t:1796493600:F> (it was "
        "<t:1796490000:F>). The meetup is now at **@\u200beveryone Moab \\*\\*UT\\*\\***. "
        f"Its card: {CARD}"
    )


async def test_a_dm_scheduled_before_times_and_places_were_given_reads_as_it_did() -> None:
    tell = moderated_handler(moderated_meetup_notice)
    sent = await tell(moderated_job(changes=["time"]))
    assert sent is not None
    assert sent.content == (
        f"A moderator of **Kei Owners** (<@{MODERATOR}>) changed the time of the next date of "
        f"your meetup “Weekly” (#4). Its card: {CARD}"
    )


async def test_each_detail_is_named_with_the_and_an_old_title_as_the_dm_had_it() -> None:
    tell = moderated_handler(moderated_meetup_notice)
    who = f"A moderator of **Kei Owners** (<@{MODERATOR}>)"
    details = ["description", "capacity", "trucks", "length", "dates"]
    sent = await tell(moderated_job(changes=details))
    assert sent is not None
    assert sent.content == (
        f"{who} changed the description, the capacity, the truck spots, the length and the time "
        f"of every date ahead of your meetup “Weekly” (#4). Its card: {CARD}"
    )
    # A DM scheduled before the old title was kept names the new one only.
    sent = await tell(moderated_job(changes=["title", "capacity"]))
    assert sent is not None
    assert sent.content == (
        f"{who} changed the title of your meetup (#4) to “Weekly”, and the capacity. "
        f"Its card: {CARD}"
    )


async def test_a_one_offs_new_time_is_its_time_not_a_next_dates() -> None:
    tell = moderated_handler(moderated_meetup_notice)
    sent = await tell(moderated_job(changes=["start"], moved=[1_796_490_000, 1_796_493_600]))
    assert sent is not None
    assert sent.content == (
        f"A moderator of **Kei Owners** (<@{MODERATOR}>) changed the time of your meetup "
        "“Weekly” (#4). It is now at <t:1796493600:F> (it was <t:1796490000:F>). "
        f"Its card: {CARD}"
    )
