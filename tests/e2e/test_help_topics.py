"""/help for a topic typed a little off: the close topic is named, as other commands do."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot


async def test_a_topic_a_letter_off_is_answered_with_the_close_one(
    keitora: RunningBot, loopback: Loopback
) -> None:
    for typed, meant in (
        ("importers", "importer"),
        ("glosary", "glossary"),
        ("/Meetups", "meetup"),
    ):
        reply = await loopback.slash("help", topic=typed)
        sent = reply.record.callback_body["data"]
        assert reply.ephemeral
        assert sent["content"].startswith(
            f"There is no help topic “{typed}”. Did you mean {meant}? Topics: "
        ), sent["content"]
    far = await loopback.slash("help", topic="pizza")
    assert "Did you mean" not in far.record.callback_body["data"]["content"]
    offered = await loopback.autocomplete("help", "topic", "importers")
    assert [choice["value"] for choice in offered] == ["importer"]


STAFF_TOPICS = {
    "/setup",
    "/glossary-mod",
    "/importer-mod",
    "/showcase-mod",
    "/build-mod",
    "/modqueue",
}


def listed(reply: object) -> set[str]:
    embed = reply.record.callback_body["data"]["embeds"][0]  # type: ignore[attr-defined]
    return {field["name"] for field in embed["fields"]}


async def test_the_overview_lists_what_the_member_asking_may_use(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # Discord hides a command behind its default_member_permissions: a member is not shown
    # commands they cannot find nor use, a moderator theirs, an admin (Manage Server) all.
    member = listed(await loopback.slash("help", actor=loopback.member("Mika")))
    assert {"/glossary", "/meetup", "/alerts"} <= member
    assert not member & STAFF_TOPICS, member & STAFF_TOPICS
    moderator = listed(await loopback.slash("help", actor=loopback.member("Marcus")))
    assert moderator & STAFF_TOPICS == STAFF_TOPICS - {"/setup"}
    assert listed(await loopback.slash("help", actor=loopback.member("Akiko"))) >= STAFF_TOPICS
    offered = await loopback.autocomplete("help", "topic", "mod", actor=loopback.member("Mika"))
    assert [choice["value"] for choice in offered] == []
    refused = await loopback.slash("help", topic="setting", actor=loopback.member("Mika"))
    assert "setup" not in refused.record.callback_body["data"]["content"]


async def test_a_moderator_by_role_alone_is_shown_theirs_and_why_discord_may_hide_them(
    keitora: RunningBot, loopback: Loopback
) -> None:
    guild, tammy = loopback.guild, loopback.member("Tammy")
    organizer = guild.role("Organizer")  # no Manage Messages
    await loopback.slash(
        "setup role", kind="moderator", role=organizer, actor=loopback.member("Akiko")
    )
    reply = await loopback.slash("help", actor=tammy)
    fields = {
        f["name"]: f["value"] for f in reply.record.callback_body["data"]["embeds"][0]["fields"]
    }
    assert "/setup" not in fields
    assert fields["/glossary-mod"].endswith(
        "Discord lists it for Manage Messages until an admin allows your role: "
        "`/help topic:glossary-mod`."
    ), fields["/glossary-mod"]
