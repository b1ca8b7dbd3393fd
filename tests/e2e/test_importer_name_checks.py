"""An importer's name through the loopback: one holding a character that shows nothing or turns
round the text after it is refused at registration and at a change, as an announcement's title
is, since the name stands on every card and alert DM. Nothing is registered or changed.
Asserted on what the bot sent."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_importers import server_ready


async def test_a_name_turned_round_or_hiding_a_character_is_refused(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)
    marcus, mika = loopback.member("Marcus"), loopback.member("Mika")

    registered = await loopback.slash(
        "importer-mod register", name="Kei\u202eStropmi", member=mika, actor=marcus
    )
    renamed = await loopback.slash(
        "importer-mod edit", importer="1", name="Kei\u200bImports", actor=marcus
    )

    assert registered.ephemeral
    assert registered.text == (
        "The importer's name may not hold U+202E (right-to-left override): it turns round the "
        "text after it, so the importer's name would not show as typed."
    ), registered.text
    assert renamed.text == (
        "The importer's name may not hold U+200B (zero width space): it shows nothing, yet "
        "makes the importer's name differ from one that looks the same; type it again rather "
        "than paste it."
    ), renamed.text
    names = await keitora.store.fetchall("SELECT name FROM importers")
    assert [row["name"] for row in names] == ["Kei Imports"]
