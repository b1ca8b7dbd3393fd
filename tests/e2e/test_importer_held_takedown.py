"""What a suspension holds back, approved but never posted, its importer may still take down,
through the loopback, as they may withdraw what waits for moderators: it was never shown, and
it is no more posted when the suspension is lifted. Asserted on what the bot sent."""

from __future__ import annotations

from bot.clock import ManualClock, unix
from sandbox import Loopback
from sandbox.state import Permission

from .conftest import RunningBot, eventually
from .test_importer_late_answers import said
from .test_importer_takedown import DELETE
from .test_importers import announce, posts_to, requests, server_ready, settle
from .test_reminders import settled


async def held_back(keitora: RunningBot, loopback: Loopback, clock: ManualClock) -> None:
    """Yoshi's (trusted) announcement, on its way when Marcus suspends Kei Imports: held."""
    jobs = keitora.bot.services.jobs
    jobs.pause_servers([loopback.guild.id])  # the outbox is behind: the post waits
    await server_ready(loopback, trusted=True)
    assert "on its way" in await announce(loopback, "Acty arrived, $5,500")
    suspended = await loopback.slash(
        "importer-mod suspend",
        importer="1",
        reason="Prices missing",
        actor=loopback.member("Marcus"),
    )
    assert "held back" in suspended.text, suspended.text
    jobs.resume_server(loopback.guild.id)

    async def held() -> bool:
        due = await keitora.store.fetchval(
            "SELECT due_at FROM jobs WHERE kind = 'importer.post' AND state = 'pending'"
        )
        return due is not None and due > unix(clock.now())

    await eventually(held, "the post held back")


async def test_a_suspended_importer_takes_down_what_the_suspension_holds_back(
    keitora: RunningBot, loopback: Loopback, clock: ManualClock
) -> None:
    yoshi, marcus = loopback.member("Yoshi"), loopback.member("Marcus")
    await held_back(keitora, loopback, clock)

    withdrawn = await loopback.slash("importer withdraw", announcement="1", actor=yoshi)
    taken = await loopback.slash("importer delete", announcement="1", actor=yoshi)

    # The suspension holds it back: it is not on its way, and goes out only if lifted.
    assert said(loopback, withdrawn)["content"] == (
        "“Acty arrived, $5,500” was approved, but is held back by the suspension and was never "
        "posted, so it cannot be withdrawn; take it down with /importer delete."
    ), withdrawn.text
    assert said(loopback, taken)["content"].startswith(
        "Taken down (never posted): “Acty arrived, $5,500” is deleted, and will not be posted."
    ), taken.text
    # Later it is called what the reply called it.
    again = await loopback.slash("importer delete", announcement="1", actor=yoshi)
    assert said(loopback, again)["content"] == "You took it down already.", again.text
    await loopback.slash("importer-mod unsuspend", importer="1", actor=marcus)
    await settled(keitora, "%")
    assert posts_to(loopback, "announcements") == []


async def test_a_suspended_importers_posted_announcement_stays_up(
    keitora: RunningBot, loopback: Loopback
) -> None:
    yoshi, marcus = loopback.member("Yoshi"), loopback.member("Marcus")
    await server_ready(loopback, trusted=True)
    assert "on its way" in await announce(loopback, "Acty arrived, $5,500")
    await settle(loopback, "announcements", 1, "the post")
    await settled(keitora, "importer.%")
    await loopback.slash("importer-mod suspend", importer="1", reason="Prices", actor=marcus)

    refused = await loopback.slash("importer delete", announcement="1", actor=yoshi)

    assert said(loopback, refused)["content"] == (
        "Kei Imports is suspended, so its posted announcements stay up while the moderators "
        "look at them; a moderator can take one down, or lift the suspension."
    ), refused.text
    assert requests(loopback, DELETE) == []
    assert len(loopback.messages("announcements")) == 1


async def test_one_discord_refused_to_post_is_said_to_be_so_and_may_be_taken_down(
    keitora: RunningBot, loopback: Loopback
) -> None:
    yoshi = loopback.member("Yoshi")
    await server_ready(loopback, trusted=True)
    await loopback.set_overwrite(
        loopback.channel("announcements"),
        loopback.guild.role("Keitora"),
        deny=Permission.SEND_MESSAGES,
    )
    assert "on its way" in await announce(loopback, "Acty arrived, $5,500")
    await settled(keitora, "importer.post")
    await loopback.slash(
        "importer-mod suspend", importer="1", reason="Prices", actor=loopback.member("Marcus")
    )

    withdrawn = await loopback.slash("importer withdraw", announcement="1", actor=yoshi)
    taken = await loopback.slash("importer delete", announcement="1", actor=yoshi)

    assert said(loopback, withdrawn)["content"] == (
        "“Acty arrived, $5,500” was approved, but could not be posted, so it cannot be "
        "withdrawn; take it down with /importer delete."
    ), withdrawn.text
    assert said(loopback, taken)["content"].startswith(
        "Taken down (never posted): “Acty arrived, $5,500”"
    ), taken.text
    assert requests(loopback, DELETE) == []


async def test_a_moderator_asked_about_one_the_suspension_holds_back_is_told_it_is_held(
    keitora: RunningBot, loopback: Loopback, clock: ManualClock
) -> None:
    yoshi, marcus = loopback.member("Yoshi"), loopback.member("Marcus")
    await held_back(keitora, loopback, clock)

    asked = await loopback.slash("importer delete", announcement="1", actor=marcus)

    assert said(loopback, asked)["content"] == (
        "Take down “Acty arrived, $5,500” from **Kei Imports**? It is held back by the "
        "suspension, never posted: it will not be posted, and is deleted; any alert DM about "
        f"it says a moderator took it down, and <@{yoshi.id}> is told by DM. This cannot be "
        "undone."
    ), asked.text
