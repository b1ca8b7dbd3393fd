"""What moderators type into the showcase commands as members of a Japanese-speaking community
do: candidates in full-width digits and with Japanese commas, or by their titles, and a note of
nothing visible."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_builds import POST, requests
from .test_showcase import ballot_message, setup_channels, showcase_posts, start_builds


async def test_candidates_typed_in_full_width_or_with_japanese_commas_open_the_ballot(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika", "Dale", "Rosa")
    marcus = loopback.member("Marcus")
    opened = await loopback.slash("showcase-mod vote start", candidates="＃１、２；3", actor=marcus)
    assert opened.text.startswith("The ballot is open")
    ballot = await ballot_message(loopback)
    assert ballot_labels(loopback, ballot.channel_id) == ["#1 Build 1", "#2 Build 2", "#3 Build 3"]


async def test_a_feature_note_of_only_invisible_characters_is_refused_and_features_nothing(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika")
    marcus = loopback.member("Marcus")
    refused = await loopback.slash(
        "showcase-mod feature", build="1", note="\u200b\u3164", actor=marcus
    )
    assert refused.ephemeral
    assert refused.text.startswith("The note shows nothing")
    assert showcase_posts(loopback) == []


async def test_a_build_named_twice_is_refused_as_such_and_opens_nothing(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika", "Dale")
    marcus = loopback.member("Marcus")
    for typed, build, twice in (
        ("1, 1", 1, "twice"),
        ("1, #1, 2", 1, "twice"),
        ("2 1 2 2", 2, "3 times"),
    ):
        refused = await loopback.slash("showcase-mod vote start", candidates=typed, actor=marcus)
        assert refused.ephemeral
        assert refused.text == (
            f"Build #{build} is named {twice}; name each candidate once, e.g. `12, 15, 18`."
        ), refused.text
    assert showcase_posts(loopback) == []


async def test_candidates_with_doubled_commas_or_marks_open_the_ballot(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika", "Dale")
    marcus = loopback.member("Marcus")
    opened = await loopback.slash("showcase-mod vote start", candidates="1,,2", actor=marcus)
    assert opened.text.startswith("The ballot is open"), opened.text
    await loopback.slash("showcase-mod vote close", actor=marcus)
    again = await loopback.slash("showcase-mod vote start", candidates="#1 #2", actor=marcus)
    assert again.text.startswith("The ballot is open"), again.text


async def test_odd_candidates_are_refused_with_why_and_open_nothing(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika", "Dale", "Rosa")
    marcus = loopback.member("Marcus")
    await loopback.slash("build-mod lock", build="3", reason="spam", actor=marcus)
    thirty = " ".join(str(n) for n in range(1, 31))
    refusals = {
        thirty: "A ballot holds at most 25 builds; 30 given.",
        "1, 9": "There is no build #9 in this server.",
        "1, 3": "Build #3 is locked by a moderator (“spam”), so it cannot be put on a ballot.",
        "1, 🚚": (
            "No build here is titled “🚚”; name each candidate by its number or its full title, "
            "between commas: `12, Camper Carry, 18`."
        ),
        ",": "A ballot needs at least two builds: name them, e.g. `12, 15, 18`.",
    }
    for typed, why in refusals.items():
        refused = await loopback.slash("showcase-mod vote start", candidates=typed, actor=marcus)
        assert refused.ephemeral
        assert refused.text == why, (typed, refused.text)
    assert showcase_posts(loopback) == []


async def test_too_few_nominations_are_named_as_the_reason_no_ballot_opens(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika", "Dale")
    await loopback.slash("showcase nominate", build="1", actor=loopback.member("Dale"))
    refused = await loopback.slash("showcase-mod vote start", actor=loopback.member("Marcus"))
    assert refused.ephemeral
    assert refused.text == (
        "A ballot needs at least two builds, and the nominations no ballot held yet name only "
        "1 build: name the candidates, e.g. `12, 15, 18`."
    ), refused.text
    assert showcase_posts(loopback) == []


async def titled(loopback: Loopback, owner: str, title: str) -> None:
    reply = await loopback.slash(
        "build start", title=title, truck="1994 Suzuki Carry DA51T", actor=loopback.member(owner)
    )
    assert "started" in reply.text, reply.text


def ballot_labels(loopback: Loopback, channel_id: str) -> list[str]:
    [sent] = [
        r.request
        for r in requests(loopback, POST)
        if channel_id in r.path and r.request.get("components")
    ]
    return [b["label"] for row in sent["components"] for b in row["components"]]


async def test_candidates_named_by_title_open_the_ballot_and_a_title_two_builds_share_is_asked(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await setup_channels(loopback)
    await titled(loopback, "Mika", "Camper Carry")
    await titled(loopback, "Dale", "Dale's Hijet")
    await titled(loopback, "Rosa", "Camper Carry")
    await titled(loopback, "Hank", "Acty 4WD")
    marcus = loopback.member("Marcus")

    shared = await loopback.slash(
        "showcase-mod vote start", candidates="Camper Carry, Dale's Hijet", actor=marcus
    )
    assert shared.ephemeral
    assert shared.text == (
        "Builds #1 and #3 are both titled “Camper Carry”; name the one you mean by its number."
    )
    unknown = await loopback.slash(
        "showcase-mod vote start", candidates="Camper, Dale's Hijet", actor=marcus
    )
    assert unknown.ephemeral
    assert unknown.text == (
        "No build here is titled “Camper”; name each candidate by its number or its full title, "
        "between commas: `12, Camper Carry, 18`."
    )

    opened = await loopback.slash(
        "showcase-mod vote start", candidates="3, dale's hijet; ACTY 4wd", actor=marcus
    )

    assert opened.text.startswith("The ballot is open"), opened.text
    ballot = await ballot_message(loopback)
    assert ballot_labels(loopback, ballot.channel_id) == [
        "#3 Camper Carry",
        "#2 Dale's Hijet",
        "#4 Acty 4WD",
    ]


async def test_a_title_is_named_without_its_emoji_in_any_case_or_width_and_a_near_one_is_offered(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await setup_channels(loopback)
    await titled(loopback, "Mika", "Red Hijet 🔴")
    await titled(loopback, "Dale", "ハイゼット")
    marcus = loopback.member("Marcus")

    near = await loopback.slash(
        "showcase-mod vote start", candidates="Red Hiject, ハイゼット", actor=marcus
    )
    assert near.ephemeral
    assert near.text == (
        "No build here is titled “Red Hiject”: did you mean #1 “Red Hijet 🔴”? Name each "
        "candidate by its number or its full title, between commas: `12, Camper Carry, 18`."
    )
    opened = await loopback.slash(
        "showcase-mod vote start", candidates="red hijet, ﾊｲｾﾞｯﾄ", actor=marcus
    )

    assert opened.text.startswith("The ballot is open"), opened.text
    ballot = await ballot_message(loopback)
    assert ballot_labels(loopback, ballot.channel_id) == ["#1 Red Hijet 🔴", "#2 ハイゼット"]


async def test_a_title_on_the_ballot_names_every_build_whose_title_reads_alike(
    loopback: Loopback, keitora: RunningBot
) -> None:
    # Titles a member may not hold both of (emoji and punctuation aside) read alike here too.
    await setup_channels(loopback)
    await titled(loopback, "Mika", "Red Hijet 🔴")
    await titled(loopback, "Dale", "Red Hijet")
    await titled(loopback, "Rosa", "Red Hijet")
    await titled(loopback, "Hank", "Camper-Carry")
    marcus = loopback.member("Marcus")

    shared = await loopback.slash(
        "showcase-mod vote start", candidates="Red Hijet, Camper Carry", actor=marcus
    )
    assert shared.ephemeral
    assert shared.text == (
        "Builds #1, #2 and #3 are all titled “Red Hijet”, emoji and punctuation aside; name the "
        "one you mean by its number."
    )
    opened = await loopback.slash(
        "showcase-mod vote start", candidates="Red Hijet 🔴, Camper Carry", actor=marcus
    )
    assert opened.text.startswith("The ballot is open"), opened.text
    ballot = await ballot_message(loopback)
    assert ballot_labels(loopback, ballot.channel_id) == ["#1 Red Hijet 🔴", "#4 Camper-Carry"]


async def test_a_title_typed_bare_names_the_build_titled_so_and_the_one_with_emoji_alike(
    loopback: Loopback, keitora: RunningBot
) -> None:
    # Dale's "Red Hijet" is titled exactly as typed, but Mika's "Red Hijet 🔴" answers to it
    # too: the moderator is asked which, and no ballot opens.
    await setup_channels(loopback)
    await titled(loopback, "Mika", "Red Hijet 🔴")
    await titled(loopback, "Dale", "Red Hijet")
    await titled(loopback, "Rosa", "Other")
    marcus = loopback.member("Marcus")

    asked = await loopback.slash(
        "showcase-mod vote start", candidates="Red Hijet, Other", actor=marcus
    )
    assert asked.ephemeral
    assert asked.text == (
        "Builds #1 and #2 are both titled “Red Hijet”, emoji and punctuation aside; name the "
        "one you mean by its number."
    )
    assert showcase_posts(loopback) == []
    opened = await loopback.slash("showcase-mod vote start", candidates="2, Other", actor=marcus)
    assert opened.text.startswith("The ballot is open"), opened.text
    ballot = await ballot_message(loopback)
    assert ballot_labels(loopback, ballot.channel_id) == ["#2 Red Hijet", "#3 Other"]
