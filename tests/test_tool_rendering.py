"""The /auction and /eligibility embeds: real decodes rendered into real embeds, held to
Discord's limits, with member text made inert and the right sentences and dates."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from typing import Any

import discord
import pytest
from discord import app_commands
from discord.ext import commands

from bot.auction import HOUSE_NOTE, MAX_SHEET_CHARS, SheetDecode, decode_sheet
from bot.client import inert_quotes
from bot.clock import ManualClock
from bot.eligibility import MAX_INPUT, Eligibility, check_eligibility, parse_manufactured
from bot.errors import UserError
from bot.glossary import GlossaryEntry, Lookup
from bot.limits import (
    AUTOCOMPLETE_CHOICES,
    CHOICE_NAME,
    EMBED_DESCRIPTION,
    EMBED_FIELD_NAME,
    EMBED_FIELD_VALUE,
    EMBED_FIELDS,
    EMBED_FOOTER,
    EMBED_TITLE,
    EMBED_TOTAL,
    join_within,
    listed,
)
from bot.models import default_models, find_model
from cogs.auction import (
    ASK_ABOUT_UNKNOWN,
    GLOSSARY_LOOKUPS,
    GLOSSARY_NAME,
    NOTHING_TITLE,
    OVERFLOW_NAME,
    TITLE,
    AuctionCog,
    render_sheet,
)
from cogs.eligibility import (
    FACTS_AS_OF,
    EligibilityCog,
    model_choices,
    render_eligibility,
    resolve_model,
)

EVERY_CODE = (
    "A1 A2 A3 A4 U1 U2 U3 U4 B1 B2 B3 E1 E2 E3 W1 W2 W3 S1 S2 S3 C1 C2 C3 "
    "P P1 P2 P3 H X X1 X2 X3 XX Y1 Y2 Y3 G M RX"
)
PANELS = ("FR door", "RL fender", "rear bumper", "bed", "roof", "hood", "tailgate", "cab")
# As much of the sheet as the decoder accepts: every code on three panels plus the glass codes.
EXTREME_SHEET = f"3.5 D FR door {EVERY_CODE}, RL fender {EVERY_CODE}, windshield X X1 R G RX, " + (
    f"bed {EVERY_CODE}"
)
PINGS = "@everyone @here <@&123456789012345678> <@123456789012345678> **bold** ~~gone~~"

SHEETS = [
    "4.5 B A1 U2 S1 XX W1",
    "R C FR door A2, rear bumper U1 U2; bed S2",
    "評価点3.5 内装C 外装B 走行距離 52,000km* AC PS 4WD F5",
    "***",
    "RB E ZZ9 QQ7 mystery",
    "4 B 123000km# C4 AC AC",
    "S A",
    EXTREME_SHEET,
    "4 B " + " ".join(["H"] * 240),
    "3 C " + PINGS,
    "3 C " + " ".join(f"Q{n}" for n in range(120)),
]

TODAY = date(2026, 7, 1)


def embed_texts(embed: discord.Embed) -> list[str]:
    texts = [embed.title or "", embed.description or "", embed.footer.text or ""]
    for field in embed.fields:
        texts += [field.name or "", field.value or ""]
    return texts


def assert_within_limits(embed: discord.Embed) -> None:
    assert len(embed) <= EMBED_TOTAL
    assert len(embed.fields) <= EMBED_FIELDS
    assert len(embed.title or "") <= EMBED_TITLE
    assert len(embed.description or "") <= EMBED_DESCRIPTION
    assert len(embed.footer.text or "") <= EMBED_FOOTER
    for field in embed.fields:
        assert field.name
        assert field.value
        assert len(field.name) <= EMBED_FIELD_NAME
        assert len(field.value) <= EMBED_FIELD_VALUE
    # What Discord receives must be what we measured: no field lost on the way to JSON.
    assert len(embed.to_dict().get("fields", [])) == len(embed.fields)


def field(embed: discord.Embed, name_part: str) -> str:
    return next(f.value or "" for f in embed.fields if name_part in (f.name or ""))


def merged(*sheets: str) -> SheetDecode:
    """One decode carrying the marks, tokens and advice of many real decodes: far past what a
    single 500-character sheet can hold, to prove the trimming rather than the input cap."""
    decodes = [decode_sheet(sheet) for sheet in sheets]
    return dataclasses.replace(
        decodes[0],
        damages=tuple(mark for d in decodes for mark in d.damages),
        unknown=tuple(token for d in decodes for token in d.unknown),
        equipment=tuple(item for d in decodes for item in d.equipment),
        mileage_marks=tuple(mark for d in decodes for mark in d.mileage_marks),
        advice=tuple(line for d in decodes for line in d.advice),
    )


# --- /auction decode --------------------------------------------------------------------------


@pytest.mark.parametrize("sheet", SHEETS)
def test_sheet_embed_stays_within_discord_limits(sheet: str) -> None:
    assert len(sheet) <= MAX_SHEET_CHARS
    embed = render_sheet(decode_sheet(sheet))
    assert_within_limits(embed)
    assert embed.footer.text == HOUSE_NOTE


def test_extreme_sheet_keeps_every_code_group() -> None:
    decode = decode_sheet(EXTREME_SHEET)
    embed = render_sheet(decode)
    assert_within_limits(embed)
    names = [f.name or "" for f in embed.fields]
    assert len(decode.damage_groups()) == 18
    for group in decode.damage_groups():
        assert any(name.lstrip("⚠️ ").startswith(f"{group.code}: {group.meaning}") for name in names)
    assert OVERFLOW_NAME not in names


def test_far_more_damage_than_fits_is_summarised_not_dropped() -> None:
    decode = merged(
        *(f"3 C {panel} {EVERY_CODE}" for panel in PANELS),
        *(f"3 C {panel} {EVERY_CODE} ZZ{n} @everyone" for n, panel in enumerate(PANELS)),
    )
    embed = render_sheet(decode)
    assert_within_limits(embed)
    overflow = field(embed, OVERFLOW_NAME)
    shown = [f.name or "" for f in embed.fields if ":" in (f.name or "")]
    assert overflow
    # Every group is either a field of its own or named in the summary.
    for group in decode.damage_groups():
        own = any(name.lstrip("⚠️ ").startswith(f"{group.code}: ") for name in shown)
        assert own or f"{group.code} {group.meaning.lower()} ×{len(group.marks)}" in overflow
    assert "@everyone" not in "".join(embed_texts(embed))
    assert "• @\u200beveryone ×8" in field(embed, "Not recognized")


def test_overall_interior_and_exterior_grades_are_explained() -> None:
    embed = render_sheet(decode_sheet("評価点3.5 内装C 外装B"))
    assert "Several areas need panel or repair work" in field(embed, "Overall grade 3.5")
    assert "needs a good clean" in field(embed, "Interior C")
    assert field(embed, "Exterior B")


def test_single_source_grade_and_letter_carry_an_unverified_caution() -> None:
    embed = render_sheet(decode_sheet("RB E"))
    assert "Unverified" in field(embed, "Overall grade RB")
    assert "single source" in field(embed, "Overall grade RB")  # the caveat itself
    assert "Unverified" in field(embed, "Interior E")
    assert "Structural repair history (grade RB)" in (embed.description or "")


def test_ungraded_symbol_is_not_read_as_markdown() -> None:
    embed = render_sheet(decode_sheet("***"))
    assert any(f.name == r"Overall grade \*\*\*" for f in embed.fields)


def test_unknown_tokens_are_named_as_unknown() -> None:
    embed = render_sheet(decode_sheet("4 B A1 ZZ9 QQ7"))
    unknown = field(embed, "Not recognized")
    assert "ZZ9" in unknown
    assert "QQ7" in unknown
    assert "A1" not in unknown
    assert "recognized" not in (embed.description or "")  # said once, by the field


def test_member_text_cannot_ping_or_format() -> None:
    embed = render_sheet(decode_sheet("3 C " + PINGS))
    text = "\n".join(embed_texts(embed))
    for ping in ("@everyone", "@here", "<@&123456789012345678>", "<@123456789012345678>"):
        assert ping not in text
    unknown = field(embed, "Not recognized")
    assert "@\u200beveryone" in unknown
    assert "@\u200bhere" in unknown
    assert "<@\u200b&123456789012345678>" in unknown
    # Bold and strike marks are taken off before the sheet is read; what is left of markdown
    # in a token is shown as typed, formatting nothing.
    assert "• bold\n• gone\n" in unknown
    # Italics around a word come off too (tidy 13); a lone mark is shown, formatting nothing.
    single = field(render_sheet(decode_sheet("3 C *it _it x~~")), "Not recognized")
    assert r"\*it" in single
    assert r"\_it" in single
    assert r"x\~\~" in single


def test_rust_is_highlighted_by_code_and_where_it_is() -> None:
    embed = render_sheet(decode_sheet("4 B bed S1 ROOF C1 A1, S1"))
    description = embed.description or ""
    assert "**⚠️ Rust or corrosion marked:** S1 (bed), C1 (ROOF), S1\n" in description
    assert "underbody" in description  # the rust advice line
    assert description.count("ROOF") == 1  # the codes are listed once, in the callout
    rust_fields = [f.name or "" for f in embed.fields if (f.name or "").startswith("⚠️")]
    assert rust_fields == [
        "⚠️ S: Rust (2 marks)",
        "⚠️ C: Corrosion: the metal is being eaten away or flaking",
    ]
    assert embed.colour == discord.Colour.orange()


def test_heavy_rust_is_called_severe_beside_its_code() -> None:
    embed = render_sheet(decode_sheet("R B S2"))
    description = embed.description or ""
    assert "worst severe" in description
    assert "**⚠️ Rust or corrosion marked:** S2\n" in description
    assert embed.colour == discord.Colour.red()


def test_garbage_is_not_a_clean_bill_of_health() -> None:
    embed = render_sheet(decode_sheet("hello world"))
    assert_within_limits(embed)
    assert embed.title == NOTHING_TITLE
    description = embed.description or ""
    assert description.startswith("Paste the grade and codes")
    assert "No damage marks" not in description
    assert not embed.fields  # the title says nothing was read: what was pasted is not listed
    assert embed.colour == discord.Colour.light_grey()
    assert render_sheet(decode_sheet("4 B")).title == TITLE


def test_a_starred_mileage_reads_as_tampering_the_records_show() -> None:
    mileage = field(render_sheet(decode_sheet("4 B 45000km*")), "Mileage")
    assert "Records show the odometer was tampered with (メーター改ざん車)" in mileage
    assert "check the sheet's key" in mileage


SHEET_GLOSSARY = {"修復歴": "Frame repair history.", "サビ": "Rust.", "下回り": "The underside."}


def test_glossary_words_get_a_field_of_their_own() -> None:
    embed = render_sheet(decode_sheet("4 B 修復歴なし サビ zz @everyone", SHEET_GLOSSARY.get))
    assert_within_limits(embed)
    assert field(embed, GLOSSARY_NAME) == (
        "**修復歴なし** = 修復歴 (Frame repair history.) + なし (none)\n**サビ** Rust."
    )
    assert field(embed, "Not recognized") == f"• zz\n• @\u200beveryone\n{ASK_ABOUT_UNKNOWN}"
    assert "2 words explained." in (embed.description or "")


async def test_the_cog_asks_the_glossary_about_each_unknown_word_once() -> None:
    asked: list[tuple[int, str]] = []

    async def lookup(guild_id: int, term: str) -> Lookup:
        asked.append((guild_id, term))
        meaning = SHEET_GLOSSARY.get(term)
        return Lookup(GlossaryEntry(term, meaning, "auction") if meaning else None)

    cog = AuctionCog(lookup, ManualClock(datetime.now(UTC)))
    found = await cog.meanings(7, ["修復歴なし", "zz", "修復歴なし"])
    assert found == {"修復歴": "Frame repair history."}
    assert asked == [(7, "修復歴なし"), (7, "修復歴"), (7, "zz")]
    asked.clear()
    await cog.meanings(7, [f"w{n}" for n in range(100)])
    assert len(asked) == GLOSSARY_LOOKUPS


def test_marks_of_one_code_read_as_one_line_per_level() -> None:
    embed = render_sheet(decode_sheet("4 B FR door A2, bed A2, A1 A1"))
    scratches = field(embed, "A: Scratch")
    assert "**A2** scratch — FR door, bed" in scratches
    assert "**A1** small, barely visible scratch ×2" in scratches


def test_level_caveats_are_not_repeated() -> None:
    embed = render_sheet(decode_sheet("4 B X X2"))
    caveats = [
        line
        for line in field(embed, "X: Panel").splitlines()
        if line.startswith("*") and not line.startswith("**")
    ]
    assert caveats == [
        "*In the grade box, X means hard to grade instead. Only some houses number X.*"
    ]


def test_equipment_and_mileage_with_marks() -> None:
    embed = render_sheet(decode_sheet("4 B 123000km# AC AC 4WD"))
    equipment = field(embed, "Equipment")
    assert equipment.count("Air conditioning") == 1
    assert "Four-wheel drive" in equipment
    mileage = field(embed, "Mileage")
    assert "123,000 km" in mileage
    assert r"123000km\#" in mileage or "123000km#" in mileage
    assert "true mileage is unknown" in mileage


def test_advice_follows_the_summary() -> None:
    decode = decode_sheet("R C FR door A2")
    description = render_sheet(decode).description or ""
    assert description.startswith(decode.summary)
    assert "**What to do**" in description
    assert "photos of the repaired area" in description


def test_join_within_drops_whole_lines_and_counts_them() -> None:
    lines = [f"line {n:02d}" for n in range(10)]
    assert join_within(lines, 1000) == "\n".join(lines)
    trimmed = join_within(lines, 40)
    assert len(trimmed) <= 40
    assert trimmed.endswith(f"…and {10 - (len(trimmed.splitlines()) - 1)} more")
    assert trimmed.splitlines()[0] == "line 00"
    assert len(join_within(["x" * 2000], 1024)) == 1024
    assert len(join_within(["x" * 2000, "y"], 1024)) <= 1024


# --- /eligibility -----------------------------------------------------------------------------


def eligibility(typed: str, model: str | None = None, today: date = TODAY) -> Eligibility:
    return check_eligibility(parse_manufactured(typed), today, resolve_model(model))


def test_eligible_truck_says_since_when_in_days() -> None:
    embed = render_eligibility(eligibility("1998-05-12"))
    assert_within_limits(embed)
    since = "**Eligible now** — since May 12, 2023 (3 years, 1 month, 19 days ago)"
    assert since in (embed.description or "")
    assert embed.colour == discord.Colour.green()


def test_eligible_today_says_today_not_a_time_of_day() -> None:
    # The 25th anniversary itself: a noon-UTC timestamp once read "in 26 minutes" here.
    embed = render_eligibility(eligibility("2001-11-30", today=date(2026, 11, 30)))
    description = embed.description or ""
    assert "✅ **Eligible now** — since November 30, 2026 (today)" in description
    assert "<t:" not in str(embed.to_dict())


def test_not_yet_eligible_truck_counts_down() -> None:
    embed = render_eligibility(eligibility("2001-11-04"))
    assert_within_limits(embed)
    description = embed.description or ""
    assert "⏳ **Eligible in 4 months, 3 days** — on November 4, 2026\n" in description
    assert "Eligible now" not in description
    assert "<t:" not in str(embed.to_dict())


def test_title_shows_the_date_as_understood() -> None:
    assert render_eligibility(eligibility("12/05/1998")).title == (
        "US 25-year import date: built December 5, 1998"
    )
    assert render_eligibility(eligibility("H10.5")).title == (
        "US 25-year import date: built May 1998"
    )


def test_explanation_alternative_epa_notes_and_footer() -> None:
    result = eligibility("H10.5")
    embed = render_eligibility(result)
    description = embed.description or ""
    for line in result.explanation:
        assert line in description
    assert "Heisei 10" in description
    assert field(embed, "Another reading") == result.alternative
    epa = field(embed, "EPA")
    assert "✅ Met: imports from January 1, 2019 qualify" in epa
    notes = field(embed, "Good to know")
    for note in result.notes:
        assert note in notes  # none cut off: the state-registration note comes last
    assert "state" in notes
    footer = embed.footer.text or ""
    assert "not legal advice" in footer
    assert f"Facts as of {FACTS_AS_OF:%B %Y}." in footer


def test_another_reading_follows_the_count_it_differs_from() -> None:
    embed = render_eligibility(eligibility("1999-03", model="S110P"))
    names = [f.name for f in embed.fields]
    assert names[:2] == ["Another reading", "Model"]


def test_epa_date_still_ahead_is_counted_down() -> None:
    epa = field(render_eligibility(eligibility("2010-03-01")), "EPA")
    assert "⏳ Imports from January 1, 2031 (in 4 years, 6 months) qualify." in epa


def test_day_precision_has_no_alternative_reading() -> None:
    embed = render_eligibility(eligibility("1998-05-12"))
    assert all(f.name != "Another reading" for f in embed.fields)


def test_model_years_mismatch_heads_the_answer() -> None:
    embed = render_eligibility(eligibility("1995", model="da63t"))
    assert_within_limits(embed)
    assert embed.title == "⚠️ Check the date: DA63T was built 2002–2013"
    description = embed.description or ""
    assert description.startswith(
        "Built 1995, outside those years: check the model code or the date. "
        "If the date is right:\n✅ **Eligible now** — since January 1, 2021"
    )
    assert embed.colour == discord.Colour.orange()
    assert "**DA63T** — Suzuki Carry (2002–2013)" in field(embed, "Model")
    assert all(f.name != "⚠️ Check this" for f in embed.fields)  # said once, at the top


def test_model_with_unconfirmed_years_says_so_in_the_mismatch() -> None:
    model = find_model("S100P")
    assert model is not None
    embed = render_eligibility(eligibility(str(model.year_from - 5), model="S100P"))
    assert embed.title == "⚠️ Check the date: S100P is listed as built 1994–1999 (unconfirmed)"
    # Said in the title, so not again in the line under it.
    headline = (embed.description or "").split("\n")[0]
    assert headline.startswith("Built 1989, outside those years: check the model code")
    assert "unconfirmed" not in headline


def test_unverified_model_carries_a_caution_even_when_years_match() -> None:
    model = find_model("S100P")
    assert model is not None
    assert model.unverified
    embed = render_eligibility(eligibility(str(model.year_from), model="S100P"))
    assert "unconfirmed" in field(embed, "Model")
    assert all(f.name != "⚠️ Check this" for f in embed.fields)


def test_unknown_model_code_is_a_clear_refusal() -> None:
    with pytest.raises(UserError, match="don't know the model code") as refused:
        resolve_model("ZZ999 @everyone")
    # Quoted plainly, to be made inert once, by the one error path.
    assert "“ZZ999 @everyone”" in refused.value.message
    assert "@everyone" not in inert_quotes(refused.value.message)
    assert resolve_model(None) is None
    assert resolve_model("  ") is None


def test_each_quote_is_made_inert_up_to_its_own_end() -> None:
    # Two quotes: the bot's own Markdown between them stays.
    assert inert_quotes("“a*” then `code` and “b_”.") == "“a\\*” then `code` and “b\\_”."
    # A ” typed inside a quote does not end it: the rest of the member's text is inert too.
    assert inert_quotes("Not “x” **y** @here”; try `12`.") == (
        "Not “x” \\*\\*y\\*\\* @\u200bhere”; try `12`."
    )
    # Codes Discord renders as a channel, a timestamp or an emoji read as typed.
    assert inert_quotes("Not “<#12> <t:0:R> <a:kei:3>”.") == "Not “\\<#12> \\<t:0:R> \\<a:kei:3>”."


def test_everyone_and_here_between_quotes_a_member_typed_are_inert() -> None:
    # A reason typed as `x” @here “y` looks like two quotes with the bot's words between them;
    # the bot's own words never say @everyone or @here, so no reading of the quotes leaves one.
    for mention in ("@here", "@everyone"):
        refusal = f"Build #1 is locked (“x” {mention} “y”), so it cannot be featured."
        assert mention not in inert_quotes(refusal)


def test_model_choices_fit_discord_autocomplete() -> None:
    choices = model_choices("")
    assert 0 < len(choices) <= AUTOCOMPLETE_CHOICES
    assert all(len(choice.name) <= CHOICE_NAME for choice in choices)
    carry = model_choices("da63")
    assert [(c.name, c.value) for c in carry] == [("DA63T — Suzuki Carry (2002–2013)", "DA63T")]
    assert model_choices("hijet")
    assert model_choices("no such truck") == []


def test_a_choice_of_an_unconfirmed_code_gives_its_years_as_a_guess() -> None:
    shown = {choice.value: choice.name for choice in model_choices("S20")}
    assert shown["S200P"] == "S200P — Daihatsu Hijet (1999–2007?, unconfirmed)"
    assert shown["S201P"] == "S201P — Daihatsu Hijet (2007–2014?, unconfirmed)"
    every = [choice.name for model in default_models() for choice in model_choices(model.code)]
    assert all(len(name) <= CHOICE_NAME for name in every)


# --- command definitions ----------------------------------------------------------------------


def command_payloads() -> dict[str, dict[str, Any]]:
    tree = app_commands.CommandTree(discord.Client(intents=discord.Intents.none()))

    async def no_glossary(guild_id: int, term: str) -> Lookup:
        return Lookup(None)

    cogs: list[commands.Cog] = [
        AuctionCog(no_glossary, ManualClock(datetime.now(UTC))),
        EligibilityCog(ManualClock(datetime.now(UTC))),
    ]
    for cog in cogs:
        for command in [cog.app_command] if cog.app_command else cog.get_app_commands():
            tree.add_command(command)
    return {command.name: command.to_dict(tree) for command in tree.get_commands()}


def options(payload: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {option["name"]: option for option in payload["options"]}


def test_commands_are_valid_for_discord() -> None:
    payloads = command_payloads()
    assert set(payloads) == {"auction", "eligibility"}

    decode = options(payloads["auction"])["decode"]
    sheet, public = decode["options"]
    assert (sheet["name"], sheet["required"], sheet["max_length"]) == ("sheet", True, 500)
    assert (public["name"], public["required"]) == ("public", False)

    eligibility_options = options(payloads["eligibility"])
    assert eligibility_options["manufactured"]["max_length"] == MAX_INPUT
    assert eligibility_options["model"]["autocomplete"] is True
    assert eligibility_options["model"]["required"] is False
    assert eligibility_options["public"]["type"] == discord.AppCommandOptionType.boolean.value


def test_items_are_listed_as_a_sentence_lists_them() -> None:
    assert [listed(items) for items in ([], ["A"], ["A", "B"], ["A", "B", "C"])] == [
        "",
        "A",
        "A and B",
        "A, B and C",
    ]


def test_an_inspection_date_is_named_apart_from_the_trucks_date() -> None:
    field_value = field(render_sheet(decode_sheet("4 B 車検 R7.3 年式 H13.5")), "Truck and date")
    assert "`/eligibility manufactured:H13.5`" in field_value
    assert "**車検 R7.3** The inspection (車検) runs until March 2025" in field_value
