from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.auction import (
    MAX_SHEET_CHARS,
    Severity,
    SheetDecode,
    decode_sheet,
    words_to_look_up,
)
from bot.auction.codes import GRADES, MILEAGE_MARKS
from bot.errors import UserError

Mark = tuple[str, int | None, str]  # code, level, panel


@dataclass(frozen=True)
class Case:
    sheet: str
    grade: str | None = None
    interior: str | None = None
    damages: tuple[Mark, ...] = ()
    unknown: tuple[str, ...] = ()
    equipment: tuple[str, ...] = ()
    exterior: str | None = None
    mileage_km: int | None = None
    mileage_marks: int = 0
    rust: bool = False
    structural: bool = False
    worst: Severity | None = None
    advice_cue: str = ""  # a phrase one of the advice lines must contain


BASE = (("A", 1, ""), ("U", 2, ""), ("S", 1, ""), ("XX", None, ""), ("W", 1, ""))

CASES = [
    Case(
        "4.5 B A1 U2 S1 XX W1",
        "4.5",
        "B",
        BASE,
        rust=True,
        worst=Severity.MODERATE,
        advice_cue="underbody",
    ),
    Case("4.5 b a1 u2 s1 xx w1", "4.5", "B", BASE, rust=True, worst=Severity.MODERATE),
    Case("４．５　Ｂ　Ａ１", "4.5", "B", (("A", 1, ""),), worst=Severity.MINOR),
    Case("3.5点 C A2 U1", "3.5", "C", (("A", 2, ""), ("U", 1, "")), worst=Severity.MODERATE),
    Case(
        "R C FR door A2, rear bumper U1 U2; bed S2",
        "R",
        "C",
        (("A", 2, "FR door"), ("U", 1, "rear bumper"), ("U", 2, "rear bumper"), ("S", 2, "bed")),
        rust=True,
        structural=True,
        worst=Severity.SEVERE,  # S2 is heavy rust
        advice_cue="photos of the repaired area",
    ),
    Case("RA B", "RA", "B", structural=True, advice_cue="structural repair history"),
    Case("***", "***", advice_cue="may not run"),
    Case("0 C", "0", "C", advice_cue="repair history at some houses"),
    Case("S A", "S", "A", advice_cue="No structural repair, rust or heavy damage"),
    Case("6 A", "6", "A"),
    Case("5 B U1", "5", "B", (("U", 1, ""),), worst=Severity.MINOR),
    Case(
        "4 C A2, U2; W2 / S2",
        "4",
        "C",
        (("A", 2, ""), ("U", 2, ""), ("W", 2, ""), ("S", 2, "")),
        rust=True,
        worst=Severity.SEVERE,
    ),
    Case(
        "3 D A3 U3 W3 Y2",
        "3",
        "D",
        (("A", 3, ""), ("U", 3, ""), ("W", 3, ""), ("Y", 2, "")),
        worst=Severity.SEVERE,
        advice_cue="Severe marks (A3, U3, W3)",
    ),
    Case(
        "2 E C2 S2 Y3",
        "2",
        "E",
        (("C", 2, ""), ("S", 2, ""), ("Y", 3, "")),
        rust=True,
        worst=Severity.SEVERE,
        advice_cue="worse than surface rust",
    ),
    Case("1 C", "1", "C", advice_cue="flood"),
    Case("4 B 45,000km", "4", "B", mileage_km=45000),
    Case("4 B *45000km", "4", "B", mileage_km=45000, mileage_marks=1, advice_cue="odometer"),
    Case("4 B 123000 km #", "4", "B", mileage_km=123000, mileage_marks=1),
    Case("3.5 C 走行不明", "3.5", "C", mileage_marks=1, advice_cue="Mileage flagged (走行不明)"),
    Case("4 B メーター交換", "4", "B", mileage_marks=1),
    Case(
        "4 B qzx A9 Z1 XXX",
        "4",
        "B",
        unknown=("qzx", "A9", "Z1", "XXX"),
    ),
    Case("4.5 B AC PS PW 4WD F5", "4.5", "B", equipment=("AC", "PS", "PW", "4WD", "F5")),
    Case("4 B C4 AT", "4", "B", equipment=("C4", "AT")),
    Case("4 B bed C4", "4", "B", (("C", 4, "bed"),), rust=True, worst=Severity.SEVERE),
    Case("評価点4.5 内装B 外装C", "4.5", "B", exterior="C"),
    Case("grade X interior C", "X", "C"),
    Case(
        "4 B FW X1 windshield G",
        "4",
        "B",
        (("X1", None, "FW"), ("G", None, "windshield")),
        worst=Severity.MODERATE,
    ),
    Case("4 B FW R", "4", "B", (("R", None, "FW"),), worst=Severity.MINOR),
    Case(
        "4 B door W1 W2 rear gate W1",
        "4",
        "B",
        (("W", 1, "door"), ("W", 2, "door"), ("W", 1, "rear gate")),
        worst=Severity.MODERATE,
        advice_cue="Several repair marks on the door",
    ),
    Case("4.5B A1", "4.5", "B", (("A", 1, ""),), worst=Severity.MINOR),
    Case(
        "4 B・A1、U2；W1",
        "4",
        "B",
        (("A", 1, ""), ("U", 2, ""), ("W", 1, "")),
        worst=Severity.MODERATE,
    ),
    Case(
        "3 C roof H P",
        "3",
        "C",
        (("H", None, "roof"), ("P", None, "roof")),
        worst=Severity.MODERATE,
    ),
    Case("4 B G M", "4", "B", (("G", None, ""), ("M", None, "")), worst=Severity.MODERATE),
    Case("4 B 4 C", "4", "B", unknown=("4", "C")),
    Case(
        "A1 U2",
        damages=(("A", 1, ""), ("U", 2, "")),
        worst=Severity.MODERATE,
        advice_cue="No overall grade found",
    ),
    Case("4 B RX", "4", "B", (("RX", None, ""),), worst=Severity.SEVERE),
    Case("RB", "RB", structural=True),
    Case("4 B L door U1", "4", "B", (("U", 1, "L door"),), worst=Severity.MINOR),
    Case("4 B bumper", "4", "B", unknown=("bumper",)),
    Case(
        "4 B door A2 AC",
        "4",
        "B",
        (("A", 2, "door"),),
        equipment=("AC",),
        worst=Severity.MODERATE,
    ),
    Case("4 B bumper Q1", "4", "B", unknown=("bumper Q1",)),
    Case("4 B H2 P4 X4 G1", "4", "B", unknown=("H2", "P4", "X4", "G1")),
    Case("4 B interior", "4", "B", unknown=("interior",)),
    Case("4 B B1 B3", "4", "B", (("B", 1, ""), ("B", 3, "")), worst=Severity.SEVERE),
    # Codes typed with a space: a digit after a letter is its level, not a grade 1 read after
    # an interior letter ("disaster car" from a scratch).
    Case("A 1 U 2", damages=(("A", 1, ""), ("U", 2, "")), worst=Severity.MODERATE),
    Case("4.5 B A 1 U 2", "4.5", "B", (("A", 1, ""), ("U", 2, "")), worst=Severity.MODERATE),
    Case("4 B bumper U 1", "4", "B", (("U", 1, "bumper"),), worst=Severity.MINOR),
    # A letter right after the grade is the interior; the digit after it is then unread.
    Case("4.5 B 2", "4.5", "B", unknown=("2",)),
    # A letter and a grade that make no code between them: the interior, then the grade.
    Case("B 4.5", "4.5", "B"),
]


def _marks(decode: SheetDecode) -> tuple[Mark, ...]:
    return tuple((d.code, d.level, d.panel) for d in decode.damages)


@pytest.mark.parametrize("case", CASES, ids=[c.sheet for c in CASES])
def test_decode_sheet(case: Case) -> None:
    decode = decode_sheet(case.sheet)
    assert (decode.grade.grade if decode.grade else None) == case.grade
    assert (decode.interior.letter if decode.interior else None) == case.interior
    assert (decode.exterior.letter if decode.exterior else None) == case.exterior
    assert _marks(decode) == case.damages
    assert decode.unknown == case.unknown
    assert tuple(e.code for e in decode.equipment) == case.equipment
    assert decode.mileage_km == case.mileage_km
    assert len(decode.mileage_marks) == case.mileage_marks
    assert decode.rust_warning is case.rust
    assert decode.structural_repair is case.structural
    assert decode.worst_severity == case.worst
    if case.advice_cue:
        assert any(case.advice_cue in line for line in decode.advice), decode.advice


def test_every_token_is_explained() -> None:
    decode = decode_sheet("4.5 B FR door A2 bed S1 XX PS *45000km")
    assert decode.grade is not None
    assert "touching up" in decode.grade.meaning
    assert decode.interior is not None
    assert "clean" in decode.interior.meaning
    door, bed, replaced = decode.damages
    assert (door.token, door.meaning, door.detail) == ("FR door A2", "Scratch", "scratch")
    assert (bed.meaning, bed.rust) == ("Rust", True)
    assert replaced.meaning == "Panel already replaced"
    assert decode.equipment[0].meaning == "Power steering"
    assert "tampered with" in decode.mileage_marks[0].meaning


def test_house_differences_are_caveats_not_facts() -> None:
    decode = decode_sheet("R B B2 S3 X")
    assert decode.grade is not None
    assert "0 instead of R" in decode.grade.caveat
    dent_scratch, rust, needs_replacing = decode.damages
    assert "distortion" in dent_scratch.caveat
    assert "S3" in rust.caveat
    assert "grade box" in needs_replacing.caveat
    assert "fourth level" in decode_sheet("4 B bed C4").damages[0].caveat
    assert "corrosion" in decode_sheet("4 B C4").equipment[0].caveat


def test_single_source_grades_carry_the_unverified_flag() -> None:
    rb = decode_sheet("RB").grade
    assert rb is not None
    assert rb.unverified
    interior_e = decode_sheet("3 E").interior
    assert interior_e is not None
    assert interior_e.unverified
    four = decode_sheet("4 B").grade
    assert four is not None
    assert not four.unverified


def test_severity_orders_marks() -> None:
    minor, moderate, severe = decode_sheet("A1 A2 A3").damages
    assert minor.severity < moderate.severity < severe.severity
    assert severe.severity is Severity.SEVERE
    assert severe.severity.label == "severe"


def test_summary_line() -> None:
    assert decode_sheet("4.5 B A1 U2 S1 XX W1").summary == (
        "Grade 4.5, interior B. 5 damage marks, worst moderate; rust or corrosion marked."
    )
    assert decode_sheet("RA").summary == "Grade RA. No damage marks."
    assert decode_sheet("3 C qq").summary == "Grade 3, interior C. No damage marks."


def test_damage_groups_keep_order_and_separate_glass_from_body_codes() -> None:
    decode = decode_sheet("4 B door A1, FW X, A2 X U1")
    groups = decode.damage_groups()
    assert [(g.code, len(g.marks)) for g in groups] == [("A", 2), ("X", 1), ("X", 1), ("U", 1)]
    assert groups[1].meaning == "Cracked glass"
    assert groups[2].meaning == "Panel needs replacing"


def test_many_marks_fit_in_few_groups() -> None:
    decode = decode_sheet(" ".join(f"A{n % 3 + 1}" for n in range(60)))
    assert len(decode.damages) == 60
    assert len(decode.damage_groups()) == 1


@pytest.mark.parametrize("sheet", ["", "   ", "\n\t"])
def test_empty_sheet_is_refused(sheet: str) -> None:
    with pytest.raises(UserError, match="Paste the grade"):
        decode_sheet(sheet)


def test_over_long_sheet_is_refused_but_the_limit_itself_is_accepted() -> None:
    at_limit = ("A1 " * 200)[:MAX_SHEET_CHARS]
    assert len(decode_sheet(at_limit).damages) > 100
    with pytest.raises(UserError, match="at most 500"):
        decode_sheet("A1 " * 200)


# Long digit runs beside the usual units and marks: a 309-digit mileage once overflowed a float.
SHEET_WORDS = st.one_of(
    st.text(min_size=1, max_size=12),
    st.builds(
        "{}{}{}".format,
        st.sampled_from(["", "*", "#", "$"]),
        st.text("0123456789", min_size=1, max_size=400),
        st.sampled_from(["", "km", "K", "万", "*", "$"]),
    ),
)
SHEETS = (
    st.lists(SHEET_WORDS, min_size=1, max_size=6)
    .map(" ".join)
    .map(lambda sheet: sheet[:MAX_SHEET_CHARS])
)


def test_a_309_digit_mileage_is_not_recognised_rather_than_overflowing() -> None:
    decode = decode_sheet("4 B " + "9" * 309 + "km")
    assert decode.mileage_km is None
    assert decode.unknown


@given(st.one_of(st.text(min_size=1, max_size=MAX_SHEET_CHARS), SHEETS))
def test_any_text_decodes_or_is_refused_politely(text: str) -> None:
    try:
        decode = decode_sheet(text)
    except UserError:
        return
    assert decode.summary
    assert all(token for token in decode.unknown)


EVERY_LEVELLED_CODE = " ".join(f"{code}{level}" for code in "AUBEWSCPXY" for level in (1, 2, 3))


def test_a_marks_severity_agrees_with_its_words() -> None:
    # S2 is "heavy rust": once it was graded moderate by its number, beside those very words.
    for mark in decode_sheet(EVERY_LEVELLED_CODE).damages:
        if any(word in mark.detail for word in ("heavy", "large", "severe", "major")):
            assert mark.severity is Severity.SEVERE, mark
    decode = decode_sheet("R B S2")
    assert decode.worst_severity is Severity.SEVERE
    assert "worst severe" in decode.summary
    assert decode_sheet("4 B C2").worst_severity is Severity.SEVERE
    assert decode_sheet("4 B S1").worst_severity is Severity.MINOR


def test_text_with_nothing_recognised_says_so() -> None:
    decode = decode_sheet("hello world")
    assert not decode.recognised
    assert decode.unknown == ("hello", "world")
    assert decode.summary.startswith("Paste the grade and codes as the sheet prints them")
    assert "No damage marks" not in decode.summary
    assert decode.advice == ()
    assert decode_sheet("4 hello").recognised
    assert decode_sheet("AC hello").recognised


def test_a_starred_mileage_reads_as_tampering_found_in_the_records() -> None:
    # Japanese auction practice marks with * a reading the records show was tampered with
    # (メーター改ざん車); an unknown mileage is # instead.
    (mark,) = decode_sheet("4 B 45000km*").mileage_marks
    assert mark.meaning == (
        "Records show the odometer was tampered with (メーター改ざん車): the reading is not "
        "the distance driven."
    )
    assert "check the sheet's key" in mark.caveat
    (unknown,) = decode_sheet("4 B 45000km#").mileage_marks
    assert unknown.meaning == "The true mileage is unknown."


@pytest.mark.parametrize("sheet", ["4 B $45000km", "4 B 45000km$", "4 B 45000 km $"])
def test_a_dollar_by_the_mileage_is_a_replaced_meter(sheet: str) -> None:
    decode = decode_sheet(sheet)
    assert decode.mileage_km == 45000
    (mark,) = decode.mileage_marks
    assert mark.meaning == (
        "The meter was replaced: the reading adds the old meter's distance to the new one's."
    )
    assert "check the sheet's key" in mark.caveat
    assert not decode.unknown


@pytest.mark.parametrize(
    "sheet", ["4 B $5000", "4 B $5k", "4 B 5000$", "4 B $ 5000", "4 B 5000 $", "4 B 5k$"]
)
def test_a_dollar_amount_is_not_read_as_a_replaced_meters_mileage(sheet: str) -> None:
    # A US reader's "$5000" is a price; a replaced meter's mark comes with its km.
    decode = decode_sheet(sheet)
    assert decode.mileage_km is None
    assert not decode.mileage_marks


@pytest.mark.parametrize("sheet", ["4.5 B 5000$ 84000km", "4.5 B 5000 $ 84000km"])
def test_a_price_before_the_mileage_leaves_the_mileage_read(sheet: str) -> None:
    # The "$" ending a price is not the start of a "$ 84000km" (review 15).
    decode = decode_sheet(sheet)
    assert decode.mileage_km == 84000
    assert not decode.mileage_marks


def test_at_is_an_automatic_whose_shifter_the_sheet_may_not_say() -> None:
    (automatic,) = decode_sheet("4 B AT").equipment
    assert automatic.meaning == "Automatic"
    assert automatic.caveat == (
        "Some sheets write a floor automatic as AT, others as FAT or FA/T; CAT or CA marks a "
        "column shift."
    )
    (floor,) = decode_sheet("4 B FAT").equipment
    assert floor.meaning == "Automatic, floor shift"


@pytest.mark.parametrize(
    ("sheet", "meaning"),
    [("4 B FA/T", "Automatic, floor shift"), ("4 B ca/t 5MT", "Automatic, column shift")],
)
def test_a_slashed_automatic_is_one_mark(sheet: str, meaning: str) -> None:
    decode = decode_sheet(sheet)
    assert decode.equipment[0].meaning == meaning
    assert not decode.unknown


GLOSSARY = {
    "修復歴": "Repair history of the frame.",
    "下回り": "The underside of the vehicle.",
    "サビ": "Rust.",
    "ワンオーナー": "Single-owner car.",
}


def test_sheet_words_are_explained_by_the_given_lookup() -> None:
    decode = decode_sheet("4 B 修復歴なし 下回りサビ ワンオーナー qq", GLOSSARY.get)
    assert decode.unknown == ("qq",)
    assert [(w.token, [(p.text, p.meaning) for p in w.parts]) for w in decode.words] == [
        ("修復歴なし", [("修復歴", "Repair history of the frame."), ("なし", "none")]),
        ("下回りサビ", [("下回り", "The underside of the vehicle."), ("サビ", "Rust.")]),
        ("ワンオーナー", [("ワンオーナー", "Single-owner car.")]),
    ]
    assert decode.summary == "Grade 4, interior B. No damage marks. 3 words explained."
    assert all("修復歴なし" not in line for line in decode.advice)


def test_a_word_is_explained_only_when_every_piece_is_known() -> None:
    decode = decode_sheet("4 B 下回りナゾ なし 修復歴 サビ", GLOSSARY.get)
    assert decode.unknown == ("下回りナゾ", "なし")
    assert [w.token for w in decode.words] == ["修復歴", "サビ"]
    assert decode_sheet("修復歴なし", GLOSSARY.get).recognised
    # Without a lookup nothing is guessed.
    assert decode_sheet("4 B 修復歴なし").unknown == ("修復歴なし",)


def test_words_to_look_up_are_the_tokens_and_their_pieces() -> None:
    assert words_to_look_up(["修復歴なし", "下回りサビ", "hello", "下回り サビ", "記録簿有"]) == (
        "修復歴なし",
        "修復歴",
        "下回りサビ",
        "下回り",
        "サビ",
        "hello",
        "下回り サビ",
        "記録簿有",
        "記録簿",
    )
    assert words_to_look_up(["x" * 41]) == ()  # pasted text, not a word


@pytest.mark.parametrize(
    ("sheet", "grade", "unknown"),
    [
        # Written with a decimal comma, as much of the world writes 4.5: never grade 4.
        ("4,5 B A1", "4.5", ()),
        ("3,5点 C", "3.5", ()),
        ("4,5B A1", "4.5", ()),
        # Codes or numbers a comma separates stay apart.
        ("4 B A1,5", "4", ("5",)),
        ("4 B W1,5", "4", ("5",)),
    ],
)
def test_a_grade_with_a_decimal_comma_is_its_half_grade(
    sheet: str, grade: str, unknown: tuple[str, ...]
) -> None:
    decode = decode_sheet(sheet)
    assert decode.grade is not None
    assert decode.grade.grade == grade
    assert decode.unknown == unknown


def test_grade_4_reads_as_above_average_not_as_a_35s_repair_work() -> None:
    # The facts' grade 4: above average, some visible marks, some work to do; it is a 3.5 whose
    # areas "need panel or repair work", and "that need work" read as one.
    four = GRADES["4"].meaning
    assert four.startswith("Above average")
    assert "need work" not in four
    assert "some work to do" in four
    assert "3.5" in four  # says where the line to the next grade down is


def test_a_replaced_meter_reads_the_same_marked_or_written() -> None:
    # A sheet shows a recorded meter swap as $ by the reading and メーター交換車 in its notes, the
    # reading then adding the old meter's distance (W45, W46): the two must not disagree on it.
    dollar, _ = MILEAGE_MARKS["$"]
    written, _ = MILEAGE_MARKS["メーター交換"]
    for meaning in (dollar, written):
        assert "adds the old meter's distance" in meaning, meaning
    assert "may not be the total" not in written
    assert "unknown or tampered" in written  # a swap no record proves
