"""Several moderators working the moderation queue at once, through the loopback: a click on
a /modqueue page that is out of date answers on that page, saying who decided the item and
how; two approvals at the same instant give one decision and name its moderator to the
other; a glossary approval form refused and fixed still answers on its /modqueue page; a
moderator who lost the role decides nothing from a page still open; pages of exactly eight,
and the longest reason that pings, hold up."""

from __future__ import annotations

import asyncio

from sandbox import Loopback, Message, Reply

from .conftest import RunningBot
from .test_glossary_curation import form
from .test_importer_queue_posted import posted_words
from .test_importers import announce, server_ready
from .test_modqueue import edited, listed_ids, listed_refs, reject, suggested, told_why
from .test_reminders import settled
from .test_showcase_nominations import queue_posts, queue_ready

ON_ITS_WAY = "it is on its way to the announcements channel."


async def suggest(loopback: Loopback, member: str, term: str) -> None:
    actor = loopback.member(member)
    await loopback.slash("glossary suggest", term=term, meaning="A field.", actor=actor)


async def two_suggestions_listed(loopback: Loopback) -> tuple[list[Message], Reply]:
    """Dale's and Rosa's suggestions posted to the mod-queue channel, and listed by Marcus."""
    await queue_ready(loopback)
    await suggest(loopback, "Dale", "tanbo")
    await suggest(loopback, "Rosa", "hatake")
    posts = await queue_posts(loopback, 2)
    return posts, await loopback.slash("modqueue", actor=loopback.member("Marcus"))


async def refused_then_reopened(
    loopback: Loopback, where: Message | Reply, button: str
) -> tuple[Reply, Reply]:
    """Marcus opens a glossary approval form with `button` on `where`, sends it with a category
    that does not exist, and opens it again with "Fix the form" under the refusal: the answer
    to the form, and the form reopened."""
    marcus = loopback.member("Marcus")
    opened = await loopback.click(where, button, actor=marcus)
    refused = await loopback.submit_modal(opened, form(opened, category="no such category"))
    answers = [refused.message, *refused.followups] if refused.message else refused.followups
    [told] = [message for message in answers if "Fix the form" in message.buttons]
    return refused, await loopback.click(told, "Fix the form", actor=marcus)


async def test_a_click_on_an_out_of_date_page_shows_that_page_again_saying_who_decided(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, akiko = loopback.member("Marcus"), loopback.member("Akiko")
    await server_ready(loopback, trusted=False)
    await announce(loopback, "Acty arrived")
    await suggest(loopback, "Dale", "tanbo")
    announced, _ = await queue_posts(loopback, 2)
    stale = [await loopback.slash("modqueue", actor=marcus) for _ in range(2)]

    await loopback.click(announced, "Approve", actor=akiko)
    await settled(keitora, "importer.%")  # posted: the words say so, with its link

    [card] = loopback.messages("announcements")
    said = f"Approved by <@{akiko.id}>; {posted_words(loopback, card)}"
    buttons = ("Approve announcement #1", "Reject announcement #1")
    for page, button in zip(stale, buttons, strict=True):
        late = await loopback.click(page, button, actor=marcus)
        assert late.type == 7  # the page itself, not a refusal of its own
        assert late.modal is None
        body = late.record.callback_body["data"]
        assert body["content"] == f"That importer announcement was already decided: {said}"
        assert body["allowed_mentions"]["parse"] == []
        assert listed_refs(late) == ["glossary #1"]  # what still waits, from where it started
        assert body["embeds"][0]["footer"]["text"] == "1 waiting"


async def test_a_form_sent_from_a_page_after_another_decided_shows_that_page_again(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, akiko = loopback.member("Marcus"), loopback.member("Akiko")
    await queue_ready(loopback)
    for member, term in (("Dale", "tanbo"), ("Rosa", "hatake"), ("Hank", "inaka")):
        await suggest(loopback, member, term)
    tanbo, hatake, _ = await queue_posts(loopback, 3)
    listed = await loopback.slash("modqueue", actor=marcus)
    approving = await loopback.click(listed, "Approve glossary #1", actor=marcus)
    rejecting = await loopback.click(listed, "Reject glossary #2", actor=marcus)

    await reject(loopback, tanbo, "Reject", "Akiko")
    await reject(loopback, hatake, "Reject", "Akiko")
    late = await loopback.submit_modal(approving, form(approving, category="culture"))

    assert late.type == 7
    body = late.record.callback_body["data"]
    said = f"Rejected by <@{akiko.id}>; {told_why(loopback.member('Dale'))}"
    assert body["content"] == f"That glossary suggestion was already decided: {said}"
    assert listed_refs(late) == ["glossary #3"]
    assert late.followups == []  # no "Fix the form" for an item nobody can approve now
    late = await loopback.submit_modal(rejecting, {"Reason (the submitter reads it)": "Dup"})
    assert late.type == 7
    assert late.record.callback_body["data"]["content"].startswith(
        "That glossary suggestion was already decided: Rejected by"
    )
    assert "tanbo" not in await keitora.bot.services.glossary.entries(int(loopback.guild.id))


async def test_two_approvals_at_the_same_instant_decide_once_and_name_the_winner_to_the_other(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, akiko = loopback.member("Marcus"), loopback.member("Akiko")
    await server_ready(loopback, trusted=False)
    await announce(loopback, "Acty arrived")
    [queued] = await queue_posts(loopback, 1)
    listed = await loopback.slash("modqueue", actor=akiko)

    on_post, on_page = await asyncio.gather(
        loopback.click(queued, "Approve", actor=marcus),
        loopback.click(listed, "Approve announcement #1", actor=akiko),
    )

    texts = [reply.record.callback_body["data"]["content"] for reply in (on_post, on_page)]
    winner = marcus if texts[0] == f"Approved by <@{marcus.id}>; {ON_ITS_WAY}" else akiko
    said = f"Approved by <@{winner.id}>; {ON_ITS_WAY}"
    assert said in texts
    lost = next(text for text in texts if text != said)
    assert lost in (said, f"That importer announcement was already decided: {said}"), lost
    decided = await keitora.store.fetchval("SELECT count(*) FROM announcements WHERE decided_by")
    assert decided == 1


async def test_a_glossary_approval_fixed_after_a_refusal_still_answers_on_its_page(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    (tanbo, _), listed = await two_suggestions_listed(loopback)
    refused, reopened = await refused_then_reopened(loopback, listed, "Approve glossary #1")
    [told] = refused.followups
    assert told.ephemeral
    fixed = await loopback.submit_modal(reopened, form(reopened, category="culture"))

    said = f"Approved by <@{marcus.id}>; “tanbo” is in this server's glossary now."
    assert fixed.record.callback_body["data"]["content"] == said
    assert fixed.record.callback_body["data"]["components"] == []  # no second "Fix the form"
    # The page it was opened from shows the decision, the item gone.
    await refused.wait_until(lambda reply: bool(reply.edits))
    [page] = refused.edits
    assert page["content"] == said
    assert "tanbo" not in page["embeds"][0]["description"]
    assert page["embeds"][0]["footer"]["text"] == "1 waiting"
    assert listed.message is not None
    assert listed.message.content == said  # the very page Marcus had open
    edit = (await edited(loopback, tanbo)).request
    assert (edit["content"], edit["components"]) == (said, [])


async def test_a_moderator_who_lost_the_role_mid_page_decides_nothing_from_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    _, listed = await two_suggestions_listed(loopback)
    rejecting = await loopback.click(listed, "Reject glossary #1", actor=marcus)
    approving = await loopback.click(listed, "Approve glossary #2", actor=marcus)

    await loopback.set_permissions(loopback.guild.role("Moderator"), 0)

    only = "Only moderators can review the moderation queue."
    clicked = await loopback.click(listed, "Approve glossary #1", actor=marcus)
    assert (clicked.type, clicked.ephemeral, clicked.content) == (4, True, only)
    turned = await loopback.click(listed, "Reject glossary #2", actor=marcus)
    assert turned.content == only
    sent = await loopback.submit_modal(rejecting, {"Reason (the submitter reads it)": "Dup"})
    assert (sent.type, sent.content) == (4, only)
    sent = await loopback.submit_modal(approving, form(approving, category="culture"))
    assert sent.text.startswith("Only moderators"), sent.text
    assert listed.message is not None
    assert listed.message.content == ""  # the page is as it was: nothing was decided
    waiting = await keitora.bot.services.modqueue.pending(int(loopback.guild.id))
    assert [item.title for item in waiting] == ["tanbo", "hatake"]


async def test_a_page_of_exactly_eight_has_no_turns_and_a_ninth_item_gets_a_page_of_its_own(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    await suggested(keitora, loopback, 8)
    eight = await loopback.slash("modqueue", actor=marcus)
    assert listed_refs(eight) == [f"glossary #{n}" for n in range(1, 9)]
    assert [i.split(":")[1] for i in listed_ids(eight)] == ["approve", "reject"] * 8 + ["refresh"]
    assert eight.embeds[0]["footer"]["text"] == "8 waiting"

    await suggested(keitora, loopback, 1, first=9)
    nine = await loopback.slash("modqueue", actor=marcus)
    assert nine.embeds[0]["footer"]["text"] == "9 waiting · showing 1–8"
    last = await loopback.click(nine, "Next", actor=marcus)
    assert listed_refs(last) == ["glossary #9"]
    assert last.embeds[0]["footer"]["text"] == "9 waiting · showing 9"
    # The last page's only item decided: the one page left, with no turns.
    decided = await reject(loopback, last, "Reject glossary #9", "Marcus")
    assert listed_refs(decided) == [f"glossary #{n}" for n in range(1, 9)]
    assert decided.embeds[0]["footer"]["text"] == "8 waiting"
    assert "modq:page" not in " ".join(listed_ids(decided))


async def test_the_longest_pinging_reason_fits_the_page_inert_and_the_dm_too(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, dale = loopback.member("Marcus"), loopback.member("Dale")
    await queue_ready(loopback)
    await suggest(loopback, "Dale", "tanbo")
    await queue_posts(loopback, 1)
    listed = await loopback.slash("modqueue", actor=marcus)
    field = "Reason (the submitter reads it)"

    asked = await loopback.click(listed, "Reject glossary #1", actor=marcus)
    ping = "@everyone see <@&123456789012345678> "
    reason = ping + "*" * (500 - len(ping))  # as many characters as the form takes
    decided = await loopback.submit_modal(asked, {field: reason})
    assert decided.type == 7
    body = decided.record.callback_body["data"]
    assert body["content"].startswith(
        f"Rejected by <@{marcus.id}>; <@{loopback.member('Dale').id}> will be told why."
    )
    assert body["content"].endswith("\\*" * (500 - len(ping)))  # the whole reason, inert
    assert "@everyone" not in body["content"]
    assert "<@&123456789012345678>" not in body["content"]
    assert body["allowed_mentions"]["parse"] == []
    await loopback.wait_until(lambda: bool(loopback.dms(dale)), within=5, what="Dale's DM")
    [told] = loopback.dms(dale)
    assert "@everyone" not in told.content
    assert "<@&123456789012345678>" not in told.content


async def test_a_late_click_elsewhere_than_a_page_quotes_the_decision_as_its_post_shows_it(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, akiko = loopback.member("Marcus"), loopback.member("Akiko")
    (tanbo, _), _ = await two_suggestions_listed(loopback)
    listed = await loopback.slash("glossary-mod suggestions", actor=marcus)
    asked = await loopback.click(tanbo, "Reject", actor=akiko)
    reason = "Same as “tan_bo” **here**"
    decided = await loopback.submit_modal(asked, {"Reason (the submitter reads it)": reason})
    on_post = decided.record.callback_body["data"]["content"]
    assert on_post.endswith("Reason: Same as “tan\\_bo” \\*\\*here\\*\\*")

    late = await loopback.click(listed, "Reject glossary #1", actor=marcus)

    assert (late.type, late.ephemeral) == (4, True)
    assert late.content == f"That glossary suggestion was already decided: {on_post}"


async def test_a_glossary_approval_fixed_after_another_rejected_it_says_so_on_its_page(
    keitora: RunningBot, loopback: Loopback
) -> None:
    akiko = loopback.member("Akiko")
    (tanbo, _), listed = await two_suggestions_listed(loopback)
    refused, reopened = await refused_then_reopened(loopback, listed, "Approve glossary #1")

    await reject(loopback, tanbo, "Reject", "Akiko")
    late = await loopback.submit_modal(reopened, form(reopened, category="culture"))

    rejected = f"Rejected by <@{akiko.id}>; {told_why(loopback.member('Dale'))}"
    said = f"That glossary suggestion was already decided: {rejected}"
    assert late.type == 7  # the refusal gives way, its "Fix the form" gone
    assert (late.content, late.components) == (said, [])
    await refused.wait_until(lambda reply: bool(reply.edits))
    [page] = refused.edits
    assert page["content"] == said
    assert page["embeds"][0]["footer"]["text"] == "1 waiting"


async def test_a_glossary_approval_fixed_after_a_refusal_on_its_post_answers_in_place(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    (tanbo, _), _ = await two_suggestions_listed(loopback)
    refused, reopened = await refused_then_reopened(loopback, tanbo, "Approve")
    assert refused.type == 4  # the post keeps its buttons: nothing was decided

    fixed = await loopback.submit_modal(reopened, form(reopened, category="culture"))

    said = f"Approved by <@{marcus.id}>; “tanbo” is in this server's glossary now."
    assert fixed.type == 7  # the refusal gives way, its "Fix the form" gone
    assert (fixed.content, fixed.components) == (said, [])
    edit = (await edited(loopback, tanbo)).request
    assert (edit["content"], edit["components"]) == (said, [])


async def test_a_form_fixed_after_its_page_expired_still_answers_where_it_was_fixed(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    _, listed = await two_suggestions_listed(loopback)
    refused, reopened = await refused_then_reopened(loopback, listed, "Approve glossary #1")
    # Past the 15 minutes Discord lets the bot edit what answered the page's form.
    refused.record.dispatched_at -= 16 * 60

    fixed = await loopback.submit_modal(reopened, form(reopened, category="culture"))

    said = f"Approved by <@{marcus.id}>; “tanbo” is in this server's glossary now."
    assert (fixed.type, fixed.content) == (7, said)
    await loopback.wait_until(lambda: bool(refused.rejected), within=5, what="the page's edit")
    assert refused.rejected == [(401, 50027)]  # the page left as it was, and nothing failed
    assert refused.edits == []
