"""`/meetup attendees occurrence:` lists who answered for one date of a series, a date ahead or
one cancelled on its own, picked from its autocomplete or typed as a date is typed elsewhere;
a date the meetup does not have is refused, ephemeral. Read from what the bot sent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.clock import unix
from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_edits import posted
from .test_meetup_typed_times import sent_reply

DEC_5 = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)  # Sat 10 AM MST
DEC_12, DEC_19 = DEC_5 + timedelta(days=7), DEC_5 + timedelta(days=14)


async def series_answered(keitora: RunningBot, loopback: Loopback) -> tuple[int, int, int]:
    """A weekly series from Dec 5; Dale going on Dec 5, Rosa on Dec 12 (cancelled since),
    Hank on Dec 19. Returns their ids."""
    await posted(keitora, loopback, title="Weekly", when="sat 10am", repeat="weekly")
    meetups, guild_id = keitora.bot.services.meetups, int(loopback.guild.id)
    dale, rosa, hank = (loopback.member(name).id for name in ("Dale", "Rosa", "Hank"))
    for member_id, start in ((dale, DEC_5), (rosa, DEC_12), (hank, DEC_19)):
        await meetups.answer(guild_id, 1, member_id, "going", original_start=start)
    await meetups.cancel(guild_id, 1, original_start=DEC_12, reason="Snow")
    return dale, rosa, hank


async def test_a_date_picked_or_typed_lists_who_answered_for_that_date(
    keitora: RunningBot, loopback: Loopback
) -> None:
    dale, rosa, hank = await series_answered(keitora, loopback)
    tammy = loopback.member("Tammy")

    offered = await loopback.autocomplete(
        "meetup attendees", "occurrence", "Dec 1", meetup="1", actor=tammy
    )
    # Soonest first, next year's Dec 11 and 18 after them.
    assert [choice["value"] for choice in offered[:2]] == [str(unix(DEC_12)), str(unix(DEC_19))]
    assert offered[0]["name"] == "Sat Dec 12, 10:00 AM MST (cancelled)"
    assert offered[1]["name"] == "Sat Dec 19, 10:00 AM MST"

    picked = sent_reply(
        loopback,
        await loopback.slash(
            "meetup attendees", meetup="1", occurrence=offered[1]["value"], actor=tammy
        ),
    )
    assert picked["flags"] & 64  # ephemeral
    assert not picked.get("content")  # the date chosen, not "the next one after a date off"
    listed = picked["embeds"][0]["description"]
    assert f"<@{hank}>" in listed
    assert f"<@{dale}>" not in listed

    for typed in ("2026-12-12", "Sat Dec 12", offered[0]["value"]):
        off = sent_reply(
            loopback,
            await loopback.slash("meetup attendees", meetup="1", occurrence=typed, actor=tammy),
        )
        assert off["content"] == (
            f"The <t:{unix(DEC_12)}:F> date of **Weekly** was cancelled. Nobody is going any "
            "more; this is who had answered."
        ), typed
        assert f"<@{rosa}>" in off["embeds"][0]["description"], typed

    # Left out, it lists the next date, as before.
    default = sent_reply(loopback, await loopback.slash("meetup attendees", meetup="1"))
    assert f"<@{dale}>" in default["embeds"][0]["description"]


async def test_a_date_the_meetup_does_not_have_is_refused(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await series_answered(keitora, loopback)
    for typed, said in (
        (
            "Mon Dec 7",
            "Pick a date from the list as you type; “Mon Dec 7” is not one of the dates of "
            "“Weekly” ahead in the next two years.",
        ),
        (
            str(unix(DEC_5 + timedelta(hours=1))),
            "“Weekly” has no meetup at that time.",
        ),
    ):
        refused = await loopback.slash("meetup attendees", meetup="1", occurrence=typed)
        sent = sent_reply(loopback, refused)
        assert sent["flags"] & 64, typed
        assert sent["content"] == said, typed
        assert not sent.get("embeds"), typed
