"""/help and /setup through the loopback, permission refusals, and surviving gateway faults."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sandbox import Loopback

from .conftest import REPO, BotProcess, ErrorLog, RunningBot


def field_value(embed: dict, name: str) -> str:
    return next(field["value"] for field in embed["fields"] if field["name"] == name)


async def test_help_lists_what_exists(keitora: RunningBot, loopback: Loopback) -> None:
    reply = await loopback.slash("help", actor=loopback.member("Akiko"))  # an admin sees all
    assert reply.ephemeral
    names = {field["name"] for field in reply.embeds[0]["fields"]}
    assert {"/setup", "/auction", "/eligibility"} <= names

    topic = await loopback.slash("help", topic="setup", actor=loopback.member("Akiko"))
    assert "/setup channel kind: channel:" in topic.embeds[0]["description"]
    # What a member looks for first leads (list, then info), then the group's own commands in
    # their order, its subgroups' after: /build start before /build part add.
    build = await loopback.slash("help", topic="build")
    usages = re.findall(
        r"`/build ([a-z]+)", build.record.callback_body["data"]["embeds"][0]["description"]
    )
    assert usages[0] == "list"
    assert usages.index("start") < usages.index("update")
    assert usages.index("part") > max(usages.index("update"), usages.index("reopen"))


async def test_help_takes_a_topic_as_members_type_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    for typed in ("/meetup", "Meetup", " /MEETUP ", "/meetup create"):
        reply = await loopback.slash("help", topic=typed)
        sent = reply.record.callback_body["data"]
        assert sent["embeds"][0]["title"] == "/meetup", typed
    suggested = await loopback.autocomplete("help", "topic", "/Meet")
    assert [choice["value"] for choice in suggested] == ["meetup"]
    nothing = await loopback.slash("help", topic="/")
    assert "There is no help topic “/”" in nothing.content


async def test_help_for_an_unknown_topic_is_a_clear_refusal(
    keitora: RunningBot, loopback: Loopback
) -> None:
    reply = await loopback.slash("help", topic="@everyone")
    assert reply.ephemeral
    assert "no help topic" in reply.content
    # Whatever the text, the answer the bot sent allows no mentions at all.
    mentions = reply.record.callback_body["data"]["allowed_mentions"]
    assert mentions["parse"] == []
    assert not mentions.get("users")
    assert not mentions.get("roles")


async def test_admin_sets_up_the_server(keitora: RunningBot, loopback: Loopback) -> None:
    admin = loopback.member("Akiko")
    guild = loopback.guild
    steps = [
        ("setup channel", {"kind": "meetups", "channel": guild.channel("meetups")}),
        ("setup channel", {"kind": "builds", "channel": guild.channel("builds")}),
        ("setup role", {"kind": "moderator", "role": guild.role("Moderator")}),
        ("setup timezone", {"tz": "america/denver"}),
        ("setup reminders", {"offsets": "2d, 1h"}),
    ]
    for command, options in steps:
        reply = await loopback.slash(command, actor=admin, **options)
        assert reply.ephemeral, reply.text
        assert "now" in reply.content or "go out" in reply.content, reply.text

    shown = (await loopback.slash("setup show", actor=admin)).embeds[0]
    meetups, builds = guild.channel("meetups").id, guild.channel("builds").id
    assert f"meetups: <#{meetups}>" in field_value(shown, "Channels")
    assert f"builds: <#{builds}>" in field_value(shown, "Channels")
    assert f"moderator: <@&{guild.role('Moderator').id}>" in field_value(shown, "Roles")
    assert field_value(shown, "Time zone") == "America/Denver"
    assert field_value(shown, "Reminders") == "2 days before and 1 hour before each meetup"
    assert field_value(shown, "Word of the day") == "09:00 America/Denver"

    config = await keitora.bot.services.setup.get(int(guild.id))
    assert config.channels["meetups"] == int(meetups)


async def test_the_zone_a_us_name_means_is_named_in_the_reply(
    keitora: RunningBot, loopback: Loopback
) -> None:
    admin = loopback.member("Akiko")
    for typed, zone in (("PST", "America/Los_Angeles"), ("Central", "America/Chicago")):
        reply = await loopback.slash("setup timezone", tz=typed, actor=admin)
        said = f"The server's time zone is now **{zone}** (from {typed}). "
        assert reply.content.startswith(said), reply.content
    choices = await loopback.autocomplete("setup timezone", "tz", "pst", actor=admin)
    assert choices[0]["value"] == "America/Los_Angeles"
    offset = await loopback.slash("setup timezone", tz="utc+9", actor=admin)
    assert offset.content.startswith("The server's time zone is now **UTC+9** (from utc+9). ")
    [shown] = (await loopback.slash("setup show", actor=admin)).embeds
    assert field_value(shown, "Time zone") == "UTC+9"


async def test_help_promises_only_the_parts_that_exist(
    keitora: RunningBot, loopback: Loopback
) -> None:
    overview = (await loopback.slash("help")).embeds[0]
    assert "meetups" in overview["description"]
    assert "build logs" in overview["description"]
    assert "importers" in overview["description"]
    assert "planned" not in overview["description"].lower()


async def test_setup_commands_are_hidden_from_members_by_default(
    keitora: RunningBot, loopback: Loopback
) -> None:
    [setup] = [command for command in loopback.commands() if command["name"] == "setup"]
    assert setup["default_member_permissions"] == str(1 << 5)  # Manage Server
    assert setup["contexts"] == [0]  # guild only


async def test_a_member_is_refused_setup_and_nothing_changes(
    keitora: RunningBot, loopback: Loopback
) -> None:
    reply = await loopback.slash("setup timezone", tz="Asia/Tokyo", actor=loopback.member("Mika"))
    assert reply.ephemeral
    assert reply.content == "Only server admins (Manage Server) can change Keitora's settings."
    config = await keitora.bot.services.setup.get(int(loopback.guild.id))
    assert config.timezone is None


async def test_bad_input_is_refused_ephemerally(keitora: RunningBot, loopback: Loopback) -> None:
    admin = loopback.member("Akiko")
    reply = await loopback.slash("setup timezone", tz="Mars/Olympus", actor=admin)
    assert reply.ephemeral
    assert "not a time zone" in reply.content
    reply = await loopback.slash("setup reminders", offsets="x" * 5000, actor=admin)
    assert reply.ephemeral
    assert "not a reminder offset" in reply.content
    forum = loopback.guild.channel("builds")
    reply = await loopback.slash("setup channel", kind="glossary", channel=forum, actor=admin)
    assert reply.ephemeral
    assert f"must be a text or announcement channel; <#{forum.id}> is not" in reply.content
    assert "glossary" not in (await keitora.bot.services.setup.get(int(loopback.guild.id))).channels
    reply = await loopback.slash("setup channel", kind="builds", channel=forum, actor=admin)
    assert "now" in reply.content  # build logs are forum posts


async def test_none_turns_reminders_off_as_off_does(
    keitora: RunningBot, loopback: Loopback
) -> None:
    admin = loopback.member("Akiko")
    reply = await loopback.slash("setup reminders", offsets="none", actor=admin)
    assert reply.ephemeral
    assert reply.content.startswith("Meetup reminders are off in this server"), reply.content
    config = await keitora.bot.services.setup.get(int(loopback.guild.id))
    assert config.reminder_offsets == ()
    again = await loopback.slash("setup reminders", offsets="None", actor=admin)
    assert again.content.startswith("Meetup reminders were already off"), again.content


async def test_timezone_autocomplete(keitora: RunningBot, loopback: Loopback) -> None:
    choices = await loopback.autocomplete(
        "setup timezone", "tz", "denv", actor=loopback.member("Akiko")
    )
    assert {"name": "America/Denver", "value": "America/Denver"} in choices


async def _answers(loopback: Loopback) -> None:
    reply = await loopback.slash("help", topic="setup", actor=loopback.member("Akiko"))
    assert reply.embeds[0]["title"] == "/setup"


async def test_dropped_gateway_is_resumed(keitora: RunningBot, loopback: Loopback) -> None:
    await loopback.gateway.drop(4000)
    await loopback.wait_until(lambda: loopback.gateway.resumes == 1, what="a resume")
    await _answers(loopback)


async def test_reconnect_request_is_followed(keitora: RunningBot, loopback: Loopback) -> None:
    await loopback.gateway.reconnect()
    await loopback.wait_until(lambda: loopback.gateway.resumes == 1, what="a resume")
    await _answers(loopback)


@pytest.mark.parametrize("resumable", [False, True])
async def test_invalid_session_is_recovered(
    keitora: RunningBot, loopback: Loopback, resumable: bool
) -> None:
    gateway = loopback.gateway
    identifies = gateway.identifies

    def recovered() -> bool:
        new_session = gateway.resumes == 1 if resumable else gateway.identifies > identifies
        return gateway.connected and new_session

    # A new session is ready only once discord.py has waited out its guilds' arrival: a bot
    # closed before then leaves that wait running into a client already torn down.
    readied = None if resumable else asyncio.ensure_future(keitora.bot.wait_for("ready"))
    await gateway.invalidate(resumable)
    await loopback.wait_until(recovered, what="a new session")
    if readied is not None:
        await asyncio.wait_for(readied, timeout=30)
    await _answers(loopback)


async def test_restart_does_not_sync_unchanged_commands(
    keitora: RunningBot, loopback: Loopback
) -> None:
    def syncs() -> int:
        return sum(1 for r in loopback.requests if r.method == "PUT" and "commands" in r.template)

    assert syncs() == 1
    await keitora.restart()
    await _answers(loopback)
    assert syncs() == 1


async def test_killed_bot_restarts_on_the_same_database(
    bot_process: BotProcess, loopback: Loopback
) -> None:
    bot_process.start()
    await loopback.wait_ready(within=30)
    admin = loopback.member("Akiko")
    await loopback.slash("setup timezone", tz="America/Chicago", actor=admin, within=10)

    bot_process.kill()
    await loopback.wait_until(lambda: not loopback.gateway.connected, within=10, what="disconnect")
    bot_process.start()
    await loopback.wait_until(lambda: loopback.gateway.connected, within=30, what="reconnect")

    shown = await loopback.slash("setup show", actor=admin, within=10)
    assert field_value(shown.embeds[0], "Time zone") == "America/Chicago"
    assert bot_process.terminate() == 0
    assert "Keitora stopped cleanly" in bot_process.log()


async def test_an_unexpected_failure_gives_a_reference_that_is_in_the_log(
    keitora: RunningBot, loopback: Loopback, error_log: ErrorLog
) -> None:
    await keitora.store.execute("DROP TABLE guild_roles")
    reply = await loopback.slash("setup show", actor=loopback.member("Akiko"))
    assert reply.ephemeral
    match = re.fullmatch(
        r"Something went wrong on my side \(ref ([0-9A-F]{6})\)\..*", reply.content
    )
    assert match, reply.content
    [record] = error_log.records
    assert match.group(1) in record.getMessage()
    assert "/setup show" in record.getMessage()
    assert record.exc_info is not None
    error_log.records.clear()  # expected here; the fixture fails tests on any other error


async def test_a_rejected_token_is_one_clear_line(tmp_path: Path, loopback: Loopback) -> None:
    result = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "bot.py"],
        cwd=REPO,
        env={
            **os.environ,
            "DISCORD_TOKEN": "not.the.right.token",
            "DISCORD_API_BASE": loopback.api_base,
            "DATABASE_PATH": str(tmp_path / "k.sqlite3"),
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    # A configuration fault, which systemd's RestartPreventExitStatus=2 leaves stopped: logging
    # in again every 10 seconds with the same token would only be refused again.
    assert result.returncode == 2
    assert "Discord rejected the token (401 Unauthorized)" in result.stderr
    assert "Traceback" not in result.stderr
    assert "not.the.right.token" not in result.stderr


async def test_listing_servers_moves_commands_there_without_duplicates(
    keitora: RunningBot, loopback: Loopback
) -> None:
    assert "help" in {command["name"] for command in loopback.commands()}
    keitora.env = {"DISCORD_GUILD_IDS": loopback.guild.id}
    await keitora.restart()

    assert loopback.commands() == []  # the global list is emptied, not left beside the copies
    in_server = {command["name"] for command in loopback.commands(loopback.guild)}
    assert {"help", "setup", "glossary", "auction", "eligibility"} <= in_server
    reply = await loopback.slash("help")
    assert "/glossary" in {field["name"] for field in reply.embeds[0]["fields"]}
