"""Every importer list a member picks from as they type finds a choice by the name it shows,
typed or pasted whole, cut to Discord's 100 characters, or its first words: the client (and the
sandbox console) offers what the bot answers, so a list that went empty under the text it had
shown could not be picked from that way. Asserted on the choices the bot sent."""

from __future__ import annotations

from sandbox import Loopback
from sandbox.state import Json

from .conftest import RunningBot
from .test_importers import announce, server_ready, settle
from .test_reminders import settled

LONG_TITLE = " ".join(["Hijet Jumbo"] * 20)  # 239 characters: its choice is cut


async def two_posted(keitora: RunningBot, loopback: Loopback) -> None:
    """Kei Imports (trusted) posted "Acty arrived", since retitled LONG_TITLE, and "Carry
    arrived"."""
    await server_ready(loopback, trusted=True)
    for title in ("Acty arrived", "Carry arrived"):
        await announce(loopback, title)
    await settle(loopback, "announcements", 2, "both announcements")
    await settled(keitora, "importer.%")
    await keitora.store.execute("UPDATE announcements SET title = ? WHERE id = 1", (LONG_TITLE,))


async def each_found_by_its_name(
    loopback: Loopback, command: str, option: str, actor: str
) -> list[Json]:
    """The choices of an empty box, each of which typing its shown name offers alone."""
    member = loopback.member(actor)
    offered = await loopback.autocomplete(command, option, "", actor=member)
    assert offered, f"/{command} offers {actor} nothing"
    for choice in offered:
        found = await loopback.autocomplete(command, option, choice["name"], actor=member)
        assert found == [choice], (choice, found)
    return offered


async def test_an_importers_own_announcements_are_found_by_their_shown_names(
    keitora: RunningBot, loopback: Loopback
) -> None:
    yoshi = loopback.member("Yoshi")
    await two_posted(keitora, loopback)

    posted = await each_found_by_its_name(loopback, "importer delete", "announcement", "Yoshi")
    assert [choice["name"] for choice in posted] == [
        "#2 Carry arrived",
        f"#1 {LONG_TITLE[:96].rstrip()}…",
    ]
    carry = posted[0]
    typed = {"#2": [carry], "#2 carry": [carry], "#2 Acty": [], "Hijet Jumbo Hijet…": [posted[1]]}
    for text, expected in typed.items():
        found = await loopback.autocomplete("importer delete", "announcement", text, actor=yoshi)
        assert found == expected, (text, found)

    await loopback.slash(
        "importer-mod edit", importer="1", trusted=False, actor=loopback.member("Marcus")
    )
    await announce(loopback, "Hijet arrived")
    waiting = await each_found_by_its_name(loopback, "importer withdraw", "announcement", "Yoshi")
    assert waiting == [{"name": "#3 Hijet arrived", "value": "3"}]


async def test_a_moderators_lists_find_announcements_and_importers_by_their_shown_names(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    await two_posted(keitora, loopback)

    posted = await each_found_by_its_name(loopback, "importer delete", "announcement", "Marcus")
    assert posted[0]["name"] == "Kei Imports: #2 Carry arrived"
    by_importer = await loopback.autocomplete(
        "importer delete", "announcement", "kei imports", actor=marcus
    )
    assert by_importer == posted

    asked = await loopback.slash("importer-mod remove", importer="1", actor=marcus)
    await loopback.click(asked, "Remove Kei Imports", actor=marcus)
    former = await each_found_by_its_name(loopback, "importer delete", "announcement", "Marcus")
    assert former[0]["name"] == "Kei Imports (former importer): #2 Carry arrived"
    assert len(former[1]["name"]) == 100

    long_name = " ".join(["Mini Truck Barn"] * 5)  # 79 characters, the most a name has
    for name, member in (("Kei Imports", "Yoshi"), (long_name, "Dale")):
        await loopback.slash(
            "importer-mod register", name=name, member=loopback.member(member), actor=marcus
        )
    importers = await each_found_by_its_name(loopback, "importer-mod suspend", "importer", "Marcus")
    assert [choice["name"] for choice in importers] == ["Kei Imports", long_name]
