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
