"""What `/build spec` answers, through the loopback: what was saved, as the card now shows it
(each field given, by its label, and the tags), so a member sees what they set without opening
the card. Tires are `tires:`, as US members type them."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_builds import card, field, forum_build


async def test_a_spec_reply_says_what_was_saved(loopback: Loopback, keitora: RunningBot) -> None:
    thread = await forum_build(loopback)
    saved = await loopback.slash(
        "build spec", build="1", lift="2 inch", tires="23x10.5", drive="4WD", state="texas"
    )
    assert saved.ephemeral
    assert saved.text == (
        "Spec of build #1 saved: **Drive** 4WD · **Lift** 2 inch · **Tires** 23x10.5 · "
        "**State** TX."
    )
    # As US members write it, on the card too.
    assert field(card(loopback, thread).embeds[0], "Tires") == "23x10.5"
    tagged = await loopback.slash("build spec", build="1", diff_lock=True, tags="camper")
    assert tagged.text == "Spec of build #1 saved: **Diff lock** yes · **Tags** camper."
