"""The word of the day's hour is read in the server's zone: /setup show names that zone beside
the hour, and /setup timezone says the hour now goes by the new zone."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot


def word_of_the_day(reply: object) -> str:
    embed = reply.record.callback_body["data"]["embeds"][0]  # type: ignore[attr-defined]
    return next(field["value"] for field in embed["fields"] if field["name"] == "Word of the day")


async def test_setup_show_names_the_zone_of_the_word_of_the_days_hour(
    keitora: RunningBot, loopback: Loopback
) -> None:
    admin = loopback.member("Akiko")
    assert word_of_the_day(await loopback.slash("setup show", actor=admin)) == (
        "09:00 UTC: this server has no time zone (`/setup timezone` sets one)"
    )
    await loopback.slash("setup timezone", tz="America/Denver", actor=admin)
    await loopback.slash("setup daily-word", hour=7, actor=admin)
    assert word_of_the_day(await loopback.slash("setup show", actor=admin)) == (
        "07:00 America/Denver"
    )


async def test_a_new_server_zone_says_the_word_of_the_day_moves_with_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    admin = loopback.member("Akiko")
    await loopback.slash("setup daily-word", hour=7, actor=admin)
    reply = await loopback.slash("setup timezone", tz="PT", actor=admin)
    sent = reply.record.callback_body["data"]["content"]
    assert sent == (
        "The server's time zone is now **America/Los_Angeles** (from PT). The word of the day "
        "keeps its hour in the new zone: it would go out at 07:00 America/Los_Angeles once a "
        "glossary channel is set (`/setup channel kind:glossary`)."
    ), sent
    # Chosen again, nothing moves, and nothing is said of it.
    again = await loopback.slash("setup timezone", tz="America/Los_Angeles", actor=admin)
    assert "word of the day" not in again.record.callback_body["data"]["content"]


async def test_japans_zone_is_set_by_tokyos_japanese_name(
    keitora: RunningBot, loopback: Loopback
) -> None:
    admin = loopback.member("Akiko")
    reply = await loopback.slash("setup timezone", tz="東京", actor=admin)
    assert reply.record.callback_body["data"]["content"].startswith(
        "The server's time zone is now **Asia/Tokyo** (from 東京)."
    )
    offered = await loopback.autocomplete("setup timezone", "tz", "PT", actor=admin)
    assert [choice["value"] for choice in offered] == ["America/Los_Angeles"]
