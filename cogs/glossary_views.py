"""How glossary answers look in Discord: embeds and the persistent buttons that look terms up
and page through them (the entry form and the suggestion buttons: `glossary_form_views`).

Buttons are `DynamicItem`s whose custom_id carries everything they need (a term key, or a page
and category), so they keep working after a restart. discord.py only logs what a
dynamic item's callback raises, so each callback goes through `bot.client.guarded`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import Any

import discord

from bot.client import KeitoraBot, guarded, respond, stateless_view
from bot.delivery import Button
from bot.glossary import (
    ACTIONS_DONE,
    CATEGORIES,
    Change,
    GlossaryEntry,
    GlossaryService,
    Hit,
    Lookup,
    Page,
    Suggestion,
    entry_key,
    is_chassis_code,
)
from bot.glossary.entries import english_name
from bot.glossary.forms import join_japanese
from bot.invisible import shown_inert
from bot.japanese import normalize
from bot.limits import (
    BUTTON_LABEL,
    BUTTONS_PER_ROW,
    CHOICE_NAME,
    ELLIPSIS,
    EMBED_DESCRIPTION,
    EMBED_FIELD_VALUE,
    EMBED_TITLE,
    MESSAGE_CONTENT,
    fit,
    join_within,
)
from cogs._pages import page_button, page_buttons
from cogs._text import echo, member_mention, quoted
from cogs.checks import guild_id_of

COLOUR = discord.Colour.from_rgb(214, 48, 49)  # the red of a Japanese registration sticker
UNVERIFIED = "⚠️ Unverified: this rests on a weak source, so double-check it before relying on it."
DAILY_TITLE = "Word of the day: "
EDIT_GLOSSARY = "edit the glossary"
REVIEW_SUGGESTIONS = "review glossary suggestions"
HISTORY_VALUE = 60  # characters of each before/after value in /glossary-mod history
# The fields a moderator edits, as /glossary-mod history names them.
HISTORY_FIELDS = (
    ("headword", "headword"),
    ("kanji", "kanji"),
    ("kana", "kana"),
    ("romaji", "romaji"),
    ("category", "category"),
    ("aliases", "aliases"),
    ("see_also", "see also"),
    ("meaning", "meaning"),
)


def service_of(interaction: discord.Interaction) -> GlossaryService:
    bot: KeitoraBot = interaction.client  # type: ignore[assignment]
    return bot.services.glossary


# --- rendering -----------------------------------------------------------------------------------


def writing(entry: GlossaryEntry) -> str:
    """`漢字 (かな) romaji`, with whatever parts the entry has. Kanji given without kana or
    romaji are read by the headword when it is romaji (田んぼ tanbo): a moderator who knows a
    term's kanji may not know its kana, and the headword is already how members say it."""
    romaji = entry.romaji or (entry.headword if _unread(entry) else "")
    return " ".join(part for part in (entry.kanji, _reading(entry), romaji) if part)


def _unread(entry: GlossaryEntry) -> bool:
    return bool(entry.kanji) and not entry.kana and entry.headword.isascii()


def _reading(entry: GlossaryEntry) -> str:
    """The kana in brackets, unless the kanji form shows it already: パートタイム4WD is read
    パートタイム, and キズ きず."""
    if not entry.kana or normalize(entry.kana) in normalize(entry.kanji):
        return ""
    return f"({entry.kana})"


def choice_name(entry: GlossaryEntry) -> str:
    """An autocomplete label such as "keitora — 軽トラ — kei truck"."""
    parts = [entry.headword, entry.kanji or entry.kana, english_name(entry)]
    return fit(" — ".join(dict.fromkeys(p for p in parts if p)), CHOICE_NAME)


def render_entry(
    entry: GlossaryEntry, see_also: Sequence[GlossaryEntry] = (), *, title: str = ""
) -> discord.Embed:
    top = f"**{echo(writing(entry))}**\n\n" if writing(entry) else ""
    caution = f"\n\n{UNVERIFIED}" if entry.unverified else ""
    embed = discord.Embed(
        title=fit(title or entry.headword, EMBED_TITLE),
        description=fit(top + echo(entry.meaning) + caution, EMBED_DESCRIPTION),
        colour=discord.Colour.orange() if entry.unverified else COLOUR,
    )
    embed.add_field(name="Category", value=entry.category)
    if entry.aliases:
        aliases = ", ".join(echo(alias) for alias in entry.aliases)
        embed.add_field(name="Also written", value=fit(aliases, EMBED_FIELD_VALUE), inline=False)
    related, codes = related_and_codes(see_also)
    if related:
        lines = [f"• {echo(other.headword)}" for other in related]
        embed.add_field(name="See also", value=join_within(lines, EMBED_FIELD_VALUE), inline=False)
    # A model line's meaning names its codes with their years: the card names them once.
    if unnamed := [code for code in codes if code.headword not in entry.meaning]:
        listed = fit(", ".join(echo(code.headword) for code in unnamed), EMBED_FIELD_VALUE)
        embed.add_field(name="Chassis codes", value=listed, inline=False)
    return embed


def related_and_codes(
    see_also: Sequence[GlossaryEntry],
) -> tuple[list[GlossaryEntry], list[GlossaryEntry]]:
    """A card's see-also split into related terms and chassis codes: a model line links to
    every code it was built under, sixteen bullets of them for the Hijet."""
    codes = [entry for entry in see_also if is_chassis_code(entry)]
    return [entry for entry in see_also if not is_chassis_code(entry)], codes


def related_first(entries: Sequence[GlossaryEntry]) -> list[GlossaryEntry]:
    """`entries` with chassis codes last, for the buttons that look them up."""
    related, codes = related_and_codes(entries)
    return [*related, *codes]


def word_of_the_day_card(lookup: Lookup, day: date) -> tuple[dict[str, Any], tuple[Button, ...]]:
    """The daily post as plain data for the outbox: the term's card and its see-also buttons,
    which the `LookupButton`s registered at start-up answer."""
    assert lookup.entry is not None
    embed = render_entry(lookup.entry, lookup.see_also, title=DAILY_TITLE + lookup.entry.headword)
    embed.set_footer(text=daily_footer(day))
    buttons = tuple(
        Button(fit(entry.headword, BUTTON_LABEL), lookup_custom_id(entry_key(entry.headword)))
        for entry in related_first(lookup.see_also)[:BUTTONS_PER_ROW]
    )
    return embed.to_dict(), buttons


def daily_footer(day: date) -> str:
    """The footer that dates a word-of-the-day post, e.g. "Saturday 7 March 2026"."""
    return f"{day:%A} {day.day} {day:%B %Y}"


# Entries are immutable and the same ones fill list after list, while escaping and normalising
# their names cost a search about 0.8 ms of its 4: each line is made once.
@lru_cache(maxsize=4096)
def list_line(entry: GlossaryEntry, meaning_width: int) -> str:
    """A list line: the headword in bold, then the other ways it is written (the romaji only
    when it differs from the headword, which is usually the romaji itself), then its meaning
    cut to `meaning_width`."""
    romaji = entry.romaji if normalize(entry.romaji) != normalize(entry.headword) else ""
    others = " ".join(part for part in (entry.kanji, _reading(entry), romaji) if part)
    name = f"**{echo(entry.headword)}**" + (f" {echo(others)}" if others else "")
    return f"{name} — {echo(cut_between_words(entry.meaning, meaning_width))}"


# A meaning cut after one of these would read as a broken sentence ("built 1991–1999,…").
_TRAILING = ",;:.–—-(‘“'\""
# A cut goes back to a space only this far (of the width): Japanese has no spaces to cut at.
_WORD_ROOM = 0.6


def cut_between_words(text: str, width: int) -> str:
    """`text` in at most `width` characters, cut between words: "famous for…", where a cut
    inside a word ("famous for ru…", "I3. O…") tells the reader nothing."""
    if len(text) <= width:
        return text
    kept = text[: width - len(ELLIPSIS) + 1]
    space = kept.rfind(" ")
    # Without a space near the end (one long word, or Japanese), every character says something.
    kept = kept[:space] if space >= width * _WORD_ROOM else kept[:-1]
    return kept.rstrip().rstrip(_TRAILING).rstrip() + ELLIPSIS


def render_search(query: str, hits: Sequence[Hit]) -> discord.Embed:
    lines = [
        list_line(hit.entry, 120)
        + (" *(found in its meaning)*" if hit.matched == "meaning" else "")
        for hit in hits
    ]
    return discord.Embed(
        title=fit(f"Glossary search: {shown_inert(query)}", EMBED_TITLE),
        description=join_within(lines, EMBED_DESCRIPTION) if lines else "Nothing matched.",
        colour=COLOUR,
    )


def render_page(page: Page) -> discord.Embed:
    # A line says what the term is, so a bare chassis code like "HA8" names its truck.
    lines = [list_line(entry, 70) for entry in page.entries]
    scope = f"{page.category} terms" if page.category else "all terms"
    return discord.Embed(
        title=f"Glossary: {scope} (page {page.number} of {page.pages})",
        description=join_within(lines, EMBED_DESCRIPTION) if lines else "No terms here yet.",
        colour=COLOUR,
    ).set_footer(text=f"{page.total} terms")


def render_history(term: str, entry: GlossaryEntry | None, changes: Sequence[Change]) -> str:
    # A removed term is named as it was last written; the option holds only its key.
    named = entry or next((e for c in changes for e in (c.after, c.before) if e is not None), None)
    lines = [f"History of {quoted(named.headword if named else term)}"]
    for change in changes:
        when = discord.utils.format_dt(change.at, "f")
        summary = _change_summary(change)
        lines.append(
            f"• {when} {member_mention(change.actor_id)} {ACTIONS_DONE[change.action]} it"
            f"{_from_suggestion(change)}" + (f": {summary}" if summary else "")
        )
    if not changes:
        lines.append("No changes in this server: it is the built-in entry.")
    return join_within(lines, MESSAGE_CONTENT)


def _from_suggestion(change: Change) -> str:
    """Which member's suggestion an approval added, when it was one."""
    if change.suggestion_id is None:
        return ""
    by = "a former member" if change.suggested_by is None else f"<@{change.suggested_by}>"
    return f", from suggestion #{change.suggestion_id} by {by}"


def _change_summary(change: Change) -> str:
    """What a change did: each edited field as before → after, trimmed; nothing for a
    removal, which the action says."""
    if change.after is None:
        return ""
    if change.before is None:
        return f"meaning {_history_value(change.after.meaning)}"
    differing = [
        f"{label} {_history_value(getattr(change.before, name))} → "
        f"{_history_value(getattr(change.after, name))}"
        for name, label in HISTORY_FIELDS
        if getattr(change.before, name) != getattr(change.after, name)
    ]
    return "; ".join(differing) or "nothing visible changed"


def _history_value(value: str | tuple[str, ...]) -> str:
    text = ", ".join(value) if isinstance(value, tuple) else value
    return f"“{echo(cut_between_words(text, HISTORY_VALUE))}”" if text else "(none)"


def render_suggestions(shown: Sequence[Suggestion], waiting: int) -> discord.Embed:
    """The oldest suggestions `shown`, of all those `waiting`."""
    lines = [
        f"**#{s.id} {echo(s.term)}** {echo(join_japanese(s.kanji, s.kana))}\n"
        f"{echo(fit(s.meaning, 300))}" + (f"\n— <@{s.member_id}>" if s.member_id else "")
        for s in shown
    ]
    more = waiting - len(shown)
    footer = (
        f"{waiting:,} waiting, the oldest {len(shown)} shown; /modqueue pages through them all."
        if more > 0
        else "Approve opens the entry form."
    )
    return discord.Embed(
        title="Glossary suggestions waiting for review",
        description=join_within(lines, EMBED_DESCRIPTION) or "Nothing is waiting.",
        colour=COLOUR,
    ).set_footer(text=footer)


# --- answering lookups ---------------------------------------------------------------------------


async def answer_lookup(interaction: discord.Interaction, term: str, *, public: bool) -> None:
    """Show the entry `term` names, or offer "did you mean" buttons."""
    found = await service_of(interaction).lookup(guild_id_of(interaction), term)
    await answer_entry(interaction, found, term, public=public)


async def answer_entry(
    interaction: discord.Interaction, found: Lookup, term: str, *, public: bool
) -> None:
    if found.entry is not None:
        embed = render_entry(found.entry, found.see_also)
        view = terms_view(found.see_also)
        # A card alone would pass the nearest term off as the one asked for.
        note = None
        if found.closest:
            note = (
                f"No entry for {quoted(term)}: did you mean {quoted(found.entry.headword)}? "
                "Its card is below."
            )
        elif found.emissions_prefix:
            note = (
                f"Read {quoted(found.entry.headword)}, the chassis code after the emissions "
                f"prefix {quoted(found.emissions_prefix + '-')}."
            )
        await respond(interaction, note, embed=embed, view=view, ephemeral=not public)
    elif found.suggestions:
        names = [quoted(e.headword) for e in found.suggestions]
        either = f"{', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else names[0]
        content = f"No entry for {quoted(term)}: did you mean {either}?"
        await respond(interaction, content, view=terms_view(found.suggestions))
    else:
        await respond(
            interaction,
            f"No entry for {quoted(term)}. Try `/glossary search`, or propose it with "
            "`/glossary suggest`.",
        )


def terms_view(entries: Sequence[GlossaryEntry]) -> discord.ui.View:
    """A button that looks up each of the first entries, as many as fit in a row, related terms
    before chassis codes. The view is shared by every answer listing the same terms: never add
    to it."""
    first = related_first(entries)[:BUTTONS_PER_ROW]
    return _lookup_buttons(tuple(entry.headword for entry in first))


# A stopped view is only rendered when it is sent (discord.py keeps no stopped view), so answers
# that list the same terms share one: building a search's five buttons cost it about a tenth of
# its CPU time under load.
@lru_cache(maxsize=512)
def _lookup_buttons(headwords: tuple[str, ...]) -> discord.ui.View:
    return stateless_view(LookupButton(entry_key(headword), headword) for headword in headwords)


def lookup_custom_id(key: str) -> str:
    return f"glossary:look:{key}"


class LookupButton(
    discord.ui.DynamicItem[discord.ui.Button], template=r"glossary:look:(?P<key>.+)"
):
    """Looks a term up (privately) for whoever clicks it."""

    def __init__(self, key: str, label: str) -> None:
        super().__init__(
            discord.ui.Button(
                label=fit(label, BUTTON_LABEL),
                custom_id=lookup_custom_id(key),
                style=discord.ButtonStyle.secondary,
            )
        )
        self.key = key

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> LookupButton:
        label = getattr(item, "label", None) or match["key"]
        return cls(match["key"], label)

    async def callback(self, interaction: discord.Interaction) -> None:
        await guarded(interaction, answer_lookup(interaction, self.key, public=False))


# --- browsing ------------------------------------------------------------------------------------


def page_view(page: Page) -> discord.ui.View | None:
    return page_buttons(
        lambda way, number, disabled: BrowseButton(way, number, page.category, disabled),
        page.number,
        page.pages,
    )


class BrowseButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"glossary:browse:(?P<way>previous|next):(?P<page>\d{1,4}):(?P<category>[a-z]*)",
):
    """Previous/Next on a browse page; the page and category ride in the custom_id."""

    def __init__(self, way: str, page: int, category: str | None, disabled: bool) -> None:
        custom_id = f"glossary:browse:{way}:{max(page, 0)}:{category or ''}"
        super().__init__(page_button(way, custom_id, disabled))
        self.page = page
        self.category = category

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> BrowseButton:
        category = match["category"] if match["category"] in CATEGORIES else None
        return cls(match["way"], int(match["page"]), category, False)

    async def callback(self, interaction: discord.Interaction) -> None:
        await guarded(interaction, self._turn(interaction))

    async def _turn(self, interaction: discord.Interaction) -> None:
        service = service_of(interaction)
        page = await service.browse(guild_id_of(interaction), self.category, self.page)
        await interaction.response.edit_message(embed=render_page(page), view=page_view(page))
