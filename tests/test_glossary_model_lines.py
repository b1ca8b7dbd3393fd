"""Model lines and chassis codes as glossary entries: found by the names members use, listing
their codes by years, and linked both ways with the codes and the terms they name."""

from __future__ import annotations

import random
import re

import pytest

from bot.clock import ManualClock
from bot.glossary import GlossaryEntry, GlossaryService, builtin_entries, entry_key
from bot.glossary.entries import MODELS_SOURCE
from bot.japanese import normalize
from bot.models import ModelLine, TruckModel, default_lines, default_models
from bot.store import Store
from tests.glossary_queries import MODEL_LINE_LINKS, MODEL_LINE_QUERIES

HOME = 1001
BUILTINS = builtin_entries()
BY_HEADWORD = {entry.headword: entry for entry in BUILTINS}
LINES = default_lines()


@pytest.fixture
def glossary(store: Store, clock: ManualClock) -> GlossaryService:
    return GlossaryService(store, clock, rng=random.Random(7))


def test_every_model_line_of_the_facts_is_shipped() -> None:
    assert {line.name for line in LINES} == {
        "Suzuki Carry",
        "Daihatsu Hijet",
        "Honda Acty",
        "Subaru Sambar",
        "Mitsubishi Minicab",
        "Mazda Scrum",
        "Nissan Clipper",
        "Toyota Pixis",
    }


@pytest.mark.parametrize(("query", "headword"), MODEL_LINE_QUERIES)
async def test_lookup_finds_the_model_line(
    glossary: GlossaryService, query: str, headword: str
) -> None:
    found = await glossary.lookup(HOME, query)
    assert found.entry is not None, f"{query!r}: nothing; suggested {found.suggestions}"
    assert (found.entry.headword, found.entry.category) == (headword, "model")
    assert (await glossary.autocomplete(HOME, query))[0].headword == headword


@pytest.mark.parametrize(("query", "headword", "line"), MODEL_LINE_LINKS)
async def test_a_term_a_model_line_names_links_back_to_it(
    glossary: GlossaryService, query: str, headword: str, line: str
) -> None:
    found = await glossary.lookup(HOME, query)
    assert found.entry is not None
    assert found.entry.headword == headword
    assert line in [entry.headword for entry in found.see_also]


@pytest.mark.parametrize("line", LINES, ids=lambda line: line.name)
async def test_a_model_line_lists_its_codes_with_their_years(
    glossary: GlossaryService, line: ModelLine
) -> None:
    found = await glossary.lookup(HOME, line.name)
    assert found.entry is not None
    groups = found.entry.meaning.partition("Chassis codes by years: ")[2].split("; ")
    for model in line.codes:
        (group,) = [group for group in groups if re.search(rf"\b{model.code}\b", group)]
        assert model.years in group
    linked = {entry.headword for entry in found.see_also}
    assert linked >= {model.code for model in line.codes}


def test_doubtful_codes_are_marked_in_the_line() -> None:
    carry = BY_HEADWORD["Suzuki Carry"].meaning
    assert "DA51T, DB51T, DC51T, DD51T 1991–1999 (DD51T unconfirmed)" in carry
    assert "DA16T 2013–present." in carry
    hijet = BY_HEADWORD["Daihatsu Hijet"].meaning
    assert "S200P, S210P 1999–2007 (unconfirmed); S201P, S211P 2007–2014 (unconfirmed)" in hijet
    sambar = BY_HEADWORD["Subaru Sambar"].meaning
    assert "S201J, S211J 2012–2014 (unconfirmed)" in sambar
    assert "S500J, S510J 2014–present (unconfirmed)" in sambar


def test_an_unconfirmed_codes_years_read_as_the_guess_they_are() -> None:
    """S201P's years are guessed (no page read dates it), so its card says so, as its line's
    listing and the rest of the bot do; a confirmed code's read as fact."""
    assert BY_HEADWORD["S201P"].meaning.startswith(
        "Daihatsu Hijet chassis code, built 2007–2014 (unconfirmed), 2WD/4WD, KF."
    )
    assert BY_HEADWORD["DA16T"].meaning.startswith("Suzuki Carry chassis code, built 2013–present,")


async def test_a_pixis_code_is_found_with_the_toyota_line_it_belongs_to(
    glossary: GlossaryService,
) -> None:
    found = await glossary.lookup(HOME, "S201U")
    assert found.entry is not None
    assert found.entry.meaning.startswith("Toyota Pixis chassis code, built 2011–2014")
    assert [entry.headword for entry in found.see_also] == ["Toyota Pixis"]
    pixis = BY_HEADWORD["Toyota Pixis"].meaning
    assert "S201U, S211U 2011–2014; S500U, S510U 2014–present." in pixis
    assert "Hijet" in pixis
    assert "not recorded" not in pixis


@pytest.mark.parametrize("model", default_models(), ids=lambda model: model.code)
def test_a_code_entry_names_its_make_and_model_and_links_its_line(model: TruckModel) -> None:
    entry = BY_HEADWORD[model.code]
    assert entry.meaning.startswith(f"{model.make} {model.model} chassis code")
    assert entry.see_also == (model.name,)


async def test_lookup_of_a_code_offers_its_line(glossary: GlossaryService) -> None:
    found = await glossary.lookup(HOME, "HA8")
    assert found.entry is not None
    assert "Honda Acty" in found.entry.meaning
    assert [entry.headword for entry in found.see_also] == ["Honda Acty"]


@pytest.mark.parametrize("entry", BUILTINS, ids=lambda entry: entry.headword)
def test_every_built_in_link_names_another_built_in(entry: GlossaryEntry) -> None:
    for headword in entry.see_also:
        assert headword in BY_HEADWORD, f"{entry.headword} links to unknown {headword!r}"
        assert headword != entry.headword


def test_no_built_in_form_normalises_onto_another_entry() -> None:
    owner: dict[str, str] = {}
    for entry in BUILTINS:
        for form in (entry.headword, *entry.other_forms()):
            claimed = owner.setdefault(normalize(form), entry.headword)
            assert claimed == entry.headword, f"{form!r} of {entry.headword} means {claimed}"


def test_built_in_keys_are_unique() -> None:
    assert len({entry_key(entry.headword) for entry in BUILTINS}) == len(BUILTINS)


# The grades, gearboxes and parts the glossary names for one line: a member reading the line
# reaches them, and each links back to it.
LINE_TERMS = {
    "Daihatsu Hijet": ["nōyō supesharu", "sūpā defurokku", "mudan hensokuki"],
    "Suzuki Carry": ["kē shī", "kē ekkusu", "ōto giya shifuto", "nōhan"],
}


@pytest.mark.parametrize(("line", "terms"), LINE_TERMS.items())
async def test_a_line_links_the_grades_and_gearboxes_named_for_it(
    glossary: GlossaryService, line: str, terms: list[str]
) -> None:
    found = await glossary.lookup(HOME, line)
    assert found.entry is not None
    assert set(terms) <= {entry.headword for entry in found.see_also}
    for term in terms:
        back = await glossary.lookup(HOME, term)
        assert line in [entry.headword for entry in back.see_also], term


@pytest.mark.parametrize("model", default_models(), ids=lambda model: model.code)
def test_a_code_entry_cites_its_models_own_sources(model: TruckModel) -> None:
    assert BY_HEADWORD[model.code].source == (model.source or MODELS_SOURCE)


@pytest.mark.parametrize("line", LINES, ids=lambda line: line.name)
def test_a_line_entry_cites_the_lines_own_sources(line: ModelLine) -> None:
    assert BY_HEADWORD[line.name].source == (line.source or MODELS_SOURCE)


# Issue 8: the normaliser writes キャリイ as kyarii, the entry's romaji is kyarī; both spellings,
# the short one members type and the truck's own name, find the line as a form of it, not as
# the closest of several.
@pytest.mark.parametrize(
    "query", ["kyarii", "kyarī", "kyari", "kyarii torakku", "キャリイ", "Kyarī Torakku"]
)
async def test_every_romaji_of_kyarii_finds_the_carry_line(
    glossary: GlossaryService, query: str
) -> None:
    found = await glossary.lookup(HOME, query)
    assert found.entry is not None, f"{query!r}: nothing; suggested {found.suggestions}"
    assert found.entry.headword == "Suzuki Carry"
    assert not found.closest
    assert (await glossary.autocomplete(HOME, query))[0].headword == "Suzuki Carry"
