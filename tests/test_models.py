from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.models import (
    DRIVES,
    ModelDataError,
    ModelLine,
    TruckModel,
    default_lines,
    default_models,
    find_model,
    load_lines,
    load_models,
    search_models,
)

SHIPPED = default_models()
SOURCES = Path(__file__).resolve().parents[1] / "data" / "sources.toml"


def test_shipped_file_loads_with_unique_sane_entries() -> None:
    models = load_models()
    assert len(models) >= 50
    assert len({m.code for m in models}) == len(models)
    for model in models:
        assert model.drive in DRIVES
        assert model.year_to is None or model.year_to >= model.year_from >= 1949
        assert all((model.code, model.make, model.model, model.note))


@pytest.mark.parametrize(
    ("code", "make", "model", "years", "drive", "unverified"),
    [
        ("DA63T", "Suzuki", "Carry", (2002, 2013), "2WD/4WD", False),
        ("DA16T", "Suzuki", "Carry", (2013, None), "2WD/4WD", False),
        ("DD51T", "Suzuki", "Carry", (1991, 1999), "4WD", True),
        ("S500P", "Daihatsu", "Hijet", (2014, None), "2WD", False),
        ("S510P", "Daihatsu", "Hijet", (2014, None), "4WD", False),
        ("S83P", "Daihatsu", "Hijet", (1990, 1994), "4WD", True),
        ("S200P", "Daihatsu", "Hijet", (1999, 2007), "2WD/4WD", True),
        ("S210P", "Daihatsu", "Hijet", (1999, 2007), "2WD/4WD", True),
        ("S201P", "Daihatsu", "Hijet", (2007, 2014), "2WD/4WD", True),
        ("S211P", "Daihatsu", "Hijet", (2007, 2014), "2WD/4WD", True),
        ("S100P", "Daihatsu", "Hijet", (1994, 1999), "2WD/4WD", True),
        ("HA4", "Honda", "Acty", (1990, 1999), "4WD", False),
        ("HA9", "Honda", "Acty", (2009, 2021), "4WD", False),
        ("TT2", "Subaru", "Sambar", (1999, 2012), "4WD", False),
        ("KS3", "Subaru", "Sambar", (1990, 1999), "2WD/4WD", False),
        ("U42T", "Mitsubishi", "Minicab", (1991, 1999), "4WD", True),
        ("U62T", "Mitsubishi", "Minicab", (1999, 2014), "4WD", False),
        ("DG16T", "Mazda", "Scrum", (2013, None), "2WD/4WD", True),
        ("DR16T", "Nissan", "Clipper", (2013, None), "2WD/4WD", False),
        # Corrected or added from the research notes:
        ("DA81T", "Suzuki", "Carry", (1985, 1991), "2WD", False),  # DA is 2WD, DB 4WD
        ("S201J", "Subaru", "Sambar", (2012, 2014), "2WD/4WD", True),
        ("S211J", "Subaru", "Sambar", (2012, 2014), "2WD/4WD", True),
        ("S500J", "Subaru", "Sambar", (2014, None), "2WD/4WD", True),
        ("S510J", "Subaru", "Sambar", (2014, None), "2WD/4WD", True),
        ("DG52T", "Mazda", "Scrum", (1999, 2002), "2WD/4WD", True),
        ("DG62T", "Mazda", "Scrum", (2001, 2002), "2WD/4WD", True),
        ("DG63T", "Mazda", "Scrum", (2002, 2013), "2WD/4WD", True),
        # The Toyota Pixis Truck's own codes, which the research notes lacked:
        ("S201U", "Toyota", "Pixis", (2011, 2014), "2WD/4WD", False),
        ("S211U", "Toyota", "Pixis", (2011, 2014), "2WD/4WD", False),
        ("S500U", "Toyota", "Pixis", (2014, None), "2WD/4WD", False),
        ("S510U", "Toyota", "Pixis", (2014, None), "2WD/4WD", False),
    ],
)
def test_shipped_facts(
    code: str,
    make: str,
    model: str,
    years: tuple[int, int | None],
    drive: str,
    unverified: bool,
) -> None:
    found = find_model(code)
    assert found is not None
    assert (found.make, found.model, (found.year_from, found.year_to)) == (make, model, years)
    assert (found.drive, found.unverified) == (drive, unverified)


def test_engines_from_memory_are_left_blank_not_stated() -> None:
    # The research notes flag the DA62T/DA63T engine as remembered, not sourced.
    da63t, tt1 = find_model("DA63T"), find_model("TT1")
    assert da63t is not None
    assert tt1 is not None
    assert da63t.engine == ""
    assert "EN07" in tt1.engine


@pytest.mark.parametrize(
    ("code", "engine"),
    [("S200P", "EF"), ("S210P", "EF"), ("S201P", "KF"), ("S211P", "KF")],
)
def test_the_later_hijet_codes_carry_the_later_engine(code: str, engine: str) -> None:
    # The notes give the 1999-2014 Hijet as S200P/S210P, later S201P/S211P, with the EF
    # engine, later the KF: each code names one engine, and all four stay flagged.
    found = find_model(code)
    assert found is not None
    assert (found.engine, found.unverified) == (engine, True)


@pytest.mark.parametrize("code", ["S500P", "S510P"])
def test_the_current_hijet_automatic_is_a_4_speed_then_a_cvt(code: str) -> None:
    # Launched in September 2014 with the first 4-speed automatic in a kei truck; the
    # December 2021 facelift put a CVT in its place.
    found = find_model(code)
    assert found is not None
    assert "4-speed automatic" in found.note
    assert "CVT" in found.note
    assert "December 2021" in found.note
    assert found.engine.startswith("KF")
    assert found.source


@pytest.mark.parametrize("code", ["S201P", "S211P"])
def test_the_kf_hijet_codes_say_their_automatic_and_what_is_unconfirmed(code: str) -> None:
    found = find_model(code)
    assert found is not None
    assert "3-speed automatic" in found.note
    assert "not confirmed" in found.note


def _page_tag(url: str) -> str:
    pages = tomllib.loads(SOURCES.read_text("utf-8"))["page"]
    (tag,) = [page["tag"] for page in pages if page["url"] == url]
    return tag


@pytest.mark.parametrize("code", ["S200P", "S210P"])
def test_the_ef_hijet_codes_claim_no_gearbox_only_the_later_trucks_pages_give(code: str) -> None:
    # The pages on the 3-speed automatic describe the KF-engined truck of 2011 on (the Pixis
    # Truck's launch and its encyclopedia page); none describes the EF-engined one.
    found = find_model(code)
    assert found is not None
    assert "automatic" not in found.note, found.note
    pixis = _page_tag(
        "https://infokontak.com/ja/%E3%83%88%E3%83%A8%E3%82%BF%E3%83%BB%E3%83%94%E3%82%AF%E3%82%B7%E3%82%B9%E3%83%88%E3%83%A9%E3%83%83%E3%82%AF"
    )
    assert pixis not in found.source.split()


def test_a_2wd_code_is_not_given_the_4wd_only_attack_grade() -> None:
    # The Acty ATTACK's ultra-low gear came with its 4WD (W49), so it is no 2WD code's.
    two_wheel = [model for model in SHIPPED if model.drive == "2WD" and model.model == "Acty"]
    assert two_wheel
    for model in two_wheel:
        assert "Attack" not in model.note, (model.code, model.note)
        assert "W49" not in model.source.split(), model.code


# Claims a note makes, and the page that makes them, which the entry must cite.
CITED_CLAIMS = [
    ("S500P", "first 4-speed automatic in a kei truck", "https://2nn.jp/bizplus/1409926570"),
]


@pytest.mark.parametrize(("code", "claim", "url"), CITED_CLAIMS)
def test_a_claim_cites_the_page_that_makes_it(code: str, claim: str, url: str) -> None:
    found = find_model(code)
    assert found is not None
    assert claim in found.note
    assert _page_tag(url) in found.source.split(), found.source


def test_the_carry_da16t_note_gives_its_two_pedal_history() -> None:
    found = find_model("DA16T")
    assert found is not None
    said = ("3-speed automatic", "AGS", "August 2014", "4-speed automatic", "August 2021")
    assert all(words in found.note for words in said), found.note


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("Suzuki Carry", ("KC", "KC Nōhan (農繁)", "KX")),
        ("Daihatsu Hijet", ("スタンダード", "エクストラ", "ジャンボ", "農用スペシャル", "leaf")),
        ("Honda Acty", ("just ahead of the rear axle", "hatch", "ultra-low (UL)", "ultra-reverse")),
        ("Toyota Pixis", ("Hijet", "December 2011", "September 2014")),
    ],
)
def test_model_line_notes_name_the_grades_and_layouts_members_meet(
    line: str, said: tuple[str, ...]
) -> None:
    (found,) = [entry for entry in default_lines() if entry.name == line]
    assert all(words in found.note for words in said), found.note
    assert found.source


@pytest.mark.parametrize("line", default_lines(), ids=lambda line: line.name)
def test_model_line_notes_keep_the_house_length(line: ModelLine) -> None:
    # A line's note is the meaning of its glossary entry, held to the glossary's 300 characters;
    # the list of codes follows it on the card.
    assert len(line.note) <= 300, (len(line.note), line.note)


def test_the_carry_grades_are_the_carrys_not_the_super_carrys() -> None:
    (carry,) = [line for line in default_lines() if line.name == "Suzuki Carry"]
    assert "The Carry's grades: KC" in carry.note, carry.note


@pytest.mark.parametrize(
    ("code", "said"),
    [
        ("S201J", ("February 2012", "April 2012", "unconfirmed")),
        ("S211J", ("February 2012", "April 2012", "unconfirmed")),
        ("S500J", ("September 2014", "Pixis", "unconfirmed")),
        ("S510J", ("September 2014", "Pixis", "unconfirmed")),
        ("KS3", ("K77/K78", "likely", "2WD", "unconfirmed")),
        ("KS4", ("K77/K78", "likely", "4WD", "unconfirmed")),
    ],
)
def test_sambar_notes_say_what_the_pages_settle_and_what_they_leave_open(
    code: str, said: tuple[str, ...]
) -> None:
    found = find_model(code)
    assert found is not None
    assert all(words in found.note for words in said), found.note
    assert found.source


@pytest.mark.parametrize(
    ("code", "year"),
    [
        ("DG52T", 2005),  # the Scrum codes follow the Carry codes' own years
        ("DG63T", 2000),
        ("S201J", 2016),  # the first Daihatsu-built Sambar gave way to the S500J in 2014
        ("S500J", 2013),
        ("DA62T", 2005),
        ("S200P", 2010),  # the EF-engined Hijet codes are given years of their own
        ("S201P", 2003),
    ],
)
def test_a_code_is_not_taken_as_built_across_its_whole_family(code: str, year: int) -> None:
    found = find_model(code)
    assert found is not None
    assert not found.built_in(year)


def test_every_code_belongs_to_one_model_line() -> None:
    lines = default_lines()
    assert sorted(m.code for line in lines for m in line.codes) == sorted(m.code for m in SHIPPED)
    for line in lines:
        assert all(model.name == line.name for model in line.codes)
        assert line.kana
        assert line.romaji
    pixis = next(line for line in lines if line.name == "Toyota Pixis")
    assert [m.code for m in pixis.codes] == ["S201U", "S211U", "S500U", "S510U"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("DA63T", "DA63T"),
        ("da63t", "DA63T"),
        ("DA 63T", "DA63T"),
        ("DA-63T", "DA63T"),
        ("ＤＡ６３Ｔ", "DA63T"),
        ("  ha4 ", "HA4"),
        ("EBD-DA63T", "DA63T"),
        ("GD-DA63T", "DA63T"),
        ("DA63T-123456", "DA63T"),
        ("ｓ５００ｐ", "S500P"),
        ("u62t", "U62T"),
        ("ZZ99", None),
        ("", None),
        ("Carry", None),
    ],
)
def test_find_model_tolerates_how_people_type_codes(typed: str, expected: str | None) -> None:
    found = find_model(typed)
    assert (found.code if found else None) == expected


@given(st.sampled_from(SHIPPED), st.data())
def test_every_shipped_code_survives_case_and_width_changes(
    model: TruckModel, data: st.DataObject
) -> None:
    mangled = "".join(
        data.draw(st.sampled_from([c, c.lower(), chr(ord(c) + 0xFEE0)])) for c in model.code
    )
    assert find_model(mangled) == model


def test_search_by_code_prefix() -> None:
    assert [m.code for m in search_models("da6")] == ["DA62T", "DA63T", "DA65T"]
    codes_then_makes = search_models("da")
    assert codes_then_makes[0].code.startswith("DA")
    assert codes_then_makes[-1].make == "Daihatsu"


def test_search_by_make_and_by_make_and_model() -> None:
    assert {m.make for m in search_models("suzu")} == {"Suzuki"}
    assert {m.model for m in search_models("honda ac")} == {"Acty"}
    assert {m.code for m in search_models("sambar")} >= {"TT1", "TT2", "KS3", "KS4"}


def test_search_lists_codes_before_names_and_respects_limit() -> None:
    found = search_models("s", limit=25)
    assert len(found) == 25
    first_name_match = next(i for i, m in enumerate(found) if not m.code.startswith("S"))
    assert all(m.code.startswith("S") for m in found[:first_name_match])
    assert len(search_models("", limit=5)) == 5
    assert search_models("carry", limit=0) == ()
    assert search_models("qqq") == ()


def test_years_text_and_built_in() -> None:
    da63t, da16t = find_model("DA63T"), find_model("DA16T")
    assert da63t is not None
    assert da16t is not None
    assert (da63t.years, da16t.years) == ("2002–2013", "2013–present")
    assert da63t.built_in(2002)
    assert da63t.built_in(2013)
    assert not da63t.built_in(1998)
    assert da16t.built_in(2040)


GOOD_ENTRY = """
[[model]]
code = "{code}"
make = "Suzuki"
model = "Carry"
year_from = {year_from}
year_to = {year_to}
drive = "{drive}"
engine = ""
note = "A note."
unverified = {unverified}
"""


def _write(tmp_path: Path, *entries: str) -> Path:
    path = tmp_path / "models.toml"
    path.write_text("".join(entries), encoding="utf-8")
    return path


def _entry(**overrides: object) -> str:
    fields: dict[str, object] = {
        "code": "DA63T",
        "year_from": 2002,
        "year_to": 2013,
        "drive": "2WD/4WD",
        "unverified": "false",
    }
    return GOOD_ENTRY.format(**{**fields, **overrides})


def test_source_tags_are_read_and_optional(tmp_path: Path) -> None:
    cited = _entry() + 'source = "S23 W57 well-established"\n'
    plain = _entry(code="DA16T", year_from=2013)
    line = GOOD_LINE + 'source = "W74"\n'
    (line_read,) = load_lines(_write(tmp_path, cited, plain, line))
    assert [model.source for model in line_read.codes] == ["S23 W57 well-established", ""]
    assert line_read.source == "W74"


def test_every_shipped_w_tag_is_a_listed_page() -> None:
    listed = {page["tag"] for page in tomllib.loads(SOURCES.read_text("utf-8"))["page"]}
    cited = {
        tag
        for entry in (*SHIPPED, *default_lines())
        for tag in entry.source.split()
        if tag.startswith("W")
    }
    assert cited <= listed, sorted(cited - listed)


def test_load_reads_present_as_still_built(tmp_path: Path) -> None:
    (model,) = load_models(_write(tmp_path, _entry(year_to='"present"')))
    assert model.year_to is None


@pytest.mark.parametrize(
    ("entries", "complaint"),
    [
        ((_entry(year_from=2014, year_to=2013),), "before year_from"),
        ((_entry(year_from=1900),), "year_from"),
        ((_entry(year_from="true"),), "year_from"),
        ((_entry(year_to='"soon"'),), "year_to"),
        ((_entry(drive="AWD"),), "drive"),
        ((_entry(code="da63t"),), "upper-case"),
        ((_entry(unverified='"no"'),), "unverified"),
        ((_entry(), _entry()), "duplicate code DA63T"),
        ((_entry().replace('note = "A note."', 'note = " "'),), "'note' cannot be empty"),
        ((_entry().replace('make = "Suzuki"\n', ""),), "'make' must be a string"),
        (("title = 'no models'\n",), "non-empty [[model]]"),
        ((_entry() + 'source = "S12 page 4"\n',), "'source'"),
        ((_entry() + "source = 12\n",), "'source'"),
        ((_entry() + 'source = ""\n',), "'source'"),
    ],
)
def test_load_refuses_malformed_entries(
    tmp_path: Path, entries: tuple[str, ...], complaint: str
) -> None:
    with pytest.raises(ModelDataError, match=complaint.replace("[", r"\[").replace("]", r"\]")):
        load_models(_write(tmp_path, *entries))


GOOD_LINE = """
[[line]]
make = "Suzuki"
model = "Carry"
kana = "キャリイ"
romaji = "kyarī"
aliases = ["carry"]
note = "A note."
see_also = []
"""


def test_load_lines_gathers_each_lines_codes(tmp_path: Path) -> None:
    path = _write(tmp_path, _entry(), _entry(code="DA16T", year_from=2013), GOOD_LINE)
    (line,) = load_lines(path)
    assert line.name == "Suzuki Carry"
    assert [m.code for m in line.codes] == ["DA63T", "DA16T"]
    assert line.aliases == ("carry",)


@pytest.mark.parametrize(
    ("entries", "complaint"),
    [
        ((_entry(),), "non-empty [[line]]"),
        ((_entry(), GOOD_LINE.replace('"Carry"', '"Every"')), "codes of no [[line]]: DA63T"),
        ((_entry(), GOOD_LINE, GOOD_LINE), "duplicate line Suzuki Carry"),
        ((_entry(), GOOD_LINE.replace('kana = "キャリイ"', 'kana = ""')), "'kana'"),
        ((_entry(), GOOD_LINE.replace('["carry"]', '"carry"')), "'aliases'"),
        ((_entry(), GOOD_LINE.replace("see_also = []", "see_also = [1]")), "'see_also'"),
        ((_entry(), GOOD_LINE + 'source = "W"\n'), "'source'"),
        ((_entry(), GOOD_LINE + 'source = ["S1"]\n'), "'source'"),
    ],
)
def test_load_lines_refuses_malformed_lines(
    tmp_path: Path, entries: tuple[str, ...], complaint: str
) -> None:
    with pytest.raises(ModelDataError, match=complaint.replace("[", r"\[").replace("]", r"\]")):
        load_lines(_write(tmp_path, *entries))
