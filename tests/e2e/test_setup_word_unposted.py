"""Where no glossary channel is set, the word of the day is not posted: every /setup reply that
names its hour says when it would go out once there is one, in the same words, and never that
it goes out."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot

UNPOSTED = "once a glossary channel is set (`/setup channel kind:glossary`)"


def sent(reply: object) -> str:
    return reply.record.callback_body["data"]["content"]  # type: ignore[attr-defined]


async def test_the_zone_and_the_hour_say_alike_that_the_word_would_go_out_once_posted(
    keitora: RunningBot, loopback: Loopback
) -> None:
    admin = loopback.member("Akiko")
    zone = sent(await loopback.slash("setup timezone", tz="PT", actor=admin))
    hour = sent(await loopback.slash("setup daily-word", hour=9, actor=admin))
    moved = sent(await loopback.slash("setup daily-word", hour=7, actor=admin))

    assert zone == (
        "The server's time zone is now **America/Los_Angeles** (from PT). The word of the day "
        f"keeps its hour in the new zone: it would go out at 09:00 America/Los_Angeles {UNPOSTED}."
    )
    assert hour == (
        f"The word of the day would already go out at 09:00 America/Los_Angeles {UNPOSTED}; "
        "nothing changed."
    )
    assert moved == f"The word of the day would now go out at 07:00 America/Los_Angeles {UNPOSTED}."


async def test_once_a_glossary_channel_is_set_the_word_goes_out(
    keitora: RunningBot, loopback: Loopback
) -> None:
    admin = loopback.member("Akiko")
    await loopback.slash(
        "setup channel", kind="glossary", channel=loopback.channel("glossary"), actor=admin
    )
    zone = sent(await loopback.slash("setup timezone", tz="Asia/Tokyo", actor=admin))
    hour = sent(await loopback.slash("setup daily-word", hour=9, actor=admin))

    assert zone.endswith("keeps its hour in the new zone: it goes out at 09:00 Asia/Tokyo.")
    assert hour == "The word of the day already goes out at 09:00 Asia/Tokyo; nothing changed."
