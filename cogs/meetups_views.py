"""How meetups look in Discord: the card, its buttons and forms, lists, and the messages sent later.

The card's buttons are `DynamicItem`s whose custom_id carries the meetup and the occurrence it
shows (`rsvp:going:<meetup_id>:<unix start>`), so they keep working after a restart; the guests
and truck form carries the member too, so forms open at the same moment never share an id.
discord.py only logs what a dynamic item's callback raises, so each callback goes through
`guarded` to reach the one error path.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Literal, Protocol
from urllib.parse import quote_plus

import discord

from bot.calendar import card_link, google_calendar_link
from bot.client import KeitoraBot, guarded, in_time, report_error, respond, stateless_view
from bot.clock import from_unix, unix
from bot.errors import UserError
from bot.limits import (
    CHOICE_NAME,
    EMBED_DESCRIPTION,
    EMBED_FIELD_VALUE,
    EMBED_TITLE,
    EMBED_TOTAL,
    MESSAGE_CONTENT,
    fit,
    join_within,
)
from bot.meetups import (
    GUESTS_MAX,
    TRUCK_MAX,
    Answer,
    Change,
    Changed,
    Counts,
    Created,
    Meetup,
    MeetupService,
    Occurrence,
    Party,
    describe_cutoff,
)
from bot.recurrence import describe
from bot.zones import load_zone
from cogs._text import counted, echo, member_mention, quoted
from cogs.checks import guild_id_of

log = logging.getLogger(__name__)

COLOUR = discord.Colour.from_rgb(46, 139, 87)  # a field green, apart from the glossary's red
LIST_PAGE = 10  # meetups per /meetup list page
# How long a card waits to gather more clicks before it is edited: Discord allows a channel
# about five message edits every five seconds, and a burst of clicks should cost one or two.
EDIT_DELAY = 1.0
FORM_TIMEOUT = 30 * 60.0  # seconds a guests and truck form is listened for
FORM_TITLE = 45  # Discord's limit on a form's title
MAP_SEARCH = "https://www.google.com/maps/search/?api=1&query="

Answerable = Literal["going", "maybe", "declined"]
BUTTON_LABELS: dict[Answerable, str] = {"going": "Going", "maybe": "Maybe", "declined": "Can't go"}


def service_of(interaction: discord.Interaction) -> MeetupService:
    bot: KeitoraBot = interaction.client  # type: ignore[assignment]
    return bot.services.meetups


def when_text(occurrence: Occurrence) -> str:
    """The occurrence's start in each reader's own zone, and how far off it is."""
    start = occurrence.starts_at
    return f"{discord.utils.format_dt(start, 'F')} ({discord.utils.format_dt(start, 'R')})"


def series_move_text(meetup: Meetup, moved: Changed) -> str:
    """What a move of one date of a series did: that date only, from when to when."""
    [occurrence] = moved.occurrences
    before = moved.moved_from or occurrence.original_start
    return (
        f"Moved the {discord.utils.format_dt(before, 'F')} date of {quoted(meetup.title)} to "
        f"{discord.utils.format_dt(occurrence.starts_at, 'F')}; only that date moved, the "
        "series' other dates keep their time."
    )


def over_capacity_text(meetup: Meetup, counts: Counts) -> list[str]:
    """A capacity lowered below those going: nobody was bumped, and new answers wait; and below
    waiting parties: they keep their place, and were told how to move up."""
    return _going_over_text(meetup, counts) + _too_large_text(meetup, counts)


def _too_large_text(meetup: Meetup, counts: Counts) -> list[str]:
    if not counts.too_large:
        return []
    parties = counted(counts.too_large, "waiting party", "waiting parties")
    outcome = (
        "is now larger than the whole capacity of {0:,} and cannot move up as it stands: it "
        "keeps its place in line and is told by DM to bring fewer guests."
        if counts.too_large == 1
        else "are now larger than the whole capacity of {0:,} and cannot move up as they stand: "
        "they keep their place in line and are told by DM to bring fewer guests."
    )
    return [f"{parties} at the next date {outcome.format(meetup.capacity)}"]


def _going_over_text(meetup: Meetup, counts: Counts) -> list[str]:
    over = []
    if meetup.capacity is not None and counts.people > meetup.capacity:
        over.append(f"{_people(counts.people)} (the capacity is {meetup.capacity:,})")
    if meetup.truck_capacity is not None and counts.trucks > meetup.truck_capacity:
        over.append(
            f"{counted(counts.trucks, 'truck')} (the truck capacity is {meetup.truck_capacity:,})"
        )
    if not over:
        return []
    return [
        f"{' and '.join(over)} are already going to the next date: nobody was moved to the "
        "waitlist, and new answers wait until enough places free up."
    ]


def local_text(meetup: Meetup, occurrence: Occurrence) -> str:
    """A start as plain text where Discord timestamps do not render (autocomplete choices):
    `Sat Dec 5, 10:00 AM MST`, on the meetup's own clock."""
    local = occurrence.starts_at.astimezone(load_zone(meetup.zone))
    clock = local.strftime("%I:%M %p").lstrip("0")
    return f"{local:%a %b} {local.day}, {clock} {local.tzname()}"


def choice_name(meetup: Meetup, occurrence: Occurrence) -> str:
    """An autocomplete label: the title, then the date, which is kept whole."""
    date = f" — {local_text(meetup, occurrence)}"
    return fit(meetup.title, CHOICE_NAME - len(date)) + date


def promotion_notice(meetup: Meetup, occurrence: Occurrence) -> str:
    """The DM a member gets when a place opened up and they moved from the waitlist to Going."""
    return fit(
        f"You're in! A place opened up at **{echo(meetup.title)}**, {when_text(occurrence)}, "
        f"at {echo(meetup.location)}: you moved from the waitlist to Going. "
        "If you can't make it after all, press Can't go on the meetup's card so the next "
        "person gets your place.",
        MESSAGE_CONTENT,
    )


def too_large_notice(meetup: Meetup, occurrence: Occurrence, party: Party) -> str:
    """The DM a waiting member gets when the capacity was lowered below their party's size."""
    capacity = meetup.capacity
    assert capacity is not None
    until = (
        f" before signup closes, {describe_cutoff(meetup.cutoff)} before the start"
        if meetup.cutoff is not None
        else ""
    )
    allowed = "no guests" if capacity == 1 else f"at most {counted(capacity - 1, 'guest')}"
    return fit(
        f"The organizer lowered the capacity of **{echo(meetup.title)}**, "
        f"{when_text(occurrence)}, to {counted(capacity, 'person', 'people')} in all, guests "
        f"included. Your party of {party.people:,} on the waitlist can't move up as it stands. "
        "You keep your place in line: bring fewer guests with the Guests & truck button on "
        f"the meetup's card{until} ({allowed}), and you move to Going "
        "when a place opens up for you. Press Can't go if you'd rather not wait.",
        MESSAGE_CONTENT,
    )


def change_notice(
    meetup: Meetup, occurrence: Occurrence, change: Change, members: tuple[int, ...]
) -> str:
    """What members going or waiting are told when an occurrence is cancelled or moved: by DM
    (no `members`), or in the meetup's thread mentioning exactly `members`."""
    title = f"**{echo(meetup.title)}**"
    if change.kind == "cancelled":
        what = "The whole series" if meetup.rrule and meetup.cancelled_at else "It"
        text = (
            f"{title} on {discord.utils.format_dt(occurrence.starts_at, 'F')} is cancelled. "
            f"{what} will not take place" + (f": {echo(change.reason)}" if change.reason else ".")
        )
    else:
        before = change.moved_from or occurrence.original_start
        text = (
            f"{title} moved from {discord.utils.format_dt(before, 'F')} to "
            f"{when_text(occurrence)}. Your answer stands; press Can't go on the card if the "
            "new time does not suit you."
        )
    return mentioning(members, text)


def reminder_notice(
    meetup: Meetup, occurrence: Occurrence, offset: timedelta, late: bool, members: tuple[int, ...]
) -> str:
    """A reminder before an occurrence: by DM (no `members`), or in the meetup's thread
    mentioning exactly the members going."""
    # Sent late (the bot was down), the offset no longer says how soon: the timestamp does.
    soon = (
        discord.utils.format_dt(occurrence.starts_at, "R")
        if late
        else f"in {describe_cutoff(offset)}"
    )
    text = (
        f"{'Reminder, sent late' if late else 'Reminder'}: **{echo(meetup.title)}** starts "
        f"{soon}, {discord.utils.format_dt(occurrence.starts_at, 'F')}, at "
        f"{echo(meetup.location)}."
    )
    if not members:
        text += (
            " If you can't make it, press Can't go on the card so someone else gets your place."
            " Turn these DMs off with `/meetup reminders state:off`."
        )
    return mentioning(members, text)


def mentioning(members: tuple[int, ...], text: str) -> str:
    """`text` after a mention of each member: the mentions are kept whole, the text is cut."""
    mentions = " ".join(f"<@{member_id}>" for member_id in members)
    lead = f"{mentions}\n" if mentions else ""
    return lead + fit(text, MESSAGE_CONTENT - len(lead))


# --- the card ------------------------------------------------------------------------------------


GOOGLE_LABEL = "Add to Google Calendar"


@dataclass(frozen=True)
class Card:
    """What a meetup's card shows: the occurrence its buttons answer for, and its counts."""

    meetup: Meetup
    occurrence: Occurrence | None  # None once no date is ahead
    following: Occurrence | None  # a series' occurrence after the one shown
    counts: Counts | None


async def load_card(service: MeetupService, meetup: Meetup) -> Card:
    upcoming = [] if meetup.cancelled_at else await service.occurrences(meetup, limit=2)
    if not upcoming:
        return Card(meetup, None, None, None)
    shown = upcoming[0]
    following = upcoming[1] if len(upcoming) > 1 else None
    return Card(meetup, shown, following, await service.counts(shown))


def map_link(location: str, room: int) -> str:
    """A map search for the location as a Markdown link, or nothing when it would not fit."""
    link = f"[Map]({MAP_SEARCH}{quote_plus(location)})"
    return link if len(link) <= room else ""


def _people(count: int) -> str:
    return counted(count, "person", "people")


def _of(limit: int | None) -> str:
    return "" if limit is None else f" of {limit:,}"


def render_card(card: Card) -> discord.Embed:
    meetup, counts = card.meetup, card.counts
    embed = discord.Embed(title=fit(echo(meetup.title), EMBED_TITLE), colour=COLOUR)
    if meetup.cancelled_at is not None:
        reason = f": {echo(meetup.cancel_reason)}" if meetup.cancel_reason else "."
        when = fit(f"Cancelled{reason}", EMBED_FIELD_VALUE)
    elif card.occurrence is None:
        when = "No dates ahead."
    else:
        when = when_text(card.occurrence)
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
        trucks = f" · {counted(counts.trucks, 'truck')}{_of(meetup.truck_capacity)}"
        guests = counts.people - counts.parties
        brought = f" ({counted(guests, 'guest')})" if guests else ""
        embed.add_field(
            name="Going",
            value=f"{_people(counts.people)}{_of(meetup.capacity)}{brought}{trucks}",
            inline=False,
        )
        embed.add_field(name="Waitlist", value=f"{counts.waiting:,} waiting")
        embed.add_field(name="Maybe", value=f"{counts.maybe:,}")
        closes = None if card.occurrence is None else meetup.signup_closes(card.occurrence)
        if closes is not None:
            embed.add_field(
                name="Signup closes",
                value=f"{discord.utils.format_dt(closes, 'F')} "
                f"({discord.utils.format_dt(closes, 'R')})",
                inline=False,
            )
    if meetup.rrule is not None:
        repeats = describe(meetup.start_local, meetup.zone, meetup.rrule)
        after = card.following
        then = f"\nAfter this one: {discord.utils.format_dt(after.starts_at, 'F')}" if after else ""
        embed.add_field(
            name="Repeats", value=fit(repeats, EMBED_FIELD_VALUE - len(then)) + then, inline=False
        )
    embed.set_footer(
        text=f"Meetup #{meetup.id} · times show in your own time zone · "
        "“Interested” in the Events tab is not an RSVP: answer here"
    )
    if meetup.description:
        # The description takes what the rest of the card leaves of the embed's total.
        room = min(EMBED_DESCRIPTION, EMBED_TOTAL - len(embed))
        embed.description = fit(echo(meetup.description), room)
    return embed


def card_view(card: Card) -> discord.ui.View | None:
    if card.occurrence is None:
        return None
    start = unix(card.occurrence.original_start)
    rsvps = [RsvpButton(status, card.meetup.id, start) for status in BUTTON_LABELS]
    return stateless_view([*rsvps, PartyButton(card.meetup.id, start)])


async def show_card(interaction: discord.Interaction, meetup: Meetup) -> None:
    """The card, privately, with buttons that answer for the occurrence it shows."""
    card = await load_card(service_of(interaction), meetup)
    view = card_view(card)
    await respond(interaction, embed=render_card(card), **({"view": view} if view else {}))


def confirmation(created: Created, channel_id: int, notes: Sequence[str] = ()) -> str:
    """What the organizer is told once the card is posted: the instant, the zone and why,
    then any `notes`."""
    meetup, when = created.meetup, created.when
    first = Occurrence(meetup.id, meetup.starts_at, meetup.starts_at)
    lines = [
        f"Posted {quoted(meetup.title)} (meetup #{meetup.id}) in <#{channel_id}>.",
        f"**When:** {when_text(first)}",
        f"Read as {when.understood}: zone **{when.zone_name}**, {when.zone_source.phrase}.",
        *(f"• {note}" for note in when.notes),
    ]
    if created.repeat_description:
        lines.append(f"**Repeats:** {created.repeat_description}.")
    if meetup.cutoff is not None:
        lines.append(f"**Signup closes** {describe_cutoff(meetup.cutoff)} before each start.")
    return join_within([*lines, *notes], MESSAGE_CONTENT)


# --- answering an RSVP ---------------------------------------------------------------------------


def _party_text(party: Party) -> str:
    extras = []
    if party.guests:
        extras.append(counted(party.guests, "guest"))
    if party.truck:
        extras.append(f"your truck ({echo(party.truck)})")
    return f" with {' and '.join(extras)}" if extras else ""


def answer_text(answer: Answer) -> str:
    """What a member reads after a click or the guests and truck form."""
    meetup = answer.meetup
    title, when = f"**{echo(meetup.title)}**", when_text(answer.occurrence)
    party = answer.party
    if party.status == "going":
        text = f"You're going to {title}, {when}{_party_text(party)}."
    elif party.status == "waitlist":
        text = (
            f"{title} is full, so your party{_party_text(party)} is on the waitlist: "
            f"**#{answer.position}** in line. If a place opens up for you, you move to Going "
            "and I'll send you a DM."
        )
    elif party.status == "maybe":
        text = f"You're a maybe for {title}, {when}."
    else:
        text = f"You're not going to {title}, {when}. Thanks for saying so."
    return fit(text, MESSAGE_CONTENT)


class CardRefresher(Protocol):
    def touch(self, guild_id: int, meetup_id: int) -> None: ...

    async def edit_card(self, guild_id: int, meetup_id: int) -> None: ...


# The name the meetup cog registers under, so buttons can ask it to refresh a card.
MEETUP_COG = "Meetups"


def refresh_card(interaction: discord.Interaction, meetup_id: int) -> None:
    cog: CardRefresher | None = interaction.client.get_cog(MEETUP_COG)  # type: ignore[attr-defined]
    if cog is not None and interaction.guild_id is not None:
        cog.touch(interaction.guild_id, meetup_id)


class RsvpButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"rsvp:(?P<status>going|maybe|declined):(?P<meetup>\d{1,19}):(?P<start>\d{1,12})",
):
    """Going / Maybe / Can't go for the occurrence the card shows."""

    def __init__(self, status: Answerable, meetup_id: int, start: int) -> None:
        styles = {"going": discord.ButtonStyle.success, "declined": discord.ButtonStyle.danger}
        super().__init__(
            discord.ui.Button(
                label=BUTTON_LABELS[status],
                custom_id=f"rsvp:{status}:{meetup_id}:{start}",
                style=styles.get(status, discord.ButtonStyle.secondary),
            )
        )
        self.status: Answerable = status
        self.meetup_id = meetup_id
        self.start = start

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> RsvpButton:
        status: Answerable = match["status"]  # type: ignore[assignment]
        return cls(status, int(match["meetup"]), int(match["start"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        await guarded(interaction, self._answer(interaction))

    async def _answer(self, interaction: discord.Interaction) -> None:
        service = service_of(interaction)
        guild_id = guild_id_of(interaction)
        try:
            answer = await in_time(
                interaction,
                service.answer(
                    guild_id,
                    self.meetup_id,
                    interaction.user.id,
                    self.status,
                    original_start=from_unix(self.start),
                ),
            )
            await respond(interaction, answer_text(answer))
        finally:
            # Also after a refusal: a card still showing a started occurrence moves on.
            refresh_card(interaction, self.meetup_id)


class PartyButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"rsvp:party:(?P<meetup>\d{1,19}):(?P<start>\d{1,12})",
):
    """Opens the guests and truck form for the occurrence the card shows."""

    def __init__(self, meetup_id: int, start: int) -> None:
        super().__init__(
            discord.ui.Button(
                label="Guests & truck",
                custom_id=f"rsvp:party:{meetup_id}:{start}",
                style=discord.ButtonStyle.primary,
            )
        )
        self.meetup_id = meetup_id
        self.start = start

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> PartyButton:
        return cls(int(match["meetup"]), int(match["start"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        await guarded(interaction, self._open(interaction))

    async def _open(self, interaction: discord.Interaction) -> None:
        service = service_of(interaction)
        meetup = await service.get(guild_id_of(interaction), self.meetup_id)
        occurrence = await service.occurrence(meetup, from_unix(self.start))
        current = next(
            (p for p in await service.parties(occurrence) if p.member_id == interaction.user.id),
            None,
        )
        form = PartyForm(meetup, self.start, interaction.user.id, current)
        await interaction.response.send_modal(form)


class PartyForm(discord.ui.Modal):
    """How many guests a member brings and which truck; its custom_id names the member, since
    discord.py keeps one open form per custom_id and a shared one would drop submissions."""

    guests: discord.ui.TextInput[PartyForm] = discord.ui.TextInput(
        label=f"Guests you bring (0-{GUESTS_MAX})", custom_id="guests", max_length=2, default="0"
    )
    truck: discord.ui.TextInput[PartyForm] = discord.ui.TextInput(
        label="Your truck, if you bring one",
        custom_id="truck",
        required=False,
        max_length=TRUCK_MAX,
        placeholder="93 Acty 4WD",
    )

    def __init__(self, meetup: Meetup, start: int, member_id: int, current: Party | None) -> None:
        super().__init__(
            title=fit(f"Guests & truck: {meetup.title}", FORM_TITLE),
            timeout=FORM_TIMEOUT,
            custom_id=f"rsvp:party-form:{meetup.id}:{start}:{member_id}",
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
        if not (typed.isascii() and typed.isdigit()):  # isdigit alone takes "²", int() not
            raise UserError(f"Guests is a number from 0 to {GUESTS_MAX}, not “{fit(typed, 40)}”.")
        service, guild_id = service_of(interaction), guild_id_of(interaction)
        try:
            answer = await in_time(
                interaction,
                service.set_party(
                    guild_id,
                    self.meetup_id,
                    self.member_id,
                    guests=int(typed),
                    truck=self.truck.value.strip() or None,
                    original_start=from_unix(self.start),
                ),
            )
            await respond(interaction, answer_text(answer))
        finally:
            refresh_card(interaction, self.meetup_id)

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        await report_error(interaction, error)


# --- coalesced card edits ------------------------------------------------------------------------


class CardEdits:
    """Edits of meetup cards after changes, coalesced per meetup.

    A change marks the card stale. One task per meetup waits `delay` to gather more changes,
    clears the mark and edits the card from the database, and goes round again while changes
    arrived meanwhile: at most one edit is in flight per card, a burst of clicks costs a few
    edits, and the last edit starts after the last change, so it shows the final counts.
    """

    def __init__(
        self, edit: Callable[[int, int], Awaitable[None]], *, delay: float = EDIT_DELAY
    ) -> None:
        self._edit = edit
        self._delay = delay
        self._stale: set[int] = set()
        self._running: dict[int, asyncio.Task[None]] = {}
        self._hurry = asyncio.Event()  # set when shutting down: no more gathering

    def touch(self, guild_id: int, meetup_id: int) -> None:
        self._stale.add(meetup_id)
        if meetup_id not in self._running:
            self._running[meetup_id] = asyncio.create_task(
                self._refresh(guild_id, meetup_id), name=f"meetup-card-{meetup_id}"
            )

    async def _refresh(self, guild_id: int, meetup_id: int) -> None:
        try:
            while meetup_id in self._stale:
                await self._gather()
                self._stale.discard(meetup_id)
                try:
                    await self._edit(guild_id, meetup_id)
                except Exception:
                    # The next change tries again; a card deleted by hand stays deleted.
                    log.warning("could not edit the card of meetup %d", meetup_id, exc_info=True)
        finally:
            self._running.pop(meetup_id, None)

    async def _gather(self) -> None:
        try:
            await asyncio.wait_for(self._hurry.wait(), self._delay)
        except TimeoutError:
            return

    async def flush(self, within: float) -> None:
        """Make the pending edits now and wait for them, for at most `within` seconds; an
        edit still unfinished then is cancelled."""
        self._hurry.set()
        running = list(self._running.values())
        if not running:
            return
        _, unfinished = await asyncio.wait(running, timeout=within)
        for task in unfinished:
            task.cancel()
        if unfinished:
            log.warning("%d meetup cards were left unedited at shutdown", len(unfinished))


# --- lists ---------------------------------------------------------------------------------------


def list_line(meetup: Meetup, occurrence: Occurrence, counts: Counts) -> str:
    region = f" · {echo(meetup.region)}" if meetup.region else ""
    going = f"{_people(counts.people)} going{_of(meetup.capacity)}"
    return (
        f"**{echo(fit(meetup.title, 80))}** (#{meetup.id}) — {when_text(occurrence)}"
        f"{region} · {echo(fit(meetup.location, 60))} · {going}"
    )


def render_list(lines: Sequence[str], page: int, pages: int, scope: str) -> discord.Embed:
    return discord.Embed(
        title=fit(f"Upcoming meetups{scope} (page {page} of {pages})", EMBED_TITLE),
        description=join_within(lines, EMBED_DESCRIPTION) if lines else "No meetups ahead.",
        colour=COLOUR,
    )


def page_button(way: str, custom_id: str, disabled: bool) -> discord.ui.Button[Any]:
    return discord.ui.Button(
        label="Previous" if way == "previous" else "Next", custom_id=custom_id, disabled=disabled
    )


def page_buttons(
    make: Callable[[str, int, bool], discord.ui.Item[Any]], page: int, pages: int
) -> discord.ui.View | None:
    """Previous and Next, or nothing when everything fits on one page."""
    if pages <= 1:
        return None
    return stateless_view(
        [make("previous", page - 1, page <= 1), make("next", page + 1, page >= pages)]
    )


class ListPageButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"meetup:list:(?P<way>previous|next):(?P<page>\d{1,3}):(?P<mine>[01]):(?P<region>.*)",
):
    """Previous/Next on /meetup list; the page and filters ride in the custom_id, and `mine`
    means whoever clicks, who is the member the list was shown to."""

    def __init__(
        self, way: str, page: int, region: str | None, mine: bool, disabled: bool = False
    ) -> None:
        custom_id = f"meetup:list:{way}:{max(page, 0)}:{int(mine)}:{region or ''}"
        super().__init__(page_button(way, custom_id, disabled))
        self.page = page
        self.region = region
        self.mine = mine

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ListPageButton:
        return cls(match["way"], int(match["page"]), match["region"] or None, match["mine"] == "1")

    async def callback(self, interaction: discord.Interaction) -> None:
        await guarded(interaction, show_list(interaction, self.page, self.region, self.mine))


async def show_list(
    interaction: discord.Interaction, page: int, region: str | None, mine: bool
) -> None:
    """A page of the server's upcoming meetups: sent, or in place of the page clicked from."""
    service = service_of(interaction)
    upcoming = await service.upcoming(
        guild_id_of(interaction),
        region=region,
        organizer_id=interaction.user.id if mine else None,
    )
    pages = max(1, -(-len(upcoming) // LIST_PAGE))
    page = min(max(page, 1), pages)
    shown = upcoming[(page - 1) * LIST_PAGE : page * LIST_PAGE]
    lines = [list_line(m, o, await service.counts(o)) for m, o in shown]
    scope = (f" in {region}" if region else "") + (" you organize" if mine else "")
    embed = render_list(lines, page, pages, scope)
    view = page_buttons(
        lambda way, to, off: ListPageButton(way, to, region, mine, off), page, pages
    )
    if interaction.type is discord.InteractionType.component:
        await interaction.response.edit_message(embed=embed, view=view)
    else:
        await respond(interaction, embed=embed, **({"view": view} if view else {}))


# --- attendees -----------------------------------------------------------------------------------


def party_line(party: Party, place: int | None = None) -> str:
    ahead = f"#{place} " if place is not None else ""
    guests = f" +{party.guests}" if party.guests else ""
    truck = f" · 🛻 {echo(fit(party.truck, 60))}" if party.truck else ""
    return f"{ahead}<@{party.member_id}>{guests}{truck}"


def attendee_lines(parties: Sequence[Party], counts: Counts) -> list[str]:
    """Going, then the waitlist in line order, then maybe: a heading and a line per party."""
    going = [p for p in parties if p.status == "going"]
    waiting = [p for p in parties if p.status == "waitlist"]
    maybe = [p for p in parties if p.status == "maybe"]
    lines = [f"**Going: {_people(counts.people)}, {counted(counts.trucks, 'truck')}**"]
    lines += [party_line(p) for p in going] or ["Nobody yet."]
    if waiting:
        lines.append(f"**Waitlist: {counted(len(waiting), 'party', 'parties')}**")
        lines += [party_line(p, place) for place, p in enumerate(waiting, start=1)]
    if maybe:
        lines.append(f"**Maybe: {len(maybe):,}**")
        lines += [party_line(p) for p in maybe]
    return lines


def paged(lines: Sequence[str], limit: int) -> list[list[str]]:
    """Whole lines grouped into pages of at most `limit` characters joined by newlines."""
    pages: list[list[str]] = [[]]
    used = 0
    for line in (fit(line, limit) for line in lines):
        cost = len(line) + (1 if pages[-1] else 0)
        if used + cost > limit:
            pages.append([])
            used, cost = 0, len(line)
        pages[-1].append(line)
        used += cost
    return pages


def render_attendees(meetup: Meetup, lines: Sequence[str], page: int, pages: int) -> discord.Embed:
    return discord.Embed(
        title=fit(f"Who's coming to {echo(meetup.title)}", EMBED_TITLE),
        description="\n".join(lines),
        colour=COLOUR,
    ).set_footer(text=f"Meetup #{meetup.id} · page {page} of {pages}")


# The room an attendee page leaves for its lines in the embed's total: a title of at most
# 256 characters and a footer of at most 60.
ATTENDEE_PAGE = min(EMBED_DESCRIPTION, EMBED_TOTAL - EMBED_TITLE - 60)


class AttendeesPageButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=(
        r"meetup:attendees:(?P<way>previous|next):(?P<meetup>\d{1,19}):(?P<start>\d{1,12})"
        r":(?P<page>\d{1,5})"
    ),
):
    """Previous/Next on /meetup attendees, for the occurrence the first page showed."""

    def __init__(self, way: str, meetup_id: int, start: int, page: int, disabled: bool) -> None:
        custom_id = f"meetup:attendees:{way}:{meetup_id}:{start}:{max(page, 0)}"
        super().__init__(page_button(way, custom_id, disabled))
        self.meetup_id = meetup_id
        self.start = start
        self.page = page

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> AttendeesPageButton:
        return cls(
            match["way"], int(match["meetup"]), int(match["start"]), int(match["page"]), False
        )

    async def callback(self, interaction: discord.Interaction) -> None:
        async def turn() -> None:
            meetup = await service_of(interaction).get(guild_id_of(interaction), self.meetup_id)
            start = from_unix(self.start)
            occurrence = Occurrence(meetup.id, start, start)  # named by its original start
            await show_attendees(interaction, meetup, occurrence, self.page)

        await guarded(interaction, turn())


async def show_attendees(
    interaction: discord.Interaction, meetup: Meetup, occurrence: Occurrence, page: int
) -> None:
    """A page of the parties answering for `occurrence` (named by its original start)."""
    service = service_of(interaction)
    counts = await service.counts(occurrence)
    pages = paged(attendee_lines(await service.parties(occurrence), counts), ATTENDEE_PAGE)
    page = min(max(page, 1), len(pages))
    embed = render_attendees(meetup, pages[page - 1], page, len(pages))
    start = unix(occurrence.original_start)
    view = page_buttons(
        lambda way, to, off: AttendeesPageButton(way, meetup.id, start, to, off), page, len(pages)
    )
    notice = cancelled_notice(meetup)
    if interaction.type is discord.InteractionType.component:
        await interaction.response.edit_message(content=notice, embed=embed, view=view)
    else:
        await respond(interaction, notice, embed=embed, **({"view": view} if view else {}))


def cancelled_notice(meetup: Meetup) -> str | None:
    """Above the list of a cancelled meetup, so that it does not read as live."""
    if meetup.cancelled_at is None:
        return None
    reason = f": {echo(meetup.cancel_reason)}" if meetup.cancel_reason else ""
    return (
        f"**{echo(meetup.title)}** was cancelled{reason}. Nobody is going any more; "
        "this is who had answered."
    )
