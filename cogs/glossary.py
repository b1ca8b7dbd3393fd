"""`/glossary`: look terms up, search, browse, suggest; `/glossary-mod`: moderators curate,
import and export; the word of the day is posted to the glossary channel by a daily job."""

from __future__ import annotations

import io
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import KeitoraBot, choices_or_none, respond
from bot.errors import UserError
from bot.glossary import (
    IMPORT_MAX_BYTES,
    GlossaryEntry,
    GlossaryService,
    ImportResult,
    Lookup,
    entry_key,
)
from bot.glossary.queue import GLOSSARY_KIND
from bot.limits import MESSAGE_CONTENT, join_within
from cogs._cooldown import ChannelCooldown
from cogs._text import counted, echo, quoted
from cogs.checks import MODERATOR_PERMISSIONS, READ_ONLY, guild_id_of, moderator_only
from cogs.glossary_form_views import (
    ADD_TITLE,
    EDIT_TITLE,
    FixGlossaryForm,
    edit_saver,
    entry_form,
    open_approval_form,
    save_added,
)
from cogs.glossary_views import (
    EDIT_GLOSSARY,
    REVIEW_SUGGESTIONS,
    BrowseButton,
    LookupButton,
    answer_entry,
    choice_name,
    page_view,
    render_history,
    render_page,
    render_search,
    render_suggestions,
    terms_view,
)
from cogs.modqueue_views import LISTED_WITH_BUTTONS, approvers, decision_view

log = logging.getLogger(__name__)

Category = Literal["class", "body", "drive", "parts", "paper", "auction", "org", "culture", "model"]
IMPORT_TYPES = ("application/json", "text/plain", "application/octet-stream")


def term_choices(
    find: Callable[[GlossaryService, int, str], Awaitable[Sequence[GlossaryEntry]]],
) -> Callable[[discord.Interaction, str], Awaitable[list[app_commands.Choice[str]]]]:
    """An autocomplete offering the entries `find` gives for what the member typed so far. It
    never raises, since Discord shows nothing on an error."""

    async def complete(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        async def listed() -> list[app_commands.Choice[str]]:
            bot: KeitoraBot = interaction.client  # type: ignore[assignment]
            entries = await find(bot.services.glossary, guild_id_of(interaction), current)
            return [
                app_commands.Choice(name=choice_name(e), value=entry_key(e.headword))
                for e in entries
            ]

        return await choices_or_none("glossary", current, listed())

    return complete


term_autocomplete = term_choices(GlossaryService.autocomplete)
# Built-ins the server removed or changed, which the index of its entries no longer has.
restorable_autocomplete = term_choices(GlossaryService.restorable)
# Terms with a history: those in the glossary, and those removed from it.
history_autocomplete = term_choices(GlossaryService.with_history)


@app_commands.guild_only()
class GlossaryCog(
    commands.GroupCog, group_name="glossary", group_description="Japanese kei-truck terms"
):
    def __init__(self, bot: KeitoraBot) -> None:
        self.service: GlossaryService = bot.services.glossary
        self.modqueue = bot.services.modqueue
        self.cooldown = ChannelCooldown(bot.clock, "glossary card")

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
        guild_id = guild_id_of(interaction)
        await self._answer_card(
            interaction, term, public, lambda: self.service.lookup(guild_id, term)
        )

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
        view = page_view(page)
        await respond(interaction, embed=render_page(page), **({"view": view} if view else {}))

    @app_commands.command(name="random", description="A random glossary term", extras=READ_ONLY)
    @app_commands.describe(public="Show it to everyone here")
    async def random(self, interaction: discord.Interaction, public: bool = False) -> None:
        guild_id = guild_id_of(interaction)
        await self._answer_card(
            interaction, "", public, lambda: self.service.random_entry(guild_id)
        )

    async def _answer_card(
        self,
        interaction: discord.Interaction,
        term: str,
        public: bool,
        find: Callable[[], Awaitable[Lookup]],
    ) -> None:
        async def send() -> bool:
            found = await find()
            await answer_entry(interaction, found, term, public=public)
            return found.entry is not None

        await self.cooldown.answer(interaction.channel_id or 0, public, send)

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
        guild_id = guild_id_of(interaction)
        suggestion = await self.service.suggest(
            guild_id, interaction.user.id, term, meaning, kana, kanji
        )
        await self.modqueue.submitted(guild_id, GLOSSARY_KIND, suggestion.id)
        await respond(
            interaction,
            f"Thanks! Suggestion #{suggestion.id} {quoted(suggestion.term)} is waiting for the "
            "moderators.",
        )

    async def cog_unload(self) -> None:
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
        await interaction.response.send_modal(entry_form(ADD_TITLE, save_added))

    @app_commands.command(name="edit", description="Edit a term")
    @app_commands.describe(term="The term to edit")
    @app_commands.autocomplete(term=term_autocomplete)
    @moderator_only(EDIT_GLOSSARY)
    async def edit(self, interaction: discord.Interaction, term: str) -> None:
        current = await self.service.entry(guild_id_of(interaction), term)
        await interaction.response.send_modal(entry_form(EDIT_TITLE, edit_saver(term), current))

    @app_commands.command(name="remove", description="Remove a term from this server")
    @app_commands.describe(term="The term to remove")
    @app_commands.autocomplete(term=term_autocomplete)
    @moderator_only(EDIT_GLOSSARY)
    async def remove(self, interaction: discord.Interaction, term: str) -> None:
        removed = await self.service.remove(guild_id_of(interaction), interaction.user.id, term)
        await respond(
            interaction,
            f"Removed {quoted(removed.headword)} from this server's glossary. "
            + (
                "`/glossary-mod restore` brings it back as the bot ships it."
                if self.service.is_builtin(removed)
                else "Add it again with `/glossary-mod add` to bring it back."
            ),
        )

    @app_commands.command(name="restore", description="Bring back a built-in term as shipped")
    @app_commands.describe(term="A built-in term this server removed or changed")
    @app_commands.autocomplete(term=restorable_autocomplete)
    @moderator_only(EDIT_GLOSSARY)
    async def restore(self, interaction: discord.Interaction, term: str) -> None:
        restored = await self.service.restore(guild_id_of(interaction), interaction.user.id, term)
        await respond(
            interaction,
            f"Restored {quoted(restored.headword)} as the bot ships it, with its Japanese "
            "spellings and aliases.",
        )

    @app_commands.command(name="history", description="Who changed a term, and how")
    @app_commands.describe(term="The term, also one this server removed")
    @app_commands.autocomplete(term=history_autocomplete)
    @moderator_only("see the glossary's history")
    async def history(self, interaction: discord.Interaction, term: str) -> None:
        entry, changes = await self.service.history(guild_id_of(interaction), term)
        await respond(interaction, render_history(term, entry, changes))

    @app_commands.command(name="suggestions", description="Review members' suggestions")
    @moderator_only(REVIEW_SUGGESTIONS)
    async def suggestions(self, interaction: discord.Interaction) -> None:
        guild_id = guild_id_of(interaction)
        pending = await self.service.pending_suggestions(guild_id, LISTED_WITH_BUTTONS)
        waiting = await self.service.pending_suggestion_count(guild_id)
        view = decision_view([(GLOSSARY_KIND, suggestion.id) for suggestion in pending])
        await respond(interaction, embed=render_suggestions(pending, waiting), view=view)

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
        already = (
            f" ({counted(result.hidden_already, 'built-in')} hidden already)"
            if result.hidden_already
            else ""
        )
        tally = (
            f"Imported: {result.added} added, {result.updated} updated, "
            f"{result.unchanged} unchanged{already}, {counted(result.hidden, 'built-in')} hidden."
        )
        lines = [tally]
        if result.cleared:
            lines += ["Taken out, as the file gives them:"]
            lines += [f"• {echo(taken)}" for taken in result.cleared]
        if result.skipped:
            lines += ["Skipped, and the rest imported:"]
            lines += [f"• {echo(reason)}" for reason in result.skipped]
        return join_within(lines, MESSAGE_CONTENT)
    one = result.error_count == 1
    lines = [
        f"Nothing was imported: {counted(result.error_count, 'entry', 'entries')} "
        f"{'has a problem' if one else 'have problems'}. Fix {'it' if one else 'them'} and "
        "import the whole file again.",
        *(f"• {echo(error)}" for error in result.errors),
    ]
    return join_within(lines, MESSAGE_CONTENT)


async def setup(bot: KeitoraBot) -> None:
    bot.add_dynamic_items(LookupButton, BrowseButton, FixGlossaryForm)
    approvers[GLOSSARY_KIND] = open_approval_form
    await bot.add_cog(GlossaryCog(bot))
    await bot.add_cog(GlossaryModCog(bot))
