"""Members' alerts: words, and field conditions on arrivals, matched against each announcement,
arrival and feed item as it goes out; one DM per item per member, through the outbox.

Words match on word boundaries, case-insensitively, and through the glossary's and the model
list's other spellings, so `jumbo` finds "ジャンボ" and `hijet` finds "ハイゼット". Matching runs
inside the transaction that sends the announcement, so each alert is compiled once into an
index: an item's words are looked up once, and only alerts whose first word is present are
checked further.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Awaitable, Callable, Hashable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from bot.clock import Clock, unix
from bot.delivery import Outgoing
from bot.errors import NotFound, UserError
from bot.glossary.entries import load_glossary, plain_quote
from bot.importers import Announcement, AnnouncementService, Arrival
from bot.importers.arrivals import KM_PER_MILE, MAX_MILEAGE_KM, MAX_PRICE_USD
from bot.importers.profiles import US_STATES
from bot.jobs import GiveUp, Job, JobQueue
from bot.models import default_lines, find_model, normalize_code
from bot.privacy import Forgotten, MemberData, Sections, member_rows
from bot.store import Store

ALERT_DM_JOB = "alert.dm"
MAX_ALERTS = 10
MAX_QUERY = 200
MAX_WORDS = 8
MAX_PHRASE = 3  # words: the longest run of an item's words looked up as one spelling
_WORD = re.compile(r"\w+")
NUMERIC_FIELDS = {"grade", "price", "year", "mileage"}
TEXT_FIELDS = {"model", "make", "drive", "state", "code"}
_FIELDS = "|".join(sorted(NUMERIC_FIELDS | TEXT_FIELDS))
_OPS = ">=|<=|:|=|>|<"  # the two-character ones first
_CONDITION = re.compile(rf"^(?P<field>[a-z]+)(?P<op>{_OPS})(?P<value>.+)$")
ARRIVALS = "\x00arrival"  # the index key of alerts made only of field conditions
# Words nearly every announcement holds: an alert of these alone would DM its member for all.
FILLER_WORDS = frozenset({"a", "an", "and", "at", "for", "in", "is", "of", "on", "or", "the", "to"})
GRADE_RANGE = (0.0, 9.0)  # numbered auction grades: 0 for R at some houses, 7-9 at a few
# "model: hijet", "price < 9000": a condition typed with spaces, put together before reading.
_SPACED_CONDITION = re.compile(rf"(?<!\w)({_FIELDS})\s*({_OPS})\s*(?=\S)", re.I)
_MILES = ("miles", "mile", "mi")
# "mileage<30000 mi": a unit typed apart from a mileage's number (not from any number).
_SPACED_UNIT = re.compile(
    rf"(mileage(?:{_OPS})[\d,.]+)\s+({'|'.join((*_MILES, 'km'))})(?!\w)", re.I
)
# The largest value each number field may be given: past it no arrival can be described.
_LARGEST = {"grade": 10, "price": MAX_PRICE_USD, "mileage": MAX_MILEAGE_KM, "year": 9999}
_BARE_FIELD = re.compile(rf"({_FIELDS})({_OPS})")
_SYMBOLS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", ":": "="}


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def is_spaced(form: str) -> bool:
    """Latin-like text, matched on word boundaries; other scripts are matched anywhere."""
    return all(ch.isascii() or not ch.isalpha() for ch in form)


@dataclass(frozen=True)
class Condition:
    field: str
    op: str  # ":" (is), ">=", "<=", ">", "<"
    value: str | float

    def holds(self, arrival: Arrival) -> bool:
        if self.field in NUMERIC_FIELDS:
            actual = _number(arrival, self.field)
            if actual is None:
                return False
            target = float(self.value)
            return {
                ">=": actual >= target,
                "<=": actual <= target,
                ">": actual > target,
                "<": actual < target,
                ":": actual == target,
            }[self.op]
        actual_text = {
            "model": f"{arrival.make} {arrival.model}",
            "make": arrival.make,
            "drive": arrival.drive or "",
            "state": arrival.state or "",
            "code": arrival.model_code or "",
        }[self.field]
        wanted = str(self.value)
        if self.field == "code":
            return normalize_code(actual_text) == normalize_code(model_code(wanted))
        if self.field == "model":
            return any(concept in _concepts_of_text(actual_text) for concept in concepts(wanted))
        return fold(actual_text) == fold(wanted)


@dataclass(frozen=True)
class Alert:
    id: int
    guild_id: int
    member_id: int
    query: str
    words: tuple[str, ...]
    conditions: tuple[Condition, ...]


def parse_query(text: str) -> tuple[tuple[str, ...], tuple[Condition, ...]]:
    """`hijet dump grade>=4 price<=9000 state:TX` → words and field conditions."""
    query = " ".join(text.split())
    if not query:
        raise UserError("Give some words to watch for, such as `hijet 4wd dump`.")
    if len(query) > MAX_QUERY:
        raise UserError(f"An alert is at most {MAX_QUERY} characters.")
    words: list[str] = []
    conditions: list[Condition] = []
    for token in query.split(" "):
        match = _CONDITION.match(fold(token))
        if match and (match["field"] in NUMERIC_FIELDS | TEXT_FIELDS):
            conditions.append(_condition(match["field"], match["op"], match["value"], token))
            continue
        folded = fold(token).strip(".,;!?\"'()[]")
        if not _WORD.search(folded):
            raise UserError(f"{plain_quote(token)} is not a word to watch for.")
        words += _as_matched(folded)
    if len(words) > MAX_WORDS:
        raise UserError(f"At most {MAX_WORDS} words an alert; fewer words match more often.")
    return tuple(dict.fromkeys(words)), tuple(conditions)


def _as_matched(word: str) -> list[str]:
    """A Latin word as an item's text is read: `a/c`, `camper-shell` and `9,000` are split
    there into the phrases "a c", "camper shell" and "9 000", so the alert asks for those (a
    run longer than any phrase looked for is asked for part by part). Other scripts are
    matched as written, anywhere in the text."""
    if not is_spaced(word):
        return [word]
    parts = _WORD.findall(word)
    if len(parts) > MAX_PHRASE:
        return parts
    return [" ".join(parts)]


def _condition(field: str, op: str, value: str, token: str) -> Condition:
    op = ":" if op == "=" else op
    if field in NUMERIC_FIELDS:
        cleaned = value.replace(",", "").replace("$", "")
        # Arrivals give the odometer in km, as Japanese trucks show it; miles are converted.
        units = (*_MILES, "km") if field == "mileage" else ()
        unit = next((unit for unit in units if cleaned.endswith(unit)), "")
        cleaned, miles = cleaned.removesuffix(unit), unit in _MILES
        try:
            number = float(cleaned)
        except ValueError:
            raise UserError(f"{plain_quote(token)}: {field} takes a number.") from None
        if not cleaned.isascii():
            raise UserError(f"{plain_quote(token)}: {field} takes a number.")
        if miles and math.isfinite(number):
            number = round(number * KM_PER_MILE)
        return Condition(field, op, number)
    if op != ":":
        raise UserError(f"{plain_quote(token)}: {field} is matched with `:`, as in {field}:…")
    if field == "state" and value.upper() not in US_STATES:
        raise UserError(f"{plain_quote(token)}: not a US state code.")
    if field == "drive" and value not in ("2wd", "4wd"):
        raise UserError(f"{plain_quote(token)}: drive is 2wd or 4wd.")
    return Condition(field, op, value)


def tidy_query(text: str) -> str:
    """A new alert's text as it is kept: one space between words, and conditions typed with
    spaces put together (`model: hijet` is `model:hijet`, `mileage < 30000 mi` is
    `mileage<30000mi`); a field with no value is refused. Kept alerts are read as they were
    kept, so their meaning never moves."""
    query = " ".join(text.split())
    query = _SPACED_UNIT.sub(r"\1\2", _SPACED_CONDITION.sub(r"\1\2", query))
    for token in query.split(" "):
        if _BARE_FIELD.fullmatch(fold(token)):
            raise UserError(f"{plain_quote(token)} needs a value, as in model:hijet or grade>=4.")
    return query


def check_useful(query: str, words: tuple[str, ...], conditions: tuple[Condition, ...]) -> None:
    """Refuse a new alert that would match nearly every announcement, or none."""
    if not conditions and all(_filler(word) for word in words):
        raise UserError(
            f"{plain_quote(query)} would match almost every announcement: name a model, a "
            "make or a part, such as `hijet dump`."
        )
    for condition in conditions:
        if condition.field == "code" and find_model(str(condition.value)) is None:
            raise UserError(
                f"{plain_quote(str(condition.value))} is not a model code I know, so no arrival "
                "would match it; use one such as S110P or DA63T."
            )
        if condition.field not in NUMERIC_FIELDS:
            continue
        low, high = GRADE_RANGE if condition.field == "grade" else (0.0, math.inf)
        number, largest = float(condition.value), _LARGEST[condition.field]
        if not math.isfinite(number) or abs(number) > largest:
            raise UserError(f"A {condition.field} is a number up to {largest:,}.")
        reachable = {
            ">=": number <= high,
            ">": number < high,
            "<=": number >= low,
            "<": number > low,
            ":": low <= number <= high,
        }[condition.op]
        if not reachable:
            scale = (
                f"Auction grades are numbered {low:g} to {high:g}"
                if condition.field == "grade"
                else f"A {condition.field} is never below 0"
            )
            raise UserError(f"{scale}, so no truck would match {describe(condition)}.")


def describe(condition: Condition) -> str:
    """A condition as the alert reads it: `mileage ≤ 48,280 km (30,000 mi)`, `state = TX`."""
    symbol = _SYMBOLS[condition.op]
    if condition.field not in NUMERIC_FIELDS:
        value = str(condition.value)
        if condition.field == "code":
            value = model_code(value)
        shown = value.upper() if condition.field in ("state", "code") else value
        return f"{condition.field} {symbol} {shown}"
    number = float(condition.value)
    shown = {
        "price": f"{'-' if number < 0 else ''}${abs(number):,.0f}",
        "mileage": f"{number:,.0f} km ({number / KM_PER_MILE:,.0f} mi)",
        "year": f"{number:.0f}",
    }.get(condition.field, f"{number:g}")
    return f"{condition.field} {symbol} {shown}"


def reading(alert: Alert) -> str:
    """How an alert was read: its words, then its conditions."""
    parts = [", ".join(alert.words)] if alert.words else []
    return " · ".join(parts + [describe(condition) for condition in alert.conditions])


def model_code(text: str) -> str:
    """A model code as an arrival keeps it (`EBD-DA63T` is DA63T); an unknown one as typed."""
    known = find_model(text)
    return text if known is None else known.code


def _filler(word: str) -> bool:
    # One Latin letter or digit says nothing; one kanji (軽) may say a lot.
    return word in FILLER_WORDS or (len(word) < 2 and is_spaced(word))


def meaning(words: tuple[str, ...], conditions: tuple[Condition, ...]) -> Hashable:
    """What an alert asks, whatever the order, case or spelling of its words."""
    return frozenset(concepts(word) for word in words), frozenset(conditions)


def _number(arrival: Arrival, field: str) -> float | None:
    if field == "grade":
        try:
            return float(arrival.grade) if arrival.grade else None
        except ValueError:
            return None  # R, RA, *** have no place on the number line
    value = {"price": arrival.price_usd, "year": arrival.year, "mileage": arrival.mileage_km}[field]
    return None if value is None else float(value)


# -- other spellings ------------------------------------------------------------------------------


@cache
def _spellings() -> dict[str, frozenset[str]]:
    """Each known spelling → the concepts (groups of spellings) it belongs to."""
    groups: list[Iterable[str]] = [
        (entry.headword, *entry.other_forms()) for entry in load_glossary()
    ]
    groups += [(line.model, line.kana, line.romaji, *line.aliases) for line in default_lines()]
    spellings: dict[str, set[str]] = {}
    for group in groups:
        forms = {fold(form) for form in group if form}
        concept = min(forms)
        for form in forms:
            spellings.setdefault(form, set()).add(concept)
    return {form: frozenset(found) for form, found in spellings.items()}


def concepts(word: str) -> frozenset[str]:
    """What a word an alert names stands for: its spelling groups, or itself."""
    return _spellings().get(fold(word), frozenset({fold(word)}))


@cache
def _unspaced_spellings() -> tuple[str, ...]:
    return tuple(form for form in _spellings() if not is_spaced(form))


def _concepts_of_text(text: str, extra_unspaced: Iterable[str] = ()) -> set[str]:
    """Every concept present in `text`: its words, its phrases and any non-Latin spelling."""
    folded = fold(text)
    tokens = _WORD.findall(folded)
    present: set[str] = set()
    spellings = _spellings()
    for size in range(1, MAX_PHRASE + 1):
        for start in range(len(tokens) - size + 1):
            phrase = " ".join(tokens[start : start + size])
            present |= spellings.get(phrase, frozenset({phrase}))
    for form in (*_unspaced_spellings(), *extra_unspaced):
        if form in folded:
            present |= spellings.get(form, frozenset({form}))
    return present


# -- the service ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Compiled:
    """Every alert asking the same thing, checked once (members' alerts repeat a lot)."""

    alerts: list[Alert]
    needs: tuple[frozenset[str], ...]  # per word, the concepts any of which satisfies it
    conditions: tuple[Condition, ...]


@dataclass
class _Index:
    by_concept: dict[str, list[_Compiled]]
    unspaced_words: tuple[str, ...]


# The DM: the item, the queries of the member's alerts that matched it, the member.
AlertNotice = Callable[[Announcement, tuple[str, ...], int], Outgoing]


class AlertService:
    def __init__(self, store: Store, clock: Clock, jobs: JobQueue) -> None:
        self._store = store
        self._clock = clock
        self._jobs = jobs
        self._indexes: dict[int, _Index] = {}

    async def add(self, guild_id: int, member_id: int, text: str) -> Alert:
        query = tidy_query(text)
        words, conditions = parse_query(query)
        check_useful(query, words, conditions)
        async with self._store.transaction():
            kept = await self.mine(guild_id, member_id)
            if len(kept) >= MAX_ALERTS:
                raise UserError(
                    f"You have {MAX_ALERTS} alerts, the most a member may; remove one first."
                )
            asked = meaning(words, conditions)
            same = next((a for a in kept if meaning(a.words, a.conditions) == asked), None)
            if same is not None:
                raise UserError(f"You already have the alert {plain_quote(same.query)}.")
            alert_id = await self._store.insert(
                "INSERT INTO alerts (guild_id, member_id, query, created_at) VALUES (?, ?, ?, ?)",
                (guild_id, member_id, query, unix(self._clock.now())),
            )
        self._indexes.pop(guild_id, None)
        return Alert(alert_id, guild_id, member_id, query, words, conditions)

    async def mine(self, guild_id: int, member_id: int) -> list[Alert]:
        rows = await self._store.fetchall(
            "SELECT * FROM alerts WHERE guild_id = ? AND member_id = ? ORDER BY id",
            (guild_id, member_id),
        )
        return [_alert(row) for row in rows]

    async def remove(self, guild_id: int, member_id: int, alert_id: int) -> Alert:
        row = await self._store.fetchone(
            "DELETE FROM alerts WHERE guild_id = ? AND member_id = ? AND id = ? RETURNING *",
            (guild_id, member_id, alert_id),
        )
        if row is None:
            raise NotFound("You have no such alert; pick one from the list.")
        self._indexes.pop(guild_id, None)
        return _alert(row)

    async def discard_server(self, guild_id: int) -> None:
        """Drop the server's alert index before its data is purged: a stale one would match
        the purged alerts, and their DMs would bring the server's rows back."""
        self._indexes.pop(guild_id, None)

    def member_data(self) -> MemberData:
        """A member's alerts, for /privacy: exported, and deleted when forgotten."""
        return MemberData({"alerts": ("member_id",)}, self._export_member, self._forget_member)

    async def _export_member(self, member_id: int) -> Sections:
        sql = "SELECT guild_id, query, created_at FROM alerts WHERE member_id = ? ORDER BY id"
        return {"alerts": await member_rows(self._store, sql, (member_id,))}

    async def _forget_member(self, guild_id: int, member_id: int, keep_builds: bool) -> Forgotten:
        deleted = await self._store.execute(
            "DELETE FROM alerts WHERE guild_id = ? AND member_id = ?", (guild_id, member_id)
        )
        self._indexes.pop(guild_id, None)
        return Forgotten(deleted={"alerts": deleted})

    async def matching(self, announcement: Announcement) -> list[Alert]:
        """The alerts `announcement` satisfies, at most one per member's alert."""
        index = await self._index(announcement.guild_id)
        text = " ".join([announcement.title, announcement.body])
        if announcement.arrival is not None:
            arrival = announcement.arrival
            text += f" {arrival.make} {arrival.model} {arrival.model_code or ''}"
        present = _concepts_of_text(text, index.unspaced_words)
        if announcement.arrival is not None:
            present.add(ARRIVALS)
        candidates: dict[int, _Compiled] = {}
        for concept in present:
            for compiled in index.by_concept.get(concept, ()):
                candidates[id(compiled)] = compiled
        matched: list[Alert] = []
        for compiled in candidates.values():
            if all(not need.isdisjoint(present) for need in compiled.needs) and _conditions_hold(
                compiled.conditions, announcement.arrival
            ):
                matched += compiled.alerts
        return matched

    async def on_announcement(self, announcement: Announcement) -> None:
        """Schedule one DM per member whose alerts match (inside the announcement's
        transaction); the key makes it once per member and item, across restarts. The member
        who speaks for the importer is not told of what they announced themselves."""
        by_member: dict[int, list[str]] = {}
        for alert in await self.matching(announcement):
            if alert.member_id != announcement.importer_member_id:
                by_member.setdefault(alert.member_id, []).append(alert.query)
        for member_id, queries in by_member.items():
            await self._jobs.schedule(
                ALERT_DM_JOB,
                f"{announcement.guild_id}:{member_id}:{announcement.id}",
                self._clock.now(),
                payload={
                    "member_id": member_id,
                    "announcement_id": announcement.id,
                    "queries": queries,
                },
                guild_id=announcement.guild_id,
            )

    async def release_held(self, guild_id: int, importer_id: int) -> None:
        """Send now the DMs a lifted suspension held back (inside the transaction lifting it).
        A DM names its announcement, not the importer, so the server's waiting DMs are all
        woken; those of another importer still suspended wait again."""
        await self._jobs.run_now(ALERT_DM_JOB, f"{guild_id}:")

    def handler(
        self, announcements: AnnouncementService, notice: AlertNotice
    ) -> Callable[[Job], Awaitable[Outgoing]]:
        async def tell(job: Job) -> Outgoing:
            if job.guild_id is None:
                raise GiveUp("an alert without a server")
            try:
                item = await announcements.get(job.guild_id, job.payload["announcement_id"])
            except NotFound:
                raise GiveUp("the announcement is gone") from None
            announcements.hold_back(item)
            return notice(item, tuple(job.payload["queries"]), job.payload["member_id"])

        return tell

    async def _index(self, guild_id: int) -> _Index:
        index = self._indexes.get(guild_id)
        if index is None:
            rows = await self._store.fetchall(
                "SELECT * FROM alerts WHERE guild_id = ?", (guild_id,)
            )
            index = build_index(_alert(row) for row in rows)
            self._indexes[guild_id] = index
        return index


def build_index(alerts: Iterable[Alert]) -> _Index:
    """Alerts asking the same thing grouped, each group filed under its rarest word, so an
    item with common words ("hijet") does not wake every alert that also names a rare one."""
    unspaced: set[str] = set()
    same: dict[tuple[frozenset[str], frozenset[Condition]], _Compiled] = {}
    for alert in alerts:
        for word in alert.words:
            if not is_spaced(word) and word not in _spellings():
                unspaced.add(word)
        asks = (frozenset(alert.words), frozenset(alert.conditions))
        if asks in same:
            same[asks].alerts.append(alert)
        else:
            needs = tuple(concepts(word) for word in alert.words)
            same[asks] = _Compiled([alert], needs, alert.conditions)
    frequency = Counter(need for compiled in same.values() for need in compiled.needs)
    by_concept: dict[str, list[_Compiled]] = {}
    for compiled in same.values():
        rarest = min(compiled.needs, key=frequency.__getitem__, default=frozenset({ARRIVALS}))
        for key in rarest:
            by_concept.setdefault(key, []).append(compiled)
    return _Index(by_concept, tuple(sorted(unspaced)))


def _conditions_hold(conditions: tuple[Condition, ...], arrival: Arrival | None) -> bool:
    if not conditions:
        return True
    return arrival is not None and all(condition.holds(arrival) for condition in conditions)


def _alert(row: Any) -> Alert:
    words, conditions = parse_query(row["query"])
    return Alert(row["id"], row["guild_id"], row["member_id"], row["query"], words, conditions)
