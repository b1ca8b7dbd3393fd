"""A moderator suspends an importer with a reason, through the loopback: the importer is told
by DM, with the reason, and is shown it again when refused; a DM that Discord refuses leaves
the suspension in force and the moderator is told to tell them another way."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_importers import server_ready


async def test_a_suspension_gives_a_reason_that_the_importer_is_told_by_dm(
    keitora: RunningBot, loopback: Loopback
) -> None:
    yoshi, marcus = loopback.member("Yoshi"), loopback.member("Marcus")
    await server_ready(loopback, trusted=True)

    blank = await loopback.slash("importer-mod suspend", importer="1", reason="  ok ", actor=marcus)
    assert "The reason is too short: give at least 3 characters." in blank.text, blank.text
    suspended = await loopback.slash(
        "importer-mod suspend",
        importer="1",
        reason="@everyone Prices missing, see #rules",
        actor=marcus,
    )

    assert suspended.ephemeral
    assert f"Told <@{yoshi.id}> by DM, with your reason." in suspended.text, suspended.text
    [dm] = loopback.dms(yoshi)
    assert dm.content.startswith(
        "**Kei Imports** is suspended in **Kei Truck Owners of America** by its moderators: "
        "@\u200beveryone Prices missing, see #rules"
    ), dm.content
    assert "/importer withdraw" in dm.content
    # What a take-down may and may not do while it lasts, as /importer delete answers it.
    assert dm.content.endswith(
        "While it lasts you cannot announce, your feed is not read, and what was not sent yet "
        "is held back. You can still take back what waits for moderators with /importer "
        "withdraw, and take down what is held back with /importer delete; what is posted "
        "stays up while the moderators look at it. A moderator can lift the suspension."
    ), dm.content
    [request] = [r.request for r in loopback.requests if r.path.endswith("/messages")][-1:]
    assert request["allowed_mentions"]["parse"] == []
    refused = await loopback.slash("importer announce", actor=yoshi)
    assert refused.text.startswith("Kei Imports is suspended (“@"), refused.text
    assert refused.text.endswith("Prices missing, see #rules”); a moderator can lift that.")

    lifted = await loopback.slash("importer-mod unsuspend", importer="1", actor=marcus)
    assert f"Told <@{yoshi.id}> by DM." in lifted.text, lifted.text
    assert loopback.dms(yoshi)[-1].content.startswith(
        "The suspension of **Kei Imports** in **Kei Truck Owners of America** was lifted"
    ), loopback.dms(yoshi)[-1].content


async def test_a_dm_discord_refuses_leaves_the_suspension_in_force(
    keitora: RunningBot, loopback: Loopback
) -> None:
    yoshi, marcus = loopback.member("Yoshi"), loopback.member("Marcus")
    await server_ready(loopback, trusted=True)
    loopback.close_dms(yoshi)

    suspended = await loopback.slash(
        "importer-mod suspend", importer="1", reason="**Prices** missing", actor=marcus
    )

    assert suspended.text.startswith("“Kei Imports”: Suspended"), suspended.text
    assert (
        f"I could not DM <@{yoshi.id}> (Discord refused it); tell them another way."
        in suspended.text
    ), suspended.text
    refused = await loopback.slash("importer announce", actor=yoshi)
    # The reason shows as the moderator typed it, not in bold.
    assert "Kei Imports is suspended (“\\*\\*Prices\\*\\* missing”)" in refused.text, refused.text


async def test_a_suspension_is_answered_in_time_however_slow_the_dm_and_the_role_are(
    keitora: RunningBot, loopback: Loopback
) -> None:
    yoshi, marcus = loopback.member("Yoshi"), loopback.member("Marcus")
    await server_ready(loopback, trusted=True)
    # Discord is busy: opening the DM, sending it and changing the role take over 3 s in all.
    for method, route in (
        ("POST", "/users/@me/channels"),
        ("POST", "/channels/{channel_id}/messages"),
        ("PUT", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}"),
        ("DELETE", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}"),
    ):
        loopback.faults.slow(method, route, 1.2)

    for command, fields in (
        ("importer-mod suspend", {"reason": "Prices missing"}),
        ("importer-mod unsuspend", {}),
    ):
        reply = await loopback.slash(command, importer="1", actor=marcus, **fields)
        assert reply.type == 5, reply.text  # "thinking…" at once, for the moderator alone
        assert reply.ephemeral
        await reply.wait_until(lambda done: bool(done.edits or done.followups), within=10)
        assert f"<@{yoshi.id}>" in reply.text, reply.text
        assert "Unknown interaction" not in reply.text


async def test_a_reason_turned_round_is_refused_and_one_hiding_characters_is_told_without_them(
    keitora: RunningBot, loopback: Loopback
) -> None:
    yoshi, marcus = loopback.member("Yoshi"), loopback.member("Marcus")
    await server_ready(loopback, trusted=True)

    turned = await loopback.slash(
        "importer-mod suspend", importer="1", reason="Prices \u202egnissim", actor=marcus
    )
    assert turned.ephemeral
    assert turned.text == (
        "The reason may not hold U+202E (right-to-left override): it turns round the text after "
        "it, so the reason would not show as typed."
    ), turned.text
    assert loopback.dms(yoshi) == []
    suspended = await loopback.slash(
        "importer-mod suspend", importer="1", reason="Prices\u200b mis\u00adsing", actor=marcus
    )

    assert "Told" in suspended.text, suspended.text
    [dm] = loopback.dms(yoshi)
    assert "by its moderators: Prices missing\n" in dm.content, dm.content
