"""The glossary's views: the add/edit form as text and back, refusals of bad lines, and the
lines of search results."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.errors import UserError
from bot.glossary import Change, GlossaryEntry, Hit, MatchKind
from cogs.glossary_form_views import entry_from_form, form_fields
from cogs.glossary_views import cut_between_words, render_entry, render_history, render_search


def test_form_text_round_trips() -> None:
    entry = GlossaryEntry(
        headword="keitora",
        meaning="Kei truck.",
        category="class",
        kanji="軽トラ",
        kana="けいとら",
        romaji="keitora",
        aliases=("kei truck", "mini truck"),
        see_also=("keijidōsha",),
    )
    assert entry_from_form(**form_fields(entry)) == entry
    with pytest.raises(UserError, match="not a detail line"):
        entry_from_form("a", "", "b", "class", "colour: red")


@pytest.mark.parametrize(
    ("japanese", "kanji", "kana"),
    [
        ("軽トラ（けいとら）", "軽トラ", "けいとら"),  # full-width, as Japanese keyboards type
        ("(株)スズキ (かぶしきがいしゃ)", "(株)スズキ", "かぶしきがいしゃ"),  # the kanji's own ( )
        ("(株)スズキ", "(株)スズキ", ""),
        ("畑 (はたけ) (はたけ)", "畑", "はたけ"),  # the reading typed twice
    ],
)
def test_the_forms_japanese_box_reads_the_last_kana_in_parentheses_as_the_reading(
    japanese: str, kanji: str, kana: str
) -> None:
    entry = entry_from_form("hatake", japanese, "A field.", "culture", "")
    assert (entry.kanji, entry.kana) == (kanji, kana)
    assert entry_from_form(**form_fields(entry)) == entry


@pytest.mark.parametrize("kana", ["けいとら２", "ケイトラ〜", "kei"])
def test_an_edit_that_leaves_the_box_as_shown_keeps_a_reading_it_cannot_carry(kana: str) -> None:
    stored = GlossaryEntry(
        headword="keitora", meaning="Kei truck.", category="class", kanji="軽トラ", kana=kana
    )
    fields = form_fields(stored) | {"meaning": "A kei truck."}
    edited = entry_from_form(**fields, keep=stored)
    assert (edited.kanji, edited.kana, edited.meaning) == ("軽トラ", kana, "A kei truck.")


def test_a_bad_detail_line_is_quoted_plainly_without_markdown() -> None:
    with pytest.raises(UserError) as refused:
        entry_from_form("a", "", "b", "class", "**colour**: red")
    assert refused.value.message == (
        "“**colour**: red” is not a detail line; use “romaji: …”, “aliases: a, b” or "
        "“see also: a, b”."
    )


def test_a_search_line_writes_each_form_once_and_says_when_the_meaning_matched() -> None:
    keitora = GlossaryEntry(
        headword="keitora",
        meaning="Kei truck.",
        category="class",
        kanji="軽トラ",
        kana="けいとら",
        romaji="keitora",
    )
    shaken = GlossaryEntry(
        headword="shaken",
        meaning="The road-worthiness inspection.",
        category="paper",
        kanji="車検",
        kana="しゃけん",
        romaji="shaken",
    )
    nokyo = GlossaryEntry(
        headword="JA",
        meaning="The farmers' cooperative.",
        category="org",
        kanji="農協",
        kana="のうきょう",
        romaji="nōkyō",
    )
    hits = [
        Hit(keitora, MatchKind.HEADWORD),
        Hit(shaken, MatchKind.MEANING),
        Hit(nokyo, MatchKind.HEADWORD),
    ]
    lines = render_search("truck", hits).description.splitlines()
    assert lines[0] == "**keitora** 軽トラ (けいとら) — Kei truck."
    assert lines[1].endswith("*(found in its meaning)*")
    assert lines[2].startswith("**JA** 農協 (のうきょう) nōkyō — ")


def test_an_approval_names_its_suggestion_and_a_forgotten_author_as_a_former_member() -> None:
    entry = GlossaryEntry(headword="hatake", meaning="A farm field.", category="culture")
    at = datetime(2026, 11, 25, 12, tzinfo=UTC)
    approved = Change("add", 77, at, None, entry, suggestion_id=4, suggested_by=None)
    added = Change("add", 77, at, None, entry)
    lines = render_history("hatake", entry, [approved, added]).splitlines()
    assert lines[1].endswith(
        "<@77> added it, from suggestion #4 by a former member: meaning “A farm field.”"
    )
    assert lines[2].endswith("<@77> added it: meaning “A farm field.”")


def test_a_reading_the_written_form_already_shows_is_not_repeated() -> None:
    part_time = GlossaryEntry(
        headword="pātotaimu",
        meaning="Part-time four-wheel drive.",
        category="drive",
        kanji="パートタイム4WD",
        kana="パートタイム",
        romaji="pātotaimu",
    )
    scratch = GlossaryEntry("kizu", "A scratch.", "auction", kanji="キズ", kana="きず")
    hits = [Hit(part_time, MatchKind.SUBSTRING), Hit(scratch, MatchKind.HEADWORD)]
    lines = render_search("4wd", hits).description.splitlines()
    assert lines[0] == "**pātotaimu** パートタイム4WD — Part-time four-wheel drive."
    assert lines[1] == "**kizu** キズ — A scratch."
    assert render_entry(part_time).description.startswith("**パートタイム4WD pātotaimu**\n")


def test_a_meaning_is_cut_between_words_and_japanese_anywhere() -> None:
    akabo = "A nationwide co-operative of owner-driver kei couriers, famous for running Sambars."
    assert (
        cut_between_words(akabo, 70)
        == "A nationwide co-operative of owner-driver kei couriers, famous for…"
    )
    carry = "Suzuki Carry chassis code, built 1991–1999, 2WD/4WD, F6A 657 cc I3. Originally"
    assert (
        cut_between_words(carry, 72)
        == "Suzuki Carry chassis code, built 1991–1999, 2WD/4WD, F6A 657 cc I3…"
    )
    assert cut_between_words("軽トラックの荷台は三方開きが多い。", 10) == "軽トラックの荷台は…"
    assert cut_between_words("Short.", 10) == "Short."


def test_chassis_codes_a_meaning_does_not_name_are_listed_and_named_ones_are_not() -> None:
    codes = [GlossaryEntry(code, f"Chassis code {code}.", "model") for code in ("S80P", "S81P")]
    named = GlossaryEntry("hijet", "Its codes: S80P, S81P 1986–1990.", "model")
    fields = {f.name: f.value for f in render_entry(named, codes).fields}
    assert "Chassis codes" not in fields
    unnamed = GlossaryEntry("jumbo", "The high-roof big-cab version.", "model")
    fields = {f.name: f.value for f in render_entry(unnamed, codes).fields}
    assert fields["Chassis codes"] == "S80P, S81P"
