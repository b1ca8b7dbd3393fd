"""/help for a topic typed a little off: the close topic is named, as other commands do."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot


async def test_a_topic_a_letter_off_is_answered_with_the_close_one(
    keitora: RunningBot, loopback: Loopback
) -> None:
    for typed, meant in (
        ("importers", "importer"),
        ("glosary", "glossary"),
        ("/Meetups", "meetup"),
    ):
        reply = await loopback.slash("help", topic=typed)
        sent = reply.record.callback_body["data"]
        assert reply.ephemeral
        assert sent["content"].startswith(
            f"There is no help topic “{typed}”. Did you mean {meant}? Topics: "
        ), sent["content"]
    far = await loopback.slash("help", topic="pizza")
    assert "Did you mean" not in far.record.callback_body["data"]["content"]
    offered = await loopback.autocomplete("help", "topic", "importers")
    assert [choice["value"] for choice in offered] == ["importer"]
