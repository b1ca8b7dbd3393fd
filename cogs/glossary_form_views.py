"""The glossary's moderator form in Discord: the entry form that adds, edits and approves a
term. A suggestion is decided through the moderation queue's buttons; approving one opens this
form, filled from it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import asdict
from typing import Any

import discord

from bot.client import (
    HeldForm,
    guarded,
    report_error,
    respond,
)
from bot.errors import UserError
from bot.glossary import (
    CATEGORIES,
    HEADWORD_MAX,
    MEANING_MAX,
    EditConflict,
    GlossaryEntry,
    entry_key,
)
from bot.glossary.entries import with_romaji
from bot.glossary.forms import join_japanese, kana_term, split_japanese
from bot.glossary.queue import GLOSSARY_KIND
from bot.japanese import kana_romaji
from bot.limits import plain_quote
from bot.modqueue import NotWaiting, approval_words
from cogs._sent_forms import HeldPages, fix_button, refuse_with_fix, sent_embed, sent_in
from cogs._text import quoted
from cogs.checks import guild_id_of, require_moderator
from cogs.glossary_views import (
    EDIT_GLOSSARY,
    render_entry,
    service_of,
    terms_view,
)
from cogs.modqueue_views import FixedForm, answer_not_waiting, hold_page, queue_of, settle

# Saves the entry a form made; the third value is the entry the form started from (None: new).
SaveEntry = Callable[[discord.Interaction, GlossaryEntry, GlossaryEntry | None], Awaitable[None]]


# The detail lines the form's last box reads, by the name a moderator writes before the colon.
DETAIL_NAMES = {"romaji": "romaji", "aliases": "aliases", "see also": "see_also"}


# The form's boxes by name, with their labels: the refusal of a form shows what was sent in it
# under these labels, and "Fix the form" reads it back from there (cogs/_sent_forms.py).
FORM_LABELS = {
    "headword": "Headword",
    "japanese": "Kanji (kana)",
    "meaning": "Meaning",
    "category": "Category",
    "details": "Romaji, aliases, see also (one per line)",
}
FORM_FIELDS = tuple(FORM_LABELS)
ADD_TITLE, EDIT_TITLE = "Add a glossary term", "Edit a glossary term"


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
        label=FORM_LABELS["headword"], max_length=HEADWORD_MAX, placeholder="keitora"
    )
    japanese: discord.ui.TextInput[EntryForm] = discord.ui.TextInput(
        label=FORM_LABELS["japanese"],
        required=False,
        max_length=2 * HEADWORD_MAX + 3,
        placeholder="軽トラ (けいとら)",
    )
    meaning: discord.ui.TextInput[EntryForm] = discord.ui.TextInput(
        label=FORM_LABELS["meaning"], style=discord.TextStyle.paragraph, max_length=MEANING_MAX
    )
    category: discord.ui.TextInput[EntryForm] = discord.ui.TextInput(
        label=FORM_LABELS["category"], max_length=20, placeholder=", ".join(CATEGORIES)
    )
    details: discord.ui.TextInput[EntryForm] = discord.ui.TextInput(
        label=FORM_LABELS["details"],
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
        if isinstance(error, UserError):
            keep = error.current if isinstance(error, EditConflict) else self._keep
            await refuse_glossary_form(interaction, error, self.typed(), self.fix_id(keep))
        else:
            await report_error(interaction, error)

    def fix_id(self, keep: GlossaryEntry | None) -> str:
        """The custom id of "Fix the form" under a refusal, which reopens this form as an edit of
        `keep` (None: an addition)."""
        return f"{FIX_PREFIX}add" if keep is None else edit_fix_id(keep)

    def typed(self) -> dict[str, str]:
        return {name: getattr(self, name).value for name in FORM_FIELDS}


def entry_form(title: str, save: SaveEntry, entry: GlossaryEntry | None = None) -> EntryForm:
    start = form_fields(entry) if entry else {}
    return EntryForm(title, save, start=start, keep=entry)


async def save_added(submitted: discord.Interaction, entry: GlossaryEntry, _: object) -> None:
    """Saves the add form."""
    await service_of(submitted).add(guild_id_of(submitted), submitted.user.id, entry)
    await saved(submitted, "Added", entry)


def edit_saver(term: str) -> SaveEntry:
    """Saves the edit form of `term`."""

    async def save(
        submitted: discord.Interaction, entry: GlossaryEntry, shown: GlossaryEntry | None
    ) -> None:
        # `shown`: an edit saved meanwhile by someone else is refused, not overwritten.
        service, guild_id = service_of(submitted), guild_id_of(submitted)
        if await service.edit(guild_id, submitted.user.id, term, entry, shown=shown):
            await saved(submitted, "Saved", entry)
        else:
            await respond(
                submitted,
                f"Nothing changed: the form was sent as {quoted(entry.headword)} already reads, "
                "so nothing was saved.",
            )

    return save


async def saved(interaction: discord.Interaction, done: str, entry: GlossaryEntry) -> None:
    # `done`: "Added" to the glossary, or "Saved" in it.
    # The card lookup shows, see-also included: without it the link would seem lost.
    shown = await service_of(interaction).shown(guild_id_of(interaction), entry)
    await respond(
        interaction,
        f"{done} {quoted(entry.headword)} {'to' if done == 'Added' else 'in'} this server's "
        "glossary.",
        embed=render_entry(entry, shown.see_also),
        view=terms_view(shown.see_also),
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
            guild_id,
            GLOSSARY_KIND,
            self.suggestion_id,
            moderator_id,
            by=add,
            own_allowed=submitted.permissions.manage_guild,
        )
        outcome = approval_words(moderator_id, decision.outcome)
        await settle(
            submitted,
            GLOSSARY_KIND,
            self.suggestion_id,
            outcome,
            fixed=self.fixed,
            became="approved",
        )

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        if isinstance(error, NotWaiting):  # nothing to fix: nobody can approve it now
            await answer_not_waiting(interaction, error, fixed=self.fixed)
            return
        if isinstance(error, UserError):  # to be fixed from under the refusal
            self._page = self._page or await hold_page(interaction)
            if self._page is not None:
                _pages_held.hold((interaction.user.id, self.suggestion_id), self._page)
        await super().on_error(interaction, error)

    def fix_id(self, keep: GlossaryEntry | None) -> str:
        return f"{FIX_PREFIX}approve:{self.suggestion_id}"


async def open_approval_form(interaction: discord.Interaction, suggestion_id: int) -> None:
    """The entry form, filled from the suggestion: the moderator finishes and approves it."""
    suggestion = await service_of(interaction).suggestion(guild_id_of(interaction), suggestion_id)
    headword, kana = kana_term(suggestion.term, suggestion.kana)
    start = {
        "headword": headword,
        "japanese": join_japanese(suggestion.kanji, kana),
        "meaning": suggestion.meaning,
    }
    if romaji := kana_romaji(headword):  # shown, so that the moderator sees it is right
        start["details"] = f"romaji: {romaji}"
    await interaction.response.send_modal(ApprovalForm(suggestion.id, start))


# --- "Fix the form" ------------------------------------------------------------------------------

FIX_PREFIX = "gfix:"  # short: an edit's custom id carries the entry's key, of up to 80 letters
# The /modqueue pages refused approval forms were sent from, by (moderator, suggestion id).
_pages_held = HeldPages()


def version_of(entry: GlossaryEntry) -> str:
    """A short mark of an entry's text: a fix of its edit form tells by it whether someone saved
    the entry since the form was refused."""
    text = json.dumps(asdict(entry), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:6]


def edit_fix_id(keep: GlossaryEntry) -> str:
    """The custom id of "Fix the form" under a refused edit of `keep`."""
    return f"{FIX_PREFIX}edit:{version_of(keep)}:{entry_key(keep.headword)}"


async def refuse_glossary_form(
    interaction: discord.Interaction, error: UserError, typed: dict[str, str], fix_id: str
) -> None:
    """The refusal of a glossary form, what was sent in it, and "Fix the form" (`fix_id`)."""
    sent = sent_embed(FORM_LABELS, typed)
    await refuse_with_fix(interaction, error, sent, FixGlossaryForm(fix_id))


class FixGlossaryForm(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"gfix:(?P<form>add|approve:\d+|edit:[0-9a-f]{6}:.+)",
):
    """ "Fix the form" under a refused entry or approval form: the form again, filled with what
    its refusal shows was sent. An edit saved by someone else since is refused as a save over it
    would be, with a fix that reopens over their version."""

    def __init__(self, custom_id: str) -> None:
        super().__init__(fix_button(custom_id))
        self.form = custom_id.removeprefix(FIX_PREFIX)

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> FixGlossaryForm:
        return cls(match[0])

    async def callback(self, interaction: discord.Interaction) -> None:
        await guarded(interaction, self._reopen(interaction))

    async def _reopen(self, interaction: discord.Interaction) -> None:
        await require_moderator(interaction, EDIT_GLOSSARY)
        typed = sent_in(FORM_LABELS, interaction.message)
        kind, _, rest = self.form.partition(":")
        form: EntryForm
        if kind == "add":
            form = EntryForm(ADD_TITLE, save_added, start=typed, keep=None)
        elif kind == "approve":
            page = _pages_held.pop((interaction.user.id, int(rest)), interaction.client)
            form = ApprovalForm(int(rest), typed, FixedForm(page))
        else:
            version, _, key = rest.partition(":")
            current = await service_of(interaction).entry(guild_id_of(interaction), key)
            if version_of(current) != version:
                conflict = EditConflict(current)
                await refuse_glossary_form(interaction, conflict, typed, edit_fix_id(current))
                return
            form = EntryForm(EDIT_TITLE, edit_saver(key), start=typed, keep=current)
        await interaction.response.send_modal(form)
