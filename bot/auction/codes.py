"""What the codes on a sheet mean: the overall grades, the interior letters, the damage-map codes
(and the glass ones), equipment and mileage marks, and reading one token against them.

Every code here is backed by the research notes (kei-truck-facts.md §2); anything else is left
unknown, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.auction.sheet import DamageMark, GradeInfo, LetterGrade, Severity

HOUSE_NOTE = (
    "Each auction house prints its own sheet: grades and codes are broadly shared, "
    "but details differ between houses and inspectors."
)


def read_grade(text: str) -> GradeInfo | None:
    """The overall grade `text` names ("4.5", "r", "3.5点", "***"), or None when it names none."""
    word = text.strip()
    key = word.upper().removesuffix("点")
    grade = GRADES.get(key) or LABELLED_ONLY_GRADES.get(key)
    if grade is None:
        return None
    return GradeInfo(
        word, key, grade.meaning, grade.caveat, grade.structural_repair, grade.unverified
    )


@dataclass(frozen=True)
class Grade:
    """What an overall grade means, whichever way the member wrote it."""

    meaning: str
    caveat: str = ""
    structural_repair: bool = False
    unverified: bool = False


_REPAIR_CAVEAT = "Some houses write 0 instead of R."
GRADES: Mapping[str, Grade] = {
    "S": Grade(
        "Nearly new and barely marked: Japanese guides expect first registration within about "
        "a year and under about 10,000 km.",
        "Some houses use 6 or numbers up to 9 for new cars instead, and English guides give "
        "a lower mileage for S.",
    ),
    "9": Grade("New or nearly new, on houses that grade above 6.", "Only some houses use 7–9."),
    "8": Grade("New or nearly new, on houses that grade above 6.", "Only some houses use 7–9."),
    "7": Grade("New or nearly new, on houses that grade above 6.", "Only some houses use 7–9."),
    "6": Grade(
        "Almost no marks or repairs and nothing to fix (guides: under about 30,000 km).",
        "One guide also expects it to be registered within 3 years.",
    ),
    "5": Grade("Small marks you have to look for; almost nothing to do inside or out."),
    "4.5": Grade("As good as a 5 after light touching up."),
    "4": Grade(
        "Above average, with some visible scratches, dents, rust, burns or tears and some work "
        "to do, short of the panel or repair work several areas of a 3.5 need."
    ),
    "3.5": Grade("Several areas need panel or repair work; there may be burns or tears inside."),
    "3": Grade("Needs a lot: repainting, replacement parts or new upholstery."),
    "2": Grade("Poor: heavy corrosion or holes, low value as it stands."),
    "1": Grade(
        "Modified (such as a swapped engine or gearbox), a disaster car (flood, salt or hail), "
        "a very rough car, or a competition car.",
        "Some English guides treat grade 1 as meaning flooded; ask which it is.",
    ),
    "R": Grade(
        "Repair history (修復歴): the frame or structural skeleton was damaged and repaired "
        "or replaced.",
        _REPAIR_CAVEAT,
        structural_repair=True,
    ),
    "RA": Grade(
        "Light structural repair only, such as the radiator core support or the rear panel.",
        structural_repair=True,
    ),
    "RB": Grade(
        "Heavier structural repair, to inner panels or the floor.",
        "RB is used by some houses only, and its meaning rests on a single source.",
        structural_repair=True,
        unverified=True,
    ),
    "RC": Grade(
        "Heavier structural repair, to pillars or the frame.",
        "RC is used by some houses only, and its meaning rests on a single source.",
        structural_repair=True,
        unverified=True,
    ),
    "0": Grade(
        "Either repair history or no grade at all, depending on the house.",
        "Some houses write 0 for repair history (like R); others use 0 for an ungraded car.",
    ),
    "***": Grade(
        "Not graded: often a non-runner, a write-off or a special vehicle such as machinery. "
        "The sheet may say little else.",
        "The symbol and its meaning vary by house.",
    ),
}
# Only read as a grade when labelled ("grade X"); a bare X is the damage code.
LABELLED_ONLY_GRADES: Mapping[str, Grade] = {
    "X": Grade(
        "Hard to grade: a very old, replica or classic car.",
        "This is not the X damage code (panel needs replacing).",
    ),
}

INTERIOR: Mapping[str, tuple[str, bool]] = {
    "A": ("Like new: nothing to do, tiny marks at most.", False),
    "B": ("Very clean; only the wear you would expect for its age and distance.", False),
    "C": ("Looks used: some stains, small burns, scratches or smells; needs a good clean.", False),
    "D": ("Dirty or smells of smoke; tears, burns or large stains that need real work.", False),
    "E": ("Very poor: trim needs major repair or replacing.", True),
}

_SIZE_WORDS = {1: "small or slight", 2: "moderate", 3: "large or severe"}
_LEVEL4_CAVEAT = "Only some houses use a fourth level; read it as worse than 3."
_GLASS_CAVEAT = "Glass codes reuse letters and are read by where they sit on the diagram."


@dataclass(frozen=True)
class _Code:
    meaning: str
    levels: Mapping[int, str] = field(default_factory=dict)  # level -> what it means
    bare: str | None = None  # meaning when written without a number; None: a number is required
    bare_severity: Severity = Severity.MODERATE
    caveat: str = ""
    level_caveats: Mapping[int, str] = field(default_factory=dict)  # levels only some houses use
    # Most codes grade 1-3 as minor, moderate, severe; some scales run heavier ("S2 heavy rust").
    level_severity: Mapping[int, Severity] = field(default_factory=dict)
    rust: bool = False
    four_levels: bool = True  # whether a fourth level (some houses) is meaningful

    def describe(self, level: int | None) -> tuple[str, Severity, str] | None:
        """(detail, severity, caveat) for this level, or None when the level is not one we know."""
        if level is None:
            return (self.bare, self.bare_severity, self.caveat) if self.bare else None
        if level in self.levels:
            caveat = " ".join(c for c in (self.caveat, self.level_caveats.get(level, "")) if c)
            severity = self.level_severity.get(level, Severity(min(level, 3)))
            return self.levels[level], severity, caveat
        if level == 4 and self.levels and self.four_levels:
            return "beyond level 3", Severity.SEVERE, _LEVEL4_CAVEAT
        return None


def _scaled(sheets_vary: str) -> tuple[dict[int, str], dict[int, str]]:
    """Levels 1–3 in the general sense, for codes that only some sheets number."""
    return dict(_SIZE_WORDS), dict.fromkeys(_SIZE_WORDS, sheets_vary)


_P_LEVELS, _P_CAVEATS = _scaled("Only some sheets number P.")
_X_LEVELS, _X_CAVEATS = _scaled("Only some houses number X.")

_CODES: Mapping[str, _Code] = {
    "A": _Code("Scratch", {1: "small, barely visible scratch", 2: "scratch", 3: "large scratch"}),
    "U": _Code("Dent", {1: "small dent, like a door ding", 2: "dent", 3: "large dent"}),
    "B": _Code(
        "Dent with a scratch",
        {1: "about thumb-sized", 2: "about palm-sized", 3: "elbow-sized or bigger"},
        caveat="A few guides read B as distortion, or simply as needs repair.",
    ),
    "E": _Code("Dimples or pitting (hail, for example)", {1: "a few", 2: "several", 3: "many"}),
    "W": _Code(
        "Wave or repair marks: the panel was repaired or repainted",
        {1: "hard to detect", 2: "visible", 3: "obvious; needs repainting"},
    ),
    "S": _Code(
        "Rust",
        {1: "rust", 2: "heavy rust", 3: "major rust"},
        level_caveats={3: "Only some sheets use S3."},
        level_severity={2: Severity.SEVERE},
        rust=True,
    ),
    "C": _Code(
        "Corrosion: the metal is being eaten away or flaking",
        {1: "corrosion", 2: "heavy corrosion", 3: "severe corrosion"},
        level_caveats={3: "Only some sheets use C3."},
        level_severity={2: Severity.SEVERE},
        rust=True,
    ),
    "P": _Code(
        "Paint defect (peeling or mismatched paint)",
        _P_LEVELS,
        bare="paint defect",
        level_caveats=_P_CAVEATS,
        four_levels=False,
    ),
    "H": _Code("Faded paint", bare="faded paint", bare_severity=Severity.MINOR),
    "X": _Code(
        "Panel needs replacing",
        _X_LEVELS,
        bare="needs replacing",
        bare_severity=Severity.SEVERE,
        caveat="In the grade box, X means hard to grade instead.",
        level_caveats=_X_CAVEATS,
        four_levels=False,
    ),
    "XX": _Code("Panel already replaced", bare="replaced"),
    "Y": _Code(
        "Hole or crack (panel, bumper or lamp)",
        {1: "small hole or crack", 2: "hole or crack", 3: "large hole or crack"},
    ),
    "G": _Code("Stone chip in the glass", bare="stone chip", bare_severity=Severity.MINOR),
    "M": _Code(
        "Repair mark (older sheets)",
        bare="repair mark",
        caveat="Seen in an older guide only; confirm with the auction house.",
    ),
    "RX": _Code(
        "Repaired glass crack that still needs the glass replaced",
        bare="repaired crack, replace the glass",
        bare_severity=Severity.SEVERE,
        caveat=_GLASS_CAVEAT,
    ),
}
# On glass (windshield, FW…) some letters mean something else.
_GLASS_CODES: Mapping[str, _Code] = {
    "X": _Code(
        "Cracked glass",
        bare="cracked, needs replacing",
        bare_severity=Severity.SEVERE,
        caveat=_GLASS_CAVEAT,
    ),
    "X1": _Code(
        "Small glass crack",
        bare="small crack, about 1 cm",
        bare_severity=Severity.MODERATE,
        caveat=_GLASS_CAVEAT,
    ),
    "R": _Code(
        "Repaired glass crack",
        bare="repaired crack",
        bare_severity=Severity.MINOR,
        caveat=_GLASS_CAVEAT + " Not the R grade.",
    ),
}

EQUIPMENT: Mapping[str, tuple[str, str]] = {
    "AC": ("Air conditioning", ""),
    "AAC": ("Climate-control air conditioning", ""),
    "PS": ("Power steering", ""),
    "PW": ("Power windows", ""),
    "SR": ("Sunroof", ""),
    "AW": ("Alloy wheels", ""),
    "F5": ("5-speed manual, floor shift", ""),
    "5F": ("5-speed manual, floor shift", ""),
    "5MT": ("5-speed manual, floor shift", ""),
    "C4": (
        "4-speed manual, column shift",
        "On the damage map, C4 would be corrosion level 4 at houses that use a fourth level.",
    ),
    "4C": ("4-speed manual, column shift", ""),
    "4CMT": ("4-speed manual, column shift", ""),
    # A bare AT names no shifter (S47, W47).
    "AT": (
        "Automatic",
        "Some sheets write a floor automatic as AT, others as FAT or FA/T; CAT or CA marks a "
        "column shift.",
    ),
    "FAT": ("Automatic, floor shift", ""),
    "CA": ("Automatic, column shift", ""),
    "CAT": ("Automatic, column shift", ""),
    "DAT": ("Automatic, shifter on the dash", ""),
    "IAT": ("Automatic, shifter on the instrument panel", ""),
    "4WD": ("Four-wheel drive", ""),
    "2WD": ("Two-wheel drive (rear-wheel drive on kei trucks)", ""),
}

_MARK_CAVEAT = "Houses mark mileage differently; check the sheet's key."
MILEAGE_MARKS: Mapping[str, tuple[str, str]] = {
    # Japanese auction practice writes * by a reading the records (service books, earlier
    # auctions) show was tampered with, # by one nobody can judge, and $ by a replaced meter's
    # whose swap a garage recorded, with メーター交換車 in the notes; a swap no record proves is
    # taken as tampering (W45, W46, S47). Some English guides read * as merely unverifiable.
    "*": (
        "Records show the odometer was tampered with (メーター改ざん車): the reading is not the "
        "distance driven.",
        "Some English guides call it clocked. " + _MARK_CAVEAT,
    ),
    "#": ("The true mileage is unknown.", _MARK_CAVEAT),
    "$": (
        "The meter was replaced: the reading adds the old meter's distance to the new one's.",
        _MARK_CAVEAT,
    ),
    "走行不明": ("Mileage unknown.", ""),
    "メーター改ざん": ("The odometer was tampered with.", ""),
    "メーター改竄": ("The odometer was tampered with.", ""),
    "メーター交換": (
        "The meter was replaced: with the swap on record, the reading adds the old meter's "
        "distance to the new one's; a swap no record proves counts as unknown or tampered mileage.",
        "",
    ),
}

GLASS_WORDS = frozenset(
    {"glass", "windshield", "windscreen", "window", "fw", "ガラス", "フロントガラス"}
)
_DAMAGE = re.compile(r"(XX|RX|[A-Z])([0-9])?")


def letter_grade(word: str) -> LetterGrade | None:
    """The interior letter grade `word` names, or None when it names none."""
    key = word.upper()
    if key not in INTERIOR:
        return None
    meaning, unverified = INTERIOR[key]
    return LetterGrade(word, key, meaning, unverified)


# Codes written without a space between them ("A1U1"): each with its level, which is where one
# ends and the next begins, so reading them apart guesses nothing.
_GLUED = re.compile(r"(?:(?:XX|RX|[A-Z])[0-9])+")
_GLUED_CODE = re.compile(r"(?:XX|RX|[A-Z])[0-9]")


def damage_marks(word: str, panel: list[str]) -> list[DamageMark]:
    """The damage marks `word` makes on `panel`: one code, or codes glued together ("A1U1"),
    each of which must be one; none when any piece is no code."""
    if (mark := damage_mark(word, panel)) is not None:
        return [mark]
    if not _GLUED.fullmatch(word.upper()):
        return []
    marks = [damage_mark(code, panel) for code in _GLUED_CODE.findall(word.upper())]
    return [mark for mark in marks if mark is not None] if all(marks) else []


def damage_mark(word: str, panel: list[str]) -> DamageMark | None:
    """The damage mark `word` makes on `panel` (read as a glass code on glass), or None."""
    key = word.upper()
    on_glass = any(p.casefold() in GLASS_WORDS for p in panel)
    if on_glass and key in _GLASS_CODES:
        code_name, code, level = key, _GLASS_CODES[key], None
    else:
        match = _DAMAGE.fullmatch(key)
        if not match or match[1] not in _CODES:
            return None
        code_name, code = match[1], _CODES[match[1]]
        level = int(match[2]) if match[2] else None
    described = code.describe(level)
    if described is None:
        return None
    detail, severity, caveat = described
    return DamageMark(
        token=" ".join([*panel, word]),
        code=code_name,
        level=level,
        panel=" ".join(panel),
        meaning=code.meaning,
        detail=detail,
        severity=severity,
        caveat=caveat,
        rust=code.rust,
    )
