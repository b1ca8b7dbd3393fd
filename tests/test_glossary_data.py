"""data/glossary.toml: complete, consistent, within Discord's limits, and loaded strictly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.glossary import (
    BUILTIN_GLOSSARY,
    CATEGORIES,
    GlossaryEntry,
    builtin_entries,
    load_glossary,
)
from bot.glossary.entries import meaning_problem
from bot.japanese import normalize

ENTRIES = load_glossary()
BY_HEADWORD = {entry.headword: entry for entry in ENTRIES}
# S tags: pages the research notes cite; W tags: pages listed in data/sources.toml.
SOURCE_TAG = re.compile(r"[SW]\d+|well-established")
HEPBURN = re.compile(r"[A-Za-zāēīōū' -]+")


def test_ships_at_least_80_entries() -> None:
    assert len(ENTRIES) >= 80


def test_every_category_but_model_is_used() -> None:
    # "model" entries come from data/models.toml, never from the glossary file
    assert {entry.category for entry in ENTRIES} == set(CATEGORIES) - {"model"}


def test_headwords_are_unique() -> None:
    assert len(BY_HEADWORD) == len(ENTRIES)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.headword)
def test_see_also_resolves_to_other_entries(entry: GlossaryEntry) -> None:
    for headword in entry.see_also:
        assert headword in BY_HEADWORD, f"{entry.headword} links to unknown {headword!r}"
        assert headword != entry.headword


def test_no_written_form_normalises_onto_another_entry() -> None:
    owner: dict[str, str] = {}
    for entry in ENTRIES:
        for form in (entry.headword, *entry.other_forms()):
            key = normalize(form)
            assert key, f"{entry.headword}: {form!r} has no matchable characters"
            claimed = owner.setdefault(key, entry.headword)
            assert claimed == entry.headword, f"{form!r} of {entry.headword} means {claimed}"


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.headword)
def test_fits_discord_limits_and_house_length(entry: GlossaryEntry) -> None:
    assert len(entry.headword) <= 100  # autocomplete choice value
    assert all(len(form) <= 100 for form in entry.other_forms())
    assert len(entry.meaning) <= 300  # the built-ins stay short; the hard limit is 1,024


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.headword)
def test_has_japanese_forms_and_hepburn_romaji(entry: GlossaryEntry) -> None:
    # every term in the research notes comes with a written form and a kana reading
    assert entry.kanji
    assert entry.kana
    assert entry.headword == entry.headword.strip()
    assert HEPBURN.fullmatch(entry.romaji), entry.romaji  # macrons, never circumflexes


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.headword)
def test_meaning_reads_as_a_sentence(entry: GlossaryEntry) -> None:
    assert entry.meaning[0].isupper() or entry.meaning[0] == "'"
    assert entry.meaning.endswith((".", ".'", '."'))


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.headword)
def test_sources_are_cited_unless_unverified(entry: GlossaryEntry) -> None:
    tags = entry.source.split()
    assert all(SOURCE_TAG.fullmatch(tag) for tag in tags), entry.source
    assert tags or entry.unverified


def test_weakly_sourced_market_is_flagged() -> None:
    assert BY_HEADWORD["keitora-ichi"].unverified is True
    assert sum(entry.unverified for entry in ENTRIES) == 1


# Facts the research notes corrected or qualified: (headword, text the meaning must contain,
# text it must not contain).
CORRECTED_FACTS = [
    # The first new-standard trucks are past 25 too: the build date decides, not the standard.
    (
        "kyū kikaku",
        ("DA52T", "HA6", "TT1", "U61T", "S200P", "build date, not by standard"),
        ("old enough",),
    ),
    ("shin kikaku", ("DA52T", "more than 25 years old"), ()),
    # Vehicle law: the class above kogata; license law: the ordinary license class, which
    # covers kei trucks; "non-kei" is the everyday sense only, whose exact word is 登録車.
    (
        "futsūsha",
        (
            "class above kogata",
            "over 2,000 cc (gasoline)",
            "license class, which covers kei trucks",
            "登録車",
        ),
        ("too big to be kei", "licence"),
    ),
    # The Acty's engine is under the back of the bed, just ahead of the rear axle; Carry and
    # Hijet engines are under the seats (front engine, rear drive), whatever sellers call them.
    (
        "middoshippu",
        ("Acty", "under the back of the bed", "just ahead of the rear axle", "hatch"),
        ("farther back than",),
    ),
    (
        "middoshippu",
        ("Carry and Hijet", "under the seats", "front engine, rear drive", "'mid'"),
        (),
    ),
    # A kei vehicle never needs the certificate; in designated areas it files a notice instead.
    (
        "shako shōmei",
        ("A kei vehicle never needs one", "hokan basho todokede"),
        ("lighter parking paperwork", "need none at all"),
    ),
    (
        "hokan basho todokede",
        ("designated areas", "police", "after buying", "Elsewhere nothing is filed"),
        ("certificate from",),
    ),
    # Three-character codes ending in A (3BA-, 5BA-) mark passenger cars, never a truck; older
    # trucks carry one or two letters, as in GD-DA52T. No page ties GM-, TE- or V- to trucks. A
    # code's first character does name a regulation year (W13); it is the truck's model year it
    # does not give.
    (
        "haishutsu gasu kisei shikibetsu kigō",
        (
            "ending in A (3BA-, 5BA-)",
            "passenger cars",
            "GD-DA52T",
            "one or two letters",
            "does not tell the truck's model year",
        ),
        ("GM-", "TE-", "V-", "does not tell the year"),
    ),
    # 農道のポルシェ is the usual form of the Sambar's nickname; it belongs to the Subaru-built one.
    ("nōdō no porushe", ("Subaru-built Sambar", "2012", "911", "田舎のポルシェ"), ()),
    # The Acty is called both the farm-road Ferrari and the farm-road NSX.
    ("nōdō no ferāri", ("Acty", "農道のNSX"), ()),
    # 多目的ダンプ is the Hijet dump's catalog name, not a kind of low-floor bed.
    ("tamokuteki danpu", ("catalog name", "Hijet"), ("low-floor",)),
    ("pī tī ō danpu", ("engine", "power take-off", "Hijet"), ()),
    # Papers: which are for registered cars only, and which reach a US buyer.
    ("jōto shōmeisho", ("registered (non-kei)", "kei name change needs none"), ()),
    (
        "yushutsu kyoka tsūchisho",
        ("customs", "usually stays with the exporter", "export certificate"),
        (),
    ),
    # "The export certificate" of a kei truck is the 輸出予定届出証明書: the registered car's paper
    # must say so, not claim the name for itself.
    (
        "yushutsu masshō kari-tōroku shōmeisho",
        ("registered (non-kei)", "A kei truck never gets one", "輸出予定届出証明書"),
        ("usually mean",),
    ),
    ("ichiji masshō tōroku shōmeisho", ("registered (non-kei)", "自動車検査証返納証明書"), ()),
    # The kei export certificate is also issued for a registered car already deregistered.
    (
        "yushutsu yotei todokede shōmeisho",
        ("kei vehicle", "already temporarily deregistered"),
        ("The kei version",),
    ),
    # Who calls what: AGS is Suzuki's, Ultra Low the Acty ATTACK's, Super Diff Lock Daihatsu's.
    ("ōto giya shifuto", ("Suzuki", "5-speed", "Carry", "August 2014"), ()),
    # The Sambar's ECVT went in October 1995 (the research notes), not with its generation.
    ("mudan hensokuki", ("Hijet", "December 2021", "4-speed automatic", "1990–1995"), ("1999",)),
    ("urutora rō", ("Honda Acty ATTACK", "ultra-low reverse", "Carry and Hijet use"), ()),
    ("sūpā defurokku", ("Daihatsu", "Hijet", "Carry", "デフロック"), ()),
    # Grade names: Carry KC, KC 農繁 and KX; Hijet 農用スペシャル and エクストラ.
    ("kē shī", ("Suzuki Carry", "main working grade", "KX"), ()),
    ("kē ekkusu", ("top grade", "Suzuki Carry"), ()),
    ("nōhan", ("KC 農繁",), ()),
    ("nōyō supesharu", ("Hijet", "4WD only", "four-leaf rear springs", "super diff lock"), ()),
    ("ekusutora", ("top grade", "Hijet"), ()),
    # 350 kg is a ceiling for cargo alone; the people in the cab do not count.
    ("saidai sekisairyō", ("at most 350 kg", "driver and passenger do not count"), ()),
    # Frame repair history is defined (skeleton parts, whatever the cause); accident history is
    # a loose everyday word, and one can be had without the other.
    ("shūfukureki", ("skeleton", "whatever the cause", "事故歴", "bolt-on"), ()),
    ("jikoreki", ("loose everyday word", "修復歴", "skeleton"), ()),
    # A recorded meter swap: the reading adds the old meter's distance, marked $; one no record
    # proves counts as unknown or tampered mileage.
    ("mētā kōkan", ("adds the old meter's distance", "$", "unknown", "tampered"), ("may not",)),
    # Inspection left, and the day it ends: on the chip and the A4 sheet, not the card.
    ("shaken zan", ("months", "expiry date", "exported"), ()),
    ("yūkō kikan manryōbi", ("only the month", "chip", "not on the card"), ()),
    (
        "denshi shakenshō",
        ("IC chip", "January 2023", "kei vehicles since January 2024", "not on the card"),
        (),
    ),
    ("jidōsha kensashō kiroku jikō", ("A4", "chip", "January 2024"), ()),
]


@pytest.mark.parametrize(("headword", "says", "never_says"), CORRECTED_FACTS)
def test_corrected_facts(headword: str, says: tuple[str, ...], never_says: tuple[str, ...]) -> None:
    meaning = BY_HEADWORD[headword].meaning
    assert all(text in meaning for text in says), meaning
    assert not any(text in meaning for text in never_says), meaning


def test_the_rare_form_of_the_sambar_nickname_is_only_an_alias() -> None:
    assert "inaka no porushe" not in BY_HEADWORD
    assert {"田舎のポルシェ", "inaka no porushe", "農道ポルシェ"} <= set(
        BY_HEADWORD["nōdō no porushe"].aliases
    )


def test_an_emissions_code_is_never_given_a_year() -> None:
    # Which year a prefix was in use is not settled by any page read for the glossary.
    meaning = BY_HEADWORD["haishutsu gasu kisei shikibetsu kigō"].meaning
    assert not re.search(r"\b(19|20)\d\d\b|Heisei|Shōwa|Reiwa", meaning), meaning


def test_frame_repair_is_not_offered_as_accident_history() -> None:
    assert "accident history" not in BY_HEADWORD["shūfukureki"].aliases


SIZE_STANDARD = re.compile(r"(old|new)[- ]standard|kikaku|規格", re.IGNORECASE)
ELIGIBILITY = re.compile(
    r"eligib|importable|old enough|25-year|import rule|can be imported", re.IGNORECASE
)


@pytest.mark.parametrize("entry", builtin_entries(), ids=lambda e: e.headword)
def test_no_entry_equates_a_size_standard_with_import_eligibility(entry: GlossaryEntry) -> None:
    # Where a size standard is the subject, eligibility may come up only to say that the
    # standard does not decide it.
    if not SIZE_STANDARD.search(" ".join((entry.meaning, entry.headword, entry.kanji))):
        return
    for sentence in re.split(r"(?<=[.:;])\s+", entry.meaning):
        if ELIGIBILITY.search(sentence):
            assert re.search(r"\bnot\b", sentence), sentence


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "glossary.toml"
    path.write_text(body, encoding="utf-8")
    return path


GOOD = """
[[entry]]
headword = "keitora"
meaning = "A kei truck."
category = "class"
"""


def test_loader_reads_a_minimal_file(tmp_path: Path) -> None:
    (entry,) = load_glossary(_write(tmp_path, "schema_version = 1\n" + GOOD))
    assert entry == GlossaryEntry(headword="keitora", meaning="A kei truck.", category="class")


@pytest.mark.parametrize(
    ("body", "complaint"),
    [
        (GOOD, "schema_version"),
        ("schema_version = 2\n" + GOOD, "schema_version"),
        ("schema_version = 1\n" + GOOD.replace('"class"', '"truck"'), "category"),
        ("schema_version = 1\n" + GOOD + 'colour = "red"\n', "unknown field colour"),
        ("schema_version = 1\n" + GOOD.replace('"A kei truck."', '"  "'), "meaning is empty"),
        ("schema_version = 1\n" + GOOD.replace("A kei truck.", "x" * 1025), "1024"),
        ("schema_version = 1\n" + GOOD.replace('"keitora"', '"🚚"'), "headword"),
        ("schema_version = 1\n" + GOOD.replace('headword = "keitora"\n', ""), "headword"),
        ("schema_version = 1\n" + GOOD + "unverified = 1\n", "unverified"),
        ("schema_version = 1\n" + GOOD + 'aliases = ["' + "k" * 101 + '"]\n', "100"),
    ],
)
def test_loader_rejects_a_bad_file_naming_the_problem(
    tmp_path: Path, body: str, complaint: str
) -> None:
    with pytest.raises(ValueError, match=complaint):
        load_glossary(_write(tmp_path, body))


def test_builtin_path_is_the_shipped_file() -> None:
    assert BUILTIN_GLOSSARY.name == "glossary.toml"
    assert BUILTIN_GLOSSARY.parent.name == "data"


def test_the_4wd_switch_is_headed_by_a_form_its_kana_reads() -> None:
    # よんくきりかえ reads 四駆切替; 4WD is read as letters, so 4WD切替 is only an alias.
    entry = BY_HEADWORD["yonku kirikae"]
    assert (entry.kanji, entry.kana) == ("四駆切替", "よんくきりかえ")
    assert "4WD切替" in entry.aliases


def test_every_built_in_meaning_says_something_so_a_moderator_may_edit_any() -> None:
    said_nothing = [
        (entry.headword, problem)
        for entry in builtin_entries()
        if (problem := meaning_problem(entry.meaning, (entry.headword, entry.kana, entry.kanji)))
    ]
    assert said_nothing == []
