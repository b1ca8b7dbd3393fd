"""The values a build is made of: tags, ledger categories, spec fields and money, each read from
what a member typed and refused with a reason when it cannot be."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Final

from bot.errors import UserError
from bot.invisible import require_seen
from bot.limits import checked_reason, holds_link, refuse_mention, require_shown
from bot.models import TruckModel, find_model, normalize_code
from bot.states import state_code
from bot.trucks import FIRST_BUILD_YEAR

TAGS: Final = (
    "off-road",
    "camper",
    "show",
    "work",
    "mobile-business",
    "restoration",
    "ev-conversion",
    "daily",
    "in-progress",
    "complete",
)
CATEGORIES: Final = (
    "suspension",
    "wheels-tires",
    "lighting",
    "bed",
    "engine",
    "interior",
    "electrical",
    "camper",
    "other",
)
DRIVES: Final = ("2WD", "4WD")
PLATE_STATUSES: Final = ("street-legal", "off-road-only", "farm-use", "pending", "unregistered")
MAX_TAGS_PER_BUILD = 5  # a forum post carries at most five tags
MAX_COST_CENTS = 100_000_000  # $1,000,000: a part or an update costing more is a typo
MAX_ODOMETER = 9_999_999
KM_PER_MILE = Decimal("1.609344")
TITLE_LIMIT = 100
TRUCK_LIMIT = 100
PART_NAME_LIMIT = 100
SPEC_TEXT_LIMIT = 60
MAKE_MODEL_LIMIT = 40  # as the builds table allows
MODERATOR_REASON_LIMIT = 200  # a lock's or a rename's reason, which the owner reads

_AMOUNT = re.compile(r"^\$?\s*(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d{1,2}))?$")
# A Japanese keyboard types full-width forms: １，２００ is 1,200, ＄ is $ (and ￥ stays ¥).
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: " "}
# US dollars said around the amount: `12 USD`, `US$12`, `12 dollars`, `12 US dollars`, `12$`.
_DOLLARS = re.compile(r"^(?:usd|us(?=\$))|(?:usd|(?:us\s*)?dollars?|bucks|\$)$", re.IGNORECASE)
# An amount in US cents, whole: `99¢`, `50 cents` (¢ is a currency sign, but the dollar's).
_CENTS = re.compile(r"^(\d{1,9})\s*(?:¢|cents?)$", re.IGNORECASE)
# Currencies named around an amount (円 is a letter to Unicode, not a currency sign).
_CURRENCY_WORDS = re.compile(r"jpy|yen|円|eur|euro|gbp|pound|cad|aud|mxn|peso", re.IGNORECASE)


def _other_currency(amount: str) -> bool:
    """Whether `amount` is in a currency other than the dollar: ¥45000, €30, 45000 yen."""
    signs = any(unicodedata.category(char) == "Sc" and char not in "$¢" for char in amount)
    return signs or _CURRENCY_WORDS.search(amount) is not None


def parse_tags(text: str | None) -> tuple[str, ...]:
    """`camper, off-road` → ("camper", "off-road"): known tags only, at most five, in order."""
    if not text or not text.strip():
        return ()
    chosen: list[str] = []
    for word in re.split(r"[,\s]+", text.strip().casefold()):
        if not word:
            continue
        if word not in TAGS:
            raise UserError(f"“{word[:30]}” is not a build tag. Tags: {', '.join(TAGS)}.")
        if word not in chosen:
            chosen.append(word)
    if len(chosen) > MAX_TAGS_PER_BUILD:
        raise UserError(f"A build takes at most {MAX_TAGS_PER_BUILD} tags; {len(chosen)} given.")
    return tuple(chosen)


def parse_cents(text: str) -> int:
    """`12.50`, `$1,200`, `0.1`, `１２００`, `12 USD`, `99¢`, `free` → integer cents, exactly;
    negative, huge or odd amounts refused, and amounts in another currency (`¥45000`) with a
    word on why."""
    typed = text.translate(_FULL_WIDTH).strip()
    if not typed:
        raise UserError("A cost shows nothing: give it in dollars (`12.50`), or leave it out.")
    if typed.casefold().rstrip("!") == "free":  # a part given away is in the ledger at $0
        return 0
    if typed.startswith("-") or typed.startswith("−"):
        raise UserError(
            "A cost cannot be negative. To take a part off the ledger, use `/build part remove`."
        )
    if in_cents := _CENTS.match(typed):
        return _at_most_the_cap(int(in_cents.group(1)), typed)
    amount = _DOLLARS.sub("", typed).strip()
    if _other_currency(amount):
        raise UserError(
            f"The ledger counts US dollars, and “{typed[:20]}” is in another currency. Give "
            "what it came to in dollars: `300`, `$1,200`."
        )
    match = _AMOUNT.match(amount)
    if not match or not (match.group(1) or match.group(2)):
        raise UserError(
            f"“{typed[:20]}” is not an amount. Write dollars and cents: `12.50`, `$1,200`."
        )
    try:
        dollars = Decimal((match.group(1) or "0").replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        raise UserError(f"“{typed[:20]}” is not an amount.") from None
    return _at_most_the_cap(int(dollars) * 100 + int((match.group(2) or "0").ljust(2, "0")), typed)


def _at_most_the_cap(cents: int, typed: str) -> int:
    if cents > MAX_COST_CENTS:
        raise UserError(f"Costs go up to {dollars_text(MAX_COST_CENTS)}; “{typed[:20]}” is more.")
    return cents


def dollars_text(cents: int) -> str:
    """`$1,234.50`: cents as people read an amount."""
    return f"${cents // 100:,}.{cents % 100:02d}"


def kilometres(miles: int) -> int:
    return int((miles * KM_PER_MILE).to_integral_value())


ODOMETER_UNITS: Final = ("mi", "km")


@dataclass(frozen=True)
class Odometer:
    """An odometer reading: in miles, and as typed in km when the truck counts kilometres (as
    trucks from Japan do)."""

    miles: int
    km: int | None = None

    @classmethod
    def read(cls, value: int, unit: str) -> Odometer:
        """`value` in `unit` (mi or km); a reading no odometer shows is refused."""
        if unit not in ODOMETER_UNITS:
            raise UserError(f"An odometer counts {' or '.join(ODOMETER_UNITS)}, not “{unit}”.")
        if not 0 <= value <= MAX_ODOMETER:
            raise UserError(f"An odometer reads from 0 to {MAX_ODOMETER:,}.")
        if unit == "km":
            return cls(int((value / KM_PER_MILE).to_integral_value()), value)
        return cls(value)

    @property
    def unit(self) -> str:
        return "mi" if self.km is None else "km"

    def below(self, other: Odometer) -> bool:
        """Whether this reading is lower than `other`: in km when both are (two km readings a
        mile apart or less round to the same miles), else in miles."""
        if self.km is not None and other.km is not None:
            return self.km < other.km
        return self.miles < other.miles


def parse_category(text: str | None) -> str:
    category = (text or "other").strip().casefold()
    if category not in CATEGORIES:
        raise UserError(
            f"“{category[:30]}” is not a category. Categories: {', '.join(CATEGORIES)}."
        )
    return category


@dataclass(frozen=True)
class Spec:
    """The spec card: what the truck is and how it is built, each part optional."""

    make: str | None = None
    model: str | None = None
    model_code: str | None = None
    year: int | None = None
    drive: str | None = None
    diff_lock: bool | None = None
    hi_lo: bool | None = None
    lift: str | None = None
    tyres: str | None = None  # `tires:` and "Tires" to members (SPOKEN_NAMES)
    engine: str | None = None
    import_route: str | None = None
    state: str | None = None
    plate_status: str | None = None


# Spec fields a member writes as free text, each at most SPEC_TEXT_LIMIT characters.
SPEC_TEXT_FIELDS: Final = ("lift", "tyres", "engine", "import_route")
# Fields members name otherwise than the spec does (`tyres`, its column's name, kept).
SPOKEN_NAMES: Final = {"tyres": "tires"}


def checked_text(label: str, text: str, limit: int) -> str:
    """Text a build shows, as `require_shown` takes it, refused when it holds a mention or a
    link to a command or a server's page (`holds_mention`): on its card or among its parts
    that would show as the member, role, channel or page it names (a build's text is shown
    escaped, as typed, so they read as noise at best, and where an escape was missed as the
    server's own links), and "@everyone" reads as a ping to whoever sees it, as in a glossary
    term. Updates keep theirs: the member's own words, in their own thread."""
    shown = require_shown(label, text, limit)
    refuse_mention(label, shown)
    # On a card, a thread's name, a ballot or a DM, a character that shows nothing or turns
    # round what follows would make the text read otherwise than it is stored.
    return require_seen(_field(label), shown)


def checked_title(title: str) -> str:
    """A build's title, as `checked_text` takes it, refused when it holds a link (`holds_link`):
    it names the build in its thread's name, lists and ballots, where a masked link would pass
    for the build and take whoever clicks it elsewhere. An update, the member's own words,
    keeps its links."""
    shown = checked_text("A build's title", title, TITLE_LIMIT)
    if holds_link(shown):
        raise UserError(
            "A build's title may not hold a link: it names the build in its thread, lists and "
            "ballots. A link can go in an update."
        )
    return shown


def _field(label: str) -> str:
    """A label as `require_seen` names its field: "A build's title" → "build's title"."""
    field = label.removeprefix("A ").removeprefix("The ")
    return field[:1].lower() + field[1:]


def checked_spec_text(label: str, text: str) -> str:
    return checked_text(label, text, SPEC_TEXT_LIMIT)


def checked_state(text: str) -> str:
    """A US state or territory by its code or its name (`tx`, `Texas`), as its code."""
    state = state_code(text)
    if state is None:
        raise UserError(
            f"“{text.strip()[:20]}” is not a US state; give its two letters, like TX, or its name."
        )
    return state


def checked_year(year: int, now: datetime) -> int:
    if not FIRST_BUILD_YEAR <= year <= now.year:
        raise UserError(
            f"A truck's year must be from {FIRST_BUILD_YEAR} to {now.year}; {year} is not."
        )
    return year


def checked_model_code(text: str) -> str:
    """A chassis code as the model data spells it (`da-63t` → `DA63T`); codes the data does
    not know are kept, folded the same way, when they look like one."""
    known = find_model(text)
    if known is not None:
        return known.code
    code = normalize_code(text)
    if not re.fullmatch(r"[A-Z0-9]{1,12}", code):
        raise UserError(f"“{text.strip()[:20]}” is not a chassis code such as DA63T.")
    return code


def outside_model_years(spec: Spec) -> TruckModel | None:
    """The model of the spec's chassis code when the spec's year is not one it was built in:
    kept as the member gave it, as /eligibility keeps such a date, and pointed out."""
    model = find_model(spec.model_code) if spec.model_code else None
    if model is None or spec.year is None or model.built_in(spec.year):
        return None
    return model


def checked_spec(spec: Spec, now: datetime) -> dict[str, object]:
    """The spec fields given, each checked, as columns to write (the make and model a known
    chassis code brings are the build's to decide: `with_code_truck`)."""
    changes: dict[str, object] = {}
    for name, value in asdict(spec).items():
        if value is None:
            continue
        if name in SPEC_TEXT_FIELDS:
            label = SPOKEN_NAMES.get(name, name).replace("_", " ").capitalize()
            value = checked_spec_text(label, str(value))
        elif name in ("make", "model"):
            value = checked_text(name.capitalize(), str(value), MAKE_MODEL_LIMIT)
        elif name == "model_code":
            value = checked_model_code(str(value))
        elif name == "state":
            value = checked_state(str(value))
        elif name == "year":
            value = checked_year(int(str(value)), now)
        elif name in ("diff_lock", "hi_lo"):
            value = int(bool(value))
        changes[name] = value
    return changes


def moderator_reason(reason: str | None) -> str | None:
    """A moderator's reason for a lock or a change to another member's build, as its owner
    reads it: as `checked_reason` takes it (what shows nothing dropped, a character turning
    round the text after it refused), within `MODERATOR_REASON_LIMIT`; None without one. The
    one check of it: the questions asked before a lock or a deleted update keep it as checked
    here."""
    return checked_reason("The reason", reason, MODERATOR_REASON_LIMIT) if reason else None
