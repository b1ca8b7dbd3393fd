"""A meetup cancelled while it is under way: those there or on the road are told it was called
off while under way (not that it "will not take place"), in the thread and by DM, and the
cancel can be undone until the meetup ends, not after. One date of a series likewise."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.clock import unix
from sandbox import Loopback

from .conftest import RunningBot
from .test_meetup_changes import dms_arrive, sent_dms
from .test_meetup_edits import posted
from .test_meetups import wait_for_post

DEC_12 = datetime(2026, 12, 12, 17, 0, tzinfo=UTC)  # 10 AM in Denver


async def test_a_one_off_under_way_is_called_off_and_can_be_restored_until_it_ends(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Soon Meet", when="Dec 12 10am-1pm")
    tammy, mika = loopback.member("Tammy"), loopback.member("Mika")
    await loopback.click(card, "Going", actor=mika)
    keitora.clock.set(DEC_12 + timedelta(minutes=30))

    cancelled = await loopback.slash("meetup cancel", meetup="1", reason="Hail", actor=tammy)

    assert cancelled.content.startswith("Called off “Soon Meet”"), cancelled.content
    await dms_arrive(keitora, loopback, {mika: 1})
    told = f"**Soon Meet**, under way since <t:{unix(DEC_12)}:F>, was called off: Hail."
    assert loopback.dms(mika)[0].content == told
    assert sent_dms(loopback, told)
    post = await wait_for_post(loopback, card, "was called off")
    assert post.content.endswith(told)

    offered = await loopback.autocomplete("meetup restore", "meetup", "", actor=tammy)
    assert [choice["value"] for choice in offered] == ["1"], offered
    restored = await loopback.slash("meetup restore", meetup="1", actor=tammy)

    assert restored.content.startswith(f"Restored “Soon Meet” on <t:{unix(DEC_12)}:F>."), (
        restored.content
    )
    await dms_arrive(keitora, loopback, {mika: 2})
    assert "is on again: its cancel was undone" in loopback.dms(mika)[1].content

    await loopback.slash("meetup cancel", meetup="1", actor=tammy)
    keitora.clock.set(DEC_12 + timedelta(hours=3))  # it ended at 1 PM
    again = await loopback.slash("meetup cancel", meetup="1", actor=tammy)
    # Called off under way again, as those there were told.
    assert (
        again.content
        == "“Soon Meet” was already called off. Its date is over, so it cannot be restored."
    )
    late = await loopback.slash("meetup restore", meetup="1", actor=tammy)
    assert late.ephemeral
    assert late.content == "That date of “Soon Meet” is over: it cannot be restored."


async def test_a_series_date_under_way_is_called_off_for_that_date_only(
    keitora: RunningBot, loopback: Loopback
) -> None:
    card = await posted(keitora, loopback, title="Weekly", when="sat 10am", repeat="weekly")
    tammy, mika = loopback.member("Tammy"), loopback.member("Mika")
    await loopback.click(card, "Going", actor=mika)
    dec_5 = DEC_12 - timedelta(days=7)
    keitora.clock.set(dec_5 + timedelta(minutes=30))

    cancelled = await loopback.slash(
        "meetup cancel", meetup="1", occurrence=str(unix(dec_5)), actor=tammy
    )
    assert cancelled.content.startswith("Called off"), cancelled.content

    await dms_arrive(keitora, loopback, {mika: 1})
    assert loopback.dms(mika)[0].content.startswith(
        f"**Weekly**, under way since <t:{unix(dec_5)}:F>, was called off. Only that date: the "
        f"series goes on, and its next date is <t:{unix(DEC_12)}:F>"
    ), loopback.dms(mika)[0].content
    restored = await loopback.slash(
        "meetup restore", meetup="1", occurrence=str(unix(dec_5)), actor=tammy
    )
    assert restored.content.startswith(f"Restored “Weekly” on <t:{unix(dec_5)}:F>."), (
        restored.content
    )


async def test_a_series_date_under_way_is_offered_and_typed_to_call_off_and_restore(
    keitora: RunningBot, loopback: Loopback
) -> None:
    """Offered while typing and read back typed, as the dates ahead are, until it ends."""
    await posted(keitora, loopback, title="Weekly", when="sat 10am", repeat="weekly")
    tammy = loopback.member("Tammy")
    dec_5 = DEC_12 - timedelta(days=7)
    keitora.clock.set(dec_5 + timedelta(minutes=30))

    offered = await loopback.autocomplete(
        "meetup cancel", "occurrence", "", meetup="1", actor=tammy
    )
    assert [choice["value"] for choice in offered[:2]] == [str(unix(dec_5)), str(unix(DEC_12))]
    assert offered[0]["name"].startswith("Sat Dec 5, 10:00 AM MST"), offered[0]
    cancelled = await loopback.slash(
        "meetup cancel", meetup="1", occurrence="Sat Dec 5", actor=tammy
    )
    assert f"“Weekly” on <t:{unix(dec_5)}:F>" in cancelled.content, cancelled.content

    off = await loopback.autocomplete("meetup restore", "occurrence", "", meetup="1", actor=tammy)
    assert [choice["value"] for choice in off] == [str(unix(dec_5))], off
    restored = await loopback.slash(
        "meetup restore", meetup="1", occurrence="Sat Dec 5", actor=tammy
    )
    assert restored.content.startswith(f"Restored “Weekly” on <t:{unix(dec_5)}:F>."), (
        restored.content
    )

    await loopback.slash("meetup cancel", meetup="1", occurrence="Sat Dec 5", actor=tammy)
    keitora.clock.set(dec_5 + timedelta(hours=3))  # it ended at 12 PM
    late = await loopback.slash("meetup restore", meetup="1", occurrence="Sat Dec 5", actor=tammy)
    assert late.content == (
        "Pick a date from the list as you type; “Sat Dec 5” is not one of the dates of "
        "“Weekly” called off that can still be restored."
    ), late.content
