"""An arrival's fields through the loopback: a make, model or notes holding a character that
shows nothing or turns round the text after it is refused as an announcement's title and text
are, and every problem of one arrival is told in one reply. Nothing is posted. Asserted on what
the bot sent."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_importers import arrive, posts_to, server_ready, settle

GRADES_ACCEPTED = (
    "grades are S, 9 to 1 (some houses grade new cars 7 to 9), 4.5, 3.5, R, RA, RB, RC, "
    "0 (repaired or ungraded, by house), X or *** (see /auction)."
)


async def nothing_announced(keitora: RunningBot, loopback: Loopback) -> None:
    assert posts_to(loopback, "announcements") == []
    assert await keitora.store.fetchval("SELECT count(*) FROM announcements") == 0


async def test_a_make_model_or_notes_turned_round_or_hiding_a_character_is_refused(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)

    reply = await arrive(
        loopback,
        1995,
        make="Dai\u200bhatsu",
        model="Hijet \u202eTEJIH",
        notes="Dump bed, call \u20665551234",
    )

    assert reply == (
        "The arrival has 3 problems:\n"
        "• The make may not hold U+200B (zero width space): it shows nothing, yet makes the "
        "make differ from one that looks the same; type it again rather than paste it.\n"
        "• The model may not hold U+202E (right-to-left override): it turns round the text "
        "after it, so the model would not show as typed.\n"
        "• The notes may not hold U+2066 (left-to-right isolate): it turns round the text "
        "after it, so the notes would not show as typed."
    ), reply
    await nothing_announced(keitora, loopback)


async def test_every_problem_of_an_arrival_is_told_in_one_reply(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)

    reply = await arrive(
        loopback,
        2099,
        grade="Z9",
        price="cheap",
        photo="kei.example/a.jpg",
        link="http://127.0.0.1/hijet",
    )

    assert reply.splitlines() == [
        "The arrival has 5 problems:",
        "• 2099 has not happened yet; give the year it was built.",
        f"• “Z9” is not an auction grade; {GRADES_ACCEPTED}",
        "• The price must be a positive whole number, such as 8,500.",
        "• The photo must be an https:// link, such as https://kei.example/trucks.",
        "• The link must be an https:// link, such as https://kei.example/trucks.",
    ], reply
    await nothing_announced(keitora, loopback)


async def test_a_grade_refused_names_every_grade_an_arrival_takes(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)

    refused = await arrive(loopback, 1995, grade="4.7")
    # Some houses grade new cars 7 to 9 and write 0 for a repair, so those are taken: the
    # refusal must not say grades stop at 6 while 9 and 0 go through.
    assert refused == f"“4.7” is not an auction grade; {GRADES_ACCEPTED}", refused
    await nothing_announced(keitora, loopback)
    for grade in ("9", "0", "RB"):  # the day's limit is 3
        assert "on its way" in await arrive(loopback, 1995, grade=grade)
    await settle(loopback, "announcements", 3, "the three arrivals")


async def test_pasted_characters_that_show_nothing_are_dropped_from_the_notes(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=True)

    reply = await arrive(loopback, 1995, notes="Dump\u00ad bed,\u200b A/C 👨\u200d🔧")

    assert "on its way" in reply, reply
    await settle(loopback, "announcements", 1, "the arrival card")
    [posted] = posts_to(loopback, "announcements")
    assert posted["embeds"][0]["description"] == "Dump bed, A/C 👨\u200d🔧", posted
