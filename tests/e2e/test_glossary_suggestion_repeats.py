"""A glossary suggestion sent again in the words of one a moderator rejected says so on its
queue post, through the loopback, as a repeated announcement's and nomination's do: who
rejected it, when and why; once that moderator is forgotten, "a moderator". Asserted on what
the bot sent."""

from __future__ import annotations

import json

from sandbox import Loopback

from .conftest import RunningBot
from .test_forget_messages import forget
from .test_modqueue import edited, reject
from .test_modqueue_repeats import sent_before
from .test_privacy import FORGET_ME
from .test_reminders import settled
from .test_showcase_nominations import posted_to, queue_posts, queue_ready


async def suggest(loopback: Loopback, member: str, term: str, meaning: str) -> None:
    reply = await loopback.slash(
        "glossary suggest", term=term, meaning=meaning, actor=loopback.member(member)
    )
    assert reply.content.startswith("Thanks! Suggestion #"), reply.content


async def test_a_suggestion_in_the_words_of_a_rejected_one_says_so_on_its_post(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus = loopback.member("Marcus")
    await queue_ready(loopback)
    await suggest(loopback, "Mika", "hatake", "A farm field.")
    [first] = await queue_posts(loopback, 1)
    await reject(loopback, first, "Reject", "Marcus")
    await settled(keitora, "%")
    rejected_at = await keitora.store.fetchval("SELECT decided_at FROM glossary_suggestions")

    await suggest(loopback, "Dale", "Hatake", "a farm field")  # the same words, folded
    await suggest(loopback, "Rosa", "tanbo", "A farm field for rice.")  # other words
    _, repeated, _ = await queue_posts(loopback, 3)
    await settled(keitora, "%")

    posts = [record.request for record in posted_to(loopback, "mod-queue")]
    assert [sent_before(post) for post in posts] == [
        None,
        f"The same as glossary suggestion #1, rejected <t:{rejected_at}:R> by <@{marcus.id}>: "
        "Already in the glossary",
        None,
    ]
    assert posts[1]["allowed_mentions"]["parse"] == []

    await forget(loopback, "Marcus", FORGET_ME)

    edit = (await edited(loopback, repeated)).request
    assert sent_before(edit) == (
        f"The same as glossary suggestion #1, rejected <t:{rejected_at}:R> by a moderator: "
        "Already in the glossary"
    )
    assert str(marcus.id) not in json.dumps(edit)
