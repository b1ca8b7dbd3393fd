"""A truck line and its spec name one truck, through the loopback: a line whose chassis code is
another make's or model's than its words name is refused at start and rename, and a new line
clears a kept code (or model) it contradicts, saying so; what the bot sent shows one truck."""

from __future__ import annotations

from sandbox import Loopback
from sandbox.api import Json

from .conftest import RunningBot
from .test_builds import EDIT_MESSAGE, FORUM_POST, builds_channel, forum_build, requests, start

CODE_OF_ANOTHER = (
    "The model code DA51T is a Suzuki Carry's, not a Toyota's: give the truck with its own "
    "model code, or leave the code out."
)


def fields_sent(embed: Json) -> dict[str, str]:
    return {f["name"]: f["value"] for f in embed["fields"]}


async def test_a_truck_whose_code_is_another_makes_is_refused_at_start_and_rename(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await builds_channel(loopback)
    refused = await start(loopback, title="Corolla", truck="1994 Toyota Corolla DA51T")
    assert refused.ephemeral
    assert refused.text == CODE_OF_ANOTHER
    assert requests(loopback, FORUM_POST) == []  # nothing posted, nothing saved
    missing = await loopback.slash("build show", build="1")
    assert missing.text == "There is no build #1 in this server."

    thread = await forum_build(loopback)  # 1994 Suzuki Carry DA51T
    edits = len(requests(loopback, EDIT_MESSAGE))
    renamed = await loopback.slash("build rename", build="1", truck="1994 Toyota Corolla DA51T")
    assert renamed.ephemeral
    assert renamed.text == CODE_OF_ANOTHER
    hijet = await loopback.slash("build rename", build="1", truck="Daihatsu Hijet DA51T")
    assert hijet.text == (
        "The model code DA51T is a Suzuki Carry's, not a Daihatsu Hijet's: give the truck with "
        "its own model code, or leave the code out."
    )
    assert len(requests(loopback, EDIT_MESSAGE)) == edits  # the card was not touched
    shown = (await loopback.slash("build show", build="1")).embeds[0]
    assert shown["description"].startswith("**1994 Suzuki Carry DA51T**")
    assert thread.id


async def test_a_new_truck_line_clears_a_kept_code_it_contradicts(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)  # 1994 Suzuki Carry DA51T
    # A known code with its make and model is a new truck, and the line follows them.
    hijet = await loopback.slash(
        "build spec", build="1", make="Daihatsu", model="Hijet", model_code="S500P"
    )
    assert hijet.text.startswith(
        "Spec of build #1 saved: **Make** Daihatsu · **Model** Hijet · **Model code** S500P. "
        "Its truck now reads “1994 Daihatsu Hijet S500P”, as the spec says.\n⚠️ The Daihatsu "
        "Hijet S500P was built 2014–present, not in 1994"
    )

    renamed = await loopback.slash("build rename", build="1", truck="1999 Suzuki Carry 4x4")
    assert renamed.text == (
        "Build #1 is now “Camper Carry”, “1999 Suzuki Carry 4x4”. Its model code S500P, a "
        "Daihatsu Hijet's, is cleared: the truck now reads otherwise."
    )
    [*_, edit] = [
        r for r in requests(loopback, EDIT_MESSAGE) if r.path.endswith(f"/messages/{thread.id}")
    ]
    embed = edit.request["embeds"][0]
    assert embed["description"].startswith("**1999 Suzuki Carry 4x4** — by <@")
    sent = fields_sent(embed)
    assert (sent["Year"], sent["Make"], sent["Model"], sent["Drive"]) == (
        "1999",
        "Suzuki",
        "Carry",
        "4WD",
    )
    assert "Model code" not in sent

    # A line naming only another make leaves no model of the old one behind.
    await loopback.slash("build spec", build="1", model="Carry Jumbo")
    maker = await loopback.slash("build rename", build="1", truck="1999 Honda")
    assert maker.text == (
        "Build #1 is now “Camper Carry”, “1999 Honda”. Its model “Carry Jumbo”, a Suzuki's, is "
        "cleared: the truck now reads otherwise."
    )
    shown = fields_sent((await loopback.slash("build show", build="1")).embeds[0])
    assert (shown["Make"], "Model" in shown) == ("Honda", False)


async def test_a_truck_read_by_its_code_alone_says_what_the_code_is(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await builds_channel(loopback)
    started = await start(loopback, title="Corolla?", truck="1994 Corolla DA51T")
    assert started.text.endswith(
        "\nThe model code DA51T is a Suzuki Carry's, so the card shows a Suzuki Carry: "
        "“Corolla” names no kei truck Keitora knows. If it is not a Carry, give the truck its "
        "own model code with `/build rename`, or none."
    )
    [post] = requests(loopback, FORUM_POST)
    shown = fields_sent(post.request["message"]["embeds"][0])
    assert (shown["Make"], shown["Model"]) == ("Suzuki", "Carry")

    renamed = await loopback.slash("build rename", build="1", truck="Ford Ranger DA51T")
    assert "“Ford” and “Ranger” name no kei truck Keitora knows." in renamed.text
    named = await loopback.slash("build rename", build="1", truck="1994 Suzuki Carry DA51T")
    assert "names no kei truck" not in named.text


async def test_a_year_outside_an_unconfirmed_codes_years_is_doubted_as_a_guess(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await forum_build(loopback)  # 1994 Suzuki Carry DA51T
    # The S200P's years are a guess (data/models.toml): the warning says so, not that it was
    # built only then.
    hijet = await loopback.slash(
        "build spec", build="1", make="Daihatsu", model="Hijet", model_code="S200P"
    )
    assert hijet.ephemeral
    assert (
        "\n⚠️ The Daihatsu Hijet S200P is listed as built 1999–2007 (unconfirmed), not in 1994"
        in (hijet.text)
    )
