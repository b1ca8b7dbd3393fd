"""/timezone set and /setup timezone through the loopback with the zone names members from
beyond the mainland type: each reply names the IANA zone chosen, and IST is asked about."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot


async def test_a_member_s_zone_name_from_abroad_is_set_and_the_reply_names_its_zone(
    keitora: RunningBot, loopback: Loopback
) -> None:
    member = loopback.member("Rosa")
    for typed, zone in (
        ("BST", "Europe/London"),
        ("AST", "America/Halifax"),
        ("JST", "Asia/Tokyo"),
    ):
        reply = await loopback.slash("timezone set", tz=typed, actor=member)
        sent = reply.record.callback_body["data"]  # type: ignore[index]
        assert sent["flags"] & 64, typed  # ephemeral
        assert sent["content"].startswith(f"Your time zone is now **{zone}** (from {typed}). ")
    members = keitora.bot.services.meetups.members
    assert await members.member_zone(int(loopback.guild.id), int(member.id)) == "Asia/Tokyo"


async def test_the_server_s_zone_is_set_from_a_name_from_abroad(
    keitora: RunningBot, loopback: Loopback
) -> None:
    admin = loopback.member("Akiko")
    gmt_hint = (
        " The UK keeps GMT only in winter (BST in summer): for UK time, set UK or Europe/London."
    )
    for typed, zone, hint in (
        ("AEDT", "Australia/Sydney", ""),
        ("CET", "Europe/Berlin", ""),
        ("GMT", "UTC", gmt_hint),
    ):
        reply = await loopback.slash("setup timezone", tz=typed, actor=admin)
        sent = reply.record.callback_body["data"]  # type: ignore[index]
        said = f"The server's time zone is now **{zone}** (from {typed}).{hint}"
        assert sent["content"].startswith(said), typed
    config = await keitora.bot.services.setup.get(int(loopback.guild.id))
    assert config.timezone == "UTC"


async def test_ist_is_asked_about_changes_nothing_and_its_zones_are_suggested(
    keitora: RunningBot, loopback: Loopback
) -> None:
    member = loopback.member("Yoshi")
    await loopback.slash("timezone set", tz="Asia/Tokyo", actor=member)
    reply = await loopback.slash("timezone set", tz="IST", actor=member)
    sent = reply.record.callback_body["data"]  # type: ignore[index]
    assert sent["flags"] & 64
    assert sent["content"] == (
        "IST is India's, Ireland's and Israel's: which did you mean? Type Asia/Kolkata for "
        "India, Europe/Dublin for Ireland, or Asia/Jerusalem for Israel."
    )
    members = keitora.bot.services.meetups.members
    assert await members.member_zone(int(loopback.guild.id), int(member.id)) == "Asia/Tokyo"
    choices = await loopback.autocomplete("timezone set", "tz", "IST", actor=member)
    assert [choice["value"] for choice in choices[:3]] == [
        "Asia/Kolkata",
        "Europe/Dublin",
        "Asia/Jerusalem",
    ]


async def test_setting_ast_points_a_member_in_puerto_rico_to_its_zone(
    keitora: RunningBot, loopback: Loopback
) -> None:
    member = loopback.member("Rosa")
    reply = await loopback.slash("timezone set", tz="AST", actor=member)
    sent = reply.record.callback_body["data"]  # type: ignore[index]
    assert sent["content"].startswith(
        "Your time zone is now **America/Halifax** (from AST). Puerto Rico keeps AST all year: "
        "for it, set Puerto Rico or America/Puerto_Rico. The times you type"
    )
    fixed = await loopback.slash("timezone set", tz="Puerto Rico", actor=member)
    content = fixed.record.callback_body["data"]["content"]  # type: ignore[index]
    assert content.startswith(
        "Your time zone is now **America/Puerto_Rico** (from Puerto Rico). The"
    )


async def test_setting_the_server_s_zone_to_mst_or_ast_points_to_the_zone_kept_all_year(
    keitora: RunningBot, loopback: Loopback
) -> None:
    admin = loopback.member("Akiko")
    for typed, zone, hint in (
        (
            "MST",
            "America/Denver",
            "Arizona keeps MST all year: for it, set Arizona or America/Phoenix.",
        ),
        (
            "AST",
            "America/Halifax",
            "Puerto Rico keeps AST all year: for it, set Puerto Rico or America/Puerto_Rico.",
        ),
        ("Puerto Rico", "America/Puerto_Rico", ""),
    ):
        reply = await loopback.slash("setup timezone", tz=typed, actor=admin)
        sent = reply.record.callback_body["data"]  # type: ignore[index]
        said = f"The server's time zone is now **{zone}** (from {typed})."
        assert sent["content"].startswith(f"{said} {hint}".strip()), typed
    config = await keitora.bot.services.setup.get(int(loopback.guild.id))
    assert config.timezone == "America/Puerto_Rico"


async def test_a_members_zone_chosen_again_says_it_was_already_theirs(
    keitora: RunningBot, loopback: Loopback
) -> None:
    tammy = loopback.member("Tammy")
    await loopback.slash("timezone set", tz="Asia/Tokyo", actor=tammy)
    again = await loopback.slash("timezone set", tz="Tokyo", actor=tammy)
    sent = again.record.callback_body["data"]
    assert sent["content"] == (
        "Your time zone was already **Asia/Tokyo** (from Tokyo); nothing changed."
    )
    assert sent["flags"] & 64
