"""/help follows the asker's rights: organizers' and importers' commands only to them, and a
topic typed by a member who may use none of it is refused, not shown."""

from __future__ import annotations

import re

from sandbox import Loopback

from .conftest import RunningBot

ORGANIZERS_OWN = {
    "create",
    "edit",
    "cancel",
    "restore",
    "template save",
    "template use",
    "template delete",
}
IMPORTERS_OWN = {"announce", "arrival", "withdraw", "edit", "delete", "feed url", "feed test"}


def overview(reply: object) -> dict[str, str]:
    embed = reply.record.callback_body["data"]["embeds"][0]  # type: ignore[attr-defined]
    return {field["name"]: field["value"] for field in embed["fields"]}


def usages(reply: object, topic: str) -> set[str]:
    """The commands a topic's page lists, without `/topic` and their options."""
    description = reply.record.callback_body["data"]["embeds"][0]["description"]  # type: ignore[attr-defined]
    return set(re.findall(rf"^`/{topic} ([a-z ]+?)(?: \[?[a-z_]+[:\]]|`)", description, re.M))


async def role_chosen(loopback: Loopback, kind: str, role: str) -> None:
    """The admin makes `role` the server's `kind` role (organizer, moderator, importer)."""
    chosen = loopback.guild.role(role)
    await loopback.slash("setup role", kind=kind, role=chosen, actor=loopback.member("Akiko"))


async def organizers_named(loopback: Loopback) -> None:
    await role_chosen(loopback, "organizer", "Organizer")


async def yoshi_registered(loopback: Loopback) -> None:
    registered = await loopback.slash(
        "importer-mod register",
        name="Kei Imports",
        member=loopback.member("Yoshi"),
        state="TX",
        actor=loopback.member("Marcus"),
    )
    assert registered.content.startswith("Registered “Kei Imports”"), registered.text


async def test_a_plain_member_is_not_shown_organizers_or_importers_commands(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await organizers_named(loopback)
    await yoshi_registered(loopback)
    mika, tammy, yoshi = (loopback.member(name) for name in ("Mika", "Tammy", "Yoshi"))

    listed = overview(await loopback.slash("help", actor=mika))
    assert listed["/meetup"].endswith("(6 commands)"), listed["/meetup"]
    assert listed["/importer"].endswith("(2 commands)"), listed["/importer"]
    meetup = usages(await loopback.slash("help", topic="meetup", actor=mika), "meetup")
    assert meetup == {"list", "info", "ics", "attendees", "calendar", "reminders"}, meetup
    importer = usages(await loopback.slash("help", topic="importer", actor=mika), "importer")
    assert importer == {"list", "info"}, importer

    organizer = usages(await loopback.slash("help", topic="meetup", actor=tammy), "meetup")
    assert organizer >= ORGANIZERS_OWN, ORGANIZERS_OWN - organizer
    assert overview(await loopback.slash("help", actor=tammy))["/meetup"].endswith("(13 commands)")
    registered = usages(await loopback.slash("help", topic="importer", actor=yoshi), "importer")
    assert registered >= IMPORTERS_OWN, IMPORTERS_OWN - registered


async def test_with_no_organizer_role_every_member_is_shown_the_organizers_commands(
    keitora: RunningBot, loopback: Loopback
) -> None:
    meetup = usages(await loopback.slash("help", topic="meetup"), "meetup")
    assert meetup >= ORGANIZERS_OWN, ORGANIZERS_OWN - meetup


async def test_a_staff_topic_typed_by_a_member_is_refused_and_shows_nothing(
    keitora: RunningBot, loopback: Loopback
) -> None:
    mika = loopback.member("Mika")
    for topic, refusal in (
        ("setup", "Only server admins (Manage Server) can"),
        ("glossary-mod", "Only moderators can"),
    ):
        reply = await loopback.slash("help", topic=topic, actor=mika)
        sent = reply.record.callback_body["data"]
        assert reply.ephemeral
        assert not sent.get("embeds"), topic
        assert sent["content"].startswith(refusal), sent["content"]
        assert "Topics you may use: " in sent["content"]
        assert "setup" not in sent["content"].split("Topics you may use: ")[1]
    # Those who may use them still read them.
    admin = await loopback.slash("help", topic="setup", actor=loopback.member("Akiko"))
    assert admin.embeds[0]["title"] == "/setup"
    moderator = await loopback.slash("help", topic="glossary-mod", actor=loopback.member("Marcus"))
    assert moderator.embeds[0]["title"] == "/glossary-mod"


async def test_a_topics_note_is_a_sentence_of_its_own(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # Tammy moderates by role alone, without Manage Messages: Discord hides /modqueue from her.
    await role_chosen(loopback, "moderator", "Organizer")
    listed = overview(await loopback.slash("help", actor=loopback.member("Tammy")))
    assert "moderators. Discord lists it for Manage Messages" in listed["/modqueue"], listed


def not_listed(reply: object) -> str:
    """The line of a topic's page saying which of its commands are not for the member, and why."""
    description = reply.record.callback_body["data"]["embeds"][0]["description"]  # type: ignore[attr-defined]
    return next(line for line in description.splitlines() if line.startswith("Not listed"))


async def test_importers_commands_not_listed_say_registration_is_what_is_missing(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await role_chosen(loopback, "importer", "Importer")
    registering = (
        "Not listed: 7 more commands, for registered importers: a moderator registers importers "
        "with /importer-mod register."
    )
    # Yoshi holds the Importer role, which alone makes no one an importer; Mika holds nothing.
    for member in ("Yoshi", "Mika"):
        page = await loopback.slash("help", topic="importer", actor=loopback.member(member))
        assert not_listed(page) == registering, member
    await yoshi_registered(loopback)
    await loopback.slash(
        "importer-mod suspend",
        importer="1",
        reason="**Prices** missing",
        actor=loopback.member("Marcus"),
    )
    page = await loopback.slash("help", topic="importer", actor=loopback.member("Yoshi"))
    assert not_listed(page) == (
        "Not listed: 3 more commands: Kei Imports is suspended (“\\*\\*Prices\\*\\* missing”); a "
        "moderator "
        "can lift that."
    )
    # An organizer's commands are still for those with the organizer role.
    await organizers_named(loopback)
    page = await loopback.slash("help", topic="meetup", actor=loopback.member("Mika"))
    assert not_listed(page) == "Not listed: 7 more commands, for members with other roles."
