"""A zone name typed in full-width letters, as a Japanese keyboard may give it, reads as the same
name in ordinary letters."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot


async def test_a_full_width_zone_name_is_read_as_the_name(
    keitora: RunningBot, loopback: Loopback
) -> None:
    admin = loopback.member("Akiko")
    for typed, zone in (("Ｃｅｎｔｒａｌ", "America/Chicago"), ("ｕｔｃ＋９", "Etc/GMT-9")):
        reply = await loopback.slash("setup timezone", tz=typed, actor=admin)

        sent = reply.record.callback_body["data"]["content"]
        assert sent.startswith("The server's time zone is now **"), sent
        assert f"(from {typed})" in sent
        config = await keitora.bot.services.setup.get(int(loopback.guild.id))
        assert config.timezone == zone
    choices = await loopback.autocomplete("setup timezone", "tz", "ｐｓｔ", actor=admin)
    assert choices[0]["value"] == "America/Los_Angeles"
