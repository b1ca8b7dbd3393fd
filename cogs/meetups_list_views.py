"""The pages of `/meetup list` (the server's upcoming meetups) and `/meetup attendees` (who is
going, waiting and maybe), turned by Previous and Next buttons whose custom_id carries the page,
so they keep working after a restart; like the card's, their callbacks go through `guarded`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import discord

from bot.client import guarded, respond
from bot.clock import from_unix, unix
from bot.limits import EMBED_DESCRIPTION, EMBED_TITLE, EMBED_TOTAL, fit, join_within
from bot.meetups import LATER_DATES_OFF, Counts, Meetup, MeetupService, Occurrence, Party
from cogs._pages import page_button, page_buttons
from cogs._text import echo
from cogs.checks import guild_id_of
from cogs.meetups_views import (
    COLOUR,
    clock_of,
    end_text,
    going_text,
    service_of,
    when_text,
    when_text_at,
)

LIST_PAGE = 10  # meetups per /meetup list page


# --- lists ---------------------------------------------------------------------------------------


def list_line(meetup: Meetup, occurrence: Occurrence, counts: Counts, now: datetime) -> str:
    region = f" · {echo(meetup.region)}" if meetup.region else ""
    going = f"Going: {going_text(counts, meetup.capacity, meetup.truck_capacity)}"
    when = under_way_text(meetup, occurrence) if occurrence.starts_at <= now else None
    return (
        f"**{echo(fit(meetup.title, 80))}** (#{meetup.id}) — {when or when_text(occurrence)}"
        f"{region} · {echo(fit(meetup.location, 60))} · {going}"
    )


def under_way_text(meetup: Meetup, occurrence: Occurrence) -> str:
    """A date under way, by when it ends: a member arriving late needs that, not its start.
    Its default length ends it too, so it is named even when the organizer gave none."""
    ends_at = occurrence.starts_at + meetup.duration
    return (
        f"under way, until {end_text(meetup, occurrence)} ({discord.utils.format_dt(ends_at, 'R')})"
    )


def render_list(lines: Sequence[str], page: int, pages: int, scope: str) -> discord.Embed:
    return discord.Embed(
        title=fit(f"Upcoming meetups{scope} (page {page} of {pages})", EMBED_TITLE),
        description=join_within(lines, EMBED_DESCRIPTION) if lines else "No meetups ahead.",
        colour=COLOUR,
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
    # A date under way stays listed until it ends: members arriving late look for it here.
    upcoming = await service.upcoming(
        guild_id_of(interaction),
        region=region,
        involving=interaction.user.id if mine else None,
        ongoing=True,
    )
    pages = max(1, -(-len(upcoming) // LIST_PAGE))
    page = min(max(page, 1), pages)
    shown = upcoming[(page - 1) * LIST_PAGE : page * LIST_PAGE]
    counts = await service.counts_of([o for _, o in shown])
    now = clock_of(interaction).now()
    lines = [list_line(m, o, c, now) for (m, o), c in zip(shown, counts, strict=True)]
    scope = (f" in {region}" if region else "") + (" you organize or answered" if mine else "")
    embed = render_list(lines, page, pages, scope)
    view = page_buttons(
        lambda way, to, off: ListPageButton(way, to, region, mine, off), page, pages
    )
    if interaction.type is discord.InteractionType.component:
        await interaction.response.edit_message(embed=embed, view=view)
    else:
        await respond(interaction, embed=embed, **({"view": view} if view else {}))


# --- attendees -----------------------------------------------------------------------------------


def party_line(party: Party, place: int | None = None, capacity: int | None = None) -> str:
    """A party's line; a waiting one (at `place`) larger than the whole `capacity` says so,
    since it cannot move up as it stands."""
    ahead = f"#{place} " if place is not None else ""
    guests = f" +{party.guests}" if party.guests else ""
    truck = f" · 🛻 {echo(fit(party.truck, 60))}" if party.truck else ""
    too_large = capacity is not None and party.people > capacity
    stuck = f" · larger than the capacity of {capacity:,}" if too_large else ""
    return f"{ahead}<@{party.member_id}>{guests}{truck}{stuck}"


def attendee_lines(
    parties: Sequence[Party],
    counts: Counts,
    capacity: int | None = None,
    truck_capacity: int | None = None,
) -> list[str]:
    """Going, then the waitlist in line order, then maybe: a heading and a line per party."""
    going = [p for p in parties if p.status == "going"]
    waiting = [p for p in parties if p.status == "waitlist"]
    maybe = [p for p in parties if p.status == "maybe"]
    lines = [f"**Going: {going_text(counts, capacity, truck_capacity)}**"]
    lines += [party_line(p) for p in going] or ["Nobody yet."]
    if waiting:
        lines.append(f"**Waitlist: {len(waiting):,} waiting**")
        lines += [party_line(p, place, capacity) for place, p in enumerate(waiting, start=1)]
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


def render_attendees(
    meetup: Meetup, lines: Sequence[str], page: int, pages: int, date: datetime | None
) -> discord.Embed:
    """A page of `lines`, under the `date` they answered for when one is to be named: a
    timestamp shows only in the description, not in a title or footer."""
    dated = [] if date is None else [date_line(date)]
    return discord.Embed(
        title=fit(f"Who's coming to {echo(meetup.title)}", EMBED_TITLE),
        description="\n".join([*dated, *lines]),
        colour=COLOUR,
    ).set_footer(text=f"Meetup #{meetup.id} · page {page} of {pages}")


def date_line(date: datetime) -> str:
    return f"**Date:** {discord.utils.format_dt(date, 'F')}"


# The room an attendee page leaves for its lines in the embed's total: a title of at most
# 256 characters and a footer of at most 60, and a line naming the date above them.
ATTENDEE_PAGE = min(EMBED_DESCRIPTION, EMBED_TOTAL - EMBED_TITLE - 60) - len(
    date_line(datetime.max.replace(tzinfo=UTC)) + "\n"
)


class AttendeesPageButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=(
        r"meetup:attendees:(?P<way>previous|next):(?P<meetup>\d{1,19}):(?P<start>\d{1,12})"
        r":(?P<page>\d{1,5})(?P<named>:named)?"
    ),
):
    """Previous/Next on /meetup attendees, for the occurrence the first page showed. `named`
    (the member named the date, so every page says it) is optional in the id: buttons sent
    before it was carried still turn the page as they did."""

    def __init__(
        self, way: str, meetup_id: int, start: int, page: int, disabled: bool, named: bool
    ) -> None:
        flag = ":named" if named else ""
        custom_id = f"meetup:attendees:{way}:{meetup_id}:{start}:{max(page, 0)}{flag}"
        super().__init__(page_button(way, custom_id, disabled))
        self.meetup_id = meetup_id
        self.start = start
        self.page = page
        self.named = named

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> AttendeesPageButton:
        return cls(
            match["way"],
            int(match["meetup"]),
            int(match["start"]),
            int(match["page"]),
            False,
            match["named"] is not None,
        )

    async def callback(self, interaction: discord.Interaction) -> None:
        async def turn() -> None:
            service = service_of(interaction)
            meetup = await service.get(guild_id_of(interaction), self.meetup_id)
            start = from_unix(self.start)  # the date's name: where it was before any move
            [(_, stored)] = await service.with_exceptions([meetup])
            occurrence = next(
                (o for o in stored if o.original_start == start),
                Occurrence(meetup.id, start, start),
            )
            await show_attendees(interaction, meetup, occurrence, self.page, self.named)

        await guarded(interaction, turn())


async def show_attendees(
    interaction: discord.Interaction,
    meetup: Meetup,
    occurrence: Occurrence,
    page: int,
    named: bool = False,
) -> None:
    """A page of the parties answering for `occurrence` (named by its original start), which
    the member `named` or was shown by default."""
    service = service_of(interaction)
    parties = await service.parties(occurrence)
    now = clock_of(interaction).now()
    called_off = await service.called_off(meetup)
    if not any(p.status != "declined" for p in parties):
        # Over with nobody to list: said once, without an empty list under it.
        before = "before anyone " + ("said they'd come" if parties else "answered")
        over = cancelled_notice(
            meetup, occurrence, before, called_off=called_off
        ) or started_notice(meetup, occurrence, now, before)
        if over is not None:
            if interaction.type is discord.InteractionType.component:
                await interaction.response.edit_message(content=over, embed=None, view=None)
            else:
                await respond(interaction, over)
            return
    counts = await service.counts(occurrence)
    pages = paged(
        attendee_lines(parties, counts, meetup.capacity, meetup.truck_capacity), ATTENDEE_PAGE
    )
    page = min(max(page, 1), len(pages))
    # Of a series, or a date named, the date listed: members looking at "next sat" or at the
    # next date read which one it is.
    dated = occurrence.starts_at if meetup.rrule is not None or named else None
    embed = render_attendees(meetup, pages[page - 1], page, len(pages), dated)
    start = unix(occurrence.original_start)
    view = page_buttons(
        lambda way, to, off: AttendeesPageButton(way, meetup.id, start, to, off, named),
        page,
        len(pages),
    )
    notice = (
        cancelled_notice(meetup, occurrence, called_off=called_off)
        or started_notice(meetup, occurrence, now)
        or await skipped_notice(meetup, occurrence, now, service)
    )
    if interaction.type is discord.InteractionType.component:
        await interaction.response.edit_message(content=notice, embed=embed, view=view)
    else:
        await respond(interaction, notice, embed=embed, **({"view": view} if view else {}))


def started_notice(
    meetup: Meetup, occurrence: Occurrence, now: datetime, nobody: str | None = None
) -> str | None:
    """Above the list of a date under way or over, which takes no more answers; or, with
    nobody to list, instead of it, saying so with `nobody` ("before anyone answered")."""
    if occurrence.starts_at > now:
        return None
    started = f"**{echo(meetup.title)}** started {when_text_at(occurrence.starts_at)}"
    return f"{started} {nobody}." if nobody else f"{started}; this is who had answered."


async def skipped_notice(
    meetup: Meetup, occurrence: Occurrence, now: datetime, service: MeetupService
) -> str | None:
    """Above the list of a series' next date when dates before it were cancelled on their
    own: the list is not that of the date off the members may be looking for. A later date
    is one a member named: it says which it is."""
    if meetup.rrule is None:
        return None
    next_date = await service.next_occurrence(meetup)
    if next_date is None or next_date.original_start != occurrence.original_start:
        return None
    off = await service.cancelled_dates(
        meetup.guild_id, after=now, before=occurrence.starts_at, meetup_id=meetup.id, limit=100
    )
    if not off:
        return None
    _, date = off[-1]  # the one right before: "the next one" follows it
    return (
        f"The {discord.utils.format_dt(date.starts_at, 'F')} date of **{echo(meetup.title)}** "
        "was cancelled: these are the answers for the next one, "
        f"{discord.utils.format_dt(occurrence.starts_at, 'F')}."
    )


def cancelled_notice(
    meetup: Meetup,
    occurrence: Occurrence,
    nobody: str | None = None,
    *,
    called_off: bool = False,
) -> str | None:
    """Above the list of a cancelled meetup, or of a series date cancelled on its own, so that
    it does not read as live; or, with nobody to list, instead of it, saying so with `nobody`
    ("before anyone answered"). Only a whole meetup's reason is stored. One `called_off` (while
    a date was under way) reads so, as those there were told, with a series' later dates off."""
    reason, later = "", ""
    if meetup.cancelled_at is not None:
        reason = f": {echo(meetup.cancel_reason)}" if meetup.cancel_reason else ""
        later = f" {LATER_DATES_OFF}" if called_off and meetup.rrule else ""
        said = "called off" if called_off else "cancelled"
        cancelled = f"**{echo(meetup.title)}** was {said}"
    elif occurrence.cancelled:
        date = discord.utils.format_dt(occurrence.starts_at, "F")
        cancelled = f"The {date} date of **{echo(meetup.title)}** was cancelled"
    else:
        return None
    if nobody:
        return f"{cancelled} {nobody}{reason}.{later}"
    return f"{cancelled}{reason}.{later} Nobody is going any more; this is who had answered."
