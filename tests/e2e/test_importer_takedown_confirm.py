"""A moderator's /importer delete of another importer's post asks first, through the loopback:
nothing is deleted until they confirm, "Keep it" changes nothing, and an importer taking down
their own post is not asked. Asserted on the requests the bot sent."""

from __future__ import annotations

from sandbox import Loopback, Reply

from .conftest import RunningBot
from .test_alert_takedowns import alert_dm_sent
from .test_importer_takedown import DELETE
from .test_importers import announce, posts_to, requests, server_ready
from .test_permissions import take_moderator_role
from .test_reminders import settled

TAKE_IT_DOWN, KEEP_IT = "Take it down", "Keep it"


async def taken_down_by_moderator(loopback: Loopback, ref: str = "1") -> Reply:
    """Marcus asks to take down announcement `ref` and confirms; the confirmation's answer."""
    marcus = loopback.member("Marcus")
    asked = await loopback.slash("importer delete", announcement=ref, actor=marcus)
    assert asked.message is not None, asked.text
    assert asked.message.buttons == [TAKE_IT_DOWN, KEEP_IT], asked.text
    return await loopback.click(asked, TAKE_IT_DOWN, actor=marcus)


async def test_a_moderator_is_asked_before_anothers_post_comes_down(
    keitora: RunningBot, loopback: Loopback
) -> None:
    yoshi, marcus = loopback.member("Yoshi"), loopback.member("Marcus")
    await alert_dm_sent(keitora, loopback)

    asked = await loopback.slash("importer delete", announcement="1", actor=marcus)

    assert asked.ephemeral
    assert asked.text == (
        "Take down “Hijet Jumbo arrived” from **Kei Imports**? It leaves the announcements "
        "channel and is deleted, the alert DMs about it say a moderator took it down, and "
        f"<@{yoshi.id}> is told by DM. This cannot be undone."
    ), asked.text
    assert asked.message is not None
    assert asked.message.buttons == [TAKE_IT_DOWN, KEEP_IT]
    assert requests(loopback, DELETE) == []
    kept = await loopback.click(asked, KEEP_IT, actor=marcus)
    assert kept.text == "Kept; nothing was taken down.", kept.text
    assert requests(loopback, DELETE) == []
    assert len(loopback.messages("announcements")) == 1

    taken = await taken_down_by_moderator(loopback)

    assert taken.text.startswith("Taken down by you, as a moderator:"), taken.text
    assert len(requests(loopback, DELETE)) == 1
    assert loopback.messages("announcements") == []


async def test_a_moderator_asked_about_a_post_still_on_its_way_is_told_it_will_not_be_posted(
    keitora: RunningBot, loopback: Loopback
) -> None:
    yoshi, marcus = loopback.member("Yoshi"), loopback.member("Marcus")
    await server_ready(loopback, trusted=True)
    jobs = keitora.bot.services.jobs
    jobs.pause_servers([loopback.guild.id])  # the outbox is behind: the post waits
    assert "on its way" in await announce(loopback, "Acty arrived")

    asked = await loopback.slash("importer delete", announcement="1", actor=marcus)

    assert asked.text == (
        "Take down “Acty arrived” from **Kei Imports**? It is still on its way to the "
        "announcements channel: it will not be posted, and is deleted; any alert DM about it "
        f"says a moderator took it down, and <@{yoshi.id}> is told by DM. This cannot be undone."
    ), asked.text
    taken = await loopback.click(asked, TAKE_IT_DOWN, actor=marcus)
    # Yoshi's DM waits with the rest of the outbox: the answer comes once that is said.
    await loopback.wait_until(lambda: "Taken down" in taken.text, within=10, what="the answer")
    assert taken.text.startswith(
        "Taken down by you, as a moderator (never posted): “Acty arrived” from **Kei Imports** "
        "is deleted, and will not be posted."
    ), taken.text
    jobs.resume_server(loopback.guild.id)
    await settled(keitora, "importer.%")
    assert posts_to(loopback, "announcements") == []


async def test_a_confirmation_that_outlives_the_moderators_role_is_refused(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    await alert_dm_sent(keitora, loopback)
    asked = await loopback.slash("importer delete", announcement="1", actor=marcus)
    # The confirmation is ephemeral: only Marcus sees it, and he may lose the role meanwhile.
    take_moderator_role(loopback, marcus)

    refused = await loopback.click(asked, TAKE_IT_DOWN, actor=marcus)

    assert refused.ephemeral
    assert "moderator" in refused.text, refused.text
    assert requests(loopback, DELETE) == []


async def test_an_importer_taking_down_their_own_is_not_asked(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await alert_dm_sent(keitora, loopback)

    taken = await loopback.slash(
        "importer delete", announcement="1", actor=loopback.member("Yoshi")
    )

    assert taken.text.startswith("Taken down: “Hijet Jumbo arrived”"), taken.text
    assert len(requests(loopback, DELETE)) == 1


async def forget_the_posts(keitora: RunningBot) -> None:
    """The daily purge forgets the outbox's record of where the posts went, as it does once
    their jobs are long done."""
    await keitora.store.execute("DELETE FROM deliveries")
    await keitora.store.execute("DELETE FROM jobs WHERE kind = 'importer.post'")


async def test_a_post_older_than_the_outboxs_records_is_taken_down_where_it_was_kept(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await alert_dm_sent(keitora, loopback)
    [card] = loopback.messages("announcements")
    await forget_the_posts(keitora)

    taken = await loopback.slash(
        "importer delete", announcement="1", actor=loopback.member("Yoshi")
    )

    assert taken.text.startswith("Taken down: “Hijet Jumbo arrived”"), taken.text
    [deleted] = requests(loopback, DELETE)
    assert deleted.path.endswith(f"/messages/{card.id}"), deleted.path


async def test_a_post_too_old_to_find_is_refused_before_the_question(
    keitora: RunningBot, loopback: Loopback
) -> None:
    await alert_dm_sent(keitora, loopback)
    # Posted before 0058, whose records of where the daily purge had forgotten since.
    await forget_the_posts(keitora)
    await keitora.store.execute("UPDATE announcements SET channel_id = NULL, message_id = NULL")

    asked = await loopback.slash(
        "importer delete", announcement="1", actor=loopback.member("Marcus")
    )

    assert asked.text == (
        "“Hijet Jumbo arrived” was posted too long ago for me to find its message; delete it "
        "in the announcements channel by hand."
    ), asked.text
    assert asked.message is not None
    assert asked.message.buttons == []
