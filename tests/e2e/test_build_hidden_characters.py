"""A build's title, truck, spec and part names through the loopback: a character that turns round
the text after it (U+202E) or shows nothing (U+200B) is refused naming the field and the
character, as an importer's name is, since each stands on the card, the thread's name, ballots
and DMs. Nothing is started, renamed, specced or added. An update's text is free text, as a
meetup's description: one that turns round is refused, one that hides a character is posted
without it. Asserted on what the bot sent."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_builds import (
    EDIT_CHANNEL,
    EDIT_MESSAGE,
    FORUM_POST,
    POST,
    builds_channel,
    card,
    forum_build,
    requests,
    start,
)

TURNED = "it turns round the text after it, so the {field} would not show as typed."
UNSEEN = (
    "it shows nothing, yet makes the {field} differ from one that looks the same; type it "
    "again rather than paste it."
)
OVERRIDE, SPACE = "U+202E (right-to-left override)", "U+200B (zero width space)"


async def test_a_title_or_truck_turned_round_or_hiding_a_character_starts_nothing(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await builds_channel(loopback)

    title = await start(loopback, title="Camper \u202eyrraC")
    truck = await start(loopback, truck="1994 Suzuki\u200b Carry DA51T")

    assert title.ephemeral
    assert truck.ephemeral
    assert title.text == (
        f"The build's title may not hold {OVERRIDE}: " + TURNED.format(field="build's title")
    ), title.text
    assert truck.text == f"The truck may not hold {SPACE}: " + UNSEEN.format(field="truck")
    assert requests(loopback, FORUM_POST) == []
    assert await keitora.store.fetchval("SELECT count(*) FROM builds") == 0


async def test_a_rename_spec_or_part_turned_round_changes_nothing(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    edits = len(requests(loopback, EDIT_MESSAGE)) + len(requests(loopback, EDIT_CHANNEL))

    rename = await loopback.slash("build rename", title="\u202eyrraC", where=thread)
    spec = await loopback.slash("build spec", build="1", lift="2\u2066 in")
    engine = await loopback.slash("build spec", build="1", engine="EF\u200bSE")
    part = await loopback.slash("build part add", name="Lift\u202e kit", cost="5", where=thread)

    assert all(reply.ephemeral for reply in (rename, spec, engine, part))
    assert rename.text == (
        f"The build's title may not hold {OVERRIDE}: " + TURNED.format(field="build's title")
    ), rename.text
    assert spec.text == (
        "The lift may not hold U+2066 (left-to-right isolate): " + TURNED.format(field="lift")
    ), spec.text
    assert engine.text == f"The engine may not hold {SPACE}: " + UNSEEN.format(field="engine")
    assert part.text == (
        f"The part's name may not hold {OVERRIDE}: " + TURNED.format(field="part's name")
    ), part.text
    assert len(requests(loopback, EDIT_MESSAGE)) + len(requests(loopback, EDIT_CHANNEL)) == edits
    shown = card(loopback, thread).embeds[0]
    assert shown["title"] == "#1 · Camper Carry"
    assert "EF" not in str(shown)
    assert await keitora.store.fetchval("SELECT count(*) FROM build_parts") == 0


async def test_an_update_turned_round_posts_nothing_and_a_hidden_space_is_dropped(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    posted = len(requests(loopback, POST))

    turned = await loopback.slash("build update", text="Lifted \u202etik", build="1")

    assert turned.ephemeral
    assert turned.text == (
        f"The update may not hold {OVERRIDE}: " + TURNED.format(field="update")
    ), turned.text
    assert len(requests(loopback, POST)) == posted
    assert await keitora.store.fetchval("SELECT count(*) FROM build_updates") == 0

    hidden = await loopback.slash("build update", text="Block\u200b lift", build="1")

    assert "Update posted" in hidden.text, hidden.text
    [sent] = [
        r.request for r in requests(loopback, POST) if r.path.endswith(f"/{thread.id}/messages")
    ]
    assert sent["embeds"][0]["description"] == "Block lift"
