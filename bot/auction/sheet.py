"""What a decoded auction sheet says, as frozen values: the grades, the damage marks and how bad
they are, equipment, mileage marks and the words the caller's lookup explained."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from bot.eligibility import ManufactureDate
from bot.models import TruckModel


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
class SheetModel:
    """The truck's chassis code as the sheet prints it, perhaps after its emissions prefix
    (GD-DA52T), read as /eligibility reads it."""

    token: str
    model: TruckModel
    prefix: str  # the emissions prefix before the code ("GD"), "" when none was printed


@dataclass(frozen=True)
class SheetDate:
    """A date in a Japanese era (H13.5): on a sheet, usually 年式, the first registration."""

    token: str
    date: ManufactureDate


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
    model: SheetModel | None
    date: SheetDate | None
    inspection: SheetDate | None  # the date after 車検: the inspection's expiry, not the truck's
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
                self.model,
                self.date,
                self.inspection,
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
