"""A meetup's card in Discord: its embed, the RSVP buttons and the guests and truck form, and
what a member reads after answering.

The card's buttons are `DynamicItem`s whose custom_id carries the meetup and the occurrence it
shows (`rsvp:going:<meetup_id>:<unix start>`), so they keep working after a restart; the guests
and truck form carries the member too, so forms open at the same moment never share an id.
discord.py only logs what a dynamic item's callback raises, so each callback goes through
`guarded` to reach the one error path.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal
from urllib.parse import quote_plus

import discord

from bot.calendar import google_calendar_link
from bot.client import (
    HeldForm,
    guarded,
    in_time,
    report_error,
    respond,
    stateless_view,
)
from bot.clock import from_unix, unix
from bot.dates import length_words
from bot.errors import UserError
from bot.limits import (
    EMBED_DESCRIPTION,
    EMBED_FIELD_VALUE,
    EMBED_TITLE,
    EMBED_TOTAL,
    MESSAGE_CONTENT,
    fit,
    join_within,
    listed,
)
from bot.meetups import (
    GUESTS_MAX,
    LATER_DATES_OFF,
    TRUCK_MAX,
    Counts,
    Created,
    Meetup,
    MeetupService,
    Occurrence,
    Party,
    StartedAlready,
    card_link,
    local_text,
)
from bot.meetups.values import means_no_truck
from bot.numbers import half_width, whole_number
from bot.recurrence import describe
from cogs._meetup_answers import BUTTON_LABELS, Answerable, answer_text, form_answer_text
from cogs._pages import page_button
from cogs._text import counted, echo, member_mention, quoted
from cogs.checks import guild_id_of
from cogs.meetups_views import (
    COLOUR,
    clock_of,
    counted_people,
    end_text,
    going_text,
    keep_card,
    read_as,
    refresh_card,
    service_of,
    span_text,
    when_text,
    when_text_at,
)

FORM_TITLE = 45  # Discord's limit on a form's title
SELECT_OPTION_TEXT = 100  # Discord's limit on a select option's label and description
WHICH_DATE_PAGE = 25  # the options Discord lets one select menu offer
WHICH_DATE_BUTTONS = 5  # dates asked about with buttons, one row of them; more go in a list
# Characters the guests field takes: room for "+10", as the attendees list writes guests.
GUESTS_TYPED = len(f"+{GUESTS_MAX}")
MAP_SEARCH = "https://www.google.com/maps/search/?api=1&query="


# --- the card ------------------------------------------------------------------------------------


GOOGLE_LABEL = "Add to Google Calendar"


@dataclass(frozen=True)
class Card:
    """What a meetup's card shows: the occurrence its buttons answer for, and its counts."""

    meetup: Meetup
    occurrence: Occurrence | None  # None once no date is ahead
    following: Occurrence | None  # a series' occurrence after the one shown
    counts: Counts | None
    signup_closed: bool = False  # the cutoff before `occurrence` passed: only Can't go is taken
    called_off: bool = False  # cancelled as a whole while a date was under way
    ended: bool = False  # a one-off that took place: it is over, not going on
    struck: datetime | None = None  # the start of the date a cancel took away, shown struck


async def load_card(service: MeetupService, meetup: Meetup) -> Card:
    if meetup.cancelled_at is not None:
        struck = await service.date_cancelled(meetup)
        called_off = await service.called_off(meetup)
        return Card(meetup, None, None, None, called_off=called_off, struck=struck)
    upcoming = await service.occurrences(meetup, limit=2)
    if not upcoming and meetup.rrule is None:
        # A one-off that started keeps showing who was going to it.
        only = Occurrence(meetup.id, meetup.starts_at, meetup.starts_at)
        ended = await service.date_under_way(meetup) is None
        return Card(meetup, None, None, await service.counts(only), ended=ended)
    if not upcoming:
        return Card(meetup, None, None, None)
    shown = upcoming[0]
    following = upcoming[1] if len(upcoming) > 1 else None
    closed = service.signup_closed(meetup, shown)
    return Card(meetup, shown, following, await service.counts(shown), closed)


def map_link(location: str, room: int) -> str:
    """A map search for the location as a Markdown link, or nothing when it would not fit."""
    link = f"[Map]({MAP_SEARCH}{quote_plus(location)})"
    return link if len(link) <= room else ""


def render_card(card: Card) -> discord.Embed:
    meetup, counts = card.meetup, card.counts
    embed = discord.Embed(title=fit(echo(meetup.title), EMBED_TITLE), colour=COLOUR)
    if meetup.cancelled_at is not None:
        reason = f": {echo(meetup.cancel_reason)}" if meetup.cancel_reason else "."
        said = "called off" if card.called_off else "cancelled"
        struck = card.struck or meetup.starts_at
        later = f"\n{LATER_DATES_OFF}" if card.called_off and meetup.rrule else ""
        when = (
            fit(
                f"~~{discord.utils.format_dt(struck, 'F')}~~ — {said}{reason}",
                EMBED_FIELD_VALUE - len(later),
            )
            + later
        )
    elif card.ended:
        when = f"It {took_place(meetup)}."
    elif card.occurrence is None and meetup.rrule is None:
        when = f"It {one_off_started(meetup)}."
    elif card.occurrence is None:
        when = "No dates ahead."
    else:
        when = span_text(meetup, card.occurrence)
    embed.add_field(name="When", value=when, inline=False)
    if card.occurrence is not None and meetup.cancelled_at is None:
        room = EMBED_FIELD_VALUE - len(GOOGLE_LABEL) - 4
        google = google_calendar_link(meetup, card.occurrence, card_link(meetup), limit=room)
        embed.add_field(name="Calendar", value=f"[{GOOGLE_LABEL}]({google})", inline=False)
    place = echo(meetup.location)
    link = map_link(meetup.location, EMBED_FIELD_VALUE - len(place) - 1)
    embed.add_field(name="Where", value=fit(f"{place}\n{link}".strip(), EMBED_FIELD_VALUE))
    embed.add_field(name="Organizer", value=member_mention(meetup.organizer_id))
    if meetup.region:
        embed.add_field(name="Region", value=echo(meetup.region))
    if counts is not None:
        embed.add_field(
            name="Going",
            value=going_text(counts, meetup.capacity, meetup.truck_capacity),
            inline=False,
        )
        # A meetup without limits has no waitlist, unless members still wait from a limit
        # removed a moment ago (they move up in the same change).
        limited = (meetup.capacity, meetup.truck_capacity) != (None, None) or counts.waiting
        if limited and card.occurrence is not None:  # nobody moves up once it started
            embed.add_field(name="Waitlist", value=f"{counts.waiting:,} waiting")
        embed.add_field(name="Maybe", value=f"{counts.maybe:,}")
        closes = None if card.occurrence is None else meetup.signup_closes(card.occurrence)
        if closes is not None:
            embed.add_field(
                name="Signup closed" if card.signup_closed else "Signup closes",
                value=f"{discord.utils.format_dt(closes, 'F')} "
                f"({discord.utils.format_dt(closes, 'R')})",
                inline=False,
            )
    if meetup.rrule is not None and meetup.cancelled_at is None:  # none repeats once cancelled
        repeats = describe(meetup.start_local, meetup.zone, meetup.rrule, zone_named=True)
        after = card.following
        then = f"\nAfter this one: {discord.utils.format_dt(after.starts_at, 'F')}" if after else ""
        embed.add_field(
            name="Repeats", value=fit(repeats, EMBED_FIELD_VALUE - len(then)) + then, inline=False
        )
    footer = f"Meetup #{meetup.id} · times show in your own time zone"
    if card.occurrence is not None:  # a card with buttons to answer with
        footer += " · “Interested” in the Events tab is not an RSVP: answer here"
    embed.set_footer(text=footer)
    if meetup.description:
        # The description takes what the rest of the card leaves of the embed's total.
        room = min(EMBED_DESCRIPTION, EMBED_TOTAL - len(embed))
        embed.description = fit(echo(meetup.description), room)
    return embed


def card_view(card: Card) -> discord.ui.View | None:
    if card.occurrence is None:
        return None
    start = unix(card.occurrence.original_start)
    # Once signup closed, what would be refused is turned off; Can't go still frees a place.
    closed = card.signup_closed
    rsvps = [
        RsvpButton(status, card.meetup.id, start, disabled=closed and status != "declined")
        for status in BUTTON_LABELS
    ]
    return stateless_view([*rsvps, PartyButton(card.meetup.id, start, disabled=closed)])


def names_meetup(message: discord.Message, meetup_id: int) -> bool:
    """Whether `message` carries a card's buttons and they all answer for `meetup_id`."""
    ids = [
        getattr(item, "custom_id", None)
        for row in message.components
        for item in getattr(row, "children", ())
    ]
    return bool(ids) and all(
        isinstance(custom_id, str)
        and custom_id.startswith("rsvp:")
        and custom_id.split(":")[2:3] == [str(meetup_id)]
        for custom_id in ids
    )


async def show_card(interaction: discord.Interaction, meetup: Meetup) -> None:
    """The card, privately, with buttons that answer for the occurrence it shows."""
    card = await load_card(service_of(interaction), meetup)
    view = card_view(card)
    await respond(interaction, embed=render_card(card), **({"view": view} if view else {}))


def confirmation(
    created: Created, channel_id: int, notes: Sequence[str] = (), *, zero_given: bool = False
) -> str:
    """What the organizer is told once the card is posted: the instant, the zone and why,
    then any `notes`; that 0 means no limit when a capacity of 0 was given (`zero_given`)."""
    meetup, when = created.meetup, created.when
    first = Occurrence(meetup.id, meetup.starts_at, meetup.starts_at)
    # A time typed off the repeat's days is no date of the series: said, not left beside the
    # first date for the organizer to puzzle over.
    off_the_repeat = (
        " That day is not one of the repeat's, so the series starts on its first day after it."
        if meetup.starts_at != when.instant_utc
        else ""
    )
    lines = [
        f"Posted {quoted(meetup.title)} (meetup #{meetup.id}) in <#{channel_id}>.",
        f"**When:** {span_text(meetup, first)}",
        read_as(when) + off_the_repeat,
        *(f"• {note}" for note in when.notes),
    ]
    if created.repeat_description:
        lines.append(f"**Repeats:** {created.repeat_description}.")
    zero = " (0 means no limit)" if zero_given else ""
    lines.append(f"**Capacity:** {capacity_text(meetup)}{zero}.")
    if meetup.cutoff is not None:
        start = "each start" if meetup.rrule else "the start"
        lines.append(f"**Signup closes** {length_words(meetup.cutoff)} before {start}.")
    return join_within([*lines, *notes], MESSAGE_CONTENT)


def missed_reminders_text(missed: Sequence[timedelta], offsets: Sequence[timedelta]) -> str:
    """That the server's reminders `missed` (of all its `offsets`) do not go out for a first date
    created sooner than them: nobody counts on one; none when none are missed."""
    if not missed:
        return ""
    befores = listed([length_words(offset) for offset in missed])
    if len(missed) == len(offsets):
        plural = len(missed) > 1
        return (
            f"It starts sooner than the server's reminder{'s' * plural} "
            f"{'(' * plural}{befores} before{')' * plural}, so none goes out for this date: tell "
            "those going yourself."
        )
    kept = sorted(set(offsets) - set(missed), reverse=True)
    those = "those do" if len(missed) > 1 else "that one does"
    ones = "ones" if len(kept) > 1 else "one"
    return (
        f"It starts sooner than the server's reminder{'s' * (len(missed) > 1)} {befores} before, "
        f"so {those} not go out for this date; the {ones} "
        f"{listed([length_words(offset) for offset in kept])} before "
        f"{'do' if len(kept) > 1 else 'does'}."
    )


def capacity_text(meetup: Meetup) -> str:
    """The limits a new meetup has, so an organizer who gave 0 or none reads "no limit"."""
    if meetup.capacity is None and meetup.truck_capacity is None:
        return "no limit on people or trucks"
    people = (
        "no limit on people"
        if meetup.capacity is None
        else f"{counted_people(meetup.capacity)}, guests included"
    )
    trucks = (
        "no limit on trucks"
        if meetup.truck_capacity is None
        else counted(meetup.truck_capacity, "truck")
    )
    return f"{people}; {trucks}"


# --- answering an RSVP ---------------------------------------------------------------------------


@asynccontextmanager
async def answering(interaction: discord.Interaction, meetup_id: int) -> AsyncIterator[None]:
    """Around an answer for the date a card shows, or the form it opens: the card is edited
    after it, also after a refusal, and a date that started meanwhile is refused with the date
    the card moves on to. Once the member has had their answer, a card Discord never confirmed
    is recorded as the meetup's (every interaction with a card shows it is out)."""
    try:
        yield
        if interaction.message is not None:
            await keep_card(interaction, meetup_id, interaction.message)
    except StartedAlready as started:
        raise UserError(await started_text(service_of(interaction), started)) from None
    finally:
        refresh_card(interaction, meetup_id)


def one_off_started(meetup: Meetup) -> str:
    """That a one-off meetup has started, when, and until when it goes on (a latecomer needs
    that): its card and a click on it say so."""
    date = Occurrence(meetup.id, meetup.starts_at, meetup.starts_at)
    ends_at = discord.utils.format_dt(meetup.starts_at + meetup.duration, "R")
    return (
        f"started {when_text_at(meetup.starts_at)} and goes on until "
        f"{end_text(meetup, date)} ({ends_at}), so it takes no more answers"
    )


def took_place(meetup: Meetup) -> str:
    """When a one-off meetup that ended took place, from its start to its end."""
    date = Occurrence(meetup.id, meetup.starts_at, meetup.starts_at)
    began = discord.utils.format_dt(meetup.starts_at, "F")
    return f"took place {began} until {end_text(meetup, date)}"


async def started_text(service: MeetupService, started: StartedAlready) -> str:
    """A click on a card still showing a date that started: it is not taken for the next date,
    which the member did not see, but the member is told which one the card shows now."""
    if started.meetup.rrule is None:
        over = await service.date_under_way(started.meetup) is None
        said = f"{took_place(started.meetup)}, so it takes no answers" if over else ""
        return f"**{echo(started.meetup.title)}** {said or one_off_started(started.meetup)}."
    began = discord.utils.format_dt(started.occurrence.starts_at, "F")
    said = f"The {began} date of **{echo(started.meetup.title)}** has started, so it takes no "
    following = await service.next_occurrence(started.meetup)
    if following is None:
        return said + "more answers, and it has no date after it."
    return (
        said
        + f"more answers. The card now shows the next date, {when_text(following)}: answer there."
    )


class RsvpButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"rsvp(?P<picked>-date)?:(?P<status>going|maybe|declined):(?P<meetup>\d{1,19}):"
    r"(?P<start>\d{1,12})",
):
    """Going / Maybe / Can't go for the occurrence the card shows; or, `picked`, for the date
    it names, chosen after the card's button asked which date the member meant
    (`which_date_text`): its id (`rsvp-date:`) is no card's, so its message is never taken for
    one."""

    def __init__(
        self,
        status: Answerable,
        meetup_id: int,
        start: int,
        *,
        disabled: bool = False,
        picked: bool = False,
        label: str | None = None,
    ) -> None:
        styles = {"going": discord.ButtonStyle.success, "declined": discord.ButtonStyle.danger}
        super().__init__(
            discord.ui.Button(
                label=label or BUTTON_LABELS[status],
                custom_id=f"rsvp{'-date' * picked}:{status}:{meetup_id}:{start}",
                style=styles.get(status, discord.ButtonStyle.secondary),
                disabled=disabled,
            )
        )
        self.status: Answerable = status
        self.meetup_id = meetup_id
        self.start = start
        self.picked = picked

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> RsvpButton:
        status: Answerable = match["status"]  # type: ignore[assignment]
        meetup_id, start = int(match["meetup"]), int(match["start"])
        return cls(status, meetup_id, start, picked=match["picked"] is not None)

    async def callback(self, interaction: discord.Interaction) -> None:
        await guarded(interaction, self._answer(interaction))

    async def _answer(self, interaction: discord.Interaction) -> None:
        service = service_of(interaction)
        meetup = await service.get(guild_id_of(interaction), self.meetup_id)
        async with answering(interaction, self.meetup_id):
            shown = await service.answered_occurrence(meetup, from_unix(self.start))
            elsewhere = (
                []
                if self.picked
                else await held_elsewhere(service, meetup, interaction.user.id, shown, self.status)
            )
            if not elsewhere:
                answer = await in_time(
                    interaction,
                    service.answer(
                        meetup.guild_id,
                        meetup.id,
                        interaction.user.id,
                        self.status,
                        original_start=from_unix(self.start),
                    ),
                )
                await respond(interaction, answer_text(answer))
                return
            await respond(
                interaction,
                **which_date_question(interaction, meetup, self.status, shown, elsewhere),
            )


PARTY = "party"
# What a member pressed on a card that may ask which date it was for.
Asked = Answerable | Literal["party"]

# Waiting for a place is the Going the member pressed.
_HELD_AS = {"waitlist": "going"}
_ANSWERED = {"going": "Going", "waitlist": "Going (on the waitlist)", "maybe": "Maybe"}


async def held_elsewhere(
    service: MeetupService, meetup: Meetup, member_id: int, shown: Occurrence, what: Asked
) -> list[tuple[Occurrence, Party]]:
    """The member's answers on dates besides `shown` that `what` would change, soonest first:
    a date already holding the answer pressed is not asked about; the guests and truck form
    changes every date held (it sets guests and truck, and answers Going)."""
    held = await service.answered_besides(meetup, member_id, shown)
    if what == PARTY:
        return held
    return [
        (date, party) for date, party in held if _HELD_AS.get(party.status, party.status) != what
    ]


def which_date_question(
    interaction: discord.Interaction,
    meetup: Meetup,
    what: Asked,
    shown: Occurrence,
    elsewhere: Sequence[tuple[Occurrence, Party]],
    page: int = 1,
) -> dict[str, Any]:
    """The question which date `what` was pressed for, as a message's content and view: a
    button per date while they fit one row, else a select menu of the dates (Discord offers
    25 options in one) soonest first, a page at a time, so every date held can be reached."""
    now = clock_of(interaction).now()
    pressed = pressed_label(what)
    content = which_date_text(meetup, pressed, shown, elsewhere)
    dates = [*(date for date, _ in elsewhere), shown]
    if len(dates) <= WHICH_DATE_BUTTONS:
        buttons = [
            picked_date(
                what,
                meetup.id,
                unix(date.original_start),
                f"{pressed}: {local_text(meetup, date, now=now)}",
            )
            for date in dates
        ]
        return {"content": content, "view": stateless_view(buttons)}
    answers = {date.original_start: party for date, party in elsewhere}
    ordered = sorted(dates, key=lambda date: date.starts_at)
    pages = math.ceil(len(ordered) / WHICH_DATE_PAGE)
    page = min(max(page, 1), pages)
    first = (page - 1) * WHICH_DATE_PAGE
    on_page = ordered[first : first + WHICH_DATE_PAGE]
    options = [
        discord.SelectOption(
            label=local_text(meetup, date, now=now),
            value=str(unix(date.original_start)),
            description=date_note(meetup, date, answers.get(date.original_start), now),
        )
        for date in on_page
    ]
    placeholder = f"{pressed}: pick the date"
    if pages > 1:
        placeholder += f" ({first + 1}–{first + len(on_page)} of {len(ordered)})"
    items: list[discord.ui.Item[discord.ui.View]] = [
        DatePick(what, meetup.id, options, placeholder)
    ]
    if pages > 1:
        shown_start = unix(shown.original_start)
        items += [
            DatePage(what, meetup.id, shown_start, "previous", page - 1, page <= 1),
            DatePage(what, meetup.id, shown_start, "next", page + 1, page >= pages),
        ]
    return {"content": content, "view": stateless_view(items)}


def date_note(meetup: Meetup, date: Occurrence, held: Party | None, now: datetime) -> str:
    """What a date in the which-date list holds for the member: the answer, and where the
    date moved from; or that it is the date the card shows."""
    if held is None:
        return "The date the card shows"
    note = f"You answered {_ANSWERED.get(held.status, BUTTON_LABELS['declined'])}"
    if date.starts_at != date.original_start:
        moved_from = Occurrence(meetup.id, date.original_start, date.original_start)
        note += f"; moved from {local_text(meetup, moved_from, now=now)}"
    return fit(note, SELECT_OPTION_TEXT)


def which_date_text(
    meetup: Meetup,
    pressed: str,
    shown: Occurrence,
    elsewhere: Sequence[tuple[Occurrence, Party]],
) -> str:
    """The question a card's button asks a member who holds answers for dates besides the one
    it shows: each named with the answer, and where it moved from, so they pick the one meant;
    more than one row of buttons takes are counted by answer, and the list names each."""
    asked = f"Which date of **{echo(meetup.title)}** is your {pressed} for? "
    card = f"the card shows {discord.utils.format_dt(shown.starts_at, 'F')}"
    answers = [_ANSWERED.get(party.status, BUTTON_LABELS["declined"]) for _, party in elsewhere]
    if len(elsewhere) >= WHICH_DATE_BUTTONS:
        counts = ", ".join(f"{count:,} {answer}" for answer, count in Counter(answers).items())
        return (
            f"{asked}You hold answers on {len(elsewhere):,} other dates ({counts}); {card}. "
            "The list names each date with your answer."
        )
    held = "; ".join(
        f"{answer} for {discord.utils.format_dt(date.starts_at, 'F')}"
        + (
            f", the date moved from {discord.utils.format_dt(date.original_start, 'F')}"
            if date.starts_at != date.original_start
            else ""
        )
        for answer, (date, _) in zip(answers, elsewhere, strict=True)
    )
    return fit(f"{asked}You answered {held}; {card}.", MESSAGE_CONTENT)


PARTY_LABEL = "Guests & truck"


def pressed_label(what: Asked) -> str:
    return PARTY_LABEL if what == PARTY else BUTTON_LABELS[what]


def picked_date(
    what: Asked, meetup_id: int, start: int, label: str | None = None
) -> RsvpButton | PartyButton:
    """The answer `what` for the date starting (originally) at `start`, picked after the
    which-date question, as a button labelled `label` or run at once from the list."""
    if what == PARTY:
        return PartyButton(meetup_id, start, picked=True, label=label or PARTY_LABEL)
    return RsvpButton(what, meetup_id, start, picked=True, label=label)


class PartyButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"rsvp(?P<picked>-date)?:party:(?P<meetup>\d{1,19}):(?P<start>\d{1,12})",
):
    """Opens the guests and truck form for the occurrence the card shows; or, `picked`, for
    the date it names, chosen after the card's button asked which date the member meant, as
    `RsvpButton` does (sending the form answers Going, so it must reach the date meant)."""

    def __init__(
        self,
        meetup_id: int,
        start: int,
        *,
        disabled: bool = False,
        picked: bool = False,
        label: str = PARTY_LABEL,
    ) -> None:
        super().__init__(
            discord.ui.Button(
                label=label,
                custom_id=f"rsvp{'-date' * picked}:party:{meetup_id}:{start}",
                style=discord.ButtonStyle.primary,
                disabled=disabled,
            )
        )
        self.meetup_id = meetup_id
        self.start = start
        self.picked = picked

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> PartyButton:
        return cls(int(match["meetup"]), int(match["start"]), picked=match["picked"] is not None)

    async def callback(self, interaction: discord.Interaction) -> None:
        await guarded(interaction, self._open(interaction))

    async def _open(self, interaction: discord.Interaction) -> None:
        service = service_of(interaction)
        meetup = await service.get(guild_id_of(interaction), self.meetup_id)
        async with answering(interaction, self.meetup_id):
            occurrence = await service.answered_occurrence(meetup, from_unix(self.start))
            elsewhere = (
                []
                if self.picked
                else await held_elsewhere(service, meetup, interaction.user.id, occurrence, PARTY)
            )
            if elsewhere:
                await respond(
                    interaction,
                    **which_date_question(interaction, meetup, PARTY, occurrence, elsewhere),
                )
                return
            current = next(
                (
                    p
                    for p in await service.parties(occurrence)
                    if p.member_id == interaction.user.id
                ),
                None,
            )
            form = PartyForm(meetup, self.start, interaction.user.id, current)
            await interaction.response.send_modal(form)


class DatePick(
    discord.ui.DynamicItem[discord.ui.Select[Any]],
    template=r"rsvp-pick:(?P<what>going|maybe|declined|party):(?P<meetup>\d{1,19})",
):
    """The which-date question's list of dates, for a member holding answers on more dates
    than one row of buttons takes: picking one answers it as its button would."""

    def __init__(
        self,
        what: Asked,
        meetup_id: int,
        options: list[discord.SelectOption] | None = None,
        placeholder: str | None = None,
    ) -> None:
        super().__init__(
            discord.ui.Select(
                custom_id=f"rsvp-pick:{what}:{meetup_id}",
                options=options or [],
                placeholder=placeholder,
            )
        )
        self.what: Asked = what
        self.meetup_id = meetup_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> DatePick:
        return cls(match["what"], int(match["meetup"]))  # type: ignore[arg-type]

    async def callback(self, interaction: discord.Interaction) -> None:
        [start] = self.item.values
        if not start.isdigit():  # Discord sends only the values the list offered
            raise ValueError(f"not a date's start: {start!r}")
        await picked_date(self.what, self.meetup_id, int(start)).callback(interaction)


class DatePage(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"rsvp-dates:(?P<what>going|maybe|declined|party):(?P<meetup>\d{1,19}):"
    r"(?P<shown>\d{1,12}):(?P<way>previous|next):(?P<page>\d{1,6})",
):
    """Previous / Next page of the which-date list; the page is read again from the dates
    the member holds now, for the date the card showed (`shown`, its original start)."""

    def __init__(
        self,
        what: Asked,
        meetup_id: int,
        shown: int,
        way: str,
        page: int,
        disabled: bool = False,
    ) -> None:
        super().__init__(
            page_button(way, f"rsvp-dates:{what}:{meetup_id}:{shown}:{way}:{page}", disabled)
        )
        self.what: Asked = what
        self.meetup_id = meetup_id
        self.shown = shown
        self.page = page

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> DatePage:
        what: Asked = match["what"]  # type: ignore[assignment]
        shown, page = int(match["shown"]), int(match["page"])
        return cls(what, int(match["meetup"]), shown, match["way"], page)

    async def callback(self, interaction: discord.Interaction) -> None:
        await guarded(interaction, self._turn(interaction))

    async def _turn(self, interaction: discord.Interaction) -> None:
        service = service_of(interaction)
        meetup = await service.get(guild_id_of(interaction), self.meetup_id)
        async with answering(interaction, self.meetup_id):
            shown = await service.answered_occurrence(meetup, from_unix(self.shown))
            elsewhere = await held_elsewhere(service, meetup, interaction.user.id, shown, self.what)
            if not elsewhere:  # answered meanwhile, or those dates started
                await interaction.response.edit_message(
                    content=f"No other date of **{echo(meetup.title)}** holds an answer that "
                    f"{pressed_label(self.what)} would change now: press it on the card.",
                    view=None,
                )
                return
            question = which_date_question(
                interaction, meetup, self.what, shown, elsewhere, self.page
            )
            await interaction.response.edit_message(**question)


class PartyForm(HeldForm):
    """How many guests a member brings and which truck; its custom_id names the member, since
    discord.py keeps one open form per custom_id and a shared one would drop submissions."""

    guests: discord.ui.TextInput[PartyForm] = discord.ui.TextInput(
        label=f"Guests you bring (0-{GUESTS_MAX})",
        custom_id="guests",
        max_length=GUESTS_TYPED,
        default="0",
    )
    truck: discord.ui.TextInput[PartyForm] = discord.ui.TextInput(
        label="Your truck, if you bring one",
        custom_id="truck",
        required=False,
        max_length=TRUCK_MAX,
        placeholder="93 Acty 4WD",
    )

    def __init__(self, meetup: Meetup, start: int, member_id: int, current: Party | None) -> None:
        # Sending the form answers Going: said unless the member is going or waiting already.
        turns_going = current is None or current.status in ("maybe", "declined")
        super().__init__(
            title=fit(
                f"{'Going, with guests' if turns_going else 'Guests'} & truck: {meetup.title}",
                FORM_TITLE,
            ),
            custom_id=f"rsvp-party-form:{meetup.id}:{start}:{member_id}",
        )
        self.meetup_id = meetup.id
        self.start = start
        self.member_id = member_id
        if current is not None:
            self.guests.default = str(current.guests)
            self.truck.default = current.truck or ""

    async def on_submit(self, interaction: discord.Interaction) -> None:
        if interaction.user.id != self.member_id:
            raise UserError("This form belongs to someone else; open your own from the card.")
        typed = self.guests.value.strip() or "0"
        # Any number the field holds is read, "+2" as 2; the service says how many may come.
        guests = whole_number(half_width(typed).removeprefix("+"), 10**GUESTS_TYPED - 1)
        if guests is None:
            raise UserError(f"Guests is a number from 0 to {GUESTS_MAX}, not “{fit(typed, 40)}”.")
        truck = self.truck.value.strip()
        no_truck = means_no_truck(truck)
        service, guild_id = service_of(interaction), guild_id_of(interaction)
        async with answering(interaction, self.meetup_id):
            answer = await in_time(
                interaction,
                service.set_party(
                    guild_id,
                    self.meetup_id,
                    self.member_id,
                    guests=guests,
                    truck=None if no_truck else truck or None,
                    original_start=from_unix(self.start),
                ),
            )
            said = form_answer_text(answer)
            if no_truck:
                # Said, so a member who meant a truck so named sees how it was read.
                said += (
                    f" I read “{echo(fit(truck, 40))}” as no truck; type your truck in the form "
                    "if you bring one."
                )
            await respond(interaction, fit(said, MESSAGE_CONTENT))

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        await report_error(interaction, error)
