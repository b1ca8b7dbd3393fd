"""Reading a whole pasted sheet: the text cut into tokens, each read in turn as a grade, a letter,
a labelled value, a panel and its damage codes, equipment or mileage, into one `SheetDecode`."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import replace

from bot.auction.codes import (
    EQUIPMENT,
    GLASS_WORDS,
    GRADES,
    INTERIOR,
    LABELLED_ONLY_GRADES,
    MILEAGE_MARKS,
    Grade,
    damage_mark,
    damage_marks,
    letter_grade,
)
from bot.auction.sheet import (
    DamageMark,
    Equipment,
    GradeInfo,
    LetterGrade,
    MileageMark,
    SheetDate,
    SheetDecode,
    SheetModel,
    SheetWord,
)
from bot.auction.verdict import advise, summarise
from bot.auction.words import MONTHS, Explain, explained
from bot.eligibility import era_date
from bot.errors import UserError
from bot.models import find_model, normalize_code

MAX_SHEET_CHARS = 500


def decode_sheet(text: str, explain: Explain | None = None) -> SheetDecode:
    """Explain what a member pasted from an auction sheet, token by token; `explain` may know
    the words that are not codes."""
    stripped = _without_markdown(text).strip()
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


# Discord's markdown a member may paste around codes goes, the text kept: a spoiler only hides
# its text from other readers, and a sheet's rust is no less there for it (its bars would
# split a code); bold, underline, strike and code marks likewise.
_MARKED = re.compile(r"(\|\||\*\*|__|~~|`+)(?=\S)(.+?)(?<=\S)\1", re.DOTALL)
# Italics, around one word: a star also marks a tampered mileage, before its number or after
# its unit (*84000km, 84000km*), so only a word starting with a letter, never a mileage, loses
# its stars.
_ITALIC = re.compile(r"(?<![\w*])(?:\*(?=[^\W\d_])([^\s*]+?)\*|_([^\s_]+?)_)(?![\w*])")


def _without_markdown(text: str) -> str:
    return _ITALIC.sub(lambda italic: italic[1] or italic[2], _MARKED.sub(r"\2", text))


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
_PANEL_WORDS = GLASS_WORDS | frozenset(
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

# A comma between digits in thousands (84,000km) is part of the number, echoed as typed.
_SEPARATORS = re.compile(r"(?:[;/、・|\n\r\t]|,(?!(?<=\d,)\d{3}(?!\d)))+")
# A "$" spaced from its number belongs to it ("$ 5000", "5000 $"): read together, a price is
# told from a replaced meter's mileage, which comes with km.
_SPACED_DOLLAR = re.compile(r"(?<![\d$])\$\s+(?=\d)|(?<=\d)\s+\$(?![\w$])")
# Some sheets write a floor or column automatic as FA/T or CA/T, whose slash is no separator.
_SLASHED_AUTOMATIC = re.compile(r"(?<![0-9A-Za-z])([FC])A/T(?![0-9A-Za-z])", re.IGNORECASE)
# A half grade written with a decimal comma ("4,5"): a lone digit, so never a code's level
# ("A1,5") or part of a longer number.
_DECIMAL_COMMA = re.compile(r"(?<![0-9A-Za-z.])([1-5]),5(?![0-9.,])")
# 車検残 (inspection left) is given with its months: "車検残 5か月" is read as one word.
_SHAKEN_LEFT = re.compile(r"車検残り?$")
_CODE_SHAPED = re.compile(r"[A-Za-z][0-9]")
# The words before a date that say whose date it is (車検満了 R7.3: the inspection runs out).
_TRUCK_DATE_WORDS = frozenset({"年式", "初度登録", "初度検査", "初年度"})
_INSPECTION_DATE_WORD = re.compile(
    r"車検証?(?:残り?|満了日?|有効期限|期限|切れ|月)?|有効期間の?満了(?:する)?日|満了日?"
)
# "84,000 km*": the unit spaced from its number, with the mileage marks after it.
_KM_AFTER = re.compile(r"km[*#$]*", re.IGNORECASE)
_GRADE_WITH_LETTER = re.compile(r"(\d(?:\.5)?)([A-E])")
# Seven digits reach past any odometer; a longer run of digits is not a distance (and a
# 309-digit one would overflow a float).
_MILEAGE = re.compile(
    r"(?P<before>[*#$]*)(?P<number>(?:\d{1,3}(?:,\d{3}){1,2}|\d{1,7})(?:\.\d{1,3})?)(?P<man>万)?(?P<unit>KM|K)?(?P<after>[*#$]*)"
)


def _chunks(text: str) -> list[list[str]]:
    normal = unicodedata.normalize("NFKC", text)
    normal = _SLASHED_AUTOMATIC.sub(r"\1AT", normal)
    normal = _SPACED_DOLLAR.sub("$", normal)
    normal = _DECIMAL_COMMA.sub(r"\1.5", normal)
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
        self.model: SheetModel | None = None
        self.date: SheetDate | None = None
        self.inspection: SheetDate | None = None
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
                with_unit = _KM_AFTER.fullmatch(following) and _MILEAGE.fullmatch(word.upper())
                if with_unit or (not label and self._spaced_code(word, following, panel)):
                    word, index = word + following, index + 1
                elif _SHAKEN_LEFT.search(word) and MONTHS.fullmatch(following):
                    word, index = f"{word} {following}", index + 1
                elif self._read_dated(word, following):
                    index += 2
                    continue
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

    def _spaced_code(self, word: str, following: str, panel: list[str]) -> bool:
        """Whether a letter and the digits after it are one damage code typed with a space
        ("A 1"): read apart, the digit would be a grade after an interior letter, and "A 1"
        a disaster car. A letter right after the grade is its interior ("4.5 B 2")."""
        if len(word) != 1 or not word.isalpha() or not following.isdecimal():
            return False
        if self.grade is not None and self.interior is None and word.upper() in INTERIOR:
            return False
        return damage_mark(word + following, panel) is not None

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
            return self.grade is None and self._read_grade(word, {**GRADES, **LABELLED_ONLY_GRADES})
        if label == _INTERIOR_LABEL:
            return self._read_interior(word)
        if label == _EXTERIOR_LABEL:
            return self._read_exterior(word)
        return self._read_mileage(word)

    def _read_unlabelled(self, word: str) -> bool:
        key = word.upper()
        if self.grade is None and self._read_grade(word, GRADES):
            return True
        if self.grade is None and self.interior is None and self._read_grade_with_letter(word):
            return True
        if self.interior is None and key in INTERIOR:
            return self._read_interior(word)
        # Equipment before damage: on its own C4 is the column-shift 4-speed, not corrosion 4.
        return (
            self._read_equipment(word)
            or self._read_damage(word, [])
            or self._read_mileage_mark(word)
            or self._read_mileage(word, require_unit=True)
            or self._read_model(word)
            or self._read_date(word)
        )

    def _read_grade(self, word: str, grades: Mapping[str, Grade]) -> bool:
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
        if not match or match[1] not in GRADES:
            return False
        self._read_grade(match[1], GRADES)
        return self._read_interior(match[2])

    def _read_interior(self, word: str) -> bool:
        letter = letter_grade(word)
        if letter is None or self.interior is not None:
            return False
        self.interior = letter
        return True

    def _read_exterior(self, word: str) -> bool:
        letter = letter_grade(word)
        if letter is None or self.exterior is not None:
            return False
        # The interior meanings (stains, smells) don't carry over, and no source gives exterior
        # meanings, so we name the grade without explaining it.
        self.exterior = LetterGrade(
            word, letter.letter, "Exterior letter grade, shown next to the overall grade."
        )
        return True

    def _read_damage(self, word: str, panel: list[str]) -> bool:
        marks = damage_marks(word, panel)
        self.damages += marks
        return bool(marks)

    def _read_model(self, word: str) -> bool:
        """A chassis code, read last as /eligibility reads it: GD-DA52T is the DA52T."""
        model = find_model(word) if self.model is None else None
        if model is None:
            return False
        prefix, _, code = word.rpartition("-")
        emissions = prefix if prefix and normalize_code(code) == model.code else ""
        self.model = SheetModel(word, model, emissions)
        return True

    def _read_dated(self, word: str, following: str) -> bool:
        """A date after the word that says what it is: 年式's is the truck's, and one after
        車検 (or 車検残, 満了) the inspection's expiry, which is never the truck's."""
        built = None if _CODE_SHAPED.fullmatch(following) else era_date(following)
        if built is None:
            return False
        if word in _TRUCK_DATE_WORDS:
            self.date = SheetDate(following, built)
            return True
        if _INSPECTION_DATE_WORD.fullmatch(word):
            # A second inspection date (車検 R7.3 満了 R7.3) is the same expiry said again.
            if self.inspection is None:
                self.inspection = SheetDate(f"{word} {following}", built)
            return True
        return False

    def _read_date(self, word: str) -> bool:
        """A date in a Japanese era (H13.5, 平成13年), read last as /eligibility reads it; a
        letter and one digit (H2) is shaped as a damage code some house uses, never a date."""
        if self.date is not None or _CODE_SHAPED.fullmatch(word):
            return False
        built = era_date(word)
        if built is None:
            return False
        self.date = SheetDate(word, built)
        return True

    def _read_equipment(self, word: str) -> bool:
        key = word.upper()
        if key not in EQUIPMENT:
            return False
        meaning, caveat = EQUIPMENT[key]
        self.equipment.append(Equipment(word, key, meaning, caveat))
        return True

    def _read_mileage_mark(self, word: str) -> bool:
        if word not in MILEAGE_MARKS:
            return False
        self._add_mark(word, word)
        return True

    def _read_mileage(self, word: str, require_unit: bool = False) -> bool:
        match = _MILEAGE.fullmatch(word.upper())
        if not match or self.mileage_km is not None:
            return False
        has_unit = bool(match["unit"] or match["man"] or match["before"] or match["after"])
        # "$5000" or "5000$" (or "$5k") is a price to a US reader; a replaced meter's mark comes
        # with km.
        dollar = "$" in match["before"] + match["after"]
        if dollar and match["unit"] != "KM" and not match["man"]:
            return False
        number = float(match["number"].replace(",", ""))
        # A bare number under 1,000 is more likely a mistyped grade than a distance.
        if require_unit and not has_unit and (number < 1000 or "." in match["number"]):
            return False
        scale = 10_000 if match["man"] else 1000 if match["unit"] == "K" else 1
        self.mileage_km = round(number * scale)
        for symbol in dict.fromkeys(match["before"] + match["after"]):
            self._add_mark(word, symbol)
        return True

    def _add_mark(self, token: str, key: str) -> None:
        meaning, caveat = MILEAGE_MARKS[key]
        self.mileage_marks.append(MileageMark(token, meaning, caveat))

    def result(self, explain: Explain | None) -> SheetDecode:
        damages = tuple(self.damages)
        worst = max((d.severity for d in damages), default=None)
        structural = self.grade is not None and self.grade.structural_repair
        rust = any(d.rust for d in damages)
        words: list[SheetWord] = []
        unknown: list[str] = []
        for token in self.unknown:
            word = explained(token, explain) if explain else None
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
            model=self.model,
            date=self.date,
            inspection=self.inspection,
            summary="",
            advice=(),
            rust_warning=rust,
            structural_repair=structural,
            worst_severity=worst,
        )
        # The summary and advice speak of the whole decode, so they are written from it.
        return replace(decode, summary=summarise(decode), advice=advise(decode))
