"""Japanese auction-sheet (出品票) decoder: grades, damage-map codes, equipment and mileage marks.

Pure: text in, frozen dataclasses out. Every auction house prints its own sheet, so a code is
explained only when the research notes (kei-truck-facts.md §2) back it; anything else is
listed as unknown, never guessed. Words the decoder does not know (修復歴なし, 下回りサビ) can be
explained by a lookup the caller passes in, such as the server's glossary.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import IntEnum

from bot.errors import UserError

MAX_SHEET_CHARS = 500
# A word on a sheet is short; a longer run without spaces is pasted text, not worth looking up.
MAX_WORD_CHARS = 40

Explain = Callable[[str], str | None]  # a word's meaning, or None when it is not known

HOUSE_NOTE = (
    "Each auction house prints its own sheet: grades and codes are broadly shared, "
    "but details differ between houses and inspectors."
)


class Severity(IntEnum):
    MINOR = 1
    MODERATE = 2
    SEVERE = 3

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class GradeInfo:
    """The overall grade (評価点): body, interior and mechanicals together."""

    token: str  # as the member typed it, e.g. "3.5点"
    grade: str  # canonical: "3.5", "R", "***"
    meaning: str
    caveat: str = ""
    structural_repair: bool = False
    unverified: bool = False


@dataclass(frozen=True)
class LetterGrade:
    """An interior (内装) or exterior (外装) letter, A best."""

    token: str
    letter: str
    meaning: str
    unverified: bool = False


@dataclass(frozen=True)
class DamageMark:
    token: str  # as typed, with its panel: "FR door A2"
    code: str  # "A", "XX", "X1"…
    level: int | None  # None for codes written without a number (XX, H, G…)
    panel: str  # "FR door"; "" when the member gave none
    meaning: str  # what the code means: "Scratch"
    detail: str  # what this code and level mean together: "ordinary scratch"
    severity: Severity
    caveat: str = ""
    rust: bool = False


@dataclass(frozen=True)
class Equipment:
    token: str
    code: str
    meaning: str
    caveat: str = ""


@dataclass(frozen=True)
class MileageMark:
    token: str
    meaning: str
    caveat: str = ""


@dataclass(frozen=True)
class WordPart:
    text: str
    meaning: str


@dataclass(frozen=True)
class SheetWord:
    """A word from the sheet explained by the caller's lookup, whole or piece by piece:
    修復歴なし is 修復歴 (repair history) + なし (none)."""

    token: str
    parts: tuple[WordPart, ...]


@dataclass(frozen=True)
class DamageGroup:
    """Marks sharing one code, so a sheet with many marks still fits in a few embed fields."""

    code: str
    meaning: str
    marks: tuple[DamageMark, ...]


@dataclass(frozen=True)
class SheetDecode:
    grade: GradeInfo | None
    interior: LetterGrade | None
    exterior: LetterGrade | None
    damages: tuple[DamageMark, ...]
    equipment: tuple[Equipment, ...]
    mileage_km: int | None
    mileage_marks: tuple[MileageMark, ...]
    unknown: tuple[str, ...]  # tokens we could not read, as typed (full-width folded)
    words: tuple[SheetWord, ...]  # tokens the caller's lookup explained
    summary: str  # one line: grade, interior, how many marks and how bad
    advice: tuple[str, ...]  # what a buyer should do about what the sheet shows, most urgent first
    rust_warning: bool
    structural_repair: bool
    worst_severity: Severity | None  # None when no damage marks were given

    @property
    def recognised(self) -> bool:
        """Whether anything at all was read, so garbage is not reported as a clean sheet."""
        return any(
            (
                self.grade,
                self.interior,
                self.exterior,
                self.damages,
                self.equipment,
                self.mileage_km is not None,
                self.mileage_marks,
                self.words,
            )
        )

    def damage_groups(self) -> tuple[DamageGroup, ...]:
        """Damage marks grouped by code and meaning, in the order they first appear."""
        groups: dict[tuple[str, str], list[DamageMark]] = {}
        for mark in self.damages:
            groups.setdefault((mark.code, mark.meaning), []).append(mark)
        return tuple(
            DamageGroup(code, meaning, tuple(marks)) for (code, meaning), marks in groups.items()
        )


def decode_sheet(text: str, explain: Explain | None = None) -> SheetDecode:
    """Explain what a member pasted from an auction sheet, token by token; `explain` may know
    the words that are not codes."""
    stripped = text.strip()
    if not stripped:
        raise UserError("Paste the grade and codes from the sheet, such as “4.5 B A1 U2 S1 XX W1”.")
    if len(stripped) > MAX_SHEET_CHARS:
        raise UserError(
            f"That is {len(stripped):,} characters; paste at most {MAX_SHEET_CHARS} "
            "(the grade and the codes, not the whole sheet)."
        )
    reader = _SheetReader()
    for chunk in _chunks(stripped):
        reader.read_chunk(chunk)
    return reader.result(explain)


def read_grade(text: str) -> GradeInfo | None:
    """The overall grade `text` names ("4.5", "r", "3.5点", "***"), or None when it names none."""
    word = text.strip()
    key = word.upper().removesuffix("点")
    grade = _GRADES.get(key) or _LABELLED_ONLY_GRADES.get(key)
    if grade is None:
        return None
    return GradeInfo(
        word, key, grade.meaning, grade.caveat, grade.structural_repair, grade.unverified
    )


def words_to_look_up(unknown: Iterable[str]) -> tuple[str, ...]:
    """What `decode_sheet` may ask `explain` about these unknown tokens: each token and the
    words it is made of, so a caller with a slow lookup can ask in advance."""
    terms = [term for token in unknown for term in (token, *_pieces(token))]
    return tuple(
        term
        for term in dict.fromkeys(terms)
        if len(term) <= MAX_WORD_CHARS and term not in _PRESENCE
    )


# --- what the codes mean ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Grade:
    meaning: str
    caveat: str = ""
    structural_repair: bool = False
    unverified: bool = False


_REPAIR_CAVEAT = "Some houses write 0 instead of R."
_GRADES: Mapping[str, _Grade] = {
    "S": _Grade(
        "Nearly new and barely marked: Japanese guides expect first registration within about "
        "a year and under about 10,000 km.",
        "Some houses use 6 or numbers up to 9 for new cars instead, and English guides give "
        "a lower mileage for S.",
    ),
    "9": _Grade("New or nearly new, on houses that grade above 6.", "Only some houses use 7–9."),
    "8": _Grade("New or nearly new, on houses that grade above 6.", "Only some houses use 7–9."),
    "7": _Grade("New or nearly new, on houses that grade above 6.", "Only some houses use 7–9."),
    "6": _Grade(
        "Almost no marks or repairs and nothing to fix (guides: under about 30,000 km).",
        "One guide also expects it to be registered within 3 years.",
    ),
    "5": _Grade("Small marks you have to look for; almost nothing to do inside or out."),
    "4.5": _Grade("As good as a 5 after light touching up."),
    "4": _Grade(
        "Above average, with some visible scratches, dents, rust, burns or tears that need work."
    ),
    "3.5": _Grade("Several areas need panel or repair work; there may be burns or tears inside."),
    "3": _Grade("Needs a lot: repainting, replacement parts or new upholstery."),
    "2": _Grade("Poor: heavy corrosion or holes, low value as it stands."),
    "1": _Grade(
        "Modified (such as a swapped engine or gearbox), a disaster car (flood, salt or hail), "
        "a very rough car, or a competition car.",
        "Some English guides treat grade 1 as meaning flooded; ask which it is.",
    ),
    "R": _Grade(
        "Repair history (修復歴): the frame or structural skeleton was damaged and repaired "
        "or replaced.",
        _REPAIR_CAVEAT,
        structural_repair=True,
    ),
    "RA": _Grade(
        "Light structural repair only, such as the radiator core support or the rear panel.",
        structural_repair=True,
    ),
    "RB": _Grade(
        "Heavier structural repair, to inner panels or the floor.",
        "RB is used by some houses only, and its meaning rests on a single source.",
        structural_repair=True,
        unverified=True,
    ),
    "RC": _Grade(
        "Heavier structural repair, to pillars or the frame.",
        "RC is used by some houses only, and its meaning rests on a single source.",
        structural_repair=True,
        unverified=True,
    ),
    "0": _Grade(
        "Either repair history or no grade at all, depending on the house.",
        "Some houses write 0 for repair history (like R); others use 0 for an ungraded car.",
    ),
    "***": _Grade(
        "Not graded: often a non-runner, a write-off or a special vehicle such as machinery. "
        "The sheet may say little else.",
        "The symbol and its meaning vary by house.",
    ),
}
# Only read as a grade when labelled ("grade X"); a bare X is the damage code.
_LABELLED_ONLY_GRADES: Mapping[str, _Grade] = {
    "X": _Grade(
        "Hard to grade: a very old, replica or classic car.",
        "This is not the X damage code (panel needs replacing).",
    ),
}

_INTERIOR: Mapping[str, tuple[str, bool]] = {
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

_EQUIPMENT: Mapping[str, tuple[str, str]] = {
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
    "AT": ("Automatic, floor shift", ""),
    "FAT": ("Automatic, floor shift", ""),
    "CA": ("Automatic, column shift", ""),
    "CAT": ("Automatic, column shift", ""),
    "DAT": ("Automatic, shifter on the dash", ""),
    "IAT": ("Automatic, shifter on the instrument panel", ""),
    "4WD": ("Four-wheel drive", ""),
    "2WD": ("Two-wheel drive (rear-wheel drive on kei trucks)", ""),
}

_MARK_CAVEAT = "Houses mark mileage differently; check the sheet's key."
_MILEAGE_MARKS: Mapping[str, tuple[str, str]] = {
    # Sheets use * for a reading the house could not verify; tampering is one reason, not the rule.
    "*": (
        "The mileage can't be verified.",
        "It may mean the odometer was rolled back or tampered with. " + _MARK_CAVEAT,
    ),
    "#": ("The true mileage is unknown.", _MARK_CAVEAT),
    "走行不明": ("Mileage unknown.", ""),
    "メーター改ざん": ("The odometer was tampered with.", ""),
    "メーター改竄": ("The odometer was tampered with.", ""),
    "メーター交換": ("The instrument cluster was replaced: the reading may not be the total.", ""),
}

# Written after a word on sheets: 記録簿有 (record book: yes), 修復歴なし (repair history: none).
_PRESENCE: Mapping[str, str] = {
    "なし": "none",
    "無し": "none",
    "無": "none",
    "あり": "yes, present",
    "有り": "yes, present",
    "有": "yes, present",
}

# --- reading the text -------------------------------------------------------------------------

_GRADE, _INTERIOR_LABEL, _EXTERIOR_LABEL, _MILEAGE_LABEL = (
    "grade",
    "interior",
    "exterior",
    "mileage",
)
_LABELS: Mapping[str, str] = {
    "grade": _GRADE,
    "評価点": _GRADE,
    "評価": _GRADE,
    "interior": _INTERIOR_LABEL,
    "int": _INTERIOR_LABEL,
    "内装": _INTERIOR_LABEL,
    "内装評価": _INTERIOR_LABEL,
    "内装補助評価": _INTERIOR_LABEL,
    "exterior": _EXTERIOR_LABEL,
    "ext": _EXTERIOR_LABEL,
    "外装": _EXTERIOR_LABEL,
    "外装評価": _EXTERIOR_LABEL,
    "mileage": _MILEAGE_LABEL,
    "odometer": _MILEAGE_LABEL,
    "走行距離": _MILEAGE_LABEL,
}
# Japanese labels are often glued to their value ("内装B"); longest first so 内装評価 wins.
_GLUED_LABEL = re.compile(
    "(" + "|".join(sorted((k for k in _LABELS if not k.isascii()), key=len, reverse=True)) + ")"
)

_GLASS_WORDS = frozenset(
    {"glass", "windshield", "windscreen", "window", "fw", "ガラス", "フロントガラス"}
)
_PANEL_WORDS = _GLASS_WORDS | frozenset(
    {
        *("front", "rear", "left", "right", "upper", "lower", "inner", "outer", "side", "back"),
        *("fr", "fl", "rr", "rl", "lf", "rf", "lh", "rh"),
        *("door", "doors", "bumper", "bed", "deck", "roof", "hood", "bonnet", "fender", "wing"),
        *("quarter", "panel", "tailgate", "gate", "sill", "rocker", "pillar", "mirror", "frame"),
        *("cab", "floor", "underbody", "chassis", "step", "grille", "lamp", "headlight", "arch"),
        *("taillight", "wheel", "mudguard", "corner", "torii", "aori", "cargo"),
        *(
            "荷台",
            "あおり",
            "鳥居",
            "下回り",
            "ドア",
            "バンパー",
            "ルーフ",
            "フェンダー",
            "ボンネット",
        ),
    }
)
# "L door": a single letter is a side only when a panel word follows it. "R" is also the
# structural-repair grade, which matters more, so it is a side only once the grade is known.
_SIDE_LETTERS = frozenset({"l", "r"})

_SEPARATORS = re.compile(r"[,;/、・|\n\r\t]+")
# Katakana words (サビ, ワンオーナー) are glued to kanji on sheets: 下回りサビ is 下回り + サビ.
_SCRIPT_RUNS = re.compile(r"[\u30a0-\u30ff]+|[^\u30a0-\u30ff]+")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_DAMAGE = re.compile(r"(XX|RX|[A-Z])([0-9])?")
_GRADE_WITH_LETTER = re.compile(r"(\d(?:\.5)?)([A-E])")
# Seven digits reach past any odometer; a longer run of digits is not a distance (and a
# 309-digit one would overflow a float).
_MILEAGE = re.compile(
    r"(?P<before>[*#]*)(?P<number>\d{1,7}(?:\.\d{1,3})?)(?P<man>万)?(?P<unit>KM|K)?(?P<after>[*#]*)"
)


def _chunks(text: str) -> list[list[str]]:
    normal = unicodedata.normalize("NFKC", text)
    normal = _THOUSANDS.sub("", normal)
    normal = _GLUED_LABEL.sub(r" \1 ", normal).replace(":", " ").replace("=", " ")
    return [chunk.split() for chunk in _SEPARATORS.split(normal) if chunk.strip()]


class _SheetReader:
    """Walks the tokens once, remembering the panel and label that apply to the next code."""

    def __init__(self) -> None:
        self.grade: GradeInfo | None = None
        self.interior: LetterGrade | None = None
        self.exterior: LetterGrade | None = None
        self.damages: list[DamageMark] = []
        self.equipment: list[Equipment] = []
        self.mileage_km: int | None = None
        self.mileage_marks: list[MileageMark] = []
        self.unknown: list[str] = []

    def read_chunk(self, words: list[str]) -> None:
        panel: list[str] = []
        label = ""  # the label word ("interior", "内装"…) waiting for its value
        after_code = False
        index = 0
        while index < len(words):
            word = words[index]
            following = words[index + 1] if index + 1 < len(words) else ""
            if word.casefold() in _LABELS and not panel:
                label = word
            elif self._is_panel_word(word, following):
                panel = [word] if after_code else [*panel, word]
                after_code = False
            else:
                if following.casefold() == "km" and _MILEAGE.fullmatch(word.upper()):
                    word, index = word + following, index + 1
                after_code = self._read_token(word, panel, label, panel_used=after_code)
                if not after_code:
                    panel = []
                label = ""
            index += 1
        dangling = label or ("" if after_code else " ".join(panel))
        if dangling:
            self.unknown.append(dangling)

    def _is_panel_word(self, word: str, following: str) -> bool:
        folded = word.casefold()
        if folded in _SIDE_LETTERS:
            side_possible = folded == "l" or self.grade is not None
            return side_possible and following.casefold() in _PANEL_WORDS
        return folded in _PANEL_WORDS

    def _read_token(self, word: str, panel: list[str], label: str, *, panel_used: bool) -> bool:
        """Record one token; True when it was a damage code, so the panel stays open.

        A panel carries on to the codes that follow it ("bumper U1 U2"); once it has had a code,
        a token that isn't one ends it and is read on its own ("door A2 AC").
        """
        if panel:
            if self._read_damage(word, panel):
                return True
            if not panel_used:
                self.unknown.append(" ".join([*panel, word]))
                return False
        if label:
            recognised = self._read_labelled(_LABELS[label.casefold()], word)
        else:
            recognised = self._read_unlabelled(word)
        if not recognised:
            self.unknown.append(f"{label} {word}" if label else word)
        return False

    def _read_labelled(self, label: str, word: str) -> bool:
        if label == _GRADE:
            return self.grade is None and self._read_grade(
                word, {**_GRADES, **_LABELLED_ONLY_GRADES}
            )
        if label == _INTERIOR_LABEL:
            return self._read_interior(word)
        if label == _EXTERIOR_LABEL:
            return self._read_exterior(word)
        return self._read_mileage(word)

    def _read_unlabelled(self, word: str) -> bool:
        key = word.upper()
        if self.grade is None and self._read_grade(word, _GRADES):
            return True
        if self.grade is None and self.interior is None and self._read_grade_with_letter(word):
            return True
        if self.interior is None and key in _INTERIOR:
            return self._read_interior(word)
        # Equipment before damage: on its own C4 is the column-shift 4-speed, not corrosion 4.
        return (
            self._read_equipment(word)
            or self._read_damage(word, [])
            or self._read_mileage_mark(word)
            or self._read_mileage(word, require_unit=True)
        )

    def _read_grade(self, word: str, grades: Mapping[str, _Grade]) -> bool:
        key = word.upper().removesuffix("点")
        if key not in grades:
            return False
        grade = grades[key]
        self.grade = GradeInfo(
            word, key, grade.meaning, grade.caveat, grade.structural_repair, grade.unverified
        )
        return True

    def _read_grade_with_letter(self, word: str) -> bool:
        match = _GRADE_WITH_LETTER.fullmatch(word.upper())
        if not match or match[1] not in _GRADES:
            return False
        self._read_grade(match[1], _GRADES)
        return self._read_interior(match[2])

    def _read_interior(self, word: str) -> bool:
        letter = _letter_grade(word)
        if letter is None or self.interior is not None:
            return False
        self.interior = letter
        return True

    def _read_exterior(self, word: str) -> bool:
        letter = _letter_grade(word)
        if letter is None or self.exterior is not None:
            return False
        # The interior meanings (stains, smells) don't carry over, and no source gives exterior
        # meanings, so we name the grade without explaining it.
        self.exterior = LetterGrade(
            word, letter.letter, "Exterior letter grade, shown next to the overall grade."
        )
        return True

    def _read_damage(self, word: str, panel: list[str]) -> bool:
        mark = _damage_mark(word, panel)
        if mark is not None:
            self.damages.append(mark)
        return mark is not None

    def _read_equipment(self, word: str) -> bool:
        key = word.upper()
        if key not in _EQUIPMENT:
            return False
        meaning, caveat = _EQUIPMENT[key]
        self.equipment.append(Equipment(word, key, meaning, caveat))
        return True

    def _read_mileage_mark(self, word: str) -> bool:
        if word not in _MILEAGE_MARKS:
            return False
        self._add_mark(word, word)
        return True

    def _read_mileage(self, word: str, require_unit: bool = False) -> bool:
        match = _MILEAGE.fullmatch(word.upper())
        if not match or self.mileage_km is not None:
            return False
        has_unit = bool(match["unit"] or match["man"] or match["before"] or match["after"])
        number = float(match["number"])
        # A bare number under 1,000 is more likely a mistyped grade than a distance.
        if require_unit and not has_unit and (number < 1000 or "." in match["number"]):
            return False
        scale = 10_000 if match["man"] else 1000 if match["unit"] == "K" else 1
        self.mileage_km = round(number * scale)
        for symbol in dict.fromkeys(match["before"] + match["after"]):
            self._add_mark(word, symbol)
        return True

    def _add_mark(self, token: str, key: str) -> None:
        meaning, caveat = _MILEAGE_MARKS[key]
        self.mileage_marks.append(MileageMark(token, meaning, caveat))

    def result(self, explain: Explain | None) -> SheetDecode:
        damages = tuple(self.damages)
        worst = max((d.severity for d in damages), default=None)
        structural = self.grade is not None and self.grade.structural_repair
        rust = any(d.rust for d in damages)
        words: list[SheetWord] = []
        unknown: list[str] = []
        for token in self.unknown:
            word = _explained(token, explain) if explain else None
            if word is None:
                unknown.append(token)
            else:
                words.append(word)
        decode = SheetDecode(
            grade=self.grade,
            interior=self.interior,
            exterior=self.exterior,
            damages=damages,
            equipment=tuple(self.equipment),
            mileage_km=self.mileage_km,
            mileage_marks=tuple(self.mileage_marks),
            unknown=tuple(unknown),
            words=tuple(words),
            summary="",
            advice=(),
            rust_warning=rust,
            structural_repair=structural,
            worst_severity=worst,
        )
        # The summary and advice speak of the whole decode, so they are written from it.
        return replace(decode, summary=_summary(decode), advice=_advice(decode))


def _pieces(token: str) -> list[str]:
    """The words a token is made of: split at spaces, where katakana meets other script, and
    before a presence word at the end (修復歴なし)."""
    pieces: list[str] = []
    for word in token.split():
        presence = next((p for p in _PRESENCE if word.endswith(p) and word != p), "")
        pieces += _SCRIPT_RUNS.findall(word.removesuffix(presence) if presence else word)
        pieces += [presence] if presence else []
    return pieces


def _explained(token: str, explain: Explain) -> SheetWord | None:
    """The token explained whole, or by every piece of it; None when any piece is unknown."""
    meaning = explain(token) if len(token) <= MAX_WORD_CHARS else None
    if meaning:
        return SheetWord(token, (WordPart(token, meaning),))
    pieces = _pieces(token)
    if len(pieces) < 2:
        return None
    parts = []
    for piece in pieces:
        meaning = _PRESENCE.get(piece) or (explain(piece) if len(piece) <= MAX_WORD_CHARS else None)
        if not meaning:
            return None
        parts.append(WordPart(piece, meaning))
    return SheetWord(token, tuple(parts))


def _letter_grade(word: str) -> LetterGrade | None:
    key = word.upper()
    if key not in _INTERIOR:
        return None
    meaning, unverified = _INTERIOR[key]
    return LetterGrade(word, key, meaning, unverified)


def _damage_mark(word: str, panel: list[str]) -> DamageMark | None:
    key = word.upper()
    on_glass = any(p.casefold() in _GLASS_WORDS for p in panel)
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


# --- what it means for a buyer ----------------------------------------------------------------


def _summary(decode: SheetDecode) -> str:
    if not decode.recognised:
        return "Nothing recognised: no grade, code or mark from a sheet."
    head = [f"Grade {decode.grade.grade}" if decode.grade else "No overall grade given"]
    if decode.interior:
        head.append(f"interior {decode.interior.letter}")
    parts = [", ".join(head)]
    if decode.worst_severity is not None:
        count = len(decode.damages)
        marks = (
            f"{count} damage mark{'s' if count != 1 else ''}, worst {decode.worst_severity.label}"
        )
        parts.append(marks + ("; rust or corrosion marked" if decode.rust_warning else ""))
    else:
        parts.append("No damage marks")
    if decode.words:
        count = len(decode.words)
        parts.append(f"{count} word{'s' if count != 1 else ''} explained")
    if decode.unknown:
        parts.append(f"{len(decode.unknown)} not recognised")
    return ". ".join(parts) + "."


def _advice(decode: SheetDecode) -> tuple[str, ...]:
    if not decode.recognised:
        lines = [
            "Nothing you pasted was recognised: paste the grade and codes as the sheet prints "
            "them, such as “4.5 B A1 U2 S1 XX W1”."
        ]
    else:
        lines = [
            *_grade_advice(decode.grade),
            *_rust_advice(decode.damages),
            *_damage_advice(decode.damages),
            *_mileage_advice(decode.mileage_marks),
        ]
    if decode.unknown:
        lines.append(
            f"Not recognised: {', '.join(decode.unknown)}. We don't guess at codes; ask your "
            "exporter or translator what they mean on that house's sheet."
        )
    if not lines and decode.grade is not None:
        lines.append("No structural repair, rust or heavy damage in what you pasted.")
    return tuple(lines)


def _grade_advice(grade: GradeInfo | None) -> list[str]:
    if grade is None:
        return ["No overall grade found: add the number or letter from the grade box (評価点)."]
    if grade.structural_repair:
        return [
            f"Grade {grade.grade} means structural repair history: the frame or skeleton was "
            "damaged and fixed. Ask for photos of the repaired area before bidding. On a kei "
            "truck it flags chassis work; on its own it doesn't say how bad the accident was."
        ]
    advice = {
        "0": "Grade 0 means repair history at some houses and no grade at others: ask which, "
        "and for photos of the frame.",
        "***": "No grade given: the truck may not run or may be a write-off. Ask the exporter "
        "why, and for photos.",
        "1": "Grade 1 covers modified, flood, salt or hail-damaged and very rough cars: ask "
        "which it is before bidding.",
        "2": "Grade 2: expect heavy corrosion or holes; look hard at the frame and bed.",
    }
    return [advice[grade.grade]] if grade.grade in advice else []


def _rust_advice(damages: tuple[DamageMark, ...]) -> list[str]:
    rusty = [d for d in damages if d.rust]
    if not rusty:
        return []
    # The marks themselves are listed beside the rust warning; this line says what to do.
    line = (
        "Rust or corrosion is marked, and many kei trucks worked on farms: ask for photos of "
        "the underbody (下回り), frame and bed, not just the panels."
    )
    if any(d.code == "C" for d in rusty):
        line += " Corrosion means the metal itself is going, which is worse than surface rust."
    return [line]


def _damage_advice(damages: tuple[DamageMark, ...]) -> list[str]:
    lines = []
    severe = [d for d in damages if d.severity is Severity.SEVERE and not d.rust]
    if severe:
        lines.append(
            f"Severe marks ({_tokens(severe)}): budget for panel work, paint or replacement parts."
        )
    replaced = [d for d in damages if d.code == "XX"]
    if replaced:
        lines.append(f"Replaced panels ({_tokens(replaced)}): ask why they were replaced.")
    lines += [
        f"Several repair marks on the {panel}: together they can outline an old accident, "
        "so look closely at that area."
        for panel in _panels_with_repeated_repairs(damages)
    ]
    return lines


def _panels_with_repeated_repairs(damages: tuple[DamageMark, ...]) -> list[str]:
    counts: dict[str, int] = {}
    for mark in damages:
        if mark.code == "W" and mark.panel:
            counts[mark.panel.casefold()] = counts.get(mark.panel.casefold(), 0) + 1
    return [panel for panel, count in counts.items() if count > 1]


def _mileage_advice(marks: tuple[MileageMark, ...]) -> list[str]:
    if not marks:
        return []
    return [
        f"Mileage flagged ({_tokens(marks)}): don't rely on the odometer reading; ask for "
        "service records (記録簿) instead."
    ]


def _tokens(items: Iterable[DamageMark | MileageMark]) -> str:
    return ", ".join(dict.fromkeys(item.token for item in items))
