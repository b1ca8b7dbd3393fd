""" "Fix the form" reopens a refused form with exactly what was typed in it, whatever Discord
does to the "What you sent" embed it is read back from: whitespace at a box's edges and at
the seams of a long box, a box of only spaces, an empty box, a typed zero-width space, and the
longest announcement within the 6,000 characters of an embed. Asserted on the modal the bot
sent after a restart."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_glossary_curation import FORM, form
from .test_importer_fix_after_restart import refused_restarted_and_reopened
from .test_importers import server_ready


def _spaced_body() -> str:
    """4,000 characters that start and end with whitespace, hold a run of spaces longer than
    an embed field, and have whitespace on both sides of every 1,022nd and 1,024th character."""
    lines = "Dump bed, 4WD, 41k km. \n  " * 40
    body = "\n  " + lines + " " * 1100 + "\u200bRust-free cab.\n\n" * 40
    body += "x" * (4000 - len(body) - 3) + "  \n"
    seams = (1022, 1024, 2044, 2048, 3066, 3072)
    for seam in seams:
        body = body[: seam - 1] + " \n " + body[seam + 2 :]
    assert len(body) == 4000
    return body


async def test_the_longest_announcement_with_whitespace_everywhere_reopens_as_typed(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await server_ready(loopback, trusted=False)
    typed = {
        "Title": "  Hijet " + "S" * 246 + "  ",
        "Text": _spaced_body(),
        "Link (https://…)": "kei.example/" + "h" * 500,  # no scheme: refused
        "Image URL (https://….jpg)": "https://kei.example/" + "i" * 488 + ".jpg",
    }
    assert [len(value) for value in typed.values()] == [256, 4000, 512, 512]
    opened = await loopback.slash("importer announce", actor=loopback.member("Yoshi"))

    reopened = await refused_restarted_and_reopened(keitora, loopback, opened, typed)

    assert form(reopened) == typed


async def test_a_glossary_form_reopens_with_blank_and_empty_boxes_as_typed(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    typed = {
        "headword": "\u200btanbo",
        "japanese": "",
        "meaning": "\n  A *rice* paddy: " + "flooded in spring. " * 52 + "wet rice fields \u200b",
        "category": "fields",  # no such category: refused
        "details": " " * 3000,
    }
    assert len(typed["meaning"]) == 1024
    opened = await loopback.slash("glossary-mod add", actor=marcus)
    refused = await loopback.submit_modal(opened, form(opened, **typed), actor=marcus)
    assert refused.message is not None
    assert refused.message.buttons == ["Fix the form"], refused.text

    await keitora.restart()
    reopened = await loopback.click(refused, "Fix the form", actor=marcus)

    assert {name: form(reopened)[label] for name, label in FORM.items()} == typed
