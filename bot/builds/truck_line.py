"""The truck line and the spec card say one thing: the card's header is the truck as its owner
typed it, the spec what it is field by field, and a spec change the truck line contradicts
rewrites the words of the line it changes (`1994 Suzuki Carry` with the year 1993 reads
`1993 Suzuki Carry`), so no build shows two different trucks."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.builds.values import TRUCK_LIMIT, Spec
from bot.errors import UserError
from bot.limits import plain_quote
from bot.models import TruckModel, find_model, normalize_code
from bot.trucks import CENTURY_PIVOT, Truck, make_and_model, parse_truck

# The fields `parse_truck` reads from a truck line, in the order a line names them.
TRUCK_FIELDS = ("year", "make", "model", "model_code", "drive")
_YEAR_WORD = re.compile(r"[’'‘`]?(\d{2}|\d{4})")
_PUNCTUATION = ",;/()"


def spec_after(spec: Spec, changes: dict[str, object]) -> Spec:
    """The spec as `changes` (the checked columns of `checked_spec`) leave it, in the truck's
    fields; the others are not read here."""
    return replace(spec, **{name: changes[name] for name in TRUCK_FIELDS if name in changes})


def require_code_agrees(build_id: int, spec: Spec, typed: Spec | None = None) -> None:
    """Refuse a spec whose known chassis code is another make's or model's: a Toyota Corolla
    with the code of a Suzuki Carry is two trucks on one card. `typed`, the spec as the member's
    words leave it, before the code filled in a make or model, names the truck refused: the
    model a code implies is no word of theirs."""
    known = _code_of_another(spec)
    if known is None:
        return
    shown = typed or spec
    named = " ".join(str(part) for part in (shown.make, shown.model) if part)
    raise UserError(
        f"The model code {known.code} is a {known.make} {known.model}'s, so build #{build_id} "
        f"cannot be a {named}. Give the model code with the make and model (`model_code:`), "
        "or give none of them."
    )


def with_code_truck(
    build_id: int, truck: str, spec: Spec, changes: dict[str, object], this_year: int
) -> dict[str, object]:
    """`changes` with the make and model of the known chassis code they give. Beside a make or
    model given, it fills in the other. Given alone, the code must be the truck the build is
    (its spec's make and model, else its line's), and fills in only what neither names: one
    of another make or model is more likely a slip than a new truck, so it is refused naming
    both rather than rewriting the truck."""
    code = changes.get("model_code")
    known = find_model(str(code)) if code is not None else None
    if known is None:
        return changes
    if "make" in changes or "model" in changes:
        return {"make": known.make, "model": known.model, **changes}
    read = parse_truck(truck, this_year)
    make, model = spec.make or read.make, spec.model or read.model
    if _code_of_another(Spec(make=make, model=model, model_code=known.code)) is not None:
        named = " ".join(part for part in (make, model) if part)
        raise UserError(
            f"The model code {known.code} is a {known.name}'s, not a {named}'s: build "
            f"#{build_id}'s truck reads {plain_quote(truck)}. Give the truck's own model code, or "
            f"the make and model with this one (`make:` `model:`) if it is a {known.name}."
        )
    filled: dict[str, object] = {}
    if spec.make is None:
        filled["make"] = known.make
    if spec.model is None:
        filled["model"] = known.model
    return {**filled, **changes}


def require_line_agrees(read: Truck) -> None:
    """Refuse a truck line whose known chassis code is another make's or model's than its
    words name (`1994 Toyota Corolla DA51T`): the line is read by its code, so the card would
    show a Suzuki Carry under a Toyota's line."""
    if read.model_code is None:
        return
    make, model = make_and_model(read.text)
    known = _code_of_another(Spec(make=make, model=model, model_code=read.model_code))
    if known is None:
        return
    named = " ".join(part for part in (make, model) if part)
    raise UserError(
        f"The model code {known.code} is a {known.make} {known.model}'s, not a {named}'s: give "
        "the truck with its own model code, or leave the code out."
    )


def renamed_spec(spec: Spec, read: Truck) -> Spec:
    """The spec a new truck line leaves: the fields `read` names as read, the others kept,
    but for those the line contradicts, which are cleared: a model of another make (the line
    names only the make) and a chassis code of another make or model."""
    named = {name: getattr(read, name) for name in TRUCK_FIELDS if getattr(read, name) is not None}
    after = replace(spec, **named)
    if "model" not in named and not _same("make", spec.make, after.make):
        after = replace(after, model=None)
    if "model_code" not in named and _code_of_another(after) is not None:
        after = replace(after, model_code=None)
    return after


def _code_of_another(spec: Spec) -> TruckModel | None:
    """The known model of the spec's chassis code, when it is another make's or model's."""
    known = find_model(spec.model_code) if spec.model_code else None
    if known is None or (
        _same("make", known.make, spec.make) and _same("model", known.model, spec.model)
    ):
        return None
    return known


def truck_following(truck: str, spec: Spec, this_year: int) -> str:
    """The truck line `truck` saying what `spec` says: each word naming a field the spec now
    gives otherwise is replaced, or, when such a word cannot be found (a drive written 4x4, a
    model in kana), the line is written again from the spec. `truck` itself when it agrees."""
    read = parse_truck(truck, this_year)
    differing = [
        name
        for name in TRUCK_FIELDS
        if getattr(read, name) is not None
        and getattr(spec, name) is not None
        and not _same(name, getattr(read, name), getattr(spec, name))
    ]
    if not differing:
        return truck
    if "make" in differing and read.model is None and spec.model is not None:
        # The line's other words may name the old make's model (a Toyota's Corolla), which
        # no word of the new make and model replaces.
        return _written_from(spec, read)
    words = read.text.split(" ")
    for name in differing:
        at = next((i for i, word in enumerate(words) if _names(name, word, read)), None)
        if at is None:
            return _written_from(spec, read)
        bare = words[at].strip(_PUNCTUATION)  # a comma after it stays
        words[at] = words[at].replace(bare, str(getattr(spec, name)), 1)
    line = " ".join(words)
    return line if len(line) <= TRUCK_LIMIT else _written_from(spec, read)


def naming_code(truck: str, code: str, this_year: int) -> str:
    """`truck` with the known chassis code `code` just given added after it, as a line is
    typed (`1994 Suzuki Carry DA51T`), when it names no known code; as it is when it names one
    (which `truck_following` made this code) or has no room for it."""
    if find_model(code) is None or parse_truck(truck, this_year).model_code is not None:
        return truck
    line = f"{truck} {code}"
    return line if len(line) <= TRUCK_LIMIT else truck


def _same(name: str, read: object, given: object) -> bool:
    if given is None or read is None:
        return True
    if name == "model":  # "Carry Jumbo" is a Carry still, and キャリイ is one written in kana
        return _model_named(read).casefold() in _model_named(given).casefold()
    if name in ("make", "model_code"):
        return str(read).casefold() == str(given).casefold()
    return read == given


def _model_named(model: object) -> str:
    """The model as the model data names it (`Carry` for キャリイ), else as given."""
    return make_and_model(str(model))[1] or str(model)


def _names(name: str, word: str, read: Truck) -> bool:
    """Whether `word` of the truck line is the one `read`'s `name` was read from."""
    bare = word.strip(_PUNCTUATION)
    if name == "year":
        match = _YEAR_WORD.fullmatch(bare)
        if match is None:
            return False
        year = int(match[1])
        if len(match[1]) == 2:
            year += 1900 if year >= CENTURY_PIVOT else 2000
        return year == read.year
    if name == "model_code":
        return normalize_code(bare) == read.model_code
    value = getattr(read, name)
    return name in ("make", "model") and bare.casefold() == str(value).casefold()


def _written_from(spec: Spec, read: Truck) -> str:
    """A truck line of the spec's fields alone (its drive only where the old line named one)."""
    parts = [spec.year, spec.make, spec.model, spec.model_code]
    if read.drive is not None:
        parts.append(spec.drive)
    return " ".join(str(part) for part in parts if part is not None)[:TRUCK_LIMIT]
