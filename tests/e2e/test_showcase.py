"""/showcase through the loopback: nominations, features that are posted, pinned and tagged once
per build however many moderators click, the 50-pin limit, and Build of the Month ballots under
a crowd of voters and a restart."""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, datetime

import pytest

from sandbox import ChannelRef, Loopback, Message
from sandbox.api import File
from sandbox.core import RequestRecord
from sandbox.state import ChannelType, Permission, UserRef
from tests.images import png

from .conftest import BURST, RunningBot

POST = ("POST", "/channels/{channel_id}/messages")
PIN = ("PUT", "/channels/{channel_id}/messages/pins/{message_id}")
UNPIN = ("DELETE", "/channels/{channel_id}/messages/pins/{message_id}")
PNG = png(320, 240, padding=512)
# The day the showcase's ballots open on in these tests: their results name its month, December
# 2026 (in UTC: no zone is set).
BALLOT_DAY = datetime(2026, 12, 5, 19, 0, tzinfo=UTC)
pytestmark = pytest.mark.clock(BALLOT_DAY)


def requests(loopback: Loopback, route: tuple[str, str]) -> list[RequestRecord]:
    return [r for r in loopback.requests if (r.method, r.template) == route]


async def setup_channels(loopback: Loopback) -> ChannelRef:
    admin = loopback.member("Akiko")
    for kind in ("builds", "showcase"):
        channel = loopback.channel(kind)
        await loopback.slash("setup channel", kind=kind, channel=channel, actor=admin)
    return loopback.channel("showcase")


async def start_builds(loopback: Loopback, *owners: str) -> list[ChannelRef]:
    threads = []
    for n, owner in enumerate(owners, start=1):
        reply = await loopback.slash(
            "build start",
            title=f"Build {n}",
            truck="1994 Suzuki Carry DA51T",
            tags="camper",
            actor=loopback.member(owner),
        )
        assert f"Build #{n} started" in reply.text
        thread = max(
            (c for c in loopback.world.channels.values() if c["type"] in ChannelType.THREADS),
            key=lambda c: int(c["id"]),
        )
        threads.append(ChannelRef(thread["id"], thread["name"], thread["guild_id"], thread["type"]))
    return threads


def showcase_posts(loopback: Loopback) -> list[Message]:
    return [m for m in loopback.messages("showcase") if m.author.id == loopback.bot.id]


async def grant_manage_channels(loopback: Loopback) -> None:
    """An admin lets the bot manage channels (so it may create the Featured forum tag)."""
    assert loopback.guild is not None
    role = next(r for r in loopback.guild.roles.values() if r["managed"])
    role["permissions"] = str(int(role["permissions"]) | Permission.MANAGE_CHANNELS)
    await loopback.gateway.dispatch(
        "GUILD_ROLE_UPDATE", {"guild_id": loopback.guild.id, "role": role}
    )


async def test_members_nominate_others_builds_once_and_moderators_see_them(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika")
    own = await loopback.slash("showcase nominate", build="1", actor=loopback.member("Mika"))
    assert "cannot nominate your own build" in own.text
    first = await loopback.slash(
        "showcase nominate", build="1", reason="@everyone look", actor=loopback.member("Dale")
    )
    assert "is nominated" in first.text
    again = await loopback.slash("showcase nominate", build="1", actor=loopback.member("Dale"))
    assert "nominated build #1 already" in again.text
    listed = await loopback.slash("modqueue", actor=loopback.member("Marcus"))
    dale = loopback.member("Dale").id
    assert f"`nomination #1` Build #1 · Build 1 — <@{dale}>, <t:" in listed.text
    refused = await loopback.slash("modqueue", actor=loopback.member("Dale"))
    assert refused.text.startswith("Only moderators can")
    await loopback.slash("showcase-mod feature", build="1", actor=loopback.member("Marcus"))
    late = await loopback.slash("showcase nominate", build="1", actor=loopback.member("Rosa"))
    assert "featured already" in late.text
    emptied = await loopback.slash("modqueue", actor=loopback.member("Marcus"))
    assert "Nothing is waiting" in emptied.text  # featuring answered the nomination


async def test_feature_posts_pins_tags_and_marks_the_card_and_unfeature_reverses_it(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await grant_manage_channels(loopback)
    showcase = await setup_channels(loopback)
    [thread] = await start_builds(loopback, "Mika")
    await loopback.slash(
        "build update",
        text="Painted",
        photo=File("paint.png", PNG, "image/png"),
        where=thread,
        actor=loopback.member("Mika"),
    )
    marcus = loopback.member("Marcus")
    reply = await loopback.slash("showcase-mod feature", build="1", note="Lovely", actor=marcus)
    assert "is featured" in reply.text
    [post] = showcase_posts(loopback)
    assert post.pinned
    embed = post.embeds[0]
    assert embed["title"] == "★ #1 · Build 1"
    photo = next(m for m in loopback.messages(thread) if m.attachments).attachments[0].url
    assert embed["image"]["url"] == photo
    assert f"<#{thread.id}>" in post.text
    forum = loopback.world.channels[loopback.channel("builds").id]
    featured = next(t for t in forum["available_tags"] if t["name"] == "Featured")
    assert featured["moderated"] is True
    assert featured["id"] in loopback.world.channels[thread.id]["applied_tags"]
    card = loopback.world.messages[thread.id][thread.id]
    assert card["embeds"][0]["title"].startswith("★ ")

    dale = await loopback.slash("showcase-mod feature", build="1", actor=loopback.member("Dale"))
    assert dale.text == "Only moderators can feature builds."
    undone = await loopback.slash("showcase-mod unfeature", build="1", actor=marcus)
    assert "no longer featured" in undone.text
    assert showcase_posts(loopback) == []
    assert loopback.world.pins[showcase.id] == {}
    assert featured["id"] not in loopback.world.channels[thread.id]["applied_tags"]
    assert not loopback.world.messages[thread.id][thread.id]["embeds"][0]["title"].startswith("★")


async def test_two_moderators_featuring_one_build_at_once_make_one_post(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika")
    replies = await asyncio.gather(
        *(
            loopback.slash("showcase-mod feature", build="1", actor=loopback.member(name))
            for name in ("Marcus", "Akiko", "Marcus", "Akiko")
        )
    )
    assert sum("is featured in" in r.text for r in replies) == 1
    # The others are refused: featured already, or another moderator at it; never told to
    # wait for a post that is on its way.
    refused = ("Build #1 is featured already.", "Another moderator is featuring build #1 right now")
    assert sum(r.text.startswith(refused) for r in replies) == 3, [r.text for r in replies]
    assert len(showcase_posts(loopback)) == 1
    assert len(requests(loopback, PIN)) == 1


async def first_of_two_featured(loopback: Loopback) -> tuple[ChannelRef, Message]:
    """The showcase channel, with Mika's build #1 featured there (its post returned) and Dale's
    build #2 not."""
    showcase = await setup_channels(loopback)
    await start_builds(loopback, "Mika", "Dale")
    await loopback.slash("showcase-mod feature", build="1", actor=loopback.member("Marcus"))
    [first] = showcase_posts(loopback)
    return showcase, first


async def test_at_fifty_pins_the_oldest_feature_is_unpinned_to_make_room(
    loopback: Loopback, keitora: RunningBot
) -> None:
    showcase, first = await first_of_two_featured(loopback)
    marcus = loopback.member("Marcus")
    for n in range(49):  # the channel fills up with pins of other messages
        message = await loopback.post(showcase, f"pinned by hand {n}", actor=marcus)
        loopback.world.pins[showcase.id][message.id] = loopback.world.now_iso()
    reply = await loopback.slash("showcase-mod feature", build="2", actor=marcus)
    assert "build #1) was unpinned" in reply.text or "(build #1) was unpinned" in reply.text
    second = showcase_posts(loopback)[-1]
    pins = loopback.world.pins[showcase.id]
    assert len(pins) == 50
    assert second.id in pins
    assert first.id not in pins
    [unpin] = requests(loopback, UNPIN)
    assert unpin.path.endswith(first.id)


async def ballot_message(loopback: Loopback) -> Message:
    return next(m for m in showcase_posts(loopback) if m.components)


@BURST
async def test_two_hundred_voters_at_once_and_a_restart_count_each_members_last_vote(
    loopback: Loopback, keitora: RunningBot
) -> None:
    assert loopback.guild is not None
    await setup_channels(loopback)
    await start_builds(loopback, "Mika", "Dale", "Rosa")
    marcus = loopback.member("Marcus")
    opened = await loopback.slash("showcase-mod vote start", candidates="1, 2, 3", actor=marcus)
    assert "The ballot is open" in opened.text
    again = await loopback.slash("showcase-mod vote start", candidates="1, 2", actor=marcus)
    assert "A ballot is open already" in again.text
    ballot = await ballot_message(loopback)
    assert ballot.buttons == ["#1 Build 1", "#2 Build 2", "#3 Build 3"]

    voters = [loopback.guild.add_member(f"Voter {n}") for n in range(200)]
    chooser = random.Random(11)
    last: dict[str, int] = {}

    async def vote(voter: UserRef, build: int) -> None:
        reply = await loopback.click(ballot, f"#{build} Build {build}", actor=voter, within=60)
        assert f"Your vote is for #{build}" in reply.text
        assert reply.ephemeral

    first_round = {v.id: chooser.randint(1, 3) for v in voters}
    await asyncio.gather(*(vote(v, first_round[v.id]) for v in voters))
    last.update(first_round)
    changers = voters[:60]
    second_round = {v.id: chooser.randint(1, 3) for v in changers}
    await asyncio.gather(*(vote(v, second_round[v.id]) for v in changers))
    last.update(second_round)

    await keitora.restart()
    third_round = {v.id: 3 for v in voters[150:]}
    await asyncio.gather(*(vote(v, 3) for v in voters[150:]))
    last.update(third_round)

    closed = await loopback.slash("showcase-mod vote close", actor=marcus)
    expected = {b: sum(1 for choice in last.values() if choice == b) for b in (1, 2, 3)}
    for build, votes in expected.items():
        assert f"#{build} Build {build}: {votes} votes" in closed.text
    winner = max(expected, key=lambda b: expected[b])
    assert (
        f"The Build of the Month for December 2026 is **#{winner} Build {winner}**" in closed.text
    )
    closed_ballot = next(m for m in loopback.messages("showcase") if m.id == ballot.id)
    assert closed_ballot.components == []  # the closed ballot takes no more clicks
    shut = next(
        r.request
        for r in loopback.requests
        if r.method == "PATCH" and r.path == f"/channels/{ballot.channel_id}/messages/{ballot.id}"
    )
    assert shut["components"] == []
    assert shut["embeds"][0]["title"] == "Build of the Month: voting closed"  # not "vote!"
    assert (
        f"The Build of the Month for December 2026 is **#{winner} Build {winner}**"
        in shut["embeds"][0]["description"]
    )
    await loopback.wait_until(lambda: len(showcase_posts(loopback)) == 2, what="the result")
    result = showcase_posts(loopback)[-1]
    assert (
        f"The Build of the Month for December 2026 is **#{winner} Build {winner}**"
        in result.content
    )
    assert result.embeds[0]["title"] == "Build of the Month · December 2026"


async def test_a_tie_is_announced_as_a_tie(loopback: Loopback, keitora: RunningBot) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika", "Dale")
    marcus = loopback.member("Marcus")
    await loopback.slash("showcase-mod vote start", candidates="#1 #2", actor=marcus)
    ballot = await ballot_message(loopback)
    await loopback.click(ballot, "#1 Build 1", actor=loopback.member("Rosa"))
    await loopback.click(ballot, "#2 Build 2", actor=loopback.member("Hank"))
    closed = await loopback.slash("showcase-mod vote close", actor=marcus)
    assert (
        "It's a tie for the Build of the Month for December 2026 between **#1 Build 1** and "
        "**#2 Build 2**!" in closed.text
    )
    assert "#1 Build 1: 1 vote\n#2 Build 2: 1 vote" in closed.text


async def test_an_owner_cannot_vote_for_their_own_build(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika", "Dale")
    await loopback.slash(
        "showcase-mod vote start", candidates="1, 2", actor=loopback.member("Marcus")
    )
    ballot = await ballot_message(loopback)
    mika = loopback.member("Mika")
    own = await loopback.click(ballot, "#1 Build 1", actor=mika)
    assert own.ephemeral
    assert "You cannot vote for your own build" in own.text, own.text
    other = await loopback.click(ballot, "#2 Build 2", actor=mika)
    assert "Your vote is for #2" in other.text
    again = await loopback.click(ballot, "#1 Build 1", actor=mika)
    assert "You cannot vote for your own build" in again.text  # the vote for #2 stands
    closed = await loopback.slash("showcase-mod vote close", actor=loopback.member("Marcus"))
    assert "#2 Build 2: 1 vote\n#1 Build 1: 0 votes" in closed.text


async def test_a_ballot_started_while_one_is_open_is_told_so_whatever_was_nominated(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika", "Dale", "Rosa")
    marcus = loopback.member("Marcus")
    opened = await loopback.slash("showcase-mod vote start", candidates="1, 2", actor=marcus)
    assert "The ballot is open" in opened.text
    # No nomination waits for a ballot: the open one is still what stops this one.
    again = await loopback.slash("showcase-mod vote start", actor=marcus)
    assert again.ephemeral
    assert again.text == "A ballot is open already; close it with `/showcase-mod vote close` first."
