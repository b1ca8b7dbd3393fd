"""`/auction decode`: an auction sheet explained in one embed that always fits Discord's limits,
with the words that are not codes looked up in the server's glossary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Sequence

import discord
from discord import app_commands
from discord.ext import commands

from bot.auction import (
    HOUSE_NOTE,
    MAX_SHEET_CHARS,
    DamageGroup,
    DamageMark,
    GradeInfo,
    LetterGrade,
    Severity,
    SheetDecode,
    SheetWord,
    decode_sheet,
    words_to_look_up,
)
from bot.client import KeitoraBot, respond
from bot.clock import Clock
from bot.glossary import Lookup
from bot.limits import EMBED_FIELD_VALUE, EMBED_FIELDS, EMBED_TOTAL, fit, fit_words, join_within
from cogs._cooldown import ChannelCooldown
from cogs._text import echo
from cogs.checks import READ_ONLY

TITLE = "Auction sheet decoded"
NOTHING_TITLE = "Nothing recognized on this sheet"
GLOSSARY_NAME = "From this server's glossary"
TRUCK_NAME = "Truck and date"
UNKNOWN_NAME = "Not recognized (not guessed)"
ASK_ABOUT_UNKNOWN = "Ask your exporter or translator what these mean on that house's sheet."
# Each lookup searches the server's index (and counts towards the word's popularity). A sheet's
# words are a handful; a paste of hundreds of unknown tokens must not hold up the reply.
GLOSSARY_LOOKUPS = 25
# The verdict and advice go in the description; what is left of Discord's 6,000 characters goes
# to the fields. Damage groups get the room left over, since they can shrink to a one-line summary.
DESCRIPTION_BUDGET = 1800
ADVICE_LINE_BUDGET = 500  # one long line (many tokens) must not crowd out the others
RUST_CALLOUT_BUDGET = 300
DETAIL_FIELD_BUDGET = 600  # equipment, mileage, glossary words and unknown tokens, each
WORD_LINE_MIN = 90  # a glossary word's line is cut no shorter: its meaning's first words
WORD_PART_MIN = 20  # nor a part's meaning, in a word of parts
WORDS_CUT = "`/glossary lookup` gives each in full."
OVERFLOW_NAME = "More damage marks"
UNVERIFIED = "⚠️ Unverified: only one source backs this meaning, so confirm it with the house."

Field = tuple[str, str, bool]  # name, value, inline
GlossaryLookup = Callable[[int, str], Awaitable[Lookup]]  # (guild id, term) -> the entry, if any


def render_sheet(decode: SheetDecode) -> discord.Embed:
    """The whole decode in one embed within every Discord limit, damage trimmed last."""
    title = TITLE if decode.recognised else NOTHING_TITLE
    embed = discord.Embed(title=title, description=_description(decode), colour=_colour(decode))
    embed.set_footer(text=HOUSE_NOTE)
    head = _grade_fields(decode)
    tail = _detail_fields(decode)
    room = EMBED_TOTAL - len(embed) - sum(len(name) + len(value) for name, value, _ in head + tail)
    slots = EMBED_FIELDS - len(head) - len(tail)
    damage = _damage_fields(decode.damage_groups(), room, slots)
    for name, value, inline in (*head, *damage, *tail):
        embed.add_field(name=name, value=value, inline=inline)
    return embed


def _colour(decode: SheetDecode) -> discord.Colour:
    if not decode.recognised:
        return discord.Colour.light_grey()
    if decode.structural_repair or decode.worst_severity is Severity.SEVERE:
        return discord.Colour.red()
    if decode.rust_warning or decode.worst_severity is Severity.MODERATE:
        return discord.Colour.orange()
    return discord.Colour.green()


def _description(decode: SheetDecode) -> str:
    top = [decode.summary]
    if decode.structural_repair and decode.grade is not None:
        top.append(f"**⚠️ Structural repair history (grade {echo(decode.grade.grade)})**")
    if decode.rust_warning:
        marked = dict.fromkeys(_code_and_panel(m) for m in decode.damages if m.rust)
        top.append(fit(f"**⚠️ Rust or corrosion marked:** {', '.join(marked)}", RUST_CALLOUT_BUDGET))
    text = "\n".join(top)
    if not decode.advice:
        return text
    text += "\n\n**What to do**\n"
    # Advice lines quote what the member typed (unknown tokens, panels), so they are echoed.
    advice = [fit(f"• {echo(line)}", ADVICE_LINE_BUDGET) for line in decode.advice]
    return text + join_within(advice, DESCRIPTION_BUDGET - len(text))


def _code_and_panel(mark: DamageMark) -> str:
    """The code says how bad, the panel where: C2 (roof), or S1 when no panel was given."""
    code = mark.code + (str(mark.level) if mark.level is not None else "")
    return f"{code} ({echo(mark.panel)})" if mark.panel else code


def _grade_fields(decode: SheetDecode) -> list[Field]:
    fields: list[Field] = []
    if decode.grade is not None:
        fields.append(_grade_field(decode.grade))
    if decode.interior is not None:
        fields.append(_letter_field("Interior", decode.interior))
    if decode.exterior is not None:
        fields.append(_letter_field("Exterior", decode.exterior))
    return fields


def _grade_field(grade: GradeInfo) -> Field:
    lines = [grade.meaning]
    if grade.caveat:
        lines.append(f"*{grade.caveat}*")
    if grade.unverified:
        lines.append(UNVERIFIED)
    return f"Overall grade {echo(grade.grade)}", fit("\n".join(lines), EMBED_FIELD_VALUE), False


def _letter_field(kind: str, letter: LetterGrade) -> Field:
    value = letter.meaning + (f"\n{UNVERIFIED}" if letter.unverified else "")
    return f"{kind} {letter.letter}", fit(value, EMBED_FIELD_VALUE), True


def _detail_fields(decode: SheetDecode) -> list[Field]:
    fields: list[Field] = []
    if decode.equipment:
        # One line per code: a sheet listing AC twice still has one air conditioner.
        by_code = {item.code: item for item in decode.equipment}
        lines = [
            _with_caveat(f"**{code}** {item.meaning}", item.caveat)
            for code, item in by_code.items()
        ]
        fields.append(("Equipment", join_within(lines, DETAIL_FIELD_BUDGET), False))
    if decode.mileage_km is not None or decode.mileage_marks:
        lines = [f"{decode.mileage_km:,} km"] if decode.mileage_km is not None else []
        lines += [
            _with_caveat(f"**{echo(mark.token)}** {mark.meaning}", mark.caveat)
            for mark in decode.mileage_marks
        ]
        fields.append(("Mileage", join_within(lines, DETAIL_FIELD_BUDGET), False))
    if decode.model is not None or decode.date is not None:
        fields.append((TRUCK_NAME, join_within(_truck_lines(decode), DETAIL_FIELD_BUDGET), False))
    if decode.words:
        fields.append((GLOSSARY_NAME, _words_value(decode.words), False))
    # Nothing read at all: the title says so and the description what to paste, so the
    # pasted text is not listed back.
    if decode.unknown and decode.recognised:
        lines = [
            f"• {echo(token)}" + (f" ×{n}" if n > 1 else "")
            for token, n in Counter(decode.unknown).items()
        ]
        listed = join_within(lines, DETAIL_FIELD_BUDGET - len(ASK_ABOUT_UNKNOWN) - 1)
        fields.append((UNKNOWN_NAME, f"{listed}\n{ASK_ABOUT_UNKNOWN}", False))
    return fields


def _truck_lines(decode: SheetDecode) -> list[str]:
    """The truck its chassis code names and the era date read, as /eligibility reads them,
    with where to take that date for the import rule."""
    lines = []
    if (printed := decode.model) is not None:
        model = printed.model
        prefix = f" ({echo(printed.prefix)}- is the emissions prefix)" if printed.prefix else ""
        built = (
            f"listed as built {model.years} (unconfirmed)"
            if model.unverified
            else (f"built {model.years}")
        )
        lines.append(
            f"**{echo(printed.token)}** {model.name} chassis code {model.code}{prefix}, "
            f"{built}, {model.drive}."
        )
    if (dated := decode.date) is not None:
        lines.append(f"**{echo(dated.token)}** {dated.date.text}. {dated.date.reading}")
        model_option = f" model:{decode.model.model.code}" if decode.model else ""
        lines.append(
            "A sheet's date is usually 年式 (nenshiki), normally the first registration, which "
            f"can be later than the build: `/eligibility manufactured:{dated.token}{model_option}` "
            "gives the latest date the US 25-year rule can apply from; the manufacture date "
            "(製造年月) on the papers gives the exact one."
        )
    if (inspection := decode.inspection) is not None:
        lines.append(
            f"**{echo(inspection.token)}** The inspection (車検) runs until "
            f"{inspection.date.text}: a date for Japan's roads, not the truck's age."
        )
    return lines


def _words_value(words: Sequence[SheetWord]) -> str:
    """Every word explained, each cut to its share of the field when they do not all fit whole
    (/glossary lookup gives them in full); past the room for a readable share, the words left
    are named, for /glossary lookup to explain."""
    # A word pasted twice has one meaning.
    words = list({word.token: word for word in words}.values())
    whole = [_word_line(word) for word in words]
    if len("\n".join(whole)) <= DETAIL_FIELD_BUDGET:
        return "\n".join(whole)
    room = DETAIL_FIELD_BUDGET - len(WORDS_CUT) - 1
    share = max(room // len(words), WORD_LINE_MIN)
    lines = [fit_words(_word_line(word, share - 1), share - 1) for word in words]
    for kept in range(len(lines), 0, -1):
        left = dict.fromkeys(echo(word.token) for word in words[kept:])
        tail = f"…and {', '.join(left)}: `/glossary lookup` explains each." if left else WORDS_CUT
        value = "\n".join([*lines[:kept], tail])
        if len(value) <= DETAIL_FIELD_BUDGET:
            return value
    return fit(value, DETAIL_FIELD_BUDGET)


def _word_line(word: SheetWord, room: int | None = None) -> str:
    """The word and its meaning, or each part's: in `room`, every part keeps a share of it, so
    a cut never takes the last part away (車検残 5か月 = 車検残 (…) + 5か月 (5 months))."""
    # Meanings are moderators' text, so they are echoed like what the member pasted.
    head = f"**{echo(word.token)}**"
    texts = [echo(part.text) for part in word.parts]
    meanings = [echo(part.meaning) for part in word.parts]
    if room is not None:
        framing = len(head) + sum(len(text) + 6 for text in texts)
        share = max((room - framing) // len(word.parts), WORD_PART_MIN)
        meanings = [fit_words(meaning, share) for meaning in meanings]
    if len(word.parts) == 1:
        return f"{head} {meanings[0]}"
    parts = " + ".join(f"{text} ({meaning})" for text, meaning in zip(texts, meanings, strict=True))
    return f"{head} = {parts}"


def _with_caveat(line: str, caveat: str) -> str:
    return f"{line} *({caveat})*" if caveat else line


def _damage_fields(groups: Sequence[DamageGroup], room: int, slots: int) -> list[Field]:
    """One field per code while they fit; the codes that don't are summarised in a last field."""
    fields = [_damage_field(group) for group in groups]
    if len(fields) <= slots and sum(len(n) + len(v) for n, v, _ in fields) <= room:
        return fields
    kept: list[Field] = []
    used = 0
    for index, field in enumerate(fields):
        cost = len(field[0]) + len(field[1])
        rest_cost = len(OVERFLOW_NAME) + len(_overflow_value(groups[index + 1 :]))
        if len(kept) + 2 > slots or used + cost + rest_cost > room:
            break
        kept.append(field)
        used += cost
    value_room = min(EMBED_FIELD_VALUE, room - used - len(OVERFLOW_NAME))
    return [*kept, (OVERFLOW_NAME, fit(_overflow_value(groups[len(kept) :]), value_room), False)]


def _overflow_value(groups: Sequence[DamageGroup]) -> str:
    return ", ".join(
        f"{group.code} {group.meaning.lower()} ×{len(group.marks)}" for group in groups
    )


def _damage_field(group: DamageGroup) -> Field:
    count = len(group.marks)
    rust = "⚠️ " if any(mark.rust for mark in group.marks) else ""
    name = f"{rust}{group.code}: {group.meaning}" + (f" ({count} marks)" if count > 1 else "")
    # Marks of one code and level read as one line listing where they are: "A2 scratch — bed, roof".
    places: dict[tuple[str, str], list[str]] = {}
    for mark in group.marks:
        label = mark.code + (str(mark.level) if mark.level is not None else "")
        places.setdefault((label, mark.detail), []).append(mark.panel)
    lines = [_kind_line(label, detail, panels) for (label, detail), panels in places.items()]
    caveats = "\n".join(f"*{caveat}*" for caveat in _distinct_caveats(group))
    if not caveats:
        return name, join_within(lines, EMBED_FIELD_VALUE), False
    marks = join_within(lines, EMBED_FIELD_VALUE - len(caveats) - 1)
    return name, f"{marks}\n{caveats}", False


def _distinct_caveats(group: DamageGroup) -> list[str]:
    # A level's caveat is the code's caveat plus a sentence, so keep only the fullest wording.
    caveats = list(dict.fromkeys(mark.caveat for mark in group.marks if mark.caveat))
    return [c for c in caveats if not any(c != other and c in other for other in caveats)]


def _kind_line(label: str, detail: str, panels: list[str]) -> str:
    counts = Counter(panels)
    if set(counts) == {""}:
        return f"**{label}** {detail}" + (f" ×{counts['']}" if counts[""] > 1 else "")
    where = ", ".join(
        (echo(panel) if panel else "no panel given") + (f" ×{n}" if n > 1 else "")
        for panel, n in counts.items()
    )
    return f"**{label}** {detail} — {where}"


class AuctionCog(commands.GroupCog, group_name="auction", group_description="Auction-sheet tools"):
    def __init__(self, lookup: GlossaryLookup, clock: Clock) -> None:
        self.lookup = lookup
        self.cooldown = ChannelCooldown(clock, "sheet decode")

    @app_commands.command(
        name="decode",
        description="Explain the grade and codes from a Japanese auction sheet",
        extras=READ_ONLY,
    )
    @app_commands.describe(
        sheet="The grade and codes as printed, e.g. 4.5 B A1 U2 S1 XX W1",
        public="Show the answer to everyone in the channel (default: only you)",
    )
    async def decode(
        self,
        interaction: discord.Interaction,
        sheet: app_commands.Range[str, 1, MAX_SHEET_CHARS],
        public: bool = False,
    ) -> None:
        decode = decode_sheet(sheet)
        # The decoder is pure and the glossary is not: ask the glossary about what the decoder
        # could not read, then read the sheet again with the answers. Outside a server there is
        # no server glossary to ask.
        if decode.unknown and interaction.guild_id is not None:
            meanings = await self.meanings(interaction.guild_id, decode.unknown)
            decode = decode_sheet(sheet, meanings.get)
        # A sheet with nothing read on it is bad input: its member alone sees the answer.
        shown = public and decode.recognised

        async def send() -> bool:
            await respond(interaction, embed=render_sheet(decode), ephemeral=not shown)
            return shown

        await self.cooldown.answer(interaction.channel_id or 0, shown, send)

    async def meanings(self, guild_id: int, unknown: Iterable[str]) -> dict[str, str]:
        """The glossary's meaning of each word the decoder may ask about, where it has one."""
        found: dict[str, str] = {}
        for term in words_to_look_up(unknown)[:GLOSSARY_LOOKUPS]:
            entry = (await self.lookup(guild_id, term)).entry
            if entry is not None:
                found[term] = entry.meaning
        return found


async def setup(bot: KeitoraBot) -> None:
    await bot.add_cog(AuctionCog(bot.services.glossary.lookup, bot.clock))
