"""What truck a member means: `1994 Suzuki Carry DA51T`, `Hijet S83P '91`, `91 daihatsu hijet
jumbo` read into year, make, model and chassis code, using the model codes of bot/models.py."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.eligibility import parse_manufactured
from bot.errors import UserError
from bot.japanese import normalize
from bot.models import ModelLine, TruckModel, default_lines, find_model

FIRST_BUILD_YEAR = 1960  # kei trucks older than this are not what a build log is for
# A two-digit year from 60 on is the 1900s ('91 → 1991); below it, the 2000s ('05 → 2005).
CENTURY_PIVOT = 60

_YEAR = re.compile(r"^[’'‘`]?(\d{2}|\d{4})$")
_SPLIT = re.compile(r"[\s,;/()]+")
# A Japanese era year, as papers and listings give a truck's (平成6年式 is 1994).
_ERA_YEAR = re.compile(r"(?:昭和|平成|令和)\s*(?:\d{1,2}|元)\s*年")
# Makers as written in Japan whose kana do not read as the English name (スズキ reads suzuki).
_JAPANESE_MAKES = {"三菱": "Mitsubishi", "マツダ": "Mazda", "日産": "Nissan"}
# The drive as listings and owners write it: 4WD, 4x4, AWD, 2WD, four wheel drive, 4駆 (四駆).
# A kei truck's "AWD" is its full-time four-wheel drive.
_DRIVE = re.compile(
    r"(?<![a-z0-9])(?:(?P<four>4-?wd|4\s?[x×]\s?4|awd|(?:4|four)[\s-]?wheel[\s-]?drive)"
    r"|(?P<two>2-?wd|4\s?[x×]\s?2|(?:2|two)[\s-]?wheel[\s-]?drive))(?![a-z0-9])"
    r"|(?P<kanji_four>[4四]駆)|(?P<kanji_two>[2二]駆)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Truck:
    """A truck as typed, with what could be read from it (None where nothing could)."""

    text: str
    year: int | None
    make: str | None
    model: str | None
    model_code: str | None
    drive: str | None  # "2WD" or "4WD", as the spec's Drive


def parse_truck(text: str, this_year: int) -> Truck:
    """Read `text`; a year outside 1960–`this_year` is refused, one outside the years of the
    model code given is kept (the member knows their truck better than our data; the caller
    says what looks wrong); unknown words are kept as typed."""
    typed = " ".join(unicodedata.normalize("NFKC", text).split())
    words = [word for word in _SPLIT.split(typed) if word]
    year = _era_year(typed, this_year) or _year(words, this_year)
    code = _code(words)
    drive = _drive(typed)
    if code is not None:
        return Truck(typed, year, code.make, code.model, code.code, drive)
    make, model = make_and_model(typed)
    return Truck(typed, year, make, model, None, drive)


@dataclass(frozen=True)
class ReadByCode:
    """A truck line read by its chassis code alone: its other words name no make or model the
    model data knows (`1994 Corolla DA51T`), so the code alone says what the truck is."""

    code: str
    make: str
    model: str
    unread: tuple[str, ...]  # the words naming nothing known, as typed


def read_by_code_alone(text: str) -> ReadByCode | None:
    """How `text` was read when a known chassis code decided its make and model beside words
    that name no make or model known (`my DA51T`, or a car's `Corolla`); None otherwise."""
    typed = " ".join(unicodedata.normalize("NFKC", text).split())
    if make_and_model(typed) != (None, None):
        return None
    # Years and drives are read, whatever their form: only the words left name nothing.
    words = [word for word in _SPLIT.split(_DRIVE.sub(" ", _ERA_YEAR.sub(" ", typed))) if word]
    code = _code(words)
    unread = tuple(word for word in words if not _YEAR.match(word) and _code([word]) is None)
    if code is None or not unread:
        return None
    return ReadByCode(code.code, code.make, code.model, unread)


def _code(words: list[str]) -> TruckModel | None:
    """The known model of the first word that is a chassis code (a number never is)."""
    return next(
        (m for word in words if not word.strip("'’").isdigit() and (m := find_model(word))), None
    )


def _drive(typed: str) -> str | None:
    """The drive `typed` names; None when it names none, or both (a conversion, say), which
    the member then sets themselves."""
    found = {
        "4WD" if match["four"] or match["kanji_four"] else "2WD" for match in _DRIVE.finditer(typed)
    }
    return found.pop() if len(found) == 1 else None


def make_and_model(text: str) -> tuple[str | None, str | None]:
    """The make and model `text` names (`Daihatsu Hijet Jumbo`, `ハイゼット`), each None when
    it names none the model data knows."""
    typed = " ".join(unicodedata.normalize("NFKC", text).split())
    words = [word for word in _SPLIT.split(typed) if word]
    line = _line(typed.casefold(), words)
    return (line.make, line.model) if line else (_make(typed, words), None)


def _era_year(typed: str, this_year: int) -> int | None:
    match = _ERA_YEAR.search(typed)
    if match is None:
        return None
    year = parse_manufactured(match[0]).year
    if not FIRST_BUILD_YEAR <= year <= this_year:
        raise UserError(
            f"A truck's year must be from {FIRST_BUILD_YEAR} to {this_year}; “{match[0]}” is "
            f"{year}."
        )
    return year


def _year(words: list[str], this_year: int) -> int | None:
    for word in words:
        match = _YEAR.match(word)
        if not match:
            continue
        digits = match.group(1)
        year = int(digits)
        if len(digits) == 2:
            year += 1900 if year >= CENTURY_PIVOT else 2000
        if not FIRST_BUILD_YEAR <= year <= this_year:
            raise UserError(
                f"A truck's year must be from {FIRST_BUILD_YEAR} to {this_year}; “{word}” is not."
            )
        return year
    return None


def _line(folded: str, words: list[str]) -> ModelLine | None:
    lowered = {word.casefold() for word in words}
    # Japanese names are compared as read (キャリー and キャリイ are both kyari), spaces or not.
    reading = normalize(folded)
    for line in default_lines():
        names = (line.model.casefold(), line.kana, *(alias.casefold() for alias in line.aliases))
        if line.model.casefold() in lowered or any(
            (" " in name and name in folded) or (not name.isascii() and normalize(name) in reading)
            for name in names
        ):
            return line
    return None


def _make(typed: str, words: list[str]) -> str | None:
    lowered = {word.casefold() for word in words}
    makes = dict.fromkeys(line.make for line in default_lines())
    found = next((make for make in makes if make.casefold() in lowered), None)
    if found or typed.isascii():
        return found
    reading = normalize(typed)
    return next((make for make in makes if normalize(make) in reading), None) or next(
        (make for written, make in _JAPANESE_MAKES.items() if written in typed), None
    )


def known_makes() -> tuple[str, ...]:
    """Every maker of the model data, in file order, once."""
    return tuple(dict.fromkeys(line.make for line in default_lines()))
