"""How meetups look in Discord, without Discord: the card and messages within Discord's limits at
their longest, attendee pages, and card edits coalesced per meetup."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.limits import (
    CHOICE_NAME,
    EMBED_DESCRIPTION,
    EMBED_FIELD_VALUE,
    EMBED_TITLE,
    EMBED_TOTAL,
    MESSAGE_CONTENT,
)
from bot.meetups import (
    DESCRIPTION_MAX,
    LOCATION_MAX,
    REASON_MAX,
    REGION_MAX,
    TITLE_MAX,
    TRUCK_MAX,
    Change,
    Changed,
    Counts,
    Meetup,
    Occurrence,
    Party,
)
from cogs._meetup_edit_replies import series_retimed_text
from cogs._meetup_edits import DATES_NAMED, over_capacity_text, series_over_capacity_text
from cogs.meetups_card_views import Card, map_link, render_card
from cogs.meetups_list_views import ATTENDEE_PAGE, attendee_lines, paged
from cogs.meetups_views import (
    CardEdits,
    change_notice,
    choice_name,
    too_large_notice,
)

START = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)


def meetup(**changes: object) -> Meetup:
    fields: dict[str, object] = {
        "id": 7,
        "guild_id": 1,
        "organizer_id": 42,
        "title": "Kei Truck Day",
        "description": "",
        "location": "Moab, UT",
        "region": None,
        "zone": "America/Denver",
        "start_local": datetime(2026, 12, 5, 10, 0),
        "starts_at": START,
        "duration": timedelta(hours=3),
        "rrule": None,
        "capacity": None,
        "truck_capacity": None,
        "channel_id": None,
        "message_id": None,
        "cancelled_at": None,
        "cancel_reason": None,
    }
    return Meetup(**(fields | changes))  # type: ignore[arg-type]


def occurrence(start: datetime = START) -> Occurrence:
    return Occurrence(7, start, start)


def test_the_longest_card_stays_within_every_embed_limit() -> None:
    # Markdown characters are escaped, which doubles them, and a location in kana makes a map
    # link far too long for a field.
    longest = meetup(
        title="*" * TITLE_MAX,
        description="_" * DESCRIPTION_MAX,
        location="け" * LOCATION_MAX,
        region="~" * REGION_MAX,
        rrule="FREQ=MONTHLY;BYDAY=1SA;UNTIL=20271231T235959Z",
        capacity=10_000,
        truck_capacity=10_000,
    )
    counts = Counts(people=10_000, parties=9_000, trucks=10_000, waiting=50_000, maybe=9_999)
    embed = render_card(Card(longest, occurrence(), occurrence(START + timedelta(days=28)), counts))
    assert len(embed) <= EMBED_TOTAL
    assert len(embed.title or "") <= EMBED_TITLE
    assert len(embed.description or "") <= EMBED_DESCRIPTION
    assert all(len(field.value or "") <= EMBED_FIELD_VALUE for field in embed.fields)
    assert "[Map]" not in next(f.value for f in embed.fields if f.name == "Where")
    repeats = next(f.value for f in embed.fields if f.name == "Repeats")
    assert repeats.startswith("the first Saturday of every month at 10:00 AM")


@pytest.mark.parametrize(
    ("length", "until"),
    [
        # Past midnight in many readers' zones: the length says it is the same night.
        (timedelta(hours=4), f"<t:{int(START.timestamp()) + 4 * 3600}:t> (4 hours)"),
        (timedelta(minutes=90), f"<t:{int(START.timestamp()) + 90 * 60}:t> (90 minutes)"),
        # A weekend event ends on another day, so its end names the date.
        (timedelta(days=2), f"<t:{int(START.timestamp()) + 2 * 86400}:f> (2 days)"),
    ],
)
def test_the_card_says_when_a_date_ends_and_how_long_it_lasts(
    length: timedelta, until: str
) -> None:
    given = meetup(duration=length, length_given=True)
    embed = render_card(Card(given, occurrence(), None, Counts(0, 0, 0, 0, 0)))
    start = int(START.timestamp())
    assert embed.fields[0].value == f"<t:{start}:F> (<t:{start}:R>)\nUntil {until}"


def test_the_card_names_no_end_for_a_meetup_given_no_length() -> None:
    """The 3 hours a calendar file gives it are nobody's word: the card claims no end."""
    embed = render_card(Card(meetup(), occurrence(), None, Counts(0, 0, 0, 0, 0)))
    start = int(START.timestamp())
    assert embed.fields[0].value == f"<t:{start}:F> (<t:{start}:R>)"


def test_a_cancelled_meetup_says_so_and_offers_no_buttons() -> None:
    cancelled = meetup(cancelled_at=START - timedelta(days=1), cancel_reason="Snow @everyone")
    embed = render_card(Card(cancelled, None, None, None, struck=START))
    start = int(START.timestamp())
    # The date stays, struck, so a member scrolling past sees which one is off.
    assert embed.fields[0].value == f"~~<t:{start}:F>~~ — cancelled: Snow @\u200beveryone"
    # Once under way, as those there were told.
    called_off = meetup(cancelled_at=START, cancel_reason="Snow")
    shown = render_card(Card(called_off, None, None, None, called_off=True, struck=START))
    assert shown.fields[0].value == f"~~<t:{start}:F>~~ — called off: Snow"
    no_reason = render_card(Card(meetup(cancelled_at=START), None, None, None, struck=START))
    assert no_reason.fields[0].value == f"~~<t:{start}:F>~~ — cancelled."


def test_a_started_one_off_keeps_its_going_count_and_drops_its_waitlist() -> None:
    counts = Counts(people=5, parties=4, trucks=2, waiting=3, maybe=1)
    embed = render_card(Card(meetup(capacity=5), None, None, counts))
    shown = {field.name: field.value for field in embed.fields}
    assert shown["When"].startswith("It started ")
    assert shown["Going"] == "5 people of 5 (1 guest) · 2 trucks"
    assert "Waitlist" not in shown


def test_the_map_link_searches_for_the_location_when_it_fits() -> None:
    assert map_link("Fairgrounds (UT)", 200) == (
        "[Map](https://www.google.com/maps/search/?api=1&query=Fairgrounds+%28UT%29)"
    )
    assert map_link("け" * 100, 900) == ""  # 9 characters a kana, encoded


def test_a_change_notice_keeps_every_mention_and_cuts_only_the_wording() -> None:
    members = tuple(10**18 + n for n in range(60))
    notice = change_notice(
        meetup(title="*" * TITLE_MAX),
        occurrence(),
        Change("cancelled", reason="_" * REASON_MAX),
        members,
    )
    assert len(notice) <= MESSAGE_CONTENT
    assert notice.splitlines()[0] == " ".join(f"<@{member}>" for member in members)
    moved = change_notice(meetup(), occurrence(), Change("moved", moved_from=START), ())
    assert moved.startswith(f"**Kei Truck Day** moved from <t:{int(START.timestamp())}:F> to")


def test_one_date_of_a_series_cancelled_says_whether_the_series_has_a_date_left() -> None:
    series = meetup(rrule="FREQ=WEEKLY")
    later = START + timedelta(days=7)
    stamp = int(START.timestamp())
    going_on = change_notice(series, occurrence(), Change("cancelled", next_start=later), ())
    assert going_on == (
        f"**Kei Truck Day** on <t:{stamp}:F> is cancelled. Only that date: the series goes on, "
        f"and its next date is <t:{int(later.timestamp())}:F> (<t:{int(later.timestamp())}:R>)."
        " Your answer was for the cancelled date only: if you're coming on the next date, "
        "answer again on the card."
    )
    last = change_notice(series, occurrence(), Change("cancelled", reason="Snow"), ())
    assert last == (
        f"**Kei Truck Day** on <t:{stamp}:F> is cancelled: Snow. It was the last date of the "
        "series still ahead."
    )
    whole = change_notice(
        meetup(rrule="FREQ=WEEKLY", cancelled_at=START), occurrence(), Change("cancelled"), ()
    )
    assert whole.endswith("is cancelled. The whole series will not take place.")


def test_a_party_too_large_for_a_capacity_of_one_is_told_to_come_alone_in_time() -> None:
    small = meetup(capacity=1, cutoff=timedelta(hours=2))
    text = too_large_notice(small, occurrence(), Party(11, "waitlist", 2, None), False, None)
    assert "to 1 person in all, guests included. Your party of 3 on the waitlist" in text
    assert "card before signup closes, 2 hours before the start (no guests)" in text
    # Once signup closed, the party cannot shrink: the DM does not suggest it.
    closed = too_large_notice(small, occurrence(), Party(11, "waitlist", 2, None), True, None)
    assert "Guests & truck" not in closed
    assert closed.endswith(
        "Signup has closed, so your party can't change any more: ask the organizer, or press "
        "Can't go on the meetup's card so you're not left waiting."
    )


def test_the_organizer_reads_how_many_waiting_parties_no_longer_fit() -> None:
    counts = Counts(people=3, parties=3, trucks=0, waiting=4, maybe=0, too_large=2)
    assert over_capacity_text(meetup(capacity=3), counts) == [
        "2 waiting parties at the next date are larger than the whole capacity of 3 and "
        "cannot move up as they stand: they keep their place in line, and each was told by DM "
        "to bring fewer guests when an edit made it too large."
    ]


def test_a_series_over_capacity_at_many_dates_names_five_and_counts_the_rest() -> None:
    full = Counts(people=4, parties=4, trucks=2, waiting=0, maybe=0)
    dates = [occurrence(START + timedelta(weeks=week)) for week in range(DATES_NAMED + 2)]
    [going] = series_over_capacity_text(
        meetup(capacity=3, truck_capacity=1, rrule="FREQ=WEEKLY"), [(d, full) for d in dates]
    )
    over = "4 people (the capacity is 3) and 2 trucks (the truck capacity is 1)"
    named = [f"{over} to the <t:{int(d.starts_at.timestamp())}:F> date" for d in dates[:5]]
    assert going == (
        f"Already going over the new capacity: {', '.join(named)} and 2 later dates. Nobody was "
        "moved to the waitlist, and new answers wait until enough places free up."
    )


def test_an_autocomplete_choice_keeps_its_number_and_date_whatever_the_title() -> None:
    long = meetup(id=2**63 - 1, title="k" * TITLE_MAX)
    name = choice_name(long, occurrence(), datetime(2025, 12, 1, tzinfo=UTC))
    assert len(name) <= CHOICE_NAME
    assert name.endswith(f"… (#{2**63 - 1}) — Sat Dec 5, 2026, 10:00 AM MST")


def test_the_waitlist_marks_a_party_larger_than_the_whole_capacity() -> None:
    going, waiting = Party(1, "going", 1, None), Party(2, "waitlist", 4, None)
    parties = [going, waiting, Party(3, "waitlist", 0, None)]
    lines = attendee_lines(parties, Counts(2, 1, 0, 2, 0, too_large=1), capacity=3)
    assert lines[-2:] == [
        "#1 <@2> +4 · larger than the capacity of 3",
        "#2 <@3>",
    ]


def test_two_thousand_parties_are_paged_whole_and_in_order() -> None:
    parties = [
        Party(10**18 + n, "going" if n < 150 else "waitlist", 10, "t" * TRUCK_MAX)
        for n in range(2000)
    ]
    lines = attendee_lines(parties, Counts(1650, 150, 150, 1850, 0))
    pages = paged(lines, ATTENDEE_PAGE)
    assert len(pages) > 1
    assert all(len("\n".join(page)) <= ATTENDEE_PAGE for page in pages)
    assert [line for page in pages for line in page] == lines
    assert lines[0] == "**Going: 1,650 people (1,500 guests) · 150 trucks**"
    assert lines[152] == f"#1 <@{10**18 + 150}> +10 · 🛻 {'t' * 59}…"


class Edits:
    """A card editor that records when each edit started and can be held up."""

    def __init__(self) -> None:
        self.started: list[float] = []
        self.in_flight = asyncio.Event()
        self.gate = asyncio.Event()
        self.gate.set()

    async def edit(self, guild_id: int, meetup_id: int) -> None:
        self.started.append(asyncio.get_running_loop().time())
        self.in_flight.set()
        await self.gate.wait()


async def test_a_burst_of_changes_costs_a_few_edits_and_the_last_follows_the_last_change() -> None:
    edits = Edits()
    cards = CardEdits(edits.edit, delay=0.05)
    loop = asyncio.get_running_loop()
    first_change = loop.time()
    last_change = first_change
    for _ in range(300):
        cards.touch(1, 7)
        last_change = loop.time()  # before the sleep, which a loaded machine may stretch
        await asyncio.sleep(0.001)
    await cards.flush(within=1)
    # At most one edit per 0.05 s of changes, however long a loaded machine took to make them.
    windows = (last_change - first_change) / 0.05
    assert 1 <= len(edits.started) <= windows + 2 < 300
    assert edits.started[-1] >= last_change


async def test_a_change_during_an_edit_brings_exactly_one_more_edit() -> None:
    edits = Edits()
    cards = CardEdits(edits.edit, delay=0.01)
    edits.gate.clear()
    cards.touch(1, 7)
    await edits.in_flight.wait()
    for _ in range(5):
        cards.touch(1, 7)  # while the first edit is in flight
    cards.touch(1, 8)  # another meetup's card is edited on its own
    edits.gate.set()
    await cards.flush(within=1)
    assert len(edits.started) == 3


async def test_flushing_makes_the_pending_edit_at_once_and_gives_up_on_a_hung_one(
    caplog: pytest.LogCaptureFixture,
) -> None:
    edits = Edits()
    cards = CardEdits(edits.edit, delay=60)
    cards.touch(1, 7)
    await asyncio.wait_for(cards.flush(within=1), 0.5)  # no minute of gathering
    assert len(edits.started) == 1

    edits.gate.clear()  # Discord stops answering
    cards.touch(1, 9)
    await asyncio.wait_for(cards.flush(within=0.05), 1)
    assert len(edits.started) == 2
    assert "1 meetup cards were left unedited at shutdown" in caplog.text


def test_a_re_timed_series_whose_next_date_stays_says_so() -> None:
    series = meetup(rrule="FREQ=MONTHLY;BYMONTHDAY=5")
    next_date = Occurrence(series.id, START, START)
    kept = Changed(
        series, (next_date,), (), moved_from=START, series="every month on the 5th at 10:00 AM"
    )
    start = int(START.timestamp())
    assert series_retimed_text(kept) == (
        "From now on “Kei Truck Day” meets every month on the 5th at 10:00 AM: its next date "
        f"stays at <t:{start}:F>, and every later date follows the new schedule; past dates "
        "stay as they were, and answers moved with their dates."
    )


def test_a_move_told_to_a_member_still_waiting_says_they_still_wait() -> None:
    moved = Change("moved", moved_from=START)
    waiting = change_notice(meetup(), occurrence(), replace(moved, waiting=True), ())
    going = change_notice(meetup(), occurrence(), moved, ())

    assert waiting.endswith(
        "You are still on the waitlist: if a place opens up for you, you move to Going and "
        "I'll send you a DM. Press Can't go on the card if the new time does not suit you."
    )
    assert going.endswith(
        "Your answer stands; press Can't go on the card if the new time does not suit you."
    )
