"""GlossaryService on a real SQLite file: per-server entries, history, suggestions, import/export,
popularity, the word of the day and its schedule."""

from __future__ import annotations

import asyncio
import json
import random
import threading
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.clock import ManualClock
from bot.errors import NotFound, UserError
from bot.glossary import (
    DAILY_WORD_JOB,
    DailyWordSchedule,
    EditConflict,
    GlossaryEntry,
    GlossaryService,
    daily_due,
    entry_key,
)
from bot.jobs import JobQueue
from bot.setup import SetupService
from bot.store import Store

HOME, OTHER = 1001, 2002
MOD = 77


def term(headword: str, meaning: str = "A word owners use.", **fields: object) -> GlossaryEntry:
    return GlossaryEntry(headword=headword, meaning=meaning, category="culture", **fields)


@pytest.fixture
def glossary(store: Store, clock: ManualClock) -> GlossaryService:
    return GlossaryService(store, clock, rng=random.Random(7))


async def found(glossary: GlossaryService, guild: int, query: str) -> str | None:
    entry = (await glossary.lookup(guild, query)).entry
    return None if entry is None else entry.headword


async def test_custom_entries_overrides_and_hidden_terms_stay_in_their_server(
    glossary: GlossaryService,
) -> None:
    await glossary.add(HOME, MOD, term("kei jamboree", "Our yearly meetup."))
    keitora = await glossary.entry(HOME, "keitora")
    await glossary.edit(HOME, MOD, "keitora", replace(keitora, meaning="Our club's truck."))
    await glossary.remove(HOME, MOD, "shaken")

    home = await glossary.lookup(HOME, "kei jamboree")
    assert home.entry is not None
    assert home.entry.meaning == "Our yearly meetup."
    assert (await glossary.lookup(HOME, "keitora")).entry.meaning == "Our club's truck."
    assert "shaken" not in await glossary.entries(HOME)
    assert await found(glossary, HOME, "shaken") == "shakenshō"  # the nearest that is left

    assert await found(glossary, OTHER, "kei jamboree") is None
    assert (await glossary.lookup(OTHER, "keitora")).entry == keitora
    assert await found(glossary, OTHER, "shaken") == "shaken"


async def test_a_removed_built_in_is_restored_by_adding_it_again(
    glossary: GlossaryService, store: Store
) -> None:
    shaken = await glossary.remove(HOME, MOD, "shaken")
    await glossary.add(HOME, MOD, shaken)
    assert (await glossary.lookup(HOME, "shaken")).entry == shaken
    # Restoring the built-in text leaves no row behind, so future releases' wording applies.
    assert await store.fetchval("SELECT count(*) FROM glossary_entries") == 0
    _, changes = await glossary.history(HOME, "shaken")
    assert [c.action for c in changes] == ["restore", "remove"]


async def test_restore_brings_back_a_removed_or_changed_built_in_as_shipped(
    glossary: GlossaryService, store: Store
) -> None:
    shaken = await glossary.remove(HOME, MOD, "shaken")
    keitora = await glossary.entry(HOME, "keitora")
    await glossary.edit(HOME, MOD, "keitora", replace(keitora, meaning="Ours.", kanji=""))
    assert [e.headword for e in await glossary.restorable(HOME, "")] == ["keitora", "shaken"]
    assert [e.headword for e in await glossary.restorable(HOME, "しゃけん")] == ["shaken"]

    assert await glossary.restore(HOME, MOD, "しゃけん") == shaken  # any spelling finds it
    assert await glossary.restore(HOME, MOD, "keitora") == keitora
    assert (await glossary.lookup(HOME, "軽トラ")).entry == keitora
    assert shaken.kanji
    assert (await glossary.lookup(HOME, shaken.kanji)).entry == shaken
    assert await store.fetchval("SELECT count(*) FROM glossary_entries") == 0
    _, changes = await glossary.history(HOME, "keitora")
    assert next((c.action, c.before.meaning) for c in changes) == ("restore", "Ours.")
    assert await glossary.restorable(HOME, "") == ()


async def test_restore_refuses_a_term_the_bot_does_not_ship_or_has_unchanged(
    glossary: GlossaryService, store: Store
) -> None:
    await glossary.add(HOME, MOD, term("kei jamboree", "Our yearly meetup."))
    with pytest.raises(UserError, match="already as the bot ships it"):
        await glossary.restore(HOME, MOD, "shaken")
    with pytest.raises(UserError, match="not a built-in term this server removed or changed"):
        await glossary.restore(HOME, MOD, "kei jamboree")
    with pytest.raises(UserError, match="the limit is 200"):
        await glossary.restore(HOME, MOD, "x" * 5000)
    assert await store.fetchval("SELECT count(*) FROM glossary_history") == 1  # the add


async def test_a_removed_term_shows_its_own_history_not_a_neighbours(
    glossary: GlossaryService,
) -> None:
    await glossary.remove(HOME, MOD, "shaken")
    assert await found(glossary, HOME, "shaken") == "shakenshō"
    entry, changes = await glossary.history(HOME, "shaken")
    assert entry is None
    assert [c.action for c in changes] == ["remove"]
    # Typed another way, the history is still found through the lookup.
    entry, changes = await glossary.history(HOME, "車検証")
    assert entry is not None
    assert entry.headword == "shakenshō"


async def test_history_records_who_changed_what(
    glossary: GlossaryService, clock: ManualClock
) -> None:
    await glossary.add(HOME, MOD, term("dump kit", "A tipping bed kit."))
    clock.advance(timedelta(hours=1))
    await glossary.edit(HOME, 88, "dump kit", term("dump kit", "A hydraulic tipping bed kit."))

    entry, changes = await glossary.history(HOME, "Dump-Kit")
    assert entry is not None
    assert entry.meaning == "A hydraulic tipping bed kit."
    edit, add = changes
    assert (edit.action, edit.actor_id, edit.at) == ("edit", 88, clock.now())
    assert edit.before.meaning == "A tipping bed kit."
    assert edit.after.meaning == "A hydraulic tipping bed kit."
    assert (add.action, add.actor_id, add.before) == ("add", MOD, None)


async def test_bad_entries_are_refused_and_change_nothing(glossary: GlossaryService) -> None:
    with pytest.raises(UserError, match="already in the glossary"):
        await glossary.add(HOME, MOD, term("Kei-tora"))
    with pytest.raises(UserError, match="see also names terms not in the glossary: nowhere"):
        await glossary.add(HOME, MOD, term("bed mat", see_also=("nowhere",)))
    with pytest.raises(UserError, match="at most 100 characters"):
        await glossary.add(HOME, MOD, term("x" * 5000))
    with pytest.raises(UserError, match="category must be one of"):
        await glossary.add(HOME, MOD, replace(term("bed mat"), category="snacks"))
    with pytest.raises(UserError, match="still spell"):
        await glossary.edit(HOME, MOD, "keitora", term("kei truck club"))
    with pytest.raises(NotFound):
        await glossary.remove(HOME, MOD, "no such term")
    assert await glossary.export(HOME) == await glossary.export(OTHER)


async def test_a_suggestion_becomes_an_entry_when_approved(glossary: GlossaryService) -> None:
    suggestion = await glossary.suggest(HOME, 5, "hatake", "A farm field.", kana="はたけ")
    assert [s.id for s in await glossary.pending_suggestions(HOME)] == [suggestion.id]
    assert await glossary.pending_suggestions(OTHER) == []

    entry = term("hatake", suggestion.meaning, kana=suggestion.kana)
    await glossary.approve(HOME, suggestion.id, MOD, entry)
    assert await found(glossary, HOME, "はたけ") == "hatake"
    assert await glossary.pending_suggestions(HOME) == []
    with pytest.raises(UserError, match="already approved"):
        await glossary.reject(HOME, suggestion.id, MOD)


async def test_a_term_waiting_as_a_suggestion_is_not_suggested_again(
    glossary: GlossaryService,
) -> None:
    first = await glossary.suggest(HOME, 5, "tenbin", "A balance beam.")
    for again in ("tenbin", "Tenbin", "てんびん", "TENBIN"):
        with pytest.raises(UserError, match=rf"suggested already \(#{first.id}\)"):
            await glossary.suggest(HOME, 6, again, "A carrying pole.")
    assert [s.id for s in await glossary.pending_suggestions(HOME)] == [first.id]
    # Another server, or the same term once decided, may be suggested.
    await glossary.suggest(OTHER, 6, "tenbin", "A carrying pole.")
    await glossary.reject(HOME, first.id, MOD)
    await glossary.suggest(HOME, 6, "tenbin", "A carrying pole.")


async def test_a_term_already_in_the_glossary_is_not_suggested_again(
    glossary: GlossaryService,
) -> None:
    with pytest.raises(UserError, match="“shaken” is already in the glossary"):
        await glossary.suggest(HOME, 5, "Shaken", "Inspection.")
    with pytest.raises(UserError, match="“keitora” is already in the glossary"):
        await glossary.suggest(HOME, 5, "けいとら", "Kei truck.")
    assert await glossary.pending_suggestions(HOME) == []


async def test_a_member_cannot_flood_the_suggestion_queue(glossary: GlossaryService) -> None:
    for n in range(5):
        await glossary.suggest(HOME, 5, f"term {n}", "Meaning.")
    with pytest.raises(UserError, match="waiting for moderators"):
        await glossary.suggest(HOME, 5, "term 6", "Meaning.")
    with pytest.raises(UserError, match="5,000 characters; the limit is 100"):
        await glossary.suggest(HOME, 6, "k" * 5000, "Meaning.")


def export_file(*entries: dict[str, object], hidden: tuple[str, ...] = ()) -> bytes:
    document = {"schema_version": 1, "entries": list(entries), "hidden": list(hidden)}
    return json.dumps(document).encode()


def raw(headword: str, **fields: object) -> dict[str, object]:
    return {"headword": headword, "meaning": "Imported.", "category": "parts", **fields}


async def test_import_is_all_or_nothing_and_names_the_bad_entries(
    glossary: GlossaryService,
) -> None:
    data = export_file(
        raw("bed liner"),
        raw("tailgate net", see_also=["bed liner"]),
        raw("mud flap", category="snacks"),
        raw("Bed-Liner"),
        raw("rack", see_also=["missing term"]),
        {"headword": "x"},
    )
    result = await glossary.import_file(HOME, MOD, data)
    assert not result.applied
    assert result.error_count == 4
    assert result.errors[0].startswith("entry 3 “mud flap”: category must be one of")
    assert result.errors[1] == "entry 4 “Bed-Liner”: same term as entry 1"
    assert "entry 5 “rack”: see also names terms not in the glossary" in result.errors[2]
    assert result.errors[3] == "entry 6: missing meaning, category"
    assert (await glossary.lookup(HOME, "bed liner")).entry is None
    assert await glossary.export(HOME) == await glossary.export(OTHER)


async def test_import_refuses_files_that_are_too_big_or_not_exports(
    glossary: GlossaryService,
) -> None:
    with pytest.raises(UserError, match="limited to 1 MB"):
        await glossary.import_file(HOME, MOD, b" " * (1024 * 1024 + 1))
    with pytest.raises(UserError, match="the limit is 5,000"):
        await glossary.import_file(HOME, MOD, export_file(*[raw(f"t{n}") for n in range(5001)]))
    with pytest.raises(UserError, match="not valid UTF-8 JSON"):
        await glossary.import_file(HOME, MOD, b"\xff{")
    with pytest.raises(UserError, match="schema_version"):
        await glossary.import_file(HOME, MOD, b'{"entries": []}')


@pytest.mark.parametrize(
    "data",
    [b"[" * 100_000, b'{"schema_version": 1, "entries": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"],
    ids=["unclosed", "inside entries"],
)
async def test_a_deeply_nested_file_is_refused_and_changes_nothing(
    glossary: GlossaryService, data: bytes
) -> None:
    await glossary.add(HOME, MOD, term("kei jamboree"))
    before = await glossary.export(HOME)
    with pytest.raises(UserError, match="nests lists or objects too deeply"):
        await glossary.import_file(HOME, MOD, data)
    assert await glossary.export(HOME) == before


async def test_export_then_import_recreates_the_server_glossary(
    glossary: GlossaryService,
) -> None:
    await glossary.add(HOME, MOD, term("kei jamboree", see_also=("keitora",)))
    club = term(
        "club truck",
        "The truck our club shares.",
        kanji="部トラ",
        kana="ぶとら",
        romaji="butora",
        aliases=("shared truck", "club kei"),
        see_also=("kei jamboree", "shaken", "aori"),  # its own term, and built-ins hidden below
    )
    await glossary.add(HOME, MOD, club)
    keitora = await glossary.entry(HOME, "keitora")
    await glossary.edit(HOME, MOD, "keitora", replace(keitora, aliases=("tiny truck",)))
    await glossary.remove(HOME, MOD, "shaken")
    await glossary.remove(HOME, MOD, "aori")
    exported = await glossary.export(HOME)

    result = await glossary.import_file(OTHER, MOD, exported)
    assert result.applied, result.errors
    assert (result.added, result.updated, result.hidden) == (2, 1, 2)
    assert await glossary.entries(OTHER) == await glossary.entries(HOME)
    assert await glossary.export(OTHER) == exported
    for form in ("部トラ", "ぶとら", "butora", "shared truck", "club kei"):
        assert (await glossary.lookup(OTHER, form)).entry == club, form
    shown = await glossary.lookup(OTHER, "club truck")
    assert [e.headword for e in shown.see_also] == ["kei jamboree"]  # hidden links left out

    again = await glossary.import_file(HOME, MOD, exported)
    assert (again.added, again.updated, again.hidden, again.unchanged) == (0, 0, 0, 5)


async def test_a_term_another_entry_links_to_cannot_be_removed(
    glossary: GlossaryService,
) -> None:
    await glossary.add(HOME, MOD, term("kei jamboree"))
    await glossary.add(HOME, MOD, term("club truck", see_also=("kei jamboree",)))
    with pytest.raises(UserError) as refused:
        await glossary.remove(HOME, MOD, "kei jamboree")
    assert refused.value.message == ("“club truck” links to “kei jamboree”; edit that entry first.")
    # A built-in it links to can still be hidden: display leaves the link out.
    await glossary.add(HOME, MOD, term("bed mat", see_also=("shaken",)))
    await glossary.remove(HOME, MOD, "shaken")

    await glossary.edit(HOME, MOD, "club truck", term("club truck"))
    await glossary.remove(HOME, MOD, "kei jamboree")
    assert (await glossary.lookup(HOME, "kei jamboree")).entry is None
    assert json.loads(await glossary.export(HOME))["hidden"] == ["shaken"]


async def test_export_leaves_out_a_hidden_term_that_is_no_longer_built_in(
    glossary: GlossaryService, store: Store
) -> None:
    # A later release dropped the built-in this server had hidden.
    await store.execute(
        "INSERT INTO glossary_entries (guild_id, key, hidden, entry, updated_by, updated_at) "
        "VALUES (?, 'retiredterm', 1, NULL, ?, 0)",
        (HOME, MOD),
    )
    await glossary.remove(HOME, MOD, "shaken")
    document = json.loads(await glossary.export(HOME))
    assert document == {
        "schema_version": 1,
        "entries": [],
        "hidden": ["shaken"],
        "built_in_links": [],
    }


async def test_an_edit_made_while_another_was_open_is_not_overwritten(
    glossary: GlossaryService,
) -> None:
    shown = await glossary.entry(HOME, "keitora")  # the form opens with this
    theirs = replace(shown, meaning="Someone else's better wording.")
    await glossary.edit(HOME, 88, "keitora", theirs, shown=shown)

    mine = replace(shown, meaning="My wording.")
    with pytest.raises(EditConflict) as refused:
        await glossary.edit(HOME, MOD, "keitora", mine, shown=shown)
    assert refused.value.current == theirs
    assert (await glossary.entry(HOME, "keitora")).meaning == "Someone else's better wording."
    await glossary.edit(HOME, MOD, "keitora", mine, shown=theirs)  # reopened: saves
    assert (await glossary.entry(HOME, "keitora")).meaning == "My wording."


async def test_refusals_quote_member_text_plainly_without_markdown(
    glossary: GlossaryService,
) -> None:
    with pytest.raises(NotFound) as missing:
        await glossary.remove(HOME, MOD, "x" * 100)
    assert missing.value.message.startswith(f"There is no entry “{'x' * 59}…” in")


@pytest.mark.parametrize("own_rows", [False, True], ids=["built-ins", "own entries"])
@pytest.mark.parametrize("add_first", [False, True], ids=["read first", "add first"])
async def test_an_index_built_while_an_entry_is_added_is_not_kept(
    glossary: GlossaryService, own_rows: bool, add_first: bool
) -> None:
    if own_rows:
        await glossary.add(HOME, MOD, term("kei jamboree"))
    added = glossary.add(HOME, MOD, term("dump kit", "A tipping bed kit."))
    read = glossary.autocomplete(HOME, "dump")
    await asyncio.gather(*((added, read) if add_first else (read, added)))

    assert await found(glossary, HOME, "dump kit") == "dump kit"
    assert (await glossary.autocomplete(HOME, "dump kit"))[0].headword == "dump kit"
    assert entry_key("dump kit") in await glossary.entries(HOME)


async def test_word_of_the_day_shows_every_term_before_repeating(
    glossary: GlossaryService,
) -> None:
    total = len(await glossary.entries(HOME))
    first_day = date(2026, 1, 1)
    days = [first_day + timedelta(days=n) for n in range(total + 1)]
    picks = []
    for day in days:
        picks.append((await glossary.word_of_the_day(HOME, day)).entry)
        # Asking again for the day (a retried post) gives that day's term, not a new one.
        assert (await glossary.word_of_the_day(HOME, day)).entry == picks[-1]
    assert len({entry_key(p.headword) for p in picks[:total]}) == total
    assert picks[-1] in picks[:total]  # then a new cycle begins


async def test_lookups_make_terms_popular_in_their_server_only(
    glossary: GlossaryService, clock: ManualClock
) -> None:
    before = await glossary.autocomplete(HOME, "")
    assert before[0].headword != "shaken"
    for _ in range(3):
        await glossary.lookup(HOME, "shaken")
    clock.advance(timedelta(minutes=2))  # popularity is refreshed in batches
    assert (await glossary.autocomplete(HOME, ""))[0].headword == "shaken"
    assert (await glossary.autocomplete(HOME, "s"))[0].headword == "shaken"
    assert await glossary.autocomplete(OTHER, "") == before


@pytest.mark.parametrize("query", ["da63t", "DA63T", "ＤＡ６３Ｔ", "suzuki carry da63t"])
async def test_model_codes_are_entries(glossary: GlossaryService, query: str) -> None:
    found = await glossary.lookup(HOME, query)
    assert found.entry is not None
    assert found.entry.headword == "DA63T"
    assert found.entry.category == "model"
    assert "Suzuki Carry" in found.entry.meaning


async def test_browse_pages_by_category(glossary: GlossaryService) -> None:
    first = await glossary.browse(HOME, "model", 1)
    assert first.number == 1
    assert first.pages > 1
    assert len(first.entries) == 10
    last = await glossary.browse(HOME, "model", 99)
    assert last.number == last.pages
    assert {e.category for e in first.entries + last.entries} == {"model"}


async def test_the_daily_job_follows_the_server_hour_and_zone(
    store: Store, clock: ManualClock
) -> None:
    setup, jobs = SetupService(store, clock), JobQueue(store, clock)
    schedule = DailyWordSchedule(setup, jobs, clock)
    assert await schedule.plan(HOME) is None  # no glossary channel: nothing to post
    await setup.set_channel(HOME, "glossary", 555)
    await setup.set_timezone(HOME, "America/Denver")
    clock.set(datetime(2026, 3, 6, 20, 0, tzinfo=UTC))  # 13:00 in Denver, after 9:00
    assert await schedule.plan(HOME, moved=True) == datetime(2026, 3, 7, 16, tzinfo=UTC)
    await setup.set_daily_word_hour(HOME, 10)
    assert await schedule.plan(HOME, moved=True) == datetime(2026, 3, 7, 17, tzinfo=UTC)

    clock.set(datetime(2026, 3, 7, 17, 0, 1, tzinfo=UTC))
    [job] = await jobs.claim_due(5, worker="test")
    assert (job.kind, job.key) == (DAILY_WORD_JOB, f"{HOME}:2026-03-07")
    await jobs.done(job)
    # 8 March 2026 is the DST switch: 10:00 local is 16:00 UTC from then on, not 17:00.
    assert await schedule.plan(HOME) == datetime(2026, 3, 8, 16, tzinfo=UTC)
    assert daily_due(date(2026, 3, 8), 2, ZoneInfo("America/Denver")).hour == 9  # 03:00 MDT
    assert await schedule.plan_all() == 1
    assert await jobs.claim_due(5, worker="test") == []


class ThreadNoting(GlossaryEntry):
    """A built-in that notes which thread indexes it (an index reads every entry's forms)."""

    threads: list[threading.Thread] = []  # noqa: RUF012

    def other_forms(self) -> tuple[str, ...]:
        ThreadNoting.threads.append(threading.current_thread())
        return super().other_forms()


async def test_a_server_index_is_built_off_the_event_loop(store: Store, clock: ManualClock) -> None:
    builtins = [ThreadNoting(headword="keitora", meaning="A kei truck.", category="class")]
    glossary = GlossaryService(store, clock, builtins=builtins)
    await glossary.add(HOME, MOD, term("kei jamboree"))
    ThreadNoting.threads.clear()
    assert await found(glossary, HOME, "kei jamboree") == "kei jamboree"
    assert ThreadNoting.threads
    assert threading.main_thread() not in ThreadNoting.threads


async def test_moving_the_hour_keeps_todays_job_that_is_already_due(
    store: Store, clock: ManualClock
) -> None:
    setup, jobs = SetupService(store, clock), JobQueue(store, clock)
    schedule = DailyWordSchedule(setup, jobs, clock)
    await setup.set_channel(HOME, "glossary", 555)
    clock.set(datetime(2026, 3, 6, 8, 0, tzinfo=UTC))
    assert await schedule.plan(HOME) == datetime(2026, 3, 6, 9, tzinfo=UTC)

    clock.set(datetime(2026, 3, 6, 9, 30, tzinfo=UTC))  # due, but the runner has not run it
    await setup.set_daily_word_hour(HOME, 8)
    assert await schedule.plan(HOME, moved=True) == datetime(2026, 3, 7, 8, tzinfo=UTC)
    [job] = await jobs.claim_due(5, worker="test")
    assert job.key == f"{HOME}:2026-03-06"  # today's word still goes out


async def test_a_day_that_is_over_in_the_server_zone_is_past(
    store: Store, clock: ManualClock
) -> None:
    setup, jobs = SetupService(store, clock), JobQueue(store, clock)
    schedule = DailyWordSchedule(setup, jobs, clock)
    await setup.set_timezone(HOME, "Asia/Tokyo")
    clock.set(datetime(2026, 3, 6, 16, 0, tzinfo=UTC))  # 01:00 on 7 March in Tokyo
    assert await schedule.is_past(HOME, date(2026, 3, 6))
    assert not await schedule.is_past(HOME, date(2026, 3, 7))
    assert not await schedule.is_past(OTHER, date(2026, 3, 6))  # UTC: still 6 March


async def test_warm_up_indexes_the_servers_with_entries_of_their_own(
    glossary: GlossaryService, store: Store, clock: ManualClock
) -> None:
    assert await glossary.warm_up() == 0
    await glossary.add(HOME, MOD, term("kei jamboree", "Our yearly meetup."))
    restarted = GlossaryService(store, clock)
    assert await restarted.warm_up() == 1
    assert await found(restarted, HOME, "kei jamboree") == "kei jamboree"


async def test_a_big_glossary_keeps_answering_from_its_previous_index_while_rebuilding(
    store: Store, clock: ManualClock
) -> None:
    # inline_build_max=0 treats every server as big, so rebuilds after an edit go to the
    # background and queries meanwhile get the previous index instead of waiting seconds.
    glossary = GlossaryService(store, clock, inline_build_max=0)
    await glossary.add(HOME, MOD, term("kei jamboree", "Our yearly meetup."))
    assert await found(glossary, HOME, "kei jamboree") == "kei jamboree"  # first build: inline

    await glossary.add(HOME, MOD, term("hatake day", "Field work together."))
    assert await found(glossary, HOME, "hatake day") is None  # answered at once, still old
    await glossary.settle()
    assert await found(glossary, HOME, "hatake day") == "hatake day"
    assert await found(glossary, HOME, "kei jamboree") == "kei jamboree"


async def test_a_small_glossary_is_rebuilt_before_the_next_answer(
    glossary: GlossaryService,
) -> None:
    await glossary.add(HOME, MOD, term("kei jamboree", "Our yearly meetup."))
    assert await found(glossary, HOME, "kei jamboree") == "kei jamboree"
    await glossary.add(HOME, MOD, term("hatake day", "Field work together."))
    assert await found(glossary, HOME, "hatake day") == "hatake day"


async def test_a_lookup_writes_nothing_while_the_member_waits(
    glossary: GlossaryService, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes: list[str] = []

    def noting(method: str) -> object:
        real = getattr(store, method)

        def note(*args: object, **kwargs: object) -> object:
            writes.append(method)
            return real(*args, **kwargs)

        return note

    for method in ("transaction", "execute", "executemany", "insert"):
        monkeypatch.setattr(store, method, noting(method))
    for query in ("shaken", "shakken", "軽トラ"):
        assert (await glossary.lookup(HOME, query)).entry is not None
    assert writes == []  # reads only: the counts wait in memory
    monkeypatch.undo()
    assert await store.fetchval("SELECT count(*) FROM glossary_lookups") == 0

    await glossary.settle()  # as at shutdown
    counts = await store.fetchall(
        "SELECT key, count FROM glossary_lookups WHERE guild_id = ?", (HOME,)
    )
    assert {row["key"]: row["count"] for row in counts} == {"shaken": 2, "keitora": 1}


async def test_written_lookup_counts_rank_autocomplete_after_a_restart(
    glossary: GlossaryService, store: Store, clock: ManualClock
) -> None:
    for _ in range(3):
        await glossary.lookup(HOME, "shaken")
    await glossary.settle()
    restarted = GlossaryService(store, clock)
    assert (await restarted.autocomplete(HOME, ""))[0].headword == "shaken"
    assert (await restarted.autocomplete(OTHER, ""))[0].headword != "shaken"
