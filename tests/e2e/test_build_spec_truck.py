"""The card's truck line and its spec, through the loopback: a spec whose chassis code is another
truck's is refused, a spec the line contradicts rewrites the line, and free text stays inert."""

from __future__ import annotations

import pytest

from sandbox import ChannelRef, Loopback
from sandbox.state import Json

from .conftest import RunningBot
from .test_builds import EDIT_MESSAGE, card, field, forum_build, requests, start


async def test_a_spec_contradicting_the_truck_is_refused_or_the_truck_line_follows_it(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)  # 1994 Suzuki Carry DA51T
    refused = await loopback.slash("build spec", build="1", make="Toyota", model="Corolla")
    assert refused.ephemeral
    assert refused.text == (
        "The model code DA51T is a Suzuki Carry's, so build #1 cannot be a Toyota Corolla. "
        "Give the model code with the make and model (`model_code:`), or give none of them."
    )
    shown = card(loopback, thread).embeds[0]
    assert (field(shown, "Make"), field(shown, "Model")) == ("Suzuki", "Carry")

    moved = await loopback.slash(
        "build spec", build="1", make="Daihatsu", model="Hijet", model_code="S83P", year=1993
    )
    assert moved.text == (
        "Spec of build #1 saved: **Year** 1993 · **Make** Daihatsu · **Model** Hijet · "
        "**Model code** S83P. Its truck now reads “1993 Daihatsu Hijet S83P”, as the spec says."
    )
    shown = card(loopback, thread).embeds[0]
    assert shown["description"].startswith("**1993 Daihatsu Hijet S83P** — by <@")
    assert (field(shown, "Make"), field(shown, "Model")) == ("Daihatsu", "Hijet")

    # Free text stays as typed, inert: no emphasis, list or heading Markdown (a mention is
    # refused: test_build_mentions).
    await loopback.slash("build spec", build="1", lift="*2 in*", tires="-3 in", engine="# EF")
    shown = card(loopback, thread).embeds[0]
    assert field(shown, "Lift") == "\\*2 in\\*"
    assert field(shown, "Tires") == "\\-3 in"
    assert field(shown, "Engine") == "\\# EF"
    assert shown["description"].startswith("**1993 Daihatsu Hijet S83P**")  # unchanged


async def test_a_model_given_in_kana_is_the_model_its_code_is(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)  # 1994 Suzuki Carry DA51T
    saved = await loopback.slash("build spec", build="1", model="キャリイ")
    # The truck line already says a Carry.
    assert saved.text == "Spec of build #1 saved: **Model** キャリイ."
    shown = card(loopback, thread).embeds[0]
    assert (field(shown, "Model"), field(shown, "Model code")) == ("キャリイ", "DA51T")
    assert shown["description"].startswith("**1994 Suzuki Carry DA51T**")


def card_edits(loopback: Loopback, thread: ChannelRef) -> list[Json]:
    """The card's embeds as the bot sent them in its edits, oldest first."""
    return [
        r.request["embeds"][0]
        for r in requests(loopback, EDIT_MESSAGE)
        if r.path.endswith(f"/messages/{thread.id}")
    ]


def truck_sent(embed: Json) -> tuple[str, str, str]:
    return (field(embed, "Make"), field(embed, "Model"), field(embed, "Model code"))


@pytest.mark.parametrize(
    ("truck", "named"),
    [("1994 Toyota Corolla", "Toyota"), ("1999 Daihatsu Hijet S110P", "Daihatsu Hijet")],
)
async def test_a_model_code_alone_of_another_truck_is_refused_naming_both(
    loopback: Loopback, keitora: RunningBot, truck: str, named: str
) -> None:
    # A likely slip (DA51T for a Hijet's code) does not rewrite the truck.
    thread = await forum_build(loopback, title="Mine", truck=truck)
    refused = await loopback.slash("build spec", build="1", model_code="DA51T")
    assert refused.ephemeral
    assert refused.text == (
        f"The model code DA51T is a Suzuki Carry's, not a {named}'s: build #1's truck reads "
        f"“{truck}”. Give the truck's own model code, or the make and model with this one "
        "(`make:` `model:`) if it is a Suzuki Carry."
    )
    assert card_edits(loopback, thread) == []  # nothing saved, the card untouched


@pytest.mark.parametrize(
    ("truck", "given", "line"),
    [
        # With its make and model, a code of another truck is a new truck: the line is new.
        (
            "1994 Toyota Corolla",
            {"make": "Suzuki", "model": "Carry", "model_code": "DA51T"},
            "1994 Suzuki Carry DA51T",
        ),
        # Alone, a code of the same truck takes the place of the line's.
        ("1999 Daihatsu Hijet S110P", {"model_code": "s100p"}, "1999 Daihatsu Hijet S100P"),
    ],
)
async def test_a_code_of_the_truck_given_is_the_lines(
    loopback: Loopback, keitora: RunningBot, truck: str, given: dict[str, str], line: str
) -> None:
    thread = await forum_build(loopback, title="Mine", truck=truck)
    moved = await loopback.slash("build spec", build="1", **given)
    assert moved.text.startswith("Spec of build #1 saved: ")
    assert moved.text.endswith(f". Its truck now reads “{line}”, as the spec says.")
    [embed] = card_edits(loopback, thread)
    assert embed["description"].startswith(f"**{line}** — by <@")
    assert truck_sent(embed) == tuple(line.split(" ")[1:])  # the line's make, model and code


async def test_a_model_code_agreeing_with_the_truck_is_added_to_its_line(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback, title="Carry", truck="1994 Suzuki Carry")
    added = await loopback.slash("build spec", build="1", model_code="da51t")
    assert added.text == (
        "Spec of build #1 saved: **Model code** DA51T. Its truck now reads “1994 Suzuki Carry "
        "DA51T”, as the spec says."
    )
    [embed] = card_edits(loopback, thread)
    assert embed["description"].startswith("**1994 Suzuki Carry DA51T** — by <@")

    # A line whose words name no kei truck is read by the code, and the reply says so.
    corolla = await start(loopback, title="Corolla?", truck="1994 Corolla")
    assert corolla.text.startswith("Build #2 started")
    read = await loopback.slash("build spec", build="2", model_code="DA51T")
    assert read.text == (
        "Spec of build #2 saved: **Model code** DA51T. Its truck now reads “1994 Corolla "
        "DA51T”, as the spec says.\n"
        "The model code DA51T is a Suzuki Carry's, so the card shows a Suzuki Carry: “Corolla” "
        "names no kei truck Keitora knows. If it is not a Carry, give the truck its own model "
        "code with `/build rename`, or none."
    )


async def test_a_code_refused_beside_a_make_names_the_truck_as_the_build_has_it(
    loopback: Loopback, keitora: RunningBot
) -> None:
    # The model the code implies (a Carry) is no word of the member's: the refusal names the
    # make they gave and the model their build has.
    await forum_build(loopback, title="Spec test", truck="1993 Honda Acty")
    await loopback.slash("build spec", build="1", make="Toyota", model="Hijet")
    refused = await loopback.slash("build spec", build="1", model_code="DA63T", make="Honda")
    sent = (refused.record.callback_body or {})["data"]
    assert sent["content"] == (
        "The model code DA63T is a Suzuki Carry's, so build #1 cannot be a Honda Hijet. "
        "Give the model code with the make and model (`model_code:`), or give none of them."
    )
