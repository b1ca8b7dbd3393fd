"""`/meetup`: organizers post meetups as cards members answer on; members list them, read one
and see who's coming. (`/timezone`, a member's own zone, is in cogs/meetup_timezone.py;
`/meetup create`, `edit`, `cancel` and `restore`, what organizers do to a meetup, in
cogs/_meetup_changes.py, mixed into this cog.)

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

from bot.calendar import meetup_calendar
from bot.client import KeitoraBot, respond
from bot.errors import UserError
from bot.meetups import LATER_DATES_OFF, MeetupService, Occurrence, card_link
from bot.setup import parse_offsets
from bot.when import RULE_PARTS
from cogs._meetup_cards import MeetupCards
from cogs._meetup_changes import MeetupChanges
from cogs._meetup_options import (
    MORE_FORMS,
    REMINDER_TIMES,
    REPEAT_HELP,
    SERIES_EDIT_HELP,
    SERVER_TIMES,
    attendees_meetup_autocomplete,
    listed_date_autocomplete,
    listed_date_named,
    meetup_autocomplete,
    meetup_named,
    region_autocomplete,
    template_autocomplete,
)
from cogs._meetup_posts import MeetupPosts, MeetupThreadNames
from cogs._meetup_series_cancel import CancelSeriesButton
from cogs._text import quoted
from cogs.checks import READ_ONLY, guild_id_of, is_moderator, organizer_only, require_own_meetup
from cogs.meetup_events import EVENTS_TAB_HELP
from cogs.meetups_card_views import (
    DatePage,
    DatePick,
    PartyButton,
    RsvpButton,
    show_card,
)
from cogs.meetups_list_views import AttendeesPageButton, ListPageButton, show_attendees, show_list
from cogs.meetups_views import (
    MEETUP_COG,
    CardEdits,
    reminders_reply,
)
from cogs.setup import zone_autocomplete

CARD_FLUSH_SECONDS = 5.0  # how long an unload waits for the last card edits


@app_commands.guild_only()
class MeetupCog(
    MeetupChanges,
    commands.GroupCog,
    name=MEETUP_COG,
    group_name="meetup",
    group_description="Regional meetups and Kei Truck Days",
    group_extras={
        "help": f"{SERIES_EDIT_HELP}\n\n{EVENTS_TAB_HELP}",
        "help fields": tuple(
            (f"How times are read ({number} of {len(RULE_PARTS)})", part)
            for number, part in enumerate(RULE_PARTS, start=1)
        ),
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

    async def edit_card(self, guild_id: int, meetup_id: int) -> None:
        """Render the card again from the database now; raises what Discord answered."""
        await self.card_posts.edit(guild_id, meetup_id)

    async def keep_card(self, guild_id: int, meetup_id: int, message: discord.Message) -> None:
        """Record a card Discord never confirmed sending, once a click shows it is out."""
        await self.card_posts.keep_clicked(guild_id, meetup_id, message)

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
    @app_commands.describe(
        region="Only meetups in this region",
        mine="Only meetups you organize or answered Going, Maybe or waitlist for",
    )
    @app_commands.autocomplete(region=region_autocomplete)
    async def list_(
        self, interaction: discord.Interaction, region: str | None = None, mine: bool = False
    ) -> None:
        # Left blank, as left out: every region.
        region = region.strip() if region else None
        if region:
            region = await self.service.region_named(guild_id_of(interaction), region)
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
        # A cancelled one too: importing its file marks it cancelled in a calendar that holds
        # it (the same event, as /meetup calendar has it).
        chosen = await meetup_named(interaction, meetup, cancelled=True)
        data = meetup_calendar(
            await self.service.with_exceptions([chosen]),
            name=chosen.title,
            card_url=card_link,
            now=self.bot.clock.now(),
        )
        brings = "all the series' dates" if chosen.rrule else "its date, time and place"
        why = f": {quoted(chosen.cancel_reason)}" if chosen.cancel_reason else ""
        called_off = await self.service.called_off(chosen)
        later = f" {LATER_DATES_OFF}" if called_off and chosen.rrule else ""
        said = (
            f"Open the file to add it to your calendar app; it brings {brings}."
            if chosen.cancelled_at is None
            else f"{quoted(chosen.title)} was {'called off' if called_off else 'cancelled'}"
            f"{why}.{later} Open the file to mark it "
            "cancelled in your calendar app, if you added it there."
        )
        await _send_calendar(interaction, data, f"meetup-{chosen.id}.ics", said)

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
            # "yet" only where none was ever posted: elsewhere meetups were held already.
            yet = "" if await self.bot.services.meetups.any_posted(guild_id) else " yet"
            raise UserError(f"There are no upcoming meetups in this server{yet}.")
        await _send_calendar(
            interaction,
            feed.ics,
            f"meetups-{guild_id}.ics",
            "Open the file to add it to your calendar app; a series brings all its dates.",
        )

    @app_commands.command(
        name="attendees", description="Who is going, waiting and maybe", extras=READ_ONLY
    )
    @app_commands.describe(
        meetup="The meetup",
        occurrence="Only this date of a series, ahead or cancelled (else the next one)",
    )
    @app_commands.autocomplete(
        meetup=attendees_meetup_autocomplete, occurrence=listed_date_autocomplete
    )
    async def attendees(
        self, interaction: discord.Interaction, meetup: str, occurrence: str | None = None
    ) -> None:
        chosen = await meetup_named(interaction, meetup, cancelled=True)
        if occurrence is not None:
            date = await listed_date_named(interaction, chosen, occurrence)
            await show_attendees(interaction, chosen, date, 1, named=True)
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
    interaction: discord.Interaction, data: bytes, filename: str, said: str
) -> None:
    """The calendar file, with what opening it does in a calendar app (`said`)."""
    await respond(interaction, said, file=discord.File(io.BytesIO(data), filename=filename))


async def setup(bot: KeitoraBot) -> None:
    bot.add_dynamic_items(
        RsvpButton,
        PartyButton,
        DatePick,
        DatePage,
        ListPageButton,
        AttendeesPageButton,
        CancelSeriesButton,
    )
    await bot.add_cog(MeetupCog(bot))
