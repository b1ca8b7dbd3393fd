"""`/glossary`: look terms up, search, browse, suggest; `/glossary-mod`: moderators curate,
import and export; the word of the day is posted to the glossary channel by a daily job."""

from __future__ import annotations

import asyncio
import hashlib
import io
import logging
from datetime import date, datetime, timedelta
from typing import Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import KeitoraBot, respond
from bot.clock import Clock
from bot.errors import UserError
from bot.glossary import (
    DAILY_WORD_JOB,
    IMPORT_MAX_BYTES,
    GlossaryEntry,
    GlossaryService,
    ImportResult,
    entry_key,
)
from bot.jobs import GiveUp, Job
from bot.limits import AUTOCOMPLETE_CHOICES, MESSAGE_CONTENT, MESSAGE_NONCE, join_within
from cogs._text import echo
from cogs.checks import MODERATOR_PERMISSIONS, READ_ONLY, guild_id_of, moderator_only
from cogs.glossary_views import (
    EDIT_GLOSSARY,
    REVIEW_SUGGESTIONS,
    BrowseButton,
    LookupButton,
    SuggestionButton,
    answer_entry,
    choice_name,
    entry_form,
    escaped_refusals,
    is_word_of_the_day,
    page_view,
    quoted,
    render_history,
    render_page,
    render_search,
    render_suggestions,
    render_word_of_the_day,
    saved,
    suggestions_view,
    terms_view,
)

log = logging.getLogger(__name__)

Category = Literal["class", "body", "drive", "parts", "paper", "auction", "org", "culture", "model"]
PUBLIC_COOLDOWN = timedelta(seconds=5)
# Commands after which the next word-of-the-day post may be due at another time or place.
SCHEDULE_COMMANDS = frozenset({"setup channel", "setup timezone", "setup daily-word"})
IMPORT_TYPES = ("application/json", "text/plain", "application/octet-stream")
RECENT_MESSAGES = 25  # how far back a re-claimed word-of-the-day job looks for its own post


class ChannelCooldown:
    """At most one public glossary card per channel every `PUBLIC_COOLDOWN`.

    Only a card actually posted starts the wait: a lookup that fails or finds nothing answers
    privately and leaves the channel free.
    """

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._last: dict[int, datetime] = {}

    def check(self, channel_id: int) -> None:
        """Refuse while the channel's last public card is younger than `PUBLIC_COOLDOWN`."""
        now = self._clock.now()
        last = self._last.get(channel_id)
        if last is not None and now - last < PUBLIC_COOLDOWN:
            wait = int((PUBLIC_COOLDOWN - (now - last)).total_seconds()) + 1
            raise UserError(
                f"A glossary card was just posted in this channel. Try again in {wait} s, "
                "or leave `public` off to see it yourself."
            )

    def posted(self, channel_id: int) -> None:
        """A public card was posted in the channel: the wait starts now."""
        self._last[channel_id] = self._clock.now()


def post_nonce(job_key: str) -> str:
    """A Discord nonce that is the same for every try of one post."""
    return hashlib.sha256(job_key.encode()).hexdigest()[:MESSAGE_NONCE]


async def term_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """Terms as the member types; never raises, since Discord shows nothing on an error."""
    try:
        bot: KeitoraBot = interaction.client  # type: ignore[assignment]
        entries = await bot.services.glossary.autocomplete(
            guild_id_of(interaction), current, AUTOCOMPLETE_CHOICES
        )
        return [
            app_commands.Choice(name=choice_name(e), value=entry_key(e.headword)) for e in entries
        ]
    except Exception:
        log.warning("glossary autocomplete failed for %r", current[:100], exc_info=True)
        return []


@app_commands.guild_only()
class GlossaryCog(
    commands.GroupCog, group_name="glossary", group_description="Japanese kei-truck terms"
):
    def __init__(self, bot: KeitoraBot) -> None:
        self.bot = bot
        self.service: GlossaryService = bot.services.glossary
        self.schedule = bot.services.daily_word
        self.cooldown = ChannelCooldown(bot.clock)
        self._planning: set[asyncio.Task[Any]] = set()
        self._unloading = False

    async def cog_load(self) -> None:
        self.bot.job_runner.register(DAILY_WORD_JOB, self.post_word_of_the_day)
        planned = await self.schedule.plan_all()
        log.info("word of the day planned for %d servers", planned)
        indexed = await self.service.warm_up()
        log.info("glossary indexes built for %d servers with their own entries", indexed)

    # --- everyone ----------------------------------------------------------------------------

    @app_commands.command(
        name="lookup", description="Look up a Japanese kei-truck term", extras=READ_ONLY
    )
    @app_commands.describe(
        term="The term, in romaji, kana, kanji or English", public="Show it to everyone here"
    )
    @app_commands.autocomplete(term=term_autocomplete)
    async def lookup(
        self, interaction: discord.Interaction, term: str, public: bool = False
    ) -> None:
        channel_id = interaction.channel_id or 0
        if public:
            self.cooldown.check(channel_id)
        found = await self.service.lookup(guild_id_of(interaction), term)
        await answer_entry(interaction, found, term, public=public)
        if public and found.entry is not None:
            self.cooldown.posted(channel_id)

    @app_commands.command(name="search", description="Search terms and meanings", extras=READ_ONLY)
    @app_commands.describe(query="Words to look for, e.g. 'inspection' or 'shaken'")
    async def search(self, interaction: discord.Interaction, query: str) -> None:
        hits = await self.service.search(guild_id_of(interaction), query)
        await respond(
            interaction, embed=render_search(query, hits), view=terms_view([h.entry for h in hits])
        )

    @app_commands.command(name="browse", description="Page through the glossary", extras=READ_ONLY)
    @app_commands.describe(category="Only terms of this kind")
    async def browse(
        self, interaction: discord.Interaction, category: Category | None = None
    ) -> None:
        page = await self.service.browse(guild_id_of(interaction), category, 1)
        await respond(interaction, embed=render_page(page), view=page_view(page))

    @app_commands.command(name="random", description="A random glossary term", extras=READ_ONLY)
    @app_commands.describe(public="Show it to everyone here")
    async def random(self, interaction: discord.Interaction, public: bool = False) -> None:
        channel_id = interaction.channel_id or 0
        if public:
            self.cooldown.check(channel_id)
        found = await self.service.random_entry(guild_id_of(interaction))
        await answer_entry(interaction, found, "", public=public)
        if public:
            self.cooldown.posted(channel_id)

    @app_commands.command(name="suggest", description="Propose a term for the moderators to add")
    @app_commands.describe(
        term="The term", meaning="What it means", kana="Its reading in kana", kanji="Its kanji"
    )
    async def suggest(
        self,
        interaction: discord.Interaction,
        term: str,
        meaning: str,
        kana: str = "",
        kanji: str = "",
    ) -> None:
        suggestion = await self.service.suggest(
            guild_id_of(interaction), interaction.user.id, term, meaning, kana, kanji
        )
        await respond(
            interaction,
            f"Thanks! Suggestion #{suggestion.id} {quoted(suggestion.term)} is waiting for the "
            "moderators.",
        )

    # --- the word of the day -----------------------------------------------------------------

    async def post_word_of_the_day(self, job: Job) -> None:
        """One day's post, once: a re-claimed job (its worker died between sending and marking
        it done) first looks for its post among the channel's recent messages, since Discord
        drops a repeated nonce for a few minutes only."""
        if job.guild_id is None:
            raise GiveUp("a word-of-the-day job without a server")
        config = await self.bot.services.setup.get(job.guild_id)
        channel_id = config.channels.get("glossary")
        if channel_id is None:
            raise GiveUp("the server has no glossary channel any more")
        await self.schedule.plan(job.guild_id)  # tomorrow's, whatever happens to today's
        day = date.fromisoformat(job.payload["date"])
        if await self.schedule.is_past(job.guild_id, day):
            raise GiveUp(f"{day} is over in the server's zone; its word would be stale")
        found = await self.service.word_of_the_day(job.guild_id, day)
        channel = await self._messageable(channel_id)
        if job.attempts > 1 and await self._already_posted(channel, day):
            log.info("word of the day for %s in guild %s was already posted", day, job.guild_id)
            return
        try:
            await channel.send(
                embed=render_word_of_the_day(found, day),
                view=terms_view(found.see_also),
                nonce=post_nonce(job.key),
            )
        except (discord.Forbidden, discord.NotFound) as error:
            raise GiveUp(f"cannot post in the glossary channel: {error}") from None

    async def _already_posted(self, channel: discord.abc.Messageable, day: date) -> bool:
        """Whether the channel's recent messages hold this bot's word of the day for `day`."""
        me = self.bot.user
        if me is None:
            return False
        try:
            async for message in channel.history(limit=RECENT_MESSAGES):
                if message.author.id == me.id and any(
                    is_word_of_the_day(embed, day) for embed in message.embeds
                ):
                    return True
        except discord.HTTPException as error:
            # Without message history, the nonce is the only guard left: post.
            log.warning("cannot read the glossary channel's history: %s", error)
        return False

    async def _messageable(self, channel_id: int) -> discord.abc.Messageable:
        channel: Any = self.bot.get_channel(channel_id)
        if channel is None:
            try:
                channel = await self.bot.fetch_channel(channel_id)
            except (discord.Forbidden, discord.NotFound) as error:
                raise GiveUp(f"the glossary channel is gone: {error}") from None
        if not isinstance(channel, discord.abc.Messageable):
            raise GiveUp("the glossary channel cannot take messages (a forum?)")
        return channel

    @commands.Cog.listener()
    async def on_app_command_completion(
        self, interaction: discord.Interaction, command: app_commands.Command[Any, ..., Any]
    ) -> None:
        wanted = command.qualified_name in SCHEDULE_COMMANDS and interaction.guild_id is not None
        if not wanted or self._unloading:
            return
        # Listeners run as their own tasks; the bot's close waits for this one in cog_unload
        # rather than closing the database under it.
        task = asyncio.current_task()
        assert task is not None
        self._planning.add(task)
        try:
            await self.schedule.plan(guild_id_of(interaction), moved=True)
        finally:
            self._planning.discard(task)

    async def cog_unload(self) -> None:
        # A reloaded cog registers its own handler; jobs due meanwhile wait for it.
        self.bot.job_runner.unregister(DAILY_WORD_JOB)
        self._unloading = True
        await asyncio.gather(*self._planning, return_exceptions=True)
        await self.service.settle()


# Discord hides per top-level command only, so curation has a top-level command of its own that
# members do not see; each command still checks, since admins may show it to anyone.
@app_commands.guild_only()
@app_commands.default_permissions(MODERATOR_PERMISSIONS)
class GlossaryModCog(
    commands.GroupCog,
    group_name="glossary-mod",
    group_description="Curate the glossary (moderators)",
):
    def __init__(self, bot: KeitoraBot) -> None:
        self.service: GlossaryService = bot.services.glossary

    @app_commands.command(name="add", description="Add a term")
    @moderator_only(EDIT_GLOSSARY)
    async def add(self, interaction: discord.Interaction) -> None:
        guild_id = guild_id_of(interaction)

        async def save(submitted: discord.Interaction, entry: GlossaryEntry) -> None:
            await self.service.add(guild_id, submitted.user.id, entry)
            await saved(submitted, "Added", entry)

        await interaction.response.send_modal(entry_form("Add a glossary term", save))

    @app_commands.command(name="edit", description="Edit a term")
    @app_commands.describe(term="The term to edit")
    @app_commands.autocomplete(term=term_autocomplete)
    @moderator_only(EDIT_GLOSSARY)
    async def edit(self, interaction: discord.Interaction, term: str) -> None:
        guild_id = guild_id_of(interaction)
        with escaped_refusals():
            current = await self.service.entry(guild_id, term)

        async def save(submitted: discord.Interaction, entry: GlossaryEntry) -> None:
            # `shown`: an edit saved meanwhile by someone else is refused, not overwritten.
            await self.service.edit(guild_id, submitted.user.id, term, entry, shown=current)
            await saved(submitted, "Saved", entry)

        await interaction.response.send_modal(entry_form("Edit a glossary term", save, current))

    @app_commands.command(name="remove", description="Remove a term from this server")
    @app_commands.describe(term="The term to remove")
    @app_commands.autocomplete(term=term_autocomplete)
    @moderator_only(EDIT_GLOSSARY)
    async def remove(self, interaction: discord.Interaction, term: str) -> None:
        with escaped_refusals():
            removed = await self.service.remove(guild_id_of(interaction), interaction.user.id, term)
        await respond(
            interaction,
            f"Removed {quoted(removed.headword)} from this server's glossary. "
            "Add it again with `/glossary-mod add` to bring it back.",
        )

    @app_commands.command(name="history", description="Who changed a term, and how")
    @app_commands.describe(term="The term")
    @app_commands.autocomplete(term=term_autocomplete)
    @moderator_only("see the glossary's history")
    async def history(self, interaction: discord.Interaction, term: str) -> None:
        with escaped_refusals():
            entry, changes = await self.service.history(guild_id_of(interaction), term)
        await respond(interaction, render_history(term, entry, changes))

    @app_commands.command(name="suggestions", description="Review members' suggestions")
    @moderator_only(REVIEW_SUGGESTIONS)
    async def suggestions(self, interaction: discord.Interaction) -> None:
        pending = await self.service.pending_suggestions(guild_id_of(interaction))
        await respond(
            interaction, embed=render_suggestions(pending), view=suggestions_view(pending)
        )

    @app_commands.command(name="export", description="This server's own terms as a JSON file")
    @moderator_only("export the glossary")
    async def export(self, interaction: discord.Interaction) -> None:
        guild_id = guild_id_of(interaction)
        data = await self.service.export(guild_id)
        file = discord.File(io.BytesIO(data), filename=f"glossary-{guild_id}.json")
        await respond(
            interaction,
            "This server's own and changed terms, and the built-ins it hid. "
            "`/glossary-mod import` reads this file.",
            file=file,
        )

    @app_commands.command(name="import", description="Add or update terms from an export file")
    @app_commands.describe(file="A JSON file made by /glossary-mod export")
    @moderator_only("import glossary terms")
    async def import_(self, interaction: discord.Interaction, file: discord.Attachment) -> None:
        if file.size > IMPORT_MAX_BYTES:
            raise UserError(f"The file is {file.size:,} bytes; imports are limited to 1 MB.")
        content_type = (file.content_type or "application/json").split(";")[0].strip()
        if content_type not in IMPORT_TYPES:
            raise UserError(
                f"Attach the JSON file from `/glossary-mod export`, not {echo(content_type)}."
            )
        await interaction.response.defer(ephemeral=True, thinking=True)
        result = await self.service.import_file(
            guild_id_of(interaction), interaction.user.id, await file.read()
        )
        await respond(interaction, render_import(result))


def render_import(result: ImportResult) -> str:
    if result.applied:
        return (
            f"Imported: {result.added} added, {result.updated} updated, "
            f"{result.unchanged} unchanged, {result.hidden} built-ins hidden."
        )
    lines = [
        f"Nothing was imported: {result.error_count} entries have problems. Fix them and "
        "import the whole file again.",
        *(f"• {echo(error)}" for error in result.errors),
    ]
    return join_within(lines, MESSAGE_CONTENT)


async def setup(bot: KeitoraBot) -> None:
    bot.add_dynamic_items(LookupButton, BrowseButton, SuggestionButton)
    await bot.add_cog(GlossaryCog(bot))
    await bot.add_cog(GlossaryModCog(bot))
