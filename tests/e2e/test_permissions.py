"""Who may do what, through the loopback: moderator commands are declared hidden from members
when synced and refused when used anyway, buttons and forms check again when they are used, and
guild commands are refused in direct messages."""

from __future__ import annotations

import json

from sandbox import Loopback, UserRef
from sandbox.state import Permission

from .conftest import RunningBot

GLOSSARY_MOD = ["add", "edit", "export", "history", "import", "remove", "restore", "suggestions"]
IN_DMS = "This command works inside a server, not in direct messages."


def synced_commands(loopback: Loopback) -> dict[str, dict]:
    """The global commands as the bot last sent them to the bulk-overwrite route, by name."""
    [*_, body] = [
        r.request
        for r in loopback.requests
        if (r.method, r.template) == ("PUT", "/applications/{application_id}/commands")
    ]
    return {command["name"]: command for command in body}


def take_moderator_role(loopback: Loopback, member: UserRef) -> None:
    """`member` is no longer a moderator from the next interaction on."""
    moderator = loopback.guild.role("Moderator")
    loopback.guild.members[member.id]["roles"].remove(moderator.id)


def give_moderator_role(loopback: Loopback, member: UserRef) -> None:
    """`member` is a moderator from the next interaction on."""
    moderator = loopback.guild.role("Moderator")
    loopback.guild.members[member.id]["roles"].append(moderator.id)


async def own_terms(keitora: RunningBot, loopback: Loopback) -> dict[str, object]:
    """The server's own glossary changes, as /glossary-mod export would give them."""
    return json.loads(await keitora.bot.services.glossary.export(int(loopback.guild.id)))


async def test_glossary_mod_is_synced_hidden_from_members_and_glossary_is_not(
    keitora: RunningBot, loopback: Loopback
) -> None:
    commands = synced_commands(loopback)
    curation, glossary = commands["glossary-mod"], commands["glossary"]
    assert int(curation["default_member_permissions"]) == Permission.MANAGE_MESSAGES
    assert curation["contexts"] == [0]
    assert sorted(option["name"] for option in curation["options"]) == GLOSSARY_MOD
    assert glossary["default_member_permissions"] is None
    assert sorted(option["name"] for option in glossary["options"]) == [
        "browse",
        "lookup",
        "random",
        "search",
        "suggest",
    ]
    assert int(commands["setup"]["default_member_permissions"]) == Permission.MANAGE_GUILD


async def test_a_member_is_refused_glossary_mod_and_nothing_changes(
    keitora: RunningBot, loopback: Loopback
) -> None:
    mika = loopback.member("Mika")
    before = await own_terms(keitora, loopback)

    add = await loopback.slash("glossary-mod add", actor=mika)
    assert add.ephemeral
    assert add.content == "Only moderators can edit the glossary."
    assert add.modal is None
    remove = await loopback.slash("glossary-mod remove", term="shaken", actor=mika)
    assert remove.content == "Only moderators can edit the glossary."

    assert await own_terms(keitora, loopback) == before
    assert (await loopback.slash("glossary lookup", term="shaken")).embeds[0]["title"] == "shaken"


async def test_a_configured_moderator_role_passes_without_manage_messages(
    keitora: RunningBot, loopback: Loopback
) -> None:
    # Discord lists /glossary-mod for Manage Messages by default; an admin who makes another
    # role the moderator role shows it to that role in Server Settings → Integrations.
    tammy, organizer = loopback.member("Tammy"), loopback.guild.role("Organizer")
    refused = await loopback.slash("glossary-mod history", term="keitora", actor=tammy)
    assert refused.content == "Only moderators can see the glossary's history."
    await loopback.slash(
        "setup role", kind="moderator", role=organizer, actor=loopback.member("Akiko")
    )
    history = await loopback.slash("glossary-mod history", term="keitora", actor=tammy)
    assert history.content.startswith("History of “keitora”")


async def test_moderator_buttons_and_forms_check_again_when_used(
    keitora: RunningBot, loopback: Loopback
) -> None:
    mika, marcus = loopback.member("Mika"), loopback.member("Marcus")
    await loopback.slash("glossary suggest", term="tanbo", meaning="A rice paddy.", actor=mika)
    queue = await loopback.slash("glossary-mod suggestions", actor=marcus)
    form = await loopback.slash("glossary-mod add", actor=marcus)
    assert form.modal is not None

    # The queue is ephemeral, so only Marcus can click it; he is asked again once he is no
    # moderator.
    take_moderator_role(loopback, marcus)  # while his queue and form are still open
    clicked = await loopback.click(queue, "Approve glossary #1", actor=marcus)
    assert clicked.content == "Only moderators can review the moderation queue."
    assert clicked.modal is None
    rejected = await loopback.click(queue, "Reject glossary #1", actor=marcus)
    assert rejected.content == "Only moderators can review the moderation queue."
    assert rejected.modal is None
    fields = {"Headword": "dump kit", "Meaning": "A kit that tips the bed.", "Category": "parts"}
    submitted = await loopback.submit_modal(form, fields, actor=marcus)
    assert submitted.ephemeral
    assert submitted.content == "Only moderators can edit the glossary."

    service, guild_id = keitora.bot.services.glossary, int(loopback.guild.id)
    assert [s.term for s in await service.pending_suggestions(guild_id)] == ["tanbo"]
    assert (await loopback.slash("glossary lookup", term="dump kit")).embeds == []


async def test_guild_commands_are_refused_in_direct_messages(
    keitora: RunningBot, loopback: Loopback
) -> None:
    mika = loopback.member("Mika")
    dm = loopback.dm_channel(mika)
    lookup = await loopback.slash("glossary lookup", term="keitora", actor=mika, where=dm)
    assert lookup.ephemeral
    assert lookup.content == IN_DMS
    curation = await loopback.slash("glossary-mod add", actor=mika, where=dm)
    assert curation.content == IN_DMS
    assert await loopback.autocomplete("glossary lookup", "term", "kei", actor=mika, where=dm) == []

    help_ = await loopback.slash("help", actor=mika, where=dm)  # not guild-only
    assert help_.embeds[0]["title"] == "Keitora help"


async def test_help_says_who_discord_lists_a_hidden_command_for(
    keitora: RunningBot, loopback: Loopback
) -> None:
    topic = await loopback.slash("help", topic="glossary-mod", actor=loopback.member("Marcus"))
    description = topic.embeds[0]["description"]
    assert "`/glossary-mod import file:` — Add or update terms from an export file" in description
    assert "Discord lists /glossary-mod only for members with Manage Messages." in description
    assert "Server Settings → Integrations → Keitora" in description
    admin = loopback.member("Akiko")
    setup = (await loopback.slash("help", topic="setup", actor=admin)).embeds[0]["description"]
    assert "only for members with Manage Server, and only they may use it" in setup
    assert "Integrations" not in setup  # listing /setup for a moderator role would not help
    glossary = (await loopback.slash("help", topic="glossary")).embeds[0]["description"]
    assert "Discord lists" not in glossary
