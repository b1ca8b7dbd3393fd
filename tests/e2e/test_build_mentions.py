"""Mentions in the text a build shows (its title, truck, spec card and parts) are refused where
typed, naming the field, and nothing is saved: on a card, `<@123>` would show as a member, a
role or a channel, and `@everyone` reads as a ping to whoever sees it; `<id:browse>` and
`</build start:1>` as links that take whoever clicks them to a server's page or a command. An
update is the member's
own words in their own thread and keeps them, but pings nobody."""

from __future__ import annotations

import pytest

from sandbox import Loopback

from .conftest import RunningBot
from .test_builds import (
    EDIT_MESSAGE,
    FORUM_POST,
    POST,
    builds_channel,
    card,
    forum_build,
    requests,
    start,
)

# Discord's links to a server's own pages (onboarding, channels, its guide, linked roles) and
# to a slash command, which it shows as clickable names.
NAVIGATION = [
    "<id:customize>",
    "<id:browse>",
    "<id:guide>",
    "<id:linked-roles>",
    "</build start:9>",
]
MENTIONS = ["<@123>", "<@!123456789012345678>", "<@&42>", "<#7>", "@everyone", "@HERE", *NAVIGATION]
SAID = (
    " may not hold mentions (everyone, here, a member, a role), channels, or links to commands"
    " or to the server's pages."
)


@pytest.mark.parametrize("mention", MENTIONS)
async def test_a_mention_in_the_spec_is_refused_naming_the_field_and_nothing_is_saved(
    loopback: Loopback, keitora: RunningBot, mention: str
) -> None:
    thread = await forum_build(loopback)
    edits = len(requests(loopback, EDIT_MESSAGE))
    refused = await loopback.slash(
        "build spec", build="1", tires=mention, engine=f"{mention} swap", where=thread
    )
    assert refused.ephemeral
    assert refused.text == "Tires" + SAID
    for field, label in (("lift", "Lift"), ("import_route", "Import route"), ("model", "Model")):
        again = await loopback.slash("build spec", build="1", where=thread, **{field: mention})
        assert again.text == label + SAID
    assert len(requests(loopback, EDIT_MESSAGE)) == edits  # the card is as it was
    shown = await loopback.slash("build show", build="1")
    assert shown.record.callback_body is not None
    [sent] = shown.record.callback_body["data"]["embeds"]
    assert not {"Tires", "Engine", "Lift", "Import route"} & {f["name"] for f in sent["fields"]}
    assert mention not in str(card(loopback, thread).embeds)


async def test_a_mention_in_a_title_truck_or_part_is_refused_and_changes_nothing(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await builds_channel(loopback)
    title = await start(loopback, title="@here look @everyone")
    assert (title.ephemeral, title.text) == (True, "A build's title" + SAID)
    truck = await start(loopback, truck="1994 Suzuki Carry <@&42>")
    assert truck.text == "The truck" + SAID
    guided = await start(loopback, title="Read <id:guide> first")
    assert guided.text == "A build's title" + SAID
    command = await start(loopback, truck="1994 Carry </build start:9>")
    assert command.text == "The truck" + SAID
    assert requests(loopback, FORUM_POST) == []

    thread = await forum_build(loopback)
    edits = len(requests(loopback, EDIT_MESSAGE))
    renamed = await loopback.slash("build rename", title="Ask <@123>", where=thread)
    assert renamed.text == "A build's title" + SAID
    retrucked = await loopback.slash("build rename", truck="Carry <#7>", where=thread)
    assert retrucked.text == "The truck" + SAID
    part = await loopback.slash("build part add", name="@everyone bolt", cost="5", where=thread)
    assert part.text == "A part's name" + SAID
    for link in NAVIGATION:
        renamed = await loopback.slash("build rename", title=f"Go {link}", where=thread)
        assert renamed.text == "A build's title" + SAID
        retrucked = await loopback.slash("build rename", truck=f"Carry {link}", where=thread)
        assert retrucked.text == "The truck" + SAID
        part = await loopback.slash("build part add", name=f"{link} bolt", cost="5", where=thread)
        assert part.text == "A part's name" + SAID
    assert len(requests(loopback, EDIT_MESSAGE)) == edits
    listed = await loopback.slash("build part list", where=thread)
    assert "bolt" not in listed.text


async def test_an_update_keeps_its_mentions_and_pings_nobody(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    posted = len(requests(loopback, POST))
    await loopback.slash("build update", text="Thanks <@123> and @everyone", where=thread)
    [update] = requests(loopback, POST)[posted:]
    assert update.request["allowed_mentions"]["parse"] == []
    assert not update.request["allowed_mentions"].get("users")
    assert not update.request["allowed_mentions"].get("roles")
