"""Where the sandbox console puts a person with `in`: only in a channel they can view, as
Discord shows them no other."""

from __future__ import annotations

from sandbox.console import Console

from .conftest import says


async def test_in_a_channel_one_cannot_view_is_refused_and_leaves_one_where_one_was(
    console: Console,
) -> None:
    # Mika was put in #mod-queue without a word, and every line after it was then refused.
    assert not await console.run("in #mod-queue")

    assert console.last_output == (
        "✗ Mika cannot view #mod-queue: Discord shows a channel only to members who may view "
        "it, as Akiko and Marcus may (as Marcus in #mod-queue)."
    )
    assert await says(console, "messages") == "(no messages in #general)"


async def test_as_and_in_together_need_the_member_to_view_the_channel(console: Console) -> None:
    assert not await console.run("as Dale in #mod-queue")
    assert console.last_output.startswith("✗ Dale cannot view #mod-queue")
    assert "KEITORA HELP" in await says(console, "/help")  # still Mika, still in #general
    assert console.last_output.startswith("(1) keitora:")

    assert await says(console, "as Marcus in #mod-queue")
    assert await says(console, "messages") == "(no messages in #mod-queue)"


async def test_as_and_in_together_say_both(console: Console) -> None:
    # Only the channel's line was the answer: a script's expect never saw who one acts as.
    assert await says(console, "as Tammy in #meetups") == (
        "You are Tammy now, until the next `as` alone.\n"
        "You are in #meetups now, until the next `in` alone."
    )


async def test_acting_as_one_who_cannot_view_the_channel_one_is_in_says_how_to_leave_it(
    console: Console,
) -> None:
    await says(console, "as Marcus in #mod-queue")

    again = await says(console, "as")

    assert again == (
        "You are Mika again, as every line is unless it starts `as`.\n"
        "Mika cannot view #mod-queue, where you are: `in` alone puts you back in #general."
    )
    assert "Dale cannot view #mod-queue, where you are" in await says(console, "as Dale")
    assert "cannot view" not in await says(console, "as Akiko")


async def test_as_in_a_thread_deleted_since_says_it_is_gone(console: Console) -> None:
    await says(console, "/build start title:Acty camper truck:1993 Honda Acty")
    await says(console, 'in "#Acty camper"')
    await says(console, "/build delete build:1")
    await says(console, "click Delete it")

    assert await says(console, "as Dale") == (
        "You are Dale now, until the next `as` alone.\n"
        "#Acty camper, where you are, is gone: `in` alone puts you back in #general."
    )
