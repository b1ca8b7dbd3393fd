"""A forget confirmed by a button whose question was asked of other data than the member holds
now is asked again: a member asked with no builds, who started one before clicking "Forget me",
chooses what becomes of it before anything is deleted. Asserted on what the bot sent."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_builds import forum_build
from .test_privacy import DELETE_BUILDS, FORGET_ME, KEEP_BUILDS


def buttons(sent: dict) -> list[str]:
    return [button["label"] for row in sent["components"] for button in row["components"]]


async def test_a_build_started_after_the_question_is_asked_about_before_it_goes(
    keitora: RunningBot, loopback: Loopback
) -> None:
    dale = loopback.member("Dale")
    await loopback.slash("alerts add", keywords="carry dump", actor=dale)
    confirmation = await loopback.slash("privacy forget", actor=dale)
    assert confirmation.record.callback_body["data"]["content"].count("Your builds") == 0
    await forum_build(loopback, "Dale")

    asked_again = await loopback.click(confirmation, FORGET_ME, actor=dale)

    assert asked_again.type == 7  # the old question, and its "Forget me", are replaced
    sent = asked_again.record.callback_body["data"]
    assert sent["content"].startswith(
        "You started a build since I asked, so nothing was deleted yet: choose what becomes of "
        "it.\n**Forget me** deletes"
    ), sent["content"]
    assert "**Your builds**: delete them" in sent["content"]
    assert buttons(sent) == [DELETE_BUILDS, KEEP_BUILDS, "Cancel"]
    exported = await loopback.slash("privacy export", actor=dale)
    assert '"builds"' in exported.attachments[0].data.decode()  # still there

    done = await loopback.click(asked_again, KEEP_BUILDS, actor=dale)
    said = done.record.callback_body["data"]["content"]
    assert "**Anonymized:** builds (1)" in said, said
    assert "alerts (1)" in said
