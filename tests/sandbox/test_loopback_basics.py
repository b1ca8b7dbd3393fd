"""The probe bot logs in, syncs and answers through the loopback without breaking the spec."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import ProbeBot


async def test_login_ready_and_slash_answered_without_violations(
    loopback: Loopback, bot: ProbeBot
) -> None:
    reply = await loopback.slash("glossary lookup", term="keitora", public=True)

    assert reply.type == 4
    assert reply.embeds[0]["title"] == "keitora"
    assert not reply.ephemeral
    assert [m.id for m in loopback.messages("general")] == [reply.message.id]
    assert loopback.violations == []
    assert loopback.unknown_routes == []
