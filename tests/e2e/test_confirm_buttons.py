"""The danger buttons of the questions asked before something is done for good keep their
custom ids: a question already posted in Discord is answered by the custom id it was sent with,
so a deploy that changed one would leave every question asked before it dead. Each is clicked by
that id, as Discord sends it, and does what it asked."""

from __future__ import annotations

from sandbox import Loopback, Reply, UserRef

from .conftest import RunningBot
from .test_alert_takedowns import alert_dm_sent
from .test_builds import forum_build
from .test_importers import server_ready
from .test_showcase import showcase_posts, start_builds
from .test_showcase_nominations import queue_ready


async def confirmed_by(
    loopback: Loopback, asked: Reply, custom_id: str, kept: str, actor: UserRef
) -> str:
    """The answer to `actor` clicking `custom_id`, once the question `asked` is seen to have
    been sent with it and its "Keep it" (keeping `kept`), in that order."""
    original = asked.record.original
    assert original is not None, asked.text
    sent = [button["custom_id"] for row in original["components"] for button in row["components"]]
    assert sent == [custom_id, f"keep:{kept}"]
    return (await loopback.click(asked, custom_id, actor=actor)).text


async def ballot_a_lock_calls_off(loopback: Loopback) -> None:
    """Builds #1 and #2 on the open ballot, with a vote: a lock of either would call it off."""
    await queue_ready(loopback)
    await start_builds(loopback, "Mika", "Hank")
    marcus = loopback.member("Marcus")
    await loopback.slash("showcase-mod vote start", candidates="1, 2", actor=marcus)
    [ballot] = showcase_posts(loopback)
    await loopback.click(ballot, "#2 Build 2", actor=loopback.member("Dale"))


async def test_a_lock_question_answers_its_custom_id(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await ballot_a_lock_calls_off(loopback)
    marcus = loopback.member("Marcus")
    asked = await loopback.slash("build-mod lock", build="1", actor=marcus)

    locked = await confirmed_by(loopback, asked, "build:lock:1", "locked", marcus)
    assert locked.startswith("Build #1 is locked."), locked


async def test_a_delete_update_question_answers_its_custom_id(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await forum_build(loopback)
    await loopback.slash("build update", text="Lifted", build="1")
    marcus = loopback.member("Marcus")
    [choice] = await loopback.autocomplete(
        "build delete-update", "update", "", build="1", actor=marcus
    )
    asked = await loopback.slash(
        "build delete-update", update=choice["value"], build="1", reason="x", actor=marcus
    )

    deleted = await confirmed_by(loopback, asked, "build:unpost:1", "deleted", marcus)
    assert deleted.startswith("Deleted the update “Lifted” from build #1."), deleted


async def test_a_remove_importer_question_answers_its_custom_id(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await server_ready(loopback, trusted=True)
    marcus = loopback.member("Marcus")
    asked = await loopback.slash("importer-mod remove", importer="1", actor=marcus)

    removed = await confirmed_by(loopback, asked, "importer:remove:1", "removed", marcus)
    assert removed.startswith("Removed “Kei Imports”"), removed


async def test_a_take_down_question_answers_its_custom_id(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await alert_dm_sent(keitora, loopback)
    marcus = loopback.member("Marcus")
    asked = await loopback.slash("importer delete", announcement="1", actor=marcus)

    taken = await confirmed_by(loopback, asked, "importer:takedown:1", "taken-down", marcus)
    assert taken.startswith("Taken down by you, as a moderator:"), taken
