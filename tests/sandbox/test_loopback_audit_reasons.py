"""The reason a bot gives for a moderation action, which Discord's audit log shows beside it:
sent as the X-Audit-Log-Reason header (URL-encoded, as discord.py sends it), kept decoded on
the loopback's record of the request, for a test to assert on what the bot said."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import ProbeBot


async def test_a_requests_audit_log_reason_is_recorded_as_the_bot_gave_it(
    loopback: Loopback, bot: ProbeBot
) -> None:
    reply = await loopback.slash("glossary lookup", term="keitora", public=True)
    assert reply.message is not None
    general = loopback.channel("general")
    reason = "Build #12 deleted – “Camper Carry” 100%/done"

    await bot.http.delete_message(int(general.id), int(reply.message.id), reason=reason)

    [deleted] = [r for r in loopback.requests if r.method == "DELETE"]
    assert deleted.audit_reason == reason
    assert all(r.audit_reason is None for r in loopback.requests if r is not deleted)
