"""The parts ledger and the lists of builds through the loopback: exact totals by category,
costs as members type them, parts removed by name, and lists that filter and page."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot, database_held
from .test_builds import (
    EDIT_MESSAGE,
    a_day_on_after_a_days_starts,
    builds_channel,
    card,
    field,
    forum_build,
    requests,
    start,
)


async def test_the_ledger_totals_by_category_exactly_and_pages(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    for n in range(23):
        cost, category = ("0.10", "lighting") if n % 2 else ("0.20", "suspension")
        reply = await loopback.slash(
            "build part add", name=f"Part {n}", cost=cost, category=category, where=thread
        )
        assert "Added" in reply.text
    listed = await loopback.slash("build part list", build="1", actor=loopback.member("Dale"))
    embed = listed.embeds[0]
    assert field(embed, "suspension") == "$2.40 (12 parts)"
    assert field(embed, "lighting") == "$1.10 (11 parts)"
    assert field(embed, "Total") == "$3.50"
    assert "Spent, with updates' costs" not in [f["name"] for f in embed["fields"]]
    assert listed.message is not None
    assert listed.message.buttons == ["Next"]
    second = await loopback.click(listed, "Next", actor=loopback.member("Dale"))
    assert second.embeds[0]["footer"]["text"] == "Page 2 of 2 · 23 parts"
    assert field(card(loopback, thread).embeds[0], "Spent") == "$3.50"

    choices = await loopback.autocomplete("build part remove", "part", "Part 2", where=thread)
    number, name = choices[0]["name"].split(" · ", 1)
    assert name.startswith("Part 2 — suspension")  # as the list: suspension first, oldest first
    assert number == choices[0]["value"]
    removed = await loopback.slash("build part remove", part=choices[0]["value"], where=thread)
    assert "Removed Part 2" in removed.text

    # The card's Spent counts costs given with updates too; the ledger says so beside its total.
    await loopback.slash("build update", text="Paint", cost="150", where=thread)
    spent = field(card(loopback, thread).embeds[0], "Spent")
    embed = (await loopback.slash("build part list", build="1")).embeds[0]
    assert field(embed, "Total") == "$3.30"  # Part 2's $0.20 went
    assert field(embed, "Spent, with updates' costs") == f"{spent} (updates: $150.00)"
    assert spent == "$153.30"


async def test_costs_typed_in_full_width_or_with_usd_reach_the_card_as_dollars(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    lift = await loopback.slash(
        "build part add", name="リフトキット", cost="１，２００", where=thread
    )
    assert "Added リフトキット ($1,200.00, other)" in lift.text
    await loopback.slash("build update", text="Tyres on", cost="300 USD", where=thread)
    edits = [r for r in requests(loopback, EDIT_MESSAGE) if r.path.endswith(f"/{thread.id}")]
    assert field(edits[-1].request["embeds"][0], "Spent") == "$1,500.00"


async def test_a_part_may_be_removed_by_the_name_typed(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    # Typed with two spaces: stored as the removal reads it, with one.
    for name, cost in (("Roof rack", "129.99"), ("Roof rack", "129.99"), ("Bed  mat", "40")):
        await loopback.slash("build part add", name=name, cost=cost, where=thread)
    await loopback.slash("build part add", name="12", cost="5", where=thread)  # no part has id 12

    numbered = await loopback.slash("build part remove", part="12", where=thread)
    assert numbered.text.startswith("Removed 12 from build #1.")
    removed = await loopback.slash("build part remove", part="  bed MAT ", where=thread)
    assert removed.text.startswith("Removed Bed mat from build #1.")
    twice = await loopback.slash("build part remove", part="roof rack", where=thread)
    assert twice.ephemeral
    assert twice.text == (
        "Build #1 has more than one part called “roof rack”; pick the one to remove from the "
        "list as you type."
    )
    none = await loopback.slash("build part remove", part="Lift kit", where=thread)
    assert none.text == (
        "Build #1 has no part called “Lift kit”; pick one from the list as you type."
    )
    listed = await loopback.slash("build part list", build="1", actor=loopback.member("Dale"))
    assert field(listed.embeds[0], "Total") == "$259.98"


async def test_a_ledger_of_one_part_says_one_part(loopback: Loopback, keitora: RunningBot) -> None:
    thread = await forum_build(loopback)
    await loopback.slash("build part add", name="Bed mat", cost="40", where=thread)
    listed = await loopback.slash("build part list", build="1")
    embed = listed.embeds[0]
    assert embed["fields"][0]["value"] == "$40.00 (1 part)"
    assert embed["footer"]["text"] == "Page 1 of 1 · 1 part"


async def test_lists_filter_and_page_and_the_garage_shows_a_members_builds(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await builds_channel(loopback)
    for n in range(12):
        a_day_on_after_a_days_starts(keitora, n)
        truck = "1994 Suzuki Carry DA51T" if n % 2 else "Honda Acty HA4 1996"
        await start(loopback, "Mika" if n < 11 else "Rosa", title=f"Build {n}", truck=truck)
    await loopback.slash("build spec", build="3", drive="4WD", state="tx", lift="2 in")
    carries = await loopback.slash("build list", model_code="da51t")
    assert carries.embeds[0]["footer"]["text"] == "Page 1 of 1 · 6 builds"
    texas = await loopback.slash("build list", state="TX", drive="4WD")
    assert "Build 2" in texas.text
    assert "Page 1 of 1 · 1 build" in texas.text
    assert "1 builds" not in texas.text
    everything = await loopback.slash("build list")
    assert everything.message is not None
    assert everything.message.buttons == ["Next"]
    page_two = await loopback.click(everything, "Next")
    assert "Build 0" in page_two.text
    garage = await loopback.slash("garage", member=loopback.member("Rosa"))
    assert "Build 11" in garage.text
    assert "garage: 1 build (page 1 of 1)" in garage.text
    choices = await loopback.autocomplete("build show", "build", "Build 1")
    assert {c["value"] for c in choices} >= {"2", "11", "12"}
    tags = await loopback.autocomplete("build start", "tags", "camper, of", title="x", truck="y")
    assert [c["value"] for c in tags] == ["camper, off-road"]


async def test_a_page_turn_held_up_by_the_database_still_replaces_the_page(
    loopback: Loopback, keitora: RunningBot
) -> None:
    guild_id, mika = int(loopback.guild.id), int(loopback.member("Mika").id)  # type: ignore[union-attr]
    for n in range(11):
        a_day_on_after_a_days_starts(keitora, n)
        await keitora.bot.services.builds.start(guild_id, mika, f"Build {n}", "Carry", None)
    first = await loopback.slash("build list")
    async with database_held(keitora.store):
        turned = await loopback.click(first, "Next", within=10)

    assert turned.type == 6  # deferred as an update of the page
    await turned.wait_until(lambda r: bool(r.edits))
    assert turned.edits[-1]["embeds"][0]["footer"]["text"].startswith("Page 2 of 2")
    followup = ("POST", "/webhooks/{webhook_id}/{webhook_token}")
    assert not [r for r in loopback.requests if (r.method, r.template) == followup]
