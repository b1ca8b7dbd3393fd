"""Kei-truck model lines (Suzuki Carry, Honda Acty…) and their chassis codes (DA63T, HA4, S500P…):
loaded from data/models.toml, codes looked up however they are typed."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeGuard

from bot.errors import UserError
from bot.limits import AUTOCOMPLETE_CHOICES

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "models.toml"

DRIVES = frozenset({"2WD", "4WD", "2WD/4WD"})
PRESENT = "present"
# The kei class itself dates from 1949, so an earlier generation is a typo in the data file.
FIRST_KEI_YEAR = 1949
LATEST_PLAUSIBLE_YEAR = 2100

_CODE_SHAPE = re.compile(r"[A-Z0-9]+")
# Hyphens, dashes and spaces people put inside codes; NFKC maps the full-width ones onto these.
_CODE_NOISE = re.compile(r"[\s\-‐‑‒–—―−_.]+")
_STRING_FIELDS = ("code", "make", "model", "drive", "engine", "note")
_LINE_STRING_FIELDS = ("make", "model", "kana", "romaji", "note")
_LINE_LIST_FIELDS = ("aliases", "see_also")
# The tags data/glossary.toml cites: a page of the research notes (S12), one listed in
# data/sources.toml (W57), or common knowledge no page confirmed.
_SOURCE_TAG = re.compile(r"S\d+|W\d+|well-established")


@dataclass(frozen=True)
class TruckModel:
    code: str
    make: str
    model: str
    year_from: int
    year_to: int | None  # None while the generation is still built
    drive: str
    engine: str  # "" when no trustworthy source gave it
    note: str
    unverified: bool
    source: str  # source tags ("S135 W60"); "" where the entry cites none

    @property
    def name(self) -> str:
        return f"{self.make} {self.model}"

    @property
    def years(self) -> str:
        """The production span as people write it: "2002–2013" or "2013–present"."""
        return f"{self.year_from}–{self.year_to if self.year_to is not None else PRESENT}"

    @property
    def built(self) -> str:
        """Its years as a sentence says them: as fact, or as the guess an unverified code's are."""
        if self.unverified:
            return f"is listed as built {self.years} (unconfirmed)"
        return f"was built {self.years}"

    def built_in(self, year: int) -> bool:
        return self.year_from <= year and (self.year_to is None or year <= self.year_to)

    def require_built_in(self, year: int) -> None:
        """Refuse a truck said to be of a year this code was not built in: one or the other
        is mistyped, and a card or alert would carry the contradiction. An unverified code's
        years are a guess, so the year typed may be the right one: it is taken."""
        if not self.unverified and not self.built_in(year):
            raise UserError(
                f"The {self.name} {self.code} was built {self.years}, not in {year}; "
                "check the year or the model code."
            )


@dataclass(frozen=True)
class ModelLine:
    """One nameplate, such as the Suzuki Carry, with the chassis codes it was built under."""

    make: str
    model: str
    kana: str
    romaji: str
    aliases: tuple[str, ...]
    note: str
    see_also: tuple[str, ...]  # glossary headwords
    codes: tuple[TruckModel, ...]  # in file order; () when none is recorded
    source: str  # source tags, as a code's

    @property
    def name(self) -> str:
        return f"{self.make} {self.model}"


class ModelDataError(ValueError):
    """data/models.toml is malformed; raised at load so a bad edit never reaches members."""


def normalize_code(text: str) -> str:
    """Fold a typed code to its canonical form: "ｄａ６３ｔ", "da-63t" and "DA 63T" give "DA63T"."""
    return _CODE_NOISE.sub("", unicodedata.normalize("NFKC", text)).upper()


def load_models(path: Path = DEFAULT_PATH) -> tuple[TruckModel, ...]:
    """Read and validate the model file's codes; every problem is reported with its entry."""
    return _models(_read(path), path)


def load_lines(path: Path = DEFAULT_PATH) -> tuple[ModelLine, ...]:
    """Read and validate the model lines, each with its codes; every code must name a line."""
    raw = _read(path)
    models = _models(raw, path)
    entries = raw.get("line")
    if not isinstance(entries, list) or not entries:
        raise ModelDataError(f"{path.name}: expected a non-empty [[line]] array")
    lines = tuple(_parse_line(index, entry, models) for index, entry in enumerate(entries, start=1))
    _require_a_line_for_every_code(lines, models)
    return lines


def find_model(code: str, models: Iterable[TruckModel] | None = None) -> TruckModel | None:
    """The model with this chassis code, tolerating case, spacing, full-width characters and
    the extras around a code on Japanese papers ("EBD-DA63T", "DA63T-123456")."""
    by_code = _index(tuple(models)) if models is not None else _default_index()
    candidates = [normalize_code(code)]
    candidates += [normalize_code(part) for part in re.split(r"[-‐‑−]", _nfkc(code))]
    return next((by_code[c] for c in candidates if c in by_code), None)


def line_named(text: str) -> ModelLine | None:
    """The model line `text` names (hijet, Pixis, キャリイ, kyari), not one of its codes."""
    typed = _name_folded(text)
    return next(
        (
            line
            for line in default_lines()
            if typed
            in {
                _name_folded(name)
                for name in (line.model, line.name, line.kana, line.romaji, *line.aliases)
            }
        ),
        None,
    )


def search_models(
    prefix: str, limit: int = AUTOCOMPLETE_CHOICES, models: Iterable[TruckModel] | None = None
) -> tuple[TruckModel, ...]:
    """Models whose code, make, model or "make model" starts with `prefix`, codes first."""
    pool = tuple(models) if models is not None else default_models()
    if limit <= 0:
        return ()
    code_prefix = normalize_code(prefix)
    words = " ".join(_nfkc(prefix).casefold().split())
    by_code = [m for m in pool if m.code.startswith(code_prefix)]
    by_name = [m for m in pool if m not in by_code and _name_matches(m, words)]
    return tuple((by_code + by_name)[:limit])


@cache
def default_models() -> tuple[TruckModel, ...]:
    return load_models(DEFAULT_PATH)


@cache
def default_lines() -> tuple[ModelLine, ...]:
    return load_lines(DEFAULT_PATH)


@cache
def _default_index() -> Mapping[str, TruckModel]:
    return _index(default_models())


def _index(models: tuple[TruckModel, ...]) -> dict[str, TruckModel]:
    return {m.code: m for m in models}


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _name_matches(model: TruckModel, words: str) -> bool:
    names = (model.make, model.model, model.name)
    return any(name.casefold().startswith(words) for name in names)


def _read(path: Path) -> dict[str, Any]:
    with path.open("rb") as file:
        return tomllib.load(file)


def _models(raw: dict[str, Any], path: Path) -> tuple[TruckModel, ...]:
    entries = raw.get("model")
    if not isinstance(entries, list) or not entries:
        raise ModelDataError(f"{path.name}: expected a non-empty [[model]] array")
    models = tuple(_parse_entry(index, entry) for index, entry in enumerate(entries, start=1))
    _require_unique_codes(models)
    return models


def _parse_line(index: int, entry: Any, models: tuple[TruckModel, ...]) -> ModelLine:
    where = f"line #{index}"
    if not isinstance(entry, dict):
        raise ModelDataError(f"{where}: expected a table")
    where = f"line #{index} ({entry.get('make', '?')} {entry.get('model', '?')})"
    for field in _LINE_STRING_FIELDS:
        if not isinstance(entry.get(field), str) or not entry[field].strip():
            raise ModelDataError(f"{where}: '{field}' must be a non-empty string")
    for field in _LINE_LIST_FIELDS:
        value = entry.get(field, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise ModelDataError(f"{where}: '{field}' must be a list of non-empty strings")
    return ModelLine(
        make=entry["make"],
        model=entry["model"],
        kana=entry["kana"],
        romaji=entry["romaji"],
        aliases=tuple(entry.get("aliases", ())),
        note=entry["note"],
        see_also=tuple(entry.get("see_also", ())),
        codes=tuple(m for m in models if (m.make, m.model) == (entry["make"], entry["model"])),
        source=_source(where, entry.get("source")),
    )


def _require_a_line_for_every_code(
    lines: tuple[ModelLine, ...], models: tuple[TruckModel, ...]
) -> None:
    names = [line.name for line in lines]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ModelDataError(f"duplicate line {', '.join(duplicates)}")
    orphans = [m.code for m in models if m.name not in names]
    if orphans:
        raise ModelDataError(f"codes of no [[line]]: {', '.join(orphans)}")


def _parse_entry(index: int, entry: Any) -> TruckModel:
    where = f"model #{index}"
    if not isinstance(entry, dict):
        raise ModelDataError(f"{where}: expected a table")
    where = f"model #{index} ({entry.get('code', '?')})"
    for field in _STRING_FIELDS:
        if not isinstance(entry.get(field), str):
            raise ModelDataError(f"{where}: '{field}' must be a string")
    if not isinstance(entry.get("unverified"), bool):
        raise ModelDataError(f"{where}: 'unverified' must be true or false")
    model = TruckModel(
        code=entry["code"],
        make=entry["make"],
        model=entry["model"],
        year_from=_year_from(where, entry.get("year_from")),
        year_to=_year_to(where, entry.get("year_to")),
        drive=entry["drive"],
        engine=entry["engine"],
        note=entry["note"],
        unverified=entry["unverified"],
        source=_source(where, entry.get("source")),
    )
    _check_model(where, model)
    return model


def _year_from(where: str, value: object) -> int:
    if not _is_year(value):
        raise ModelDataError(f"{where}: 'year_from' must be a year from {FIRST_KEI_YEAR}")
    return value


def _year_to(where: str, value: object) -> int | None:
    if value == PRESENT:
        return None
    if not _is_year(value):
        raise ModelDataError(f"{where}: 'year_to' must be a year or \"{PRESENT}\"")
    return value


def _source(where: str, value: object) -> str:
    if value is None:
        return ""
    tags = value.split() if isinstance(value, str) else []
    if not tags or not all(_SOURCE_TAG.fullmatch(tag) for tag in tags):
        raise ModelDataError(
            f'{where}: \'source\' must be source tags such as "S12 W57" or "well-established"'
        )
    return value


def _is_year(value: object) -> TypeGuard[int]:
    # bool is an int subclass; `year_from = true` must not pass as 1.
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and FIRST_KEI_YEAR <= value <= LATEST_PLAUSIBLE_YEAR
    )


def _check_model(where: str, model: TruckModel) -> None:
    if not _CODE_SHAPE.fullmatch(model.code):
        raise ModelDataError(f"{where}: code must be upper-case letters and digits only")
    if model.year_to is not None and model.year_to < model.year_from:
        raise ModelDataError(f"{where}: year_to {model.year_to} is before year_from")
    if model.drive not in DRIVES:
        raise ModelDataError(f"{where}: drive must be one of {sorted(DRIVES)}")
    for field in ("make", "model", "note"):
        if not getattr(model, field).strip():
            raise ModelDataError(f"{where}: '{field}' cannot be empty")


def _require_unique_codes(models: tuple[TruckModel, ...]) -> None:
    seen: set[str] = set()
    for model in models:
        if model.code in seen:
            raise ModelDataError(f"duplicate code {model.code}")
        seen.add(model.code)


def _name_folded(text: str) -> str:
    """A name as it may be typed: any case, width or macron (kyarī is kyari)."""
    bare = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    unmarked = "".join(char for char in bare if not unicodedata.combining(char))
    return " ".join(unicodedata.normalize("NFC", unmarked).casefold().split())
