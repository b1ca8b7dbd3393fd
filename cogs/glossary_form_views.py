"""The glossary's moderator form in Discord: the entry form that adds, edits and approves a
term. A suggestion is decided through the moderation queue's buttons; approving one opens this
form, filled from it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import discord

from bot.client import FixTheForm, HeldForm, report_error, respond
from bot.errors import UserError
from bot.glossary import (
    CATEGORIES,
    HEADWORD_MAX,
    MEANING_MAX,
    EditConflict,
    GlossaryEntry,
)
from bot.glossary.entries import with_romaji
from bot.glossary.forms import join_japanese, split_japanese
from bot.glossary.queue import GLOSSARY_KIND
from bot.japanese import kana_romaji
from bot.limits import plain_quote
from bot.modqueue import NotWaiting, approval_words
from cogs._text import quoted
from cogs.checks import guild_id_of, require_moderator
from cogs.glossary_views import (
    EDIT_GLOSSARY,
    render_entry,
    service_of,
)
from cogs.modqueue_views import FixedForm, answer_not_waiting, hold_page, queue_of, settle

# Saves the entry a form made; the third value is the entry the form started from (None: new).
SaveEntry = Callable[[discord.Interaction, GlossaryEntry, GlossaryEntry | None], Awaitable[None]]


# The detail lines the form's last box reads, by the name a moderator writes before the colon.
DETAIL_NAMES = {"romaji": "romaji", "aliases": "aliases", "see also": "see_also"}


FORM_FIELDS = ("headword", "japanese", "meaning", "category", "details")


def form_fields(entry: GlossaryEntry) -> dict[str, str]:
    """An entry as the five texts of the add/edit form (see `entry_from_form`)."""
    details = [f"romaji: {entry.romaji}"] if entry.romaji else []
    if entry.aliases:
        details.append(f"aliases: {', '.join(entry.aliases)}")
    if entry.see_also:
        details.append(f"see also: {', '.join(entry.see_also)}")
    return {
        "headword": entry.headword,
        "japanese": join_japanese(entry.kanji, entry.kana),
        "meaning": entry.meaning,
        "category": entry.category,
        "details": "\n".join(details),
    }


def entry_from_form(
    headword: str,
    japanese: str,
    meaning: str,
    category: str,
    details: str,
    *,
    keep: GlossaryEntry | None = None,
) -> GlossaryEntry:
    """An entry from form text: `japanese` is "漢字 (かな)"; `details` holds lines such as
    "aliases: kei truck, mini truck", "see also: keitora" and "romaji: keitora".

    `keep` is the entry being edited: fields the form does not show (source, unverified) stay.
    A refusal quotes the member's text plainly; the tree's error path makes it inert.
    """
    if keep is not None and japanese.strip() == join_japanese(keep.kanji, keep.kana):
        # Left as shown: kept as stored, also a reading the box cannot carry back ("かな２").
        kanji, kana = keep.kanji, keep.kana
    else:
        kanji, kana = split_japanese(japanese)
    extra: dict[str, Any] = {}
    for line in details.splitlines():
        if not line.strip():
            continue
        name, colon, value = line.partition(":")
        attribute = DETAIL_NAMES.get(name.strip().lower())
        if not colon or attribute is None:
            raise UserError(
                f"{plain_quote(line.strip())} is not a detail line; use “romaji: …”, "
                "“aliases: a, b” or “see also: a, b”."
            )
        parts = tuple(p.strip() for p in value.split(",") if p.strip())
        extra[attribute] = value.strip() if attribute == "romaji" else parts
    return with_romaji(
        GlossaryEntry(
            headword=headword.strip(),
            meaning=meaning.strip(),
            category=category.strip().lower(),
            kanji=kanji,
            kana=kana,
            romaji=extra.get("romaji", ""),
            aliases=extra.get("aliases", ()),
            see_also=extra.get("see_also", ()),
            unverified=keep.unverified if keep else False,
            source=keep.source if keep else "",
        )
    )


class EntryForm(HeldForm):
    """Add or edit an entry: five texts, parsed by `entry_from_form`."""

    headword: discord.ui.TextInput[EntryForm] = discord.ui.TextInput(
        label="Headword", max_length=HEADWORD_MAX, placeholder="keitora"
    )
    japanese: discord.ui.TextInput[EntryForm] = discord.ui.TextInput(
        label="Kanji (kana)",
        required=False,
        max_length=2 * HEADWORD_MAX + 3,
        placeholder="軽トラ (けいとら)",
    )
    meaning: discord.ui.TextInput[EntryForm] = discord.ui.TextInput(
        label="Meaning", style=discord.TextStyle.paragraph, max_length=MEANING_MAX
    )
    category: discord.ui.TextInput[EntryForm] = discord.ui.TextInput(
        label="Category", max_length=20, placeholder=", ".join(CATEGORIES)
    )
    details: discord.ui.TextInput[EntryForm] = discord.ui.TextInput(
        label="Romaji, aliases, see also (one per line)",
        style=discord.TextStyle.paragraph,
        required=False,
        max_length=3000,
        placeholder="romaji: keitora\naliases: kei truck, mini truck\nsee also: keijidōsha",
    )

    def __init__(
        self, title: str, save: SaveEntry, *, start: dict[str, str], keep: GlossaryEntry | None
    ) -> None:
        super().__init__(title=title)
        self._save = save
        self._keep = keep
        for name, value in start.items():
            getattr(self, name).default = value

    async def on_submit(self, interaction: discord.Interaction) -> None:
        # The form may stay open for minutes: whoever submits must still be a moderator.
        await require_moderator(interaction, EDIT_GLOSSARY)
        entry = entry_from_form(
            self.headword.value,
            self.japanese.value,
            self.meaning.value,
            self.category.value,
            self.details.value,
            keep=self._keep,
        )
        await self._save(interaction, entry, self._keep)

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        # Discord closes a form once it is submitted: without a way back in, a refusal of one
        # field (a category, a see-also) would lose everything else the moderator typed.
        # An edit refused because someone saved first reopens over their version, so that a
        # second save knowingly replaces it instead of being refused again and again.
        keep = error.current if isinstance(error, EditConflict) else self._keep
        retry = FixTheForm(self.refilled(keep)) if isinstance(error, UserError) else None
        await report_error(interaction, error, view=retry)

    def refilled(self, keep: GlossaryEntry | None) -> EntryForm:
        """This form again, filled with what was typed into it, as an edit of `keep`."""
        return EntryForm(self.title, self._save, start=self.typed(), keep=keep)

    def typed(self) -> dict[str, str]:
        return {name: getattr(self, name).value for name in FORM_FIELDS}


def entry_form(title: str, save: SaveEntry, entry: GlossaryEntry | None = None) -> EntryForm:
    start = form_fields(entry) if entry else {}
    return EntryForm(title, save, start=start, keep=entry)


async def saved(interaction: discord.Interaction, verb: str, entry: GlossaryEntry) -> None:
    await respond(
        interaction,
        f"{verb} {quoted(entry.headword)} in this server's glossary.",
        embed=render_entry(entry),
    )


class ApprovalForm(EntryForm):
    """The entry form that approves suggestion `suggestion_id` through the moderation queue.
    Refused and fixed from under the refusal (`fixed`), it answers in place of the refusal, and
    on the /modqueue page it was first sent from."""

    def __init__(
        self, suggestion_id: int, start: dict[str, str], fixed: FixedForm | None = None
    ) -> None:
        title = f"Approve suggestion #{suggestion_id}"
        super().__init__(title, self._approve, start=start, keep=None)
        self.suggestion_id, self.fixed = suggestion_id, fixed
        self._page = None if fixed is None else fixed.page

    async def _approve(
        self, submitted: discord.Interaction, entry: GlossaryEntry, _: object
    ) -> None:
        guild_id, moderator_id = guild_id_of(submitted), submitted.user.id

        async def add() -> str:
            await service_of(submitted).approve(guild_id, self.suggestion_id, moderator_id, entry)
            return f"{quoted(entry.headword)} is in this server's glossary now."

        # Through the queue, so that a moderator who approved or rejected it first is named.
        decision = await queue_of(submitted).approve(
            guild_id, GLOSSARY_KIND, self.suggestion_id, moderator_id, by=add
        )
        outcome = approval_words(moderator_id, decision.outcome)
        await settle(submitted, GLOSSARY_KIND, self.suggestion_id, outcome, fixed=self.fixed)

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        if isinstance(error, NotWaiting):  # nothing to fix: nobody can approve it now
            await answer_not_waiting(interaction, error, fixed=self.fixed)
            return
        if isinstance(error, UserError):  # to be fixed from under the refusal
            self._page = self._page or await hold_page(interaction)
        await super().on_error(interaction, error)

    def refilled(self, keep: GlossaryEntry | None) -> EntryForm:
        return ApprovalForm(self.suggestion_id, self.typed(), FixedForm(self._page))


async def open_approval_form(interaction: discord.Interaction, suggestion_id: int) -> None:
    """The entry form, filled from the suggestion: the moderator finishes and approves it."""
    suggestion = await service_of(interaction).suggestion(guild_id_of(interaction), suggestion_id)
    start = {
        "headword": suggestion.term,
        "japanese": join_japanese(suggestion.kanji, suggestion.kana),
        "meaning": suggestion.meaning,
    }
    if romaji := kana_romaji(suggestion.term):  # shown, so that the moderator sees it is right
        start["details"] = f"romaji: {romaji}"
    await interaction.response.send_modal(ApprovalForm(suggestion.id, start))
