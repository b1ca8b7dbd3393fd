"""Importers in Discord: profiles, announcements (a form), structured arrivals and feeds."""

from __future__ import annotations

import logging
import re
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import (
    HeldForm,
    KeepItButton,
    KeitoraBot,
    in_time,
    report_error,
    respond,
    stateless_view,
)
from bot.errors import UserError
from bot.feeds import FeedError
from bot.importers import (
    AnnouncementDraft,
    ArrivalDraft,
    FeedRemoved,
    Importer,
)
from bot.importers.arrivals import MAX_NOTES
from bot.importers.own_announcements import Overtaken
from bot.importers.profile_fields import NONE, is_none
from bot.importers.values import MAX_BODY
from bot.limits import AUTOCOMPLETE_CHOICES, CHOICE_NAME, EMBED_TITLE, fit
from cogs._importer_picks import (
    importer_id,
    own_announcement_autocomplete,
    picked_id,
    posted_autocomplete,
    services_of,
    waiting_picked,
)
from cogs._importer_takedown import FormerKeepItButton, TakeDownButton, take_down
from cogs._sent_forms import fix_button, refuse_with_fix, sent_embed, sent_in
from cogs._text import server_name
from cogs.checks import (
    READ_ONLY,
    Gate,
    guild_id_of,
    importer_only,
    is_moderator,
    require_importer,
)
from cogs.eligibility import model_choices
from cogs.importers_views import (
    announced_reply,
    announcement_embed,
    card_length,
    changed_reply,
    feed_removed_reply,
    feed_saved_reply,
    importer_embed,
    importer_lines,
    preview_embed,
    takedown_question,
    withdrawn_reply,
)

log = logging.getLogger(__name__)

ANNOUNCE = "announce"
FORM_URL = 512  # characters of a link the form takes
MANAGE_IMPORTERS = "register, edit, suspend or remove importers"


async def importer_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    importers, _ = services_of(interaction)
    found = await importers.search(guild_id_of(interaction), current, AUTOCOMPLETE_CHOICES)
    return [app_commands.Choice(name=fit(i.name, CHOICE_NAME), value=str(i.id)) for i in found]


async def model_code_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    return model_choices(current)


async def require_importer_profile(interaction: discord.Interaction, action: str) -> None:
    """Importers, suspended ones too: a suspension stops what is new, not taking back what
    waits on hold."""
    importers, _ = services_of(interaction)
    try:
        await importers.profile_of_member(guild_id_of(interaction), interaction.user.id)
    except UserError as refused:
        raise app_commands.CheckFailure(refused.message) from None


async def require_importer_or_moderator(interaction: discord.Interaction, action: str) -> None:
    """Importers act on their own announcements, moderators on any importer's. A suspended
    importer is let through: what the suspension holds back, never shown, they may still take
    down; the posted ones are refused them, saying why (`OwnAnnouncements.post_of`)."""
    if await is_moderator(interaction):
        return
    importers, _ = services_of(interaction)
    try:
        await importers.profile_of_member(guild_id_of(interaction), interaction.user.id)
    except UserError:
        raise app_commands.CheckFailure(
            f"Only an importer (their own) or a moderator (any importer's) can {action}."
        ) from None


async def profile_embed(
    bot: KeitoraBot, importer: Importer, *, for_moderator: bool
) -> discord.Embed:
    """An importer's profile as /importer info shows it: its feed and what waits; to a
    moderator, who suspended it, when and why."""
    services = bot.services
    return importer_embed(
        importer,
        for_moderator,
        await services.feeds.state(importer.id),
        await services.announcements.queued_count(importer.id),
        await services.announcements.waiting_to_publish(importer.id),
    )


# The form's boxes by name, with their labels, under which a refusal shows what was sent.
ANNOUNCEMENT_LABELS = {
    "headline": "Title",
    "body": "Text",
    "link": "Link (https://…)",
    "image": "Image URL (https://….jpg)",
}


class AnnouncementForm(HeldForm):
    """Title, text, link and image of an announcement."""

    headline: discord.ui.TextInput[AnnouncementForm] = discord.ui.TextInput(
        label=ANNOUNCEMENT_LABELS["headline"], max_length=EMBED_TITLE
    )
    body: discord.ui.TextInput[AnnouncementForm] = discord.ui.TextInput(
        label=ANNOUNCEMENT_LABELS["body"],
        style=discord.TextStyle.paragraph,
        required=False,
        max_length=MAX_BODY,
    )
    link: discord.ui.TextInput[AnnouncementForm] = discord.ui.TextInput(
        label=ANNOUNCEMENT_LABELS["link"], required=False, max_length=FORM_URL
    )
    image: discord.ui.TextInput[AnnouncementForm] = discord.ui.TextInput(
        label=ANNOUNCEMENT_LABELS["image"], required=False, max_length=FORM_URL
    )

    def __init__(self, changing: int | None = None, start: AnnouncementDraft | None = None) -> None:
        """A new announcement, or a change of the one numbered `changing` (waiting for
        moderators); filled with `start`."""
        title = "Announce" if changing is None else f"Change announcement #{changing}"
        super().__init__(title=title)
        self.changing = changing
        if start is not None:
            self.headline.default = start.title
            self.body.default = start.body or None
            self.link.default = start.link
            self.image.default = start.image_url

    def typed(self) -> AnnouncementDraft:
        return AnnouncementDraft(
            self.headline.value, self.body.value, self.link.value, self.image.value
        )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        _, announcements = services_of(interaction)
        draft = self.typed()
        if self.changing is not None:
            await self._change(interaction, self.changing, draft)
            return
        # The form may stay open for minutes: the importer may have been suspended meanwhile.
        await require_importer(interaction, ANNOUNCE)
        announced = await in_time(
            interaction,
            announcements.announce(
                guild_id_of(interaction), interaction.user.id, draft, shown=card_length
            ),
        )
        await respond(
            interaction,
            announced_reply(announced),
            embed=announcement_embed(announced.announcement),
        )

    async def _change(
        self, interaction: discord.Interaction, announcement_id: int, draft: AnnouncementDraft
    ) -> None:
        _, announcements = services_of(interaction)
        changed = await in_time(
            interaction,
            announcements.own.edit(
                guild_id_of(interaction),
                interaction.user.id,
                announcement_id,
                draft,
                shown=card_length,
            ),
        )
        await respond(interaction, changed_reply(changed), embed=announcement_embed(changed))

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        # Discord closes a form once it is sent: a refusal (a link, a title, the daily limit)
        # offers it again as typed, or an importer would type a long announcement again.
        if not isinstance(error, UserError):
            await report_error(interaction, error)
            return
        draft = self.typed()
        typed = {"headline": draft.title, "body": draft.body, "link": draft.link}
        sent = sent_embed(ANNOUNCEMENT_LABELS, typed | {"image": draft.image_url})
        # Overtaken: no form sent again could change it now, so no "Fix the form".
        fix = None if isinstance(error, Overtaken) else FixAnnouncementForm(self.changing)
        await refuse_with_fix(interaction, error, sent, fix)


class FixAnnouncementForm(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"ifix:(?P<changing>new|\d+)"
):
    """ "Fix the form" under a refused announcement, new or a change of the one numbered
    `changing`: the form again, filled with what its refusal shows was sent, also after a
    restart. Submitting it checks again who may announce or change it."""

    def __init__(self, changing: int | None) -> None:
        super().__init__(fix_button(f"ifix:{'new' if changing is None else changing}"))
        self.changing = changing

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> FixAnnouncementForm:
        return cls(None if match["changing"] == "new" else int(match["changing"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        typed = sent_in(ANNOUNCEMENT_LABELS, interaction.message)
        draft = AnnouncementDraft(typed["headline"], typed["body"], typed["link"], typed["image"])
        await interaction.response.send_modal(AnnouncementForm(self.changing, draft))


@app_commands.guild_only()
class ImporterCog(commands.GroupCog, group_name="importer", group_description="Kei importers"):
    feed = app_commands.Group(name="feed", description="Your importer feed")

    def __init__(self, bot: KeitoraBot) -> None:
        self.bot = bot
        self.importers = bot.services.importers
        self.announcements = bot.services.announcements
        self.feeds = bot.services.feeds

    @app_commands.command(name="list", description="Verified importers here", extras=READ_ONLY)
    async def list_importers(self, interaction: discord.Interaction) -> None:
        importers = await self.importers.all(guild_id_of(interaction))
        embed = discord.Embed(title="Importers", description=importer_lines(importers))
        await respond(interaction, embed=embed)

    @app_commands.command(name="info", description="One importer", extras=READ_ONLY)
    @app_commands.describe(importer="The importer")
    @app_commands.autocomplete(importer=importer_autocomplete)
    async def info(self, interaction: discord.Interaction, importer: str) -> None:
        found = await self.importers.get(guild_id_of(interaction), importer_id(importer))
        shown = await profile_embed(self.bot, found, for_moderator=await is_moderator(interaction))
        await respond(interaction, embed=shown)

    @app_commands.command(name="announce", description="Announce news or an event")
    @importer_only(ANNOUNCE)
    async def announce(self, interaction: discord.Interaction) -> None:
        # What would refuse it whatever is typed is said before a long text is typed in vain.
        await self.announcements.require_room(guild_id_of(interaction), interaction.user.id)
        await interaction.response.send_modal(AnnouncementForm())

    @app_commands.command(name="arrival", description="Announce a truck that arrived")
    @app_commands.describe(
        make="Daihatsu, Suzuki, Honda…",
        model="Hijet, Carry, Acty…",
        year="Year built",
        model_code="Chassis model code, such as S110P",
        drive="2WD or 4WD",
        grade="Auction grade: 4.5, 4, 3.5, R…",
        mileage_km="Odometer: 45,000 (km), or 28,000 mi",
        price="Price in US dollars: 8,500 or 8.5k",
        state="Where the truck is: TX or Texas",
        photo="Photo URL (https://….jpg)",
        link="Listing URL (https://…)",
        notes="What the fields cannot say: dump bed, A/C, 5-speed…",
    )
    @app_commands.autocomplete(model_code=model_code_autocomplete)
    @app_commands.choices(
        drive=[
            app_commands.Choice(name="2WD", value="2wd"),
            app_commands.Choice(name="4WD", value="4wd"),
        ]
    )
    @importer_only(ANNOUNCE)
    async def arrival(
        self,
        interaction: discord.Interaction,
        make: app_commands.Range[str, 1, 40],
        model: app_commands.Range[str, 1, 60],
        year: app_commands.Range[int, 1950, 2100],
        model_code: app_commands.Range[str, 1, 40] | None = None,
        drive: str | None = None,
        grade: app_commands.Range[str, 1, 10] | None = None,
        mileage_km: app_commands.Range[str, 1, 20] | None = None,
        price: app_commands.Range[str, 1, 20] | None = None,
        state: app_commands.Range[str, 1, 20] | None = None,
        photo: app_commands.Range[str, 1, 512] | None = None,
        link: app_commands.Range[str, 1, 512] | None = None,
        notes: app_commands.Range[str, 1, MAX_NOTES] | None = None,
    ) -> None:
        draft = ArrivalDraft(
            make,
            model,
            year,
            model_code,
            drive,
            grade,
            mileage_km,
            price,
            state,
            photo,
            link,
            notes,
        )
        announced = await in_time(
            interaction,
            self.announcements.announce_arrival(
                guild_id_of(interaction), interaction.user.id, draft
            ),
        )
        await respond(
            interaction,
            announced_reply(announced),
            embed=announcement_embed(announced.announcement),
        )

    @app_commands.command(
        name="withdraw", description="Take back an announcement still waiting for moderators"
    )
    @app_commands.describe(announcement="Your announcement waiting for moderators")
    @app_commands.autocomplete(announcement=own_announcement_autocomplete(posted=False))
    @Gate(require_importer_profile, "withdraw an announcement", None).attach
    async def withdraw(self, interaction: discord.Interaction, announcement: str) -> None:
        withdrawn = await self.announcements.own.withdraw(
            guild_id_of(interaction),
            interaction.user.id,
            await waiting_picked(interaction, announcement),
        )
        await respond(interaction, withdrawn_reply(withdrawn.title))

    @app_commands.command(
        name="edit", description="Change an announcement still waiting for moderators"
    )
    @app_commands.describe(announcement="Your announcement waiting for moderators")
    @app_commands.autocomplete(announcement=own_announcement_autocomplete(posted=False))
    @Gate(require_importer_profile, "change an announcement", None).attach
    async def edit(self, interaction: discord.Interaction, announcement: str) -> None:
        waiting = await self.announcements.own.changeable(
            guild_id_of(interaction),
            interaction.user.id,
            await waiting_picked(interaction, announcement),
        )
        if any(len(url or "") > FORM_URL for url in (waiting.link, waiting.image_url)):
            raise UserError(
                f"Its link is longer than the form holds ({FORM_URL} characters); withdraw it "
                "and announce it again."
            )
        start = AnnouncementDraft(waiting.title, waiting.body, waiting.link, waiting.image_url)
        await interaction.response.send_modal(AnnouncementForm(waiting.id, start))

    @app_commands.command(name="delete", description="Take down a posted announcement")
    @app_commands.describe(announcement="Your posted announcement (a moderator: any importer's)")
    @app_commands.autocomplete(announcement=posted_autocomplete)
    @Gate(require_importer_or_moderator, "take down an announcement", None).attach
    async def delete(self, interaction: discord.Interaction, announcement: str) -> None:
        guild_id, member_id = guild_id_of(interaction), interaction.user.id
        ref = picked_id(announcement, "announcement")
        moderator_in = server_name(interaction) if await is_moderator(interaction) else None
        if moderator_in is not None:
            found = await self.announcements.own.post_of(
                guild_id, member_id, ref, moderator_in=moderator_in
            )
            if found.announcement.importer_member_id != member_id:
                view = stateless_view([TakeDownButton(ref), KeepItButton("taken-down")])
                question = takedown_question(found.announcement, unposted=found.unposted)
                await respond(interaction, question, view=view)
                return
        await interaction.response.defer(ephemeral=True, thinking=True)
        await respond(interaction, await take_down(interaction, ref, moderator_in))

    @feed.command(name="url", description="Set your RSS or Atom feed, or remove it")
    @app_commands.describe(url=f"The feed's address (https://…), or {NONE} to remove your feed")
    # A suspended importer may remove their feed: set_feed refuses them a new one, saying why.
    @Gate(require_importer_profile, "set a feed", None).attach
    async def feed_url(
        self, interaction: discord.Interaction, url: app_commands.Range[str, 1, 512]
    ) -> None:
        if not is_none(url):
            # The feed is fetched and read before it is saved, which may take longer than 3 s.
            await interaction.response.defer(ephemeral=True, thinking=True)
        saved = await self.importers.set_feed(guild_id_of(interaction), interaction.user.id, url)
        if isinstance(saved, FeedRemoved):
            await respond(interaction, feed_removed_reply(saved))
        else:
            await respond(interaction, feed_saved_reply(saved, url))

    @feed.command(name="test", description="Fetch your feed now: what would be posted, and why")
    @app_commands.describe(url="Another address to try (default: your feed)")
    @importer_only("test a feed")
    async def feed_test(
        self, interaction: discord.Interaction, url: app_commands.Range[str, 1, 512] | None = None
    ) -> None:
        importer = await self.importers.of_member(guild_id_of(interaction), interaction.user.id)
        address = url or importer.feed_url
        if address is None:
            raise UserError(
                "You have no feed yet; give its address, or set it with /importer feed url."
            )
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            feed, outcome = await self.feeds.preview(importer.id, address)
        except FeedError as failed:
            raise UserError(f"The feed cannot be read: {failed}") from None
        outcome = await self.announcements.as_polled(importer, outcome)
        to_moderators = not await self.importers.posts_feed_items(importer)
        await respond(interaction, embed=preview_embed(feed, outcome, to_moderators=to_moderators))


async def setup(bot: KeitoraBot) -> None:
    await bot.add_cog(ImporterCog(bot))
    bot.add_dynamic_items(TakeDownButton, FormerKeepItButton, FixAnnouncementForm)
