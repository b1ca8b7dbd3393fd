"""A glossary approval refused on a /modqueue page, then fixed after a restart: the page it was
sent from was held in the process's memory only, so the fixed form answers in place of the
refusal, the queue post shows the decision, and nothing tries the page or fails. The bot runs as
`python bot.py` and is killed: a real restart, which forgets what a bot restarted within one
process would not. Read from what the bot sent."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import BotProcess
from .test_glossary_curation import form
from .test_modqueue import edited
from .test_modqueue_moderators import two_suggestions_listed


async def test_an_approval_refused_on_a_page_and_fixed_after_a_restart_answers_in_place(
    bot_process: BotProcess, loopback: Loopback
) -> None:
    bot_process.start()
    await loopback.wait_ready(within=30)
    marcus = loopback.member("Marcus")
    (tanbo, _), listed = await two_suggestions_listed(loopback)
    opened = await loopback.click(listed, "Approve glossary #1", actor=marcus)
    typed = form(opened, category="no such category")
    refused = await loopback.submit_modal(opened, typed, actor=marcus)
    [told] = [message for message in refused.followups if "Fix the form" in message.buttons]

    bot_process.kill()  # the page held for the fix is forgotten
    await loopback.wait_until(lambda: not loopback.gateway.connected, within=10, what="disconnect")
    bot_process.start()
    await loopback.wait_until(lambda: loopback.gateway.connected, within=30, what="reconnect")
    reopened = await loopback.click(told, "Fix the form", actor=marcus)
    assert form(reopened) == typed
    fixed = await loopback.submit_modal(reopened, form(reopened, category="culture"))

    said = f"Approved by <@{marcus.id}>; “tanbo” is in this server's glossary now."
    assert fixed.type == 7  # the refusal gives way, its "Fix the form" gone
    assert (fixed.content, fixed.components) == (said, [])
    edit = (await edited(loopback, tanbo)).request
    assert (edit["content"], edit["components"]) == (said, [])
    await loopback.bot_quiet()
    # Nothing tries the page, whose token went with the bot's memory of it.
    assert (refused.edits, refused.rejected) == ([], [])
    found = await loopback.slash("glossary lookup", term="tanbo", actor=marcus)
    assert found.embeds[0]["title"] == "tanbo"
    assert bot_process.terminate() == 0
