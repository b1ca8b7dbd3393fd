"""Bad input to the build commands, through the loopback: refused clearly and changing nothing,
over-long text stopped by Discord's client from the limits the bot declares, and a year its
model code was not built in pointed out."""

from __future__ import annotations

import pytest

from sandbox import Loopback
from sandbox.invoke import InvocationError

from .conftest import RunningBot
from .test_builds import (
    FORUM_POST,
    builds_channel,
    card,
    field,
    forum_build,
    newest_thread,
    option_limits,
    requests,
    start,
)


async def test_bad_input_is_refused_clearly_and_changes_nothing(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    before = len(loopback.requests)
    old = await start(loopback, truck="1850 Suzuki Carry")
    assert "A truck's year must be from 1960 to" in old.text
    for cost, said in (
        ("-5", "A cost cannot be negative. To take a part off the ledger, use `/build part "),
        ("1e12", "is not an amount"),
        ("¥45000", "The ledger counts US dollars, and “¥45000” is in another currency."),
    ):
        refused = await loopback.slash("build part add", name="Bolt", cost=cost, where=thread)
        assert refused.ephemeral
        assert said in refused.text
    general = loopback.channel("general")
    not_a_build = await loopback.slash("build update", text="Hi", where=general, build="999")
    assert "There is no build #999 in this server." in not_a_build.text
    words = await loopback.slash("build show", build="my truck")
    assert "Pick a build from the list" in words.text
    a_thread = await loopback.slash("build show", build=thread.id)  # a thread is no build
    assert "Pick a build from the list" in a_thread.text
    written = [r for r in loopback.requests[before:] if r.method in ("POST", "PATCH")]
    assert all("/interactions/" in r.path or "/webhooks/" in r.path for r in written)

    pinged = await start(loopback, title="@here look @everyone", truck="Carry")
    assert pinged.text.startswith("A build's title may not hold mentions")  # test_build_mentions
    [post] = requests(loopback, FORUM_POST)  # the card names its owner, and pings nobody
    assert post.request["message"]["allowed_mentions"] == {"parse": []} or (
        post.request["message"]["allowed_mentions"]["parse"] == []
    )
    assert loopback.messages(newest_thread(loopback))[0].raw["mention_everyone"] is False


async def test_text_options_tell_discord_their_limits_so_over_long_text_is_never_sent(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    assert option_limits(loopback, "build", "start") == {"title": 100, "truck": 100, "tags": None}
    assert option_limits(loopback, "build", "update")["text"] == 4000
    assert option_limits(loopback, "build", "part", "add")["name"] == 100
    spec = option_limits(loopback, "build", "spec")
    assert (spec["model"], spec["lift"], spec["tires"], spec["import_route"]) == (40, 60, 60, 60)
    assert option_limits(loopback, "build-mod", "lock")["reason"] == 200
    assert option_limits(loopback, "showcase", "nominate")["reason"] == 200
    assert option_limits(loopback, "showcase-mod", "feature")["note"] == 500
    # A member pasting 5,000 characters is stopped by Discord's client, before the bot.
    with pytest.raises(InvocationError, match="takes 1 to 4000 characters"):
        await loopback.slash("build update", text="x" * 5_000, where=thread)


async def test_a_year_its_model_code_was_not_built_in_is_kept_and_pointed_out_as_eligibility_does(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await builds_channel(loopback)
    doubt = (
        "\n⚠️ The Honda Acty HA9 was built 2009–2021, not in 1975: check the year or the model "
        "code; `/build spec` corrects either."
    )
    started = await start(loopback, truck="1975 Honda Acty HA9")
    assert started.text.startswith("Build #1 started")
    assert started.text.endswith(doubt)
    [post] = requests(loopback, FORUM_POST)
    embed = post.request["message"]["embeds"][0]
    assert (field(embed, "Year"), field(embed, "Model code")) == ("1975", "HA9")

    thread = newest_thread(loopback)
    fixed = await loopback.slash("build spec", year=2010, where=thread)
    # The card's truck line says what its spec says.
    assert fixed.text == (
        "Spec of build #1 saved: **Year** 2010. Its truck now reads “2010 Honda Acty HA9”, as "
        "the spec says."
    )
    moved = await loopback.slash(
        "build spec", make="Suzuki", model="Carry", model_code="DA63T", year=1999, where=thread
    )
    assert moved.text.startswith(
        "Spec of build #1 saved: **Year** 1999 · **Make** Suzuki · **Model** Carry · "
        "**Model code** DA63T. Its truck now reads “1999 Suzuki Carry DA63T”, as the spec "
        "says.\n⚠️ The Suzuki Carry DA63T was built"
    )
    assert field(card(loopback, thread).embeds[0], "Model code") == "DA63T"
