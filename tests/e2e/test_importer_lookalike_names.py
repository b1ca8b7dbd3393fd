"""A second importer whose name reads as the first's but for its symbols is refused, through
the loopback: the moderator is told whose name it would pass for, only they see it, and no
importer is registered. Asserted on what the bot sent."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_importer_late_answers import said
from .test_importers import server_ready


async def test_a_name_reading_as_a_taken_one_is_refused_to_the_moderator(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)

    refused = await loopback.slash(
        "importer-mod register",
        name="Kei-Imports.",
        member=loopback.member("Dale"),
        actor=loopback.member("Marcus"),
    )

    answer = said(loopback, refused)
    assert answer["content"] == (
        "There is already an importer named “Kei Imports”, which “Kei-Imports.” would read "
        "as; give a name members can tell apart."
    ), answer
    assert answer["flags"] & 64, answer  # ephemeral
    assert await keitora.store.fetchval("SELECT count(*) FROM importers") == 1


async def test_a_taken_name_typed_another_way_is_refused_naming_the_importer_that_has_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)

    answers = []
    for typed in ("KEI  IMPORTS", "Kei Imports"):
        refused = await loopback.slash(
            "importer-mod register",
            name=typed,
            member=loopback.member("Dale"),
            actor=loopback.member("Marcus"),
        )
        answers.append(said(loopback, refused)["content"])

    assert answers == [
        "There is already an importer named “Kei Imports”, which “KEI IMPORTS” would read as; "
        "give a name members can tell apart.",
        "There is already an importer named “Kei Imports”.",
    ], answers
    assert await keitora.store.fetchval("SELECT count(*) FROM importers") == 1
