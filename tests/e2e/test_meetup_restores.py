"""`/meetup restore` undoes the cancel of a one-off meetup or of one date of a series: only its
organizer or a moderator may, never for a date gone by, and the members who had answered are told
by DM. Read from what the bot sent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.clock import unix
from bot.thread_names import REFUSED_RETRY
from sandbox import Loopback

from .conftest import RunningBot
from .test_builds import EDIT_CHANNEL, requests
from .test_meetup_cancel_threads import thread_patches
from .test_meetup_changes import dms_arrive
from .test_meetup_edits import posted
from .test_meetup_thread_names import TAMMY, meetup_thread, pending_jobs
from .test_meetup_typed_times import sent_reply
from .test_meetups import card_edits, card_when, create, field

DEC_5 = unix(datetime(2026, 12, 5, 17, 0, tzinfo=UTC))  # Saturday 10 AM in Denver
DENVER = ZoneInfo("America/Denver")
DEC_12 = unix(datetime(2026, 12, 12, 17, 0, tzinfo=UTC))


async def test_a_cancelled_meetup_is_restored_by_its_organizer_and_those_answering_told(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Main")
    tammy, dale, hank, mika = (loopback.member(n) for n in ("Tammy", "Dale", "Hank", "Mika"))
    await loopback.click(card, "Going", actor=dale)
    await loopback.click(card, "Can't go", actor=hank)
    await loopback.slash("meetup cancel", meetup="1", reason="Snow", actor=tammy)
    await dms_arrive(keitora, loopback, {dale: 1, hank: 0})

    refused = await loopback.slash("meetup restore", meetup="1", actor=mika)
    assert refused.ephemeral
    assert refused.content == "Only its organizer or a moderator can restore this meetup."
    restored = await loopback.slash("meetup restore", meetup="1", actor=tammy)

    assert restored.ephemeral
    assert restored.content.startswith(
        f"Restored “Main” on <t:{DEC_12}:F>. 2 members get a DM: 1 going, waiting or maybe "
        "and 1 who said Can't go."
    ), restored.content
    await dms_arrive(keitora, loopback, {dale: 2, hank: 1})
    assert loopback.dms(dale)[1].content == (
        f"**Main** on <t:{DEC_12}:F> (<t:{DEC_12}:R>) is on again: its cancel was undone. Your "
        "answer stands; press Can't go on the card if you can no longer come."
    )
    assert loopback.dms(hank)[0].content == (
        f"**Main** on <t:{DEC_12}:F> (<t:{DEC_12}:R>) is on again: its cancel was undone. You "
        "said you can't go: if it suits you now, answer Going or Maybe on the card."
    )

    def shown_again() -> bool:
        edits = card_edits(loopback, card)
        return bool(edits) and field(edits[-1].request["embeds"][0], "When") == card_when(DEC_12)

    await loopback.wait_until(shown_again, within=10, what="the card's time shown again")
    again = await loopback.slash("meetup restore", meetup="1", actor=tammy)
    assert again.content == "“Main” is not cancelled: nothing to restore."


async def test_a_date_off_a_series_is_restored_but_not_once_it_is_past(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Weekly", when="sat 10am", repeat="weekly")
    tammy, dale = loopback.member("Tammy"), loopback.member("Dale")
    await loopback.click(card, "Going", actor=dale)  # Dec 5
    for date in (DEC_5, DEC_12):
        await loopback.slash("meetup cancel", meetup="1", occurrence=str(date), actor=tammy)
    await dms_arrive(keitora, loopback, {dale: 1})

    restored = await loopback.slash(
        "meetup restore", meetup="1", occurrence=str(DEC_5), actor=tammy
    )

    assert restored.content.startswith(f"Restored “Weekly” on <t:{DEC_5}:F>."), restored.content
    await dms_arrive(keitora, loopback, {dale: 2})
    assert "is on again" in loopback.dms(dale)[1].content
    # Its three hours are over (a cancel while under way can be undone until then).
    keitora.clock.set(datetime.fromtimestamp(DEC_12, UTC) + timedelta(hours=3))
    late = await loopback.slash("meetup restore", meetup="1", occurrence=str(DEC_12), actor=tammy)
    assert late.ephemeral
    assert late.content == "That date of “Weekly” is over: it cannot be restored."


async def test_a_restored_meetups_thread_takes_its_title_back_and_is_open_again(
    keitora: RunningBot, loopback: Loopback
) -> None:
    thread = await meetup_thread(keitora, loopback)
    await loopback.slash("meetup cancel", meetup="1", actor=loopback.member(TAMMY))
    cancelled = len(requests(loopback, EDIT_CHANNEL))

    await loopback.slash("meetup restore", meetup="1", actor=loopback.member(TAMMY))

    # A live meetup again: back in the channel's list of live threads, by the rename's PATCH.
    assert thread_patches(loopback, thread, cancelled) == [
        {"name": "Kei Truck Day", "archived": False}
    ]
    assert await pending_jobs(keitora) == 0


async def test_a_restored_meetups_thread_stays_open_when_its_first_rename_fails(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """The rename Discord's servers fail is made by the job the restore scheduled, which leaves
    the thread open as the restore's own rename would have: the meetup is live again."""
    thread = await meetup_thread(keitora, loopback)
    await loopback.slash("meetup cancel", meetup="1", actor=loopback.member(TAMMY))
    cancelled = len(requests(loopback, EDIT_CHANNEL))
    loopback.faults.server_error(*EDIT_CHANNEL, status=503)

    said = await loopback.slash("meetup restore", meetup="1", actor=loopback.member(TAMMY))
    assert f"Discord failed to rename <#{thread.id}> just now" in said.content, said.content
    keitora.clock.advance(REFUSED_RETRY)
    await keitora.bot.job_runner.run_due()

    assert thread_patches(loopback, thread, cancelled)[-1:] == [
        {"name": "Kei Truck Day", "archived": False}
    ]
    assert await pending_jobs(keitora) == 0


async def test_restores_list_names_every_meetup_however_many_dates_are_off(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """More dates off than the list looks at in rows: each meetup with one is listed once."""
    await posted(keitora, loopback, title="Daily", when="dec 12 10am", repeat="daily")
    await create(loopback, title="Weekly", when="dec 12 11am", repeat="weekly")
    guild, meetups = loopback.guild.id, keitora.bot.services.meetups
    first = datetime(2026, 12, 12, 10, 0, tzinfo=DENVER)
    for day in range(102):  # more than the 100 rows once looked at
        date = (first + timedelta(days=day)).astimezone(UTC)  # 10 AM in Denver, DST or not
        await meetups.cancel(guild, 1, original_start=date)
    weekly = (first + timedelta(weeks=17, hours=1)).astimezone(UTC)  # April 10, after those
    await meetups.cancel(guild, 2, original_start=weekly)
    await create(loopback, title="One-off", when="dec 20 10am")
    await meetups.cancel(guild, 3)

    async def listed(typed: str) -> list[str]:
        tammy = loopback.member(TAMMY)  # who organizes all three
        choices = await loopback.autocomplete("meetup restore", "meetup", typed, actor=tammy)
        return [choice["value"] for choice in choices]

    assert await listed("") == ["1", "3", "2"]  # by the first date off: Dec 12, 20, April 10
    assert await listed("wee") == ["2"]
    assert await listed("#3") == ["3"]


async def test_help_for_meetups_lists_restore_beside_cancel(
    keitora: RunningBot, loopback: Loopback
) -> None:
    reply = await loopback.slash("help", topic="meetup")
    [embed] = sent_reply(loopback, reply)["embeds"]

    lines = embed["description"].splitlines()
    cancel = lines.index(
        "`/meetup cancel meetup: [reason] [occurrence]` — Cancel a meetup you organize, or one "
        "date of a series"
    )
    assert lines[cancel + 1] == (
        "`/meetup restore meetup: [occurrence]` — Undo a cancel until its date ends: of a "
        "one-off you organize or of one date; not a whole series"
    )
    assert (
        "a date cancelled on its own stays cancelled (`/meetup restore` holds it again)"
        in (embed["description"])
    )
