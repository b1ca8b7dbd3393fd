"""`/meetup`: organizers post meetups as cards members answer on; members list them, read one
and see who's coming. (`/timezone`, a member's own zone, is in cogs/meetup_timezone.py.)

The card is edited in place after every answer, coalesced per meetup by `CardEdits`, and always
rendered from the database, so nothing about it is kept only in memory. The options' autocomplete
and reading are in cogs/_meetup_options.py, the card's channel and thread in cogs/_meetup_posts.py,
posting and editing the card in cogs/_meetup_cards.py, what `/meetup edit` checks and adds to its
reply in cogs/_meetup_edits.py, and what is shown in cogs/meetups_views.py,
meetups_card_views.py and meetups_list_views.py.
"""

from __future__ import annotations

import io
from typing import Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.calendar import card_link, meetup_calendar
from bot.client import KeitoraBot, respond
from bot.errors import UserError
from bot.meetups import MeetupDraft, MeetupService, Occurrence
from bot.setup import parse_offsets
from bot.when import RULES
from cogs._meetup_cards import MeetupCards
from cogs._meetup_edits import dates_off_over, over_capacity, refuse_unclear_edit
from cogs._meetup_moderated import acting_of, refuse_undoing_others_cancel
from cogs._meetup_options import (
    EDITED_DATES,
    EVERY_DATE,
    REMINDER_TIMES,
    REPEAT_HELP,
    SERIES_EDIT_HELP,
    SERVER_TIMES,
    date_off_autocomplete,
    date_off_named,
    listed_date_autocomplete,
    listed_date_named,
    meetup_autocomplete,
    meetup_named,
    occurrence_autocomplete,
    occurrence_named,
    own_meetup_autocomplete,
    region_autocomplete,
    restorable_autocomplete,
    template_autocomplete,
)
from cogs._meetup_posts import MeetupPosts, MeetupThreadNames
from cogs._text import quoted
from cogs.checks import READ_ONLY, guild_id_of, is_moderator, organizer_only, require_own_meetup
from cogs.meetup_events import EVENTS_TAB_HELP
from cogs.meetups_card_views import (
    PartyButton,
    RsvpButton,
    show_card,
)
from cogs.meetups_list_views import AttendeesPageButton, ListPageButton, show_attendees, show_list
from cogs.meetups_views import (
    MEETUP_COG,
    CardEdits,
    EditAsked,
    edit_reply,
    reminders_reply,
    told_text,
)
from cogs.setup import zone_autocomplete

CARD_FLUSH_SECONDS = 5.0  # how long an unload waits for the last card edits
# The `when` options have room for a few forms; /help meetup lists them all, in words too.
MORE_FORMS = "every form, in words too: /help meetup"


@app_commands.guild_only()
class MeetupCog(
    commands.GroupCog,
    name=MEETUP_COG,
    group_name="meetup",
    group_description="Regional meetups and Kei Truck Days",
    group_extras={
        "help": f"How times are read:\n{RULES}\n\n{SERIES_EDIT_HELP}\n\n{EVENTS_TAB_HELP}"
    },
):
    def __init__(self, bot: KeitoraBot) -> None:
        self.bot = bot
        self.service: MeetupService = bot.services.meetups
        self.templates = bot.services.meetup_templates
        self.posts = MeetupPosts(bot)
        self.names = MeetupThreadNames(bot)
        self.card_posts = MeetupCards(bot, self.posts)
        self.cards = CardEdits(self.edit_card)

    def touch(self, guild_id: int, meetup_id: int) -> None:
        """Something about the meetup changed: edit its card soon."""
        self.cards.touch(guild_id, meetup_id)

    async def cog_unload(self) -> None:
        await self.cards.flush(CARD_FLUSH_SECONDS)

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
        cutoff="Close signup this long before each start: 2h, 90m, 1d (a bare number is hours)",
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

    async def edit_card(self, guild_id: int, meetup_id: int) -> None:
        """Render the card again from the database now; raises what Discord answered."""
        await self.card_posts.edit(guild_id, meetup_id)

    async def keep_card(self, guild_id: int, meetup_id: int, message: discord.Message) -> None:
        """Record a card Discord never confirmed sending, once a click shows it is out."""
        await self.card_posts.keep_clicked(guild_id, meetup_id, message)

    @app_commands.command(name="edit", description="Change a meetup you organize")
    @app_commands.describe(
        meetup="The meetup",
        title="A new title",
        when=(
            "A new time (8pm alone keeps the date's day): a series' next date only unless "
            "dates says every date"
        ),
        location="A new place for all its dates; those going, waiting or maybe are told",
        description="A new description",
        capacity="How many people may come, guests included (0: no limit)",
        trucks="How many trucks fit (0: no limit)",
        timezone="The zone of the new time, if it names none (else the meetup's own zone)",
        duration="How long it lasts, in minutes (or type when as a range: 10am-2pm)",
        repeat="A series' new rule from its next date on: weekly, monthly on the first sunday…",
        dates="For a series: which dates a new when moves (the next one only, unless you choose)",
    )
    @app_commands.choices(dates=EDITED_DATES)
    @app_commands.autocomplete(meetup=own_meetup_autocomplete, timezone=zone_autocomplete)
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
        repeat: str | None = None,
        dates: str | None = None,
    ) -> None:
        chosen = await meetup_named(interaction, meetup)
        await require_own_meetup(interaction, chosen.organizer_id, "edit this meetup")
        every_date = dates == EVERY_DATE
        refuse_unclear_edit(
            changes=(title, location, description, when, duration, repeat, capacity, trucks),
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
            # The same title again only renames a thread left behind.
            wording=typed.description is not None or new_title not in (None, chosen.title),
            limits=limits,
            duration=typed.duration_minutes is not None,
            time=moved is not None and moved.when is not None,
            new_title=new_title,
        )
        said = edit_reply(chosen, edited, asked)
        if moved and chosen.rrule and not moved.series and moved.moved_from:
            said += await dates_off_over(self.service, moved.meetup, moved.occurrences[0])
        if limits:
            said += await over_capacity(self.service, chosen)
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
        chosen = await meetup_named(interaction, meetup)
        await require_own_meetup(interaction, chosen.organizer_id, "cancel this meetup")
        start = (
            None if occurrence is None else await occurrence_named(interaction, chosen, occurrence)
        )
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
        which = ""
        if not whole and start is not None:
            # At its time as it stands: `start` names a moved date by where it was.
            [date] = changed.occurrences
            which = f" on {discord.utils.format_dt(date.starts_at, 'F')}"
        said = [f"Cancelled {quoted(chosen.title)}{which}.", told_text(len(changed.told))]
        if whole and chosen.thread_id is not None:
            # Its thread is marked cancelled; reopening an archived one may take seconds.
            await interaction.response.defer(ephemeral=True, thinking=True)
            # Those told are also mentioned in a notice there (bot/meetups/notices.py).
            told = bool(changed.told)
            if thread := await self.names.follow(chosen.guild_id, chosen.id, notice_follows=told):
                said.append(thread)
        await respond(interaction, " ".join(said))

    @app_commands.command(
        name="restore",
        description=(
            "Undo a cancel still ahead: of a meetup you organize, or of one date of a series"
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

    # A member's own choice is no shared data, so it needs no gate, like a read.
    @app_commands.command(
        name="reminders", description="Your reminder DMs before meetups", extras=READ_ONLY
    )
    @app_commands.describe(
        state="on: a DM before each meetup you are going to; off: none",
        before="When your DM comes, in place of the server's reminder times",
    )
    @app_commands.choices(before=REMINDER_TIMES)
    async def reminders(
        self,
        interaction: discord.Interaction,
        state: Literal["on", "off"],
        before: str | None = None,
    ) -> None:
        guild_id, member_id = guild_id_of(interaction), interaction.user.id
        await self.service.members.set_reminders(guild_id, member_id, state == "on")
        if before is not None:
            offset = None if before == SERVER_TIMES else parse_offsets(before)[0]
            await self.bot.services.reminders.set_member_offset(guild_id, member_id, offset)
        server_on = bool((await self.bot.services.setup.get(guild_id)).reminder_offsets)
        own = (await self.service.members.reminder_offsets(guild_id)).get(member_id)
        await respond(interaction, reminders_reply(state == "on", own, server_on=server_on))

    @app_commands.command(name="list", description="Upcoming meetups", extras=READ_ONLY)
    @app_commands.describe(region="Only meetups in this region", mine="Only meetups you organize")
    @app_commands.autocomplete(region=region_autocomplete)
    async def list_(
        self, interaction: discord.Interaction, region: str | None = None, mine: bool = False
    ) -> None:
        await show_list(interaction, 1, region, mine)

    @app_commands.command(name="info", description="One meetup's card", extras=READ_ONLY)
    @app_commands.describe(meetup="The meetup")
    @app_commands.autocomplete(meetup=meetup_autocomplete)
    async def info(self, interaction: discord.Interaction, meetup: str) -> None:
        await show_card(interaction, await meetup_named(interaction, meetup))

    @app_commands.command(name="ics", description="One meetup as a calendar file", extras=READ_ONLY)
    @app_commands.describe(meetup="The meetup")
    @app_commands.autocomplete(meetup=meetup_autocomplete)
    async def ics(self, interaction: discord.Interaction, meetup: str) -> None:
        chosen = await meetup_named(interaction, meetup)
        data = meetup_calendar(
            await self.service.with_exceptions([chosen]),
            name=chosen.title,
            card_url=card_link,
            now=self.bot.clock.now(),
        )
        brings = "all the series' dates" if chosen.rrule else "its date, time and place"
        await _send_calendar(interaction, data, f"meetup-{chosen.id}.ics", f"it brings {brings}")

    @app_commands.command(
        name="calendar",
        description="Every upcoming meetup of this server in one calendar file",
        extras=READ_ONLY,
    )
    async def calendar(self, interaction: discord.Interaction) -> None:
        guild_id = guild_id_of(interaction)
        name = f"{interaction.guild.name if interaction.guild else 'Server'} meetups"
        # What the server's public feed lists, cancellations included: importing the file
        # again marks a meetup cancelled since in the calendar that holds it.
        feed = await self.bot.services.public_calendar.feed(
            guild_id, name=name, stamp=self.bot.clock.now()
        )
        if not feed.meetups:
            raise UserError("There are no upcoming meetups in this server yet.")
        await _send_calendar(
            interaction, feed.ics, f"meetups-{guild_id}.ics", "a series brings all its dates"
        )

    @app_commands.command(
        name="attendees", description="Who is going, waiting and maybe", extras=READ_ONLY
    )
    @app_commands.describe(
        meetup="The meetup",
        occurrence="Only this date of a series, ahead or cancelled (else the next one)",
    )
    @app_commands.autocomplete(meetup=meetup_autocomplete, occurrence=listed_date_autocomplete)
    async def attendees(
        self, interaction: discord.Interaction, meetup: str, occurrence: str | None = None
    ) -> None:
        chosen = await meetup_named(interaction, meetup, cancelled=True)
        if occurrence is not None:
            date = await listed_date_named(interaction, chosen, occurrence)
            await show_attendees(interaction, chosen, date, 1)
            return
        # At the meetup, its organizer reads who said they were coming: the date under way,
        # not the next one its card has moved on to, and a one-off's answers once it is over.
        under_way = await self.service.date_under_way(chosen)
        shown = under_way or await self.service.next_occurrence(chosen)
        if shown is None and chosen.rrule is None:
            shown = Occurrence(chosen.id, chosen.starts_at, chosen.starts_at)
        if shown is None:
            raise UserError(f"“{chosen.title}” has no date still ahead.")
        await show_attendees(interaction, chosen, shown, 1)

    template = app_commands.Group(
        name="template", description="Meetups saved under a name, to post again with one command"
    )

    @template.command(name="save", description="Save a meetup's details to post it again later")
    @app_commands.describe(
        meetup="The meetup whose title, place, description, capacity and length to keep",
        name="A name to find it by, e.g. Kei Truck Day (saving an existing name replaces it)",
    )
    @app_commands.autocomplete(meetup=meetup_autocomplete, name=template_autocomplete)
    @organizer_only("save meetup templates")
    async def template_save(self, interaction: discord.Interaction, meetup: str, name: str) -> None:
        # A cancelled meetup's details are still worth posting again.
        chosen = await meetup_named(interaction, meetup, cancelled=True)
        saved = await self.templates.save(
            chosen, name, interaction.user.id, may_replace_others=await is_moderator(interaction)
        )
        verb = "Replaced" if saved.replaced else "Saved"
        series = (
            " A template keeps no repeat rule: give `repeat:` too to start a series again."
            if chosen.rrule
            else ""
        )
        await respond(
            interaction,
            f"{verb} the template {quoted(saved.template.name)} from {quoted(chosen.title)}. "
            f"Post it again with `/meetup template use`, giving the new time.{series}",
        )

    @template.command(name="use", description="Post a new meetup from a saved template")
    @app_commands.describe(
        name="The template",
        when=f"When this one starts: Dec 5 10am, sat six pm PT; {MORE_FORMS}",
        timezone="The zone, if the time does not name one (else the template's)",
        repeat=REPEAT_HELP,
    )
    @app_commands.autocomplete(name=template_autocomplete, timezone=zone_autocomplete)
    @organizer_only("create meetups")
    async def template_use(
        self,
        interaction: discord.Interaction,
        name: str,
        when: str,
        timezone: str | None = None,
        repeat: str | None = None,
    ) -> None:
        template = await self.templates.get(guild_id_of(interaction), name)
        await self.card_posts.post_new(interaction, template.draft(when, timezone, repeat))

    @template.command(name="delete", description="Delete a saved meetup template")
    @app_commands.describe(name="The template")
    @app_commands.autocomplete(name=template_autocomplete)
    @organizer_only("delete meetup templates")
    async def template_delete(self, interaction: discord.Interaction, name: str) -> None:
        template = await self.templates.get(guild_id_of(interaction), name)
        await require_own_meetup(interaction, template.saved_by, "delete this template")
        await self.templates.delete(template)
        await respond(interaction, f"Deleted the template {quoted(template.name)}.")


async def _send_calendar(
    interaction: discord.Interaction, data: bytes, filename: str, brings: str
) -> None:
    """The calendar file, and what opening it `brings` into a calendar app."""
    await respond(
        interaction,
        f"Open the file to add it to your calendar app; {brings}.",
        file=discord.File(io.BytesIO(data), filename=filename),
    )


async def setup(bot: KeitoraBot) -> None:
    bot.add_dynamic_items(RsvpButton, PartyButton, ListPageButton, AttendeesPageButton)
    await bot.add_cog(MeetupCog(bot))
