"""The card's truck line and its spec, through the loopback: a spec whose chassis code is another
truck's is refused, a spec the line contradicts rewrites the line, and free text stays inert."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_builds import card, field, forum_build


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
        "Spec of build #1 saved. Its truck now reads “1993 Daihatsu Hijet S83P”, as the spec says."
    )
    shown = card(loopback, thread).embeds[0]
    assert shown["description"].startswith("**1993 Daihatsu Hijet S83P** — by <@")
    assert (field(shown, "Make"), field(shown, "Model")) == ("Daihatsu", "Hijet")

    # Free text stays as typed, inert: no emphasis, list or heading Markdown (a mention is
    # refused: test_build_mentions).
    await loopback.slash("build spec", build="1", lift="*2 in*", tyres="-3 in", engine="# EF")
    shown = card(loopback, thread).embeds[0]
    assert field(shown, "Lift") == "\\*2 in\\*"
    assert field(shown, "Tyres") == "\\-3 in"
    assert field(shown, "Engine") == "\\# EF"
    assert shown["description"].startswith("**1993 Daihatsu Hijet S83P**")  # unchanged


async def test_a_model_given_in_kana_is_the_model_its_code_is(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)  # 1994 Suzuki Carry DA51T
    saved = await loopback.slash("build spec", build="1", model="キャリイ")
    assert saved.text == "Spec of build #1 saved."  # the truck line already says a Carry
    shown = card(loopback, thread).embeds[0]
    assert (field(shown, "Model"), field(shown, "Model code")) == ("キャリイ", "DA51T")
    assert shown["description"].startswith("**1994 Suzuki Carry DA51T**")
