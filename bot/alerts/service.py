"""The alert service: members' alerts kept, indexed per server, matched against each item as
it goes out, and one DM per member for what goes out together, scheduled through the outbox."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from bot.alerts.ages import AgeYears, age_years
from bot.alerts.eras import named_era_years
from bot.alerts.new import ages_said, read_new
from bot.alerts.places import states_named
from bot.alerts.query import (
    ARRIVALS,
    YEAR_FIELDS,
    Alert,
    Condition,
    Merged,
    Query,
    in_years,
    meaning,
    merges,
    parse_query,
)
from bot.alerts.small_words import SmallWords
from bot.alerts.spellings import (
    concepts_of_text,
    fold,
    is_spaced,
    known_spellings,
    needs_of,
    word_concepts,
)
from bot.alerts.taken_down import AlertDms, matches_of
from bot.alerts.tidy import (
    bare_prices,
    bare_years,
    comma_words,
    small_words_of,
    year_ranges,
)
from bot.alerts.years import YearSpan, named_years
from bot.clock import Clock, unix
from bot.delivery import Outgoing
from bot.errors import NotFound, UserError
from bot.importers import Announcement, AnnouncementService, Arrival
from bot.invisible import visible
from bot.jobs import GiveUp, Job, JobQueue
from bot.limits import plain_quote
from bot.privacy import Forgotten, MemberData, Sections, counted, member_rows
from bot.setup import SetupService
from bot.states import state_name
from bot.store import Store

ALERT_DM_JOB = "alert.dm"
MAX_ALERTS = 10
# The index key of alerts made only of model-year conditions, met by an item without fields
# that names a year in its words as well as by arrival cards.
NAMED_YEAR = "\x00named year"


@dataclass(frozen=True)
class _Compiled:
    """Every alert asking the same thing, checked once (members' alerts repeat a lot)."""

    alerts: list[Alert]
    needs: tuple[frozenset[str], ...]  # per word, the concepts any of which satisfies it
    conditions: tuple[Condition, ...]
    excluded: frozenset[str]  # concepts none of which an item may hold


@dataclass
class _Index:
    by_concept: dict[str, list[_Compiled]]
    unspaced_words: tuple[str, ...]


# An item and the queries of the member's alerts that matched it.
AlertMatch = tuple[Announcement, tuple[str, ...]]
# The DM: the member's matches (one, or a burst's), the member.
AlertNotice = Callable[[Sequence[AlertMatch], int], Outgoing]


class AlertService:
    def __init__(
        self, store: Store, clock: Clock, jobs: JobQueue, setup: SetupService | None = None
    ) -> None:
        self._store = store
        self._clock = clock
        self._jobs = jobs
        # The server's zone says which year it is there: on Dec 31 evening in the US, UTC is in
        # the next. Without it (a server with no zone, or none given) the year is UTC's.
        self._setup = setup
        self._indexes: dict[int, _Index] = {}
        # Where the DMs went, to edit those about an announcement taken down since.
        self.dms = AlertDms(store, clock, jobs)

    async def this_year(self, guild_id: int) -> int:
        """The year it is in the server's zone, as its members count model years and ages."""
        zone = None if self._setup is None else (await self._setup.get(guild_id)).timezone
        now = self._clock.now()
        return (now if zone is None else now.astimezone(ZoneInfo(zone))).year

    async def ages(self, guild_id: int) -> AgeYears:
        """The model years an age means now in the server, as its arrival cards count."""
        return age_years(self._clock.now(), await self.this_year(guild_id))

    async def add(self, guild_id: int, member_id: int, text: str) -> Alert:
        typed, query, asked = read_new(
            text, this_year=await self.this_year(guild_id), ages=await self.ages(guild_id)
        )
        async with self._store.transaction():
            kept = await self.mine(guild_id, member_id)
            if len(kept) >= MAX_ALERTS:
                raise UserError(
                    f"You have {MAX_ALERTS} alerts, the most a member may; remove one first."
                )
            same = next((a for a in kept if meaning(_asked(a)) == meaning(asked)), None)
            if same is not None:
                # `hijets` and "ハイゼット" are one alert: say so, or the refusal puzzles.
                alike = (
                    "" if same.typed == typed else f", which reads the same as {plain_quote(typed)}"
                )
                raise UserError(f"You already have the alert {plain_quote(same.typed)}{alike}.")
            alert_id = await self._store.insert(
                "INSERT INTO alerts (guild_id, member_id, query, typed, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (guild_id, member_id, query, typed, unix(self._clock.now())),
            )
        self._indexes.pop(guild_id, None)
        return Alert(alert_id, guild_id, member_id, query, typed, *asked)

    async def bare_years(self, alert: Alert) -> list[str]:
        """The bare numbers `alert` was typed with read as model years (`hijet 1995`), to say
        so."""
        return bare_years(alert.typed, await self.this_year(alert.guild_id))

    def merged(self, alert: Alert) -> list[Merged]:
        """The words and conditions of `alert` left out as another of its own says them, to
        say so."""
        return merges(alert.query)

    def comma_words(self, alert: Alert) -> list[str]:
        """The words `alert` was typed with parted by commas (`hijet, dump, 4wd`), to say every
        one must appear."""
        return comma_words(alert.typed)

    async def bare_prices(self, alert: Alert) -> list[str]:
        """The bare `$` amounts `alert` was typed with read as prices up to them (`hijet $5k`),
        to say so."""
        return bare_prices(alert.typed, await self.this_year(alert.guild_id))

    async def small_words(self, alert: Alert) -> SmallWords:
        """The small words `alert` was typed with that it left out, or kept as the phrase they
        make (`on the way`), to say so."""
        return small_words_of(alert.typed, await self.this_year(alert.guild_id))

    async def ages_now(self, alert: Alert) -> str:
        """What the age conditions of `alert` mean now, said (`ages_said`): `age ≥ 25 years is
        year ≤ 2000`, naming the year, and why not 2001, which members count to."""
        return ages_said(alert.conditions, await self.ages(alert.guild_id))

    async def year_ranges(self, alert: Alert) -> list[tuple[str, int, int]]:
        """The ranges `alert` was typed with read as model years though nothing says years
        (`12-16`), each as typed with its first and last year, to say so."""
        return year_ranges(alert.typed, await self.this_year(alert.guild_id))

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
        return MemberData(
            {"alerts": ("member_id",), "alert_dm_matches": ("member_id",)},
            self._export_member,
            self._forget_member,
        )

    async def _export_member(self, member_id: int) -> Sections:
        sql = (
            "SELECT guild_id, query, typed, created_at FROM alerts WHERE member_id = ? ORDER BY id"
        )
        return {
            "alerts": await member_rows(self._store, sql, (member_id,)),
            "alert_dms": await self.dms.export_member(member_id),
        }

    async def _forget_member(self, guild_id: int, member_id: int, keep_builds: bool) -> Forgotten:
        deleted = await self._store.execute(
            "DELETE FROM alerts WHERE guild_id = ? AND member_id = ?", (guild_id, member_id)
        )
        self._indexes.pop(guild_id, None)
        dms = await self.dms.forget_member(guild_id, member_id)
        return Forgotten(deleted={"alerts": deleted, **counted([("alert DM records", dms)])})

    async def matching(self, announcement: Announcement) -> list[Alert]:
        """The alerts `announcement` satisfies, at most one per member's alert."""
        index = await self._index(announcement.guild_id)
        text = " ".join([announcement.title, announcement.body])
        arrival = announcement.arrival
        this_year = await self.this_year(announcement.guild_id)
        ages = await self.ages(announcement.guild_id)
        years: frozenset[YearSpan] = frozenset()
        if arrival is not None:
            text += f" {arrival.make} {arrival.model} {arrival.model_code or ''}"
            if arrival.state:  # "hijet colorado" and "hijet CO" both find a truck in CO
                text += f" {arrival.state} {state_name(arrival.state)}"
        else:
            text += " " + " ".join(states_named(text))  # "Denver, CO" names Colorado
            folded = fold(text)
            years = named_years(folded, this_year) | named_era_years(folded, this_year)
        present = concepts_of_text(text, index.unspaced_words)
        if arrival is not None:
            present.add(ARRIVALS)
        if years:
            present.add(NAMED_YEAR)
        candidates: dict[int, _Compiled] = {}
        for concept in present:
            for compiled in index.by_concept.get(concept, ()):
                candidates[id(compiled)] = compiled
        matched: list[Alert] = []
        for compiled in candidates.values():
            if (
                all(not need.isdisjoint(present) for need in compiled.needs)
                and compiled.excluded.isdisjoint(present)
                and _conditions_hold(compiled, arrival, years, ages)
            ):
                matched += compiled.alerts
        return matched

    async def on_announcement(self, announcements: Sequence[Announcement]) -> None:
        """Schedule one DM per member whose alerts match any of the announcements that went
        out together (one, or a feed poll's new items), inside their transaction: a burst is
        one DM listing the matches, not a DM each. The key (the member and the first match)
        makes it once across restarts. The member who speaks for the importer is not told of
        what they announced themselves. Each match names the alerts it met in the order
        /alerts list shows them."""
        by_member: dict[int, list[dict[str, Any]]] = {}
        for announcement in sorted(announcements, key=lambda found: found.id):
            queries: dict[int, list[str]] = {}
            for alert in sorted(await self.matching(announcement), key=lambda found: found.id):
                if alert.member_id != announcement.importer_member_id:
                    queries.setdefault(alert.member_id, []).append(alert.typed)
            for member_id, matched in queries.items():
                by_member.setdefault(member_id, []).append(
                    {"announcement_id": announcement.id, "queries": matched}
                )
        for member_id, matches in by_member.items():
            first = matches[0]["announcement_id"]
            guild_id = announcements[0].guild_id
            await self._jobs.schedule(
                ALERT_DM_JOB,
                f"{guild_id}:{member_id}:{first}",
                self._clock.now(),
                payload={"member_id": member_id, "matches": matches},
                guild_id=guild_id,
            )

    async def release_held(self, guild_id: int, importer_id: int) -> None:
        """Send now the DMs a lifted suspension held back (inside the transaction lifting it).
        A DM names its announcement, not the importer, so the server's waiting DMs are all
        woken; those of another importer still suspended wait again."""
        await self._jobs.run_now(ALERT_DM_JOB, f"{guild_id}:")

    def handler(
        self, announcements: AnnouncementService, notice: AlertNotice
    ) -> Callable[[Job], Awaitable[Outgoing]]:
        """The ALERT_DM_JOB handler: the member's matches still there (one taken down since,
        or whose importer was removed, is left out), held back while their importer is
        suspended."""

        async def tell(job: Job) -> Outgoing:
            if job.guild_id is None:
                raise GiveUp("an alert without a server")
            found: list[AlertMatch] = []
            for match in matches_of(job.payload):
                try:
                    item = await announcements.get(job.guild_id, match["announcement_id"])
                except NotFound:
                    continue
                if item.importer_id is None:
                    continue  # its importer was removed since: no longer vouched for
                announcements.hold_back(item)
                found.append((item, tuple(match["queries"])))
            if not found:
                raise GiveUp("the announcements are gone")
            return notice(found, job.payload["member_id"])

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
    same: dict[tuple[frozenset[str], frozenset[Condition], frozenset[str]], _Compiled] = {}
    for alert in alerts:
        if not alert.words and not alert.conditions:
            # Kept before a minus left a word out (`-dump` asked for "dump"), it now asks for
            # nothing but what items lack: filed nowhere, rather than met by every arrival.
            continue
        for word in alert.words + alert.excluded:
            if not is_spaced(word) and word not in known_spellings():
                unspaced.add(word)
        asks = (frozenset(alert.words), frozenset(alert.conditions), frozenset(alert.excluded))
        if asks in same:
            same[asks].alerts.append(alert)
        else:
            needs = needs_of(alert.words)
            left_out = frozenset(c for word in alert.excluded for c in word_concepts(word))
            same[asks] = _Compiled([alert], needs, alert.conditions, left_out)
    frequency = Counter(need for compiled in same.values() for need in compiled.needs)
    by_concept: dict[str, list[_Compiled]] = {}
    for compiled in same.values():
        rarest = min(compiled.needs, key=frequency.__getitem__, default=frozenset({ARRIVALS}))
        if not compiled.needs and _years_only(compiled.conditions):
            rarest |= {NAMED_YEAR}
        for key in rarest:
            by_concept.setdefault(key, []).append(compiled)
    return _Index(by_concept, tuple(sorted(unspaced)))


def _conditions_hold(
    compiled: _Compiled, arrival: Arrival | None, years: frozenset[YearSpan], ages: AgeYears
) -> bool:
    """An arrival card meets conditions by its fields, an age by the model years it means as
    `ages` counts them. An item without fields ("1995 Hijet", typed or from a feed) meets model-year
    and age conditions only, by one year its words name meeting them all (a 1993 truck with a
    2001 engine is not in 1995-1999), as it did when a bare year was a word, or by a span it
    names holding such a year ("1990-1999" meets 1995 and 95-99)."""
    conditions = in_years(compiled.conditions, ages)
    if not conditions:
        return True
    if arrival is not None:
        return all(condition.holds(arrival) for condition in conditions)
    low, high = _year_window(conditions)
    return _years_only(conditions) and any(
        max(low, first) <= min(high, last) for first, last in years
    )


def _year_window(conditions: tuple[Condition, ...]) -> tuple[float, float]:
    """The first and last whole model year meeting all of `conditions`' year ones (the first
    past the last where none does), so that a span of years is met by overlapping it."""
    low, high = -math.inf, math.inf
    for condition in conditions:
        if condition.field != "year":
            continue
        value = float(condition.value)
        if math.isnan(value):
            return math.inf, -math.inf
        if condition.op in (">=", ">", ":"):
            low = max(low, _whole(value, up=True, past=condition.op == ">"))
        if condition.op in ("<=", "<", ":"):
            high = min(high, _whole(value, up=False, past=condition.op == "<"))
    return low, high


def _whole(value: float, *, up: bool, past: bool) -> float:
    """The nearest whole year at or past `value` (`past`: beyond it), upwards or downwards."""
    if math.isinf(value):
        return value
    if up:
        return math.floor(value) + 1 if past else math.ceil(value)
    return math.ceil(value) - 1 if past else math.floor(value)


def _years_only(conditions: tuple[Condition, ...]) -> bool:
    return all(condition.field in YEAR_FIELDS for condition in conditions)


def _alert(row: Any) -> Alert:
    # Kept before what shows nothing was dropped from new alerts, an alert may still hold it
    # (`hi\u200bjet`), parting words no item holds: it is read without it.
    query = _seen(row["query"])
    typed = _seen(row["typed"] or row["query"])
    return Alert(row["id"], row["guild_id"], row["member_id"], query, typed, *parse_query(query))


def _seen(kept: str) -> str:
    return " ".join(visible(kept).split())


def _asked(alert: Alert) -> Query:
    return Query(alert.words, alert.conditions, alert.excluded)
