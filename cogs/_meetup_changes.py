"""`/meetup create`, `edit`, `cancel` and `restore`: what an organizer (or a moderator) does to
a meetup, kept apart from the rest of `/meetup`. Discord takes a group's subcommands only from
the group's own cog, so these are a mixin of the `/meetup` cog (cogs/meetups.py), not a cog of
their own. Mixed in first, they are still the first subcommands Discord is sent, so the command
tree, and its hash that decides a sync, stay as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import discord
from discord import app_commands

from bot.client import respond
from bot.meetups import LATER_DATES_OFF, Changed, Meetup, MeetupDraft, MeetupService
from cogs._meetup_cards import MeetupCards
from cogs._meetup_edit_replies import EditAsked, edit_reply
from cogs._meetup_edits import (
    dates_off_over,
    over_capacity,
    raised,
    refuse_unclear_edit,
    signup_closed_to_more,
)
from cogs._meetup_moderated import (
    acting_of,
    refuse_changing_cancelled,
    refuse_undoing_others_cancel,
)
from cogs._meetup_options import (
    EDITED_DATES,
    EVERY_DATE,
    MORE_FORMS,
    REPEAT_HELP,
    date_off_autocomplete,
    date_off_named,
    meetup_named,
    occurrence_autocomplete,
    occurrence_named,
    own_meetup_autocomplete,
    region_autocomplete,
    restorable_autocomplete,
)
from cogs._meetup_posts import MeetupThreadNames
from cogs._meetup_series_cancel import asked_to_cancel_series
from cogs._text import quoted
from cogs.checks import is_moderator, organizer_only, require_own_meetup
from cogs.meetups_views import clock_of, told_text
from cogs.setup import zone_autocomplete

# Create and edit read a cutoff alike: 0, however typed, is none.
CUTOFF_HELP = "Close signup this long before each start: 2h, 90m, 1d (0: no cutoff)"


class MeetupChanges:
    """`/meetup create`, `edit`, `cancel` and `restore`, for the `/meetup` cog that mixes them
    in, which provides what they use here."""

    service: MeetupService
    names: MeetupThreadNames
    card_posts: MeetupCards
    touch: Callable[[int, int], None]  # something about the meetup changed: edit its card soon

    @app_commands.command(name="create", description="Post a meetup members can answer")
    @app_commands.describe(
        title="What it is, e.g. Kei Truck Day at the fairgrounds",
        when=f"When it starts: Dec 5 10am, sat six pm PT, 10am-2pm; {MORE_FORMS}",
        location="Where: an address or a place people can search for",
        timezone="The zone, if the time does not name one (else yours, else the server's)",
        description="Anything else people should know",
        capacity="How many people may come, guests included (0 or left out: no limit)",
        trucks="How many trucks fit: parking or show spots (0 or left out: no limit)",
        repeat=REPEAT_HELP,
        region="The region, so members can find meetups near them",
        duration=(
            "How long it lasts, in minutes; else a range typed in when (10am-2pm), else 3 hours"
        ),
        cutoff=CUTOFF_HELP,
    )
    @app_commands.autocomplete(timezone=zone_autocomplete, region=region_autocomplete)
    @organizer_only("create meetups")
    async def create(
        self,
        interaction: discord.Interaction,
        title: str,
        when: str,
        location: str,
        timezone: str | None = None,
        description: str = "",
        capacity: int | None = None,
        trucks: int | None = None,
        repeat: str | None = None,
        region: str | None = None,
        duration: int | None = None,
        cutoff: str | None = None,
    ) -> None:
        draft = MeetupDraft(
            title=title,
            when=when,
            location=location,
            description=description,
            zone_option=timezone,
            repeat=repeat,
            capacity=capacity,
            truck_capacity=trucks,
            region=region,
            duration_minutes=duration,
            cutoff=cutoff,
        )
        await self.card_posts.post_new(interaction, draft)

    @app_commands.command(name="edit", description="Change a meetup you organize")
    @app_commands.describe(
        meetup="The meetup",
        title="A new title",
        when=(
            "A new time (8pm alone keeps the date's day): a series' next date only unless "
            "dates says every date"
        ),
        location="A new place for all its dates; those going, waiting or maybe are told",
        description="A new description (none: no description)",
        capacity="How many people may come, guests included (0: no limit)",
        trucks="How many trucks fit (0: no limit)",
        timezone="The zone of the new time, if it names none (else the meetup's own zone)",
        duration="How long it lasts, in minutes (or type when as a range: 10am-2pm)",
        region="A new region (none: no region)",
        cutoff=CUTOFF_HELP,
        repeat="A series' new rule from its next date on: weekly, monthly on the first sunday…",
        dates="For a series: which dates a new when moves (the next one only, unless you choose)",
    )
    @app_commands.choices(dates=EDITED_DATES)
    @app_commands.autocomplete(
        meetup=own_meetup_autocomplete, timezone=zone_autocomplete, region=region_autocomplete
    )
    @organizer_only("edit meetups")
    async def edit(
        self,
        interaction: discord.Interaction,
        meetup: str,
        title: str | None = None,
        when: str | None = None,
        location: str | None = None,
        description: str | None = None,
        capacity: int | None = None,
        trucks: int | None = None,
        timezone: str | None = None,
        duration: int | None = None,
        region: str | None = None,
        cutoff: str | None = None,
        repeat: str | None = None,
        dates: str | None = None,
    ) -> None:
        chosen = await meetup_named(interaction, meetup, cancelled=True)
        await require_own_meetup(interaction, chosen.organizer_id, "edit this meetup")
        await refuse_changing_cancelled(interaction, self.service, chosen, again=False)
        every_date = dates == EVERY_DATE
        refuse_unclear_edit(
            changes=(
                *(title, location, description, when, duration, repeat, capacity, trucks),
                *(region, cutoff),
            ),
            when=when,
            repeat=repeat,
            zone=timezone,
            dates=dates,
        )
        guild_id = chosen.guild_id
        if title is not None and chosen.thread_id is not None:
            # Looking the thread up, and renaming it, may take seconds (reopening an archived
            # one first): answer "thinking" before either.
            await interaction.response.defer(ephemeral=True, thinking=True)
        behind = title is not None and await self.names.named_behind(chosen)
        edited = await self.service.edit(
            guild_id,
            chosen.id,
            title=title,
            location=location,
            description=description,
            capacity=capacity,
            truck_capacity=trucks,
            duration_minutes=duration,
            region=region,
            cutoff=cutoff,
            when=when,
            zone_option=timezone,
            repeat=repeat,
            every_date=every_date,
            by=interaction.user.id,
            thread_behind=behind,
            acting=acting_of(interaction),
        )
        typed = edited.details
        limits = (typed.capacity, typed.truck_capacity) != (None, None)
        new_title = (
            None if typed.title is None else (await self.service.get(guild_id, chosen.id)).title
        )
        moved = edited.changed
        asked = EditAsked(
            description=bool(typed.description),
            limits=limits,
            duration=typed.duration_minutes is not None,
            time=moved is not None and moved.when is not None,
            new_title=new_title,
        )
        said = edit_reply(chosen, edited, asked)
        if asked.time and moved is not None:
            # The date moved to comes first: reminders already past for it are lost, as at a
            # create.
            start = moved.occurrences[0].starts_at
            said += await self.card_posts.reminders_missed_notes(guild_id, start)
        if moved and chosen.rrule and not moved.series and moved.moved_from:
            said += await dates_off_over(self.service, moved.meetup, moved.occurrences[0])
        if limits:
            said += await over_capacity(self.service, chosen)
        if raised(chosen.capacity, capacity) or raised(chosen.truck_capacity, trucks):
            said += await signup_closed_to_more(self.service, chosen)
        renamed = typed.title is not None and chosen.thread_id is not None
        if renamed and (thread := await self.names.follow(guild_id, chosen.id)):
            said.append(thread)
        self.touch(guild_id, chosen.id)
        await respond(interaction, " ".join(said))

    @app_commands.command(
        name="cancel", description="Cancel a meetup you organize, or one date of a series"
    )
    @app_commands.describe(
        meetup="The meetup",
        reason="Why, for those going",
        occurrence="Only this date of a series (leave out for the whole meetup)",
    )
    @app_commands.autocomplete(meetup=own_meetup_autocomplete, occurrence=occurrence_autocomplete)
    @organizer_only("cancel meetups")
    async def cancel(
        self,
        interaction: discord.Interaction,
        meetup: str,
        reason: str | None = None,
        occurrence: str | None = None,
    ) -> None:
        chosen = await meetup_named(interaction, meetup, cancelled=True)
        await require_own_meetup(interaction, chosen.organizer_id, "cancel this meetup")
        await refuse_changing_cancelled(interaction, self.service, chosen, again=True)
        start = (
            None if occurrence is None else await occurrence_named(interaction, chosen, occurrence)
        )
        # A whole series goes for good, unlike a one-off or a date: its organizer confirms.
        whole_series = start is None and chosen.rrule is not None
        if whole_series and await asked_to_cancel_series(interaction, self.service, chosen, reason):
            return
        await respond(interaction, await self.cancel_now(interaction, chosen, reason, start))

    async def cancel_now(
        self,
        interaction: discord.Interaction,
        chosen: Meetup,
        reason: str | None,
        start: datetime | None,
        *,
        editing: bool = False,
    ) -> str:
        """Cancel the meetup, or its date `start`, as `/meetup cancel` asked (a whole series once
        confirmed: `editing`, the answer replaces the question); what the canceller reads."""
        changed = await self.service.cancel(
            chosen.guild_id,
            chosen.id,
            reason=reason,
            original_start=start,
            by=interaction.user.id,
            acting=acting_of(interaction),
        )
        self.touch(chosen.guild_id, chosen.id)
        whole = changed.meetup.cancelled_at is not None  # a one-off's only date is all of it
        said = [
            cancelled_text(
                changed,
                clock_of(interaction).now(),
                one_date=not whole and start is not None,
                called_off=await self.service.called_off(changed.meetup),
            ),
            told_text(len(changed.told)),
        ]
        if whole and chosen.thread_id is not None:
            # Its thread is marked cancelled; reopening an archived one may take seconds.
            if editing:
                await interaction.response.defer()
            else:
                await interaction.response.defer(ephemeral=True, thinking=True)
            # Those told are also mentioned in a notice there (bot/meetups/notices.py).
            told = bool(changed.told)
            if thread := await self.names.follow(chosen.guild_id, chosen.id, notice_follows=told):
                said.append(thread)
        return " ".join(said)

    @app_commands.command(
        name="restore",
        description=(
            "Undo a cancel until its date ends: of a one-off you organize or of one date; not a "
            "whole series"
        ),
    )
    @app_commands.describe(
        meetup="The cancelled meetup, or the series with a date off",
        occurrence="The date of the series to hold again",
    )
    @app_commands.autocomplete(meetup=restorable_autocomplete, occurrence=date_off_autocomplete)
    @organizer_only("restore meetups")
    async def restore(
        self, interaction: discord.Interaction, meetup: str, occurrence: str | None = None
    ) -> None:
        chosen = await meetup_named(interaction, meetup, cancelled=True)
        await require_own_meetup(interaction, chosen.organizer_id, "restore this meetup")
        start = (
            None
            if occurrence is None or chosen.rrule is None
            else await date_off_named(interaction, chosen, occurrence)
        )
        moderator = await is_moderator(interaction)
        await refuse_undoing_others_cancel(self.service, chosen, start, moderator=moderator)
        changed = await self.service.restore(
            chosen.guild_id,
            chosen.id,
            original_start=start,
            by=interaction.user.id,
            acting=acting_of(interaction),
        )
        self.touch(chosen.guild_id, chosen.id)
        [date] = changed.occurrences
        said = [
            f"Restored {quoted(chosen.title)} on {discord.utils.format_dt(date.starts_at, 'F')}.",
            told_text(len(changed.told), len(changed.declined)),
        ]
        if chosen.cancelled_at is not None and chosen.thread_id is not None:
            # Its thread takes its name back; reopening an archived one may take seconds.
            await interaction.response.defer(ephemeral=True, thinking=True)
            # Left open, as a thread a notice follows in is: the meetup is live again.
            if thread := await self.names.follow(chosen.guild_id, chosen.id, notice_follows=True):
                said.append(thread)
        await respond(interaction, " ".join(said))


def cancelled_text(changed: Changed, now: datetime, *, one_date: bool, called_off: bool) -> str:
    """The cancel as whoever made it reads it: a meetup, or one date of a series, stopped
    while under way (`called_off`, for a whole one) is "called off", as those there are told,
    and can be restored until it ends; a whole series cannot, and its later dates are off."""
    meetup, [date, *_] = changed.meetup, changed.occurrences
    title = quoted(meetup.title)
    # At its time as it stands: the option names a moved date by where it was.
    since = discord.utils.format_dt(date.starts_at, "F")
    if not (one_date or called_off) or date.starts_at > now:
        return f"Cancelled {title}{f' on {since}' if one_date else ''}."
    if one_date:
        said = f"Called off {title} on {since}, under way."
    else:
        said = f"Called off {title}, under way since {since}."
        if meetup.rrule is not None:
            return f"{said} {LATER_DATES_OFF}"
    until = discord.utils.format_dt(date.starts_at + meetup.duration, "t")
    return f"{said} `/meetup restore` can undo this until {until}, when it ends."
