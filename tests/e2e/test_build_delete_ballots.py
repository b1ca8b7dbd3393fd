"""A build deleted from the open Build of the Month ballot: the question says first whether the
ballot goes on without it or, left with one build, is called off for good, and the answer says
which happened (a member is not sent to a moderator's command). A featured build's question
says its showcase post goes too. Both read from what the bot sent."""

from __future__ import annotations

from sandbox import Loopback, Message, Reply

from .conftest import RunningBot
from .test_showcase import setup_channels, showcase_posts, start_builds


def sent(reply: Reply) -> str:
    """The content the bot last sent for `reply`: its last edit, else its callback's message."""
    for edit in reversed(reply.edits):
        if "content" in edit:
            return str(edit["content"])
    return str(((reply.record.callback_body or {}).get("data") or {}).get("content", ""))


async def ballot_of(loopback: Loopback, *owners: str) -> tuple[Message, str]:
    """A ballot of the builds of `owners`, and the link the bot gives to it."""
    await setup_channels(loopback)
    await start_builds(loopback, *owners)
    numbers = ", ".join(str(n) for n in range(1, len(owners) + 1))
    marcus = loopback.member("Marcus")
    await loopback.slash("showcase-mod vote start", candidates=numbers, actor=marcus)
    [ballot] = showcase_posts(loopback)
    assert loopback.guild is not None
    link = f"https://discord.com/channels/{loopback.guild.id}/{ballot.channel_id}/{ballot.id}"
    return ballot, link


async def test_deleting_one_of_two_builds_warns_the_ballot_is_called_off_and_says_it_was(
    loopback: Loopback, keitora: RunningBot
) -> None:
    _, link = await ballot_of(loopback, "Mika", "Hank")
    mika = loopback.member("Mika")

    asked = await loopback.slash("build delete", build="1", actor=mika)
    assert sent(asked) == (
        "Delete build #1 “Build 1” for good? Its thread goes, with its card, 0 updates and "
        "0 parts; this cannot be undone. It is on the open Build of the Month ballot "
        f"({link}), which would be left with one build and called off: no votes are counted."
    )
    done = await loopback.click(asked, "Delete it", actor=mika)
    # A member cannot start a ballot: they are told who can.
    assert sent(done) == (
        "Deleted build #1 “Build 1”, with its thread, 0 updates and 0 parts. It left the Build "
        f"of the Month ballot ({link}), which is called off, as it was left with one build; "
        "the moderators can start a new one."
    )


async def test_a_moderator_deleting_one_of_two_builds_is_told_how_to_start_a_new_ballot(
    loopback: Loopback, keitora: RunningBot
) -> None:
    _, link = await ballot_of(loopback, "Mika", "Hank")
    marcus = loopback.member("Marcus")

    asked = await loopback.slash("build delete", build="1", reason="spam", actor=marcus)
    done = await loopback.click(asked, "Delete it", actor=marcus)
    assert sent(done) == (
        "Deleted build #1 “Build 1”, with its thread, 0 updates and 0 parts. Its owner is told "
        f"by DM. It left the Build of the Month ballot ({link}), which is called off, as it was "
        "left with one build. Start a new one with `/showcase-mod vote start` when you are ready."
    )


async def test_deleting_one_of_three_builds_says_the_ballot_goes_on_without_it(
    loopback: Loopback, keitora: RunningBot
) -> None:
    _, link = await ballot_of(loopback, "Mika", "Hank", "Rosa")
    mika = loopback.member("Mika")

    asked = await loopback.slash("build delete", build="1", actor=mika)
    assert sent(asked) == (
        "Delete build #1 “Build 1” for good? Its thread goes, with its card, 0 updates and "
        "0 parts; this cannot be undone. It leaves the open Build of the Month ballot "
        f"({link}), which goes on with the 2 other builds; votes for it are free again."
    )
    done = await loopback.click(asked, "Delete it", actor=mika)
    assert sent(done) == (
        "Deleted build #1 “Build 1”, with its thread, 0 updates and 0 parts. It left the open "
        f"Build of the Month ballot ({link}), which goes on with the 2 other builds."
    )


async def test_deleting_a_featured_build_says_first_its_showcase_post_goes_too(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika")
    await loopback.slash("showcase-mod feature", build="1", actor=loopback.member("Marcus"))
    [post] = showcase_posts(loopback)
    assert loopback.guild is not None
    link = f"https://discord.com/channels/{loopback.guild.id}/{post.channel_id}/{post.id}"
    mika = loopback.member("Mika")

    asked = await loopback.slash("build delete", build="1", actor=mika)
    assert sent(asked) == (
        "Delete build #1 “Build 1” for good? Its thread goes, with its card, 0 updates and "
        f"0 parts; this cannot be undone. It is featured: its showcase post ({link}) goes too."
    )
    done = await loopback.click(asked, "Delete it", actor=mika)
    assert sent(done) == (
        "Deleted build #1 “Build 1”, with its thread, 0 updates and 0 parts. Its showcase post "
        "went with it."
    )
    await loopback.wait_until(lambda: not showcase_posts(loopback), within=5, what="the post gone")
