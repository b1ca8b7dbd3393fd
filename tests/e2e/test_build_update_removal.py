"""`/build delete-update` through the loopback: an owner takes back an update (a mistyped cost,
a photo that shows too much), its post leaves the thread, even an archived one, and the card's
totals and photo follow; others may not, and only a picked update is taken."""

from __future__ import annotations

from sandbox import Loopback
from sandbox.api import File
from sandbox.state import Permission

from .conftest import RunningBot
from .test_builds import EDIT_CHANNEL, EDIT_MESSAGE, PNG, card, field, forum_build, requests
from .test_setup import overwrite_bot

DELETE_MESSAGE = ("DELETE", "/channels/{channel_id}/messages/{message_id}")


async def test_an_owner_deletes_an_update_and_its_post_and_the_card_follows(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    photo = File("plate.png", PNG, "image/png")
    await loopback.slash("build update", text="Lifted", photo=photo, cost="300", where=thread)
    await loopback.slash("build update", text="New tyres", cost="3000", where=thread)
    lifted, tyres = (m for m in loopback.messages(thread) if m.id != thread.id)
    assert field(card(loopback, thread).embeds[0], "Spent") == "$3,300.00"

    choices = await loopback.autocomplete("build delete-update", "update", "", where=thread)
    # The day by the bot's clock, which dated the updates: the loopback's runs on, and a test
    # begun just before midnight UTC would read the next day from it. No zone is set: UTC.
    today = f"{keitora.clock.now():%Y-%m-%d} UTC"
    assert [c["name"] for c in choices] == [
        f"{today} · New tyres · $3,000.00",
        f"{today} · Lifted · $300.00 · photo",
    ]
    asked = await loopback.slash("build delete-update", update=choices[0]["value"], where=thread)
    assert asked.ephemeral  # its cost goes for good: asked first
    typo = await loopback.click(asked, "Delete it")
    assert typo.text == "Deleted the update “New tyres” from build #1."
    [deleted] = requests(loopback, DELETE_MESSAGE)
    assert deleted.path == f"/channels/{thread.id}/messages/{tyres.id}"
    shown = card(loopback, thread).embeds[0]
    assert (field(shown, "Spent"), field(shown, "Updates")) == ("$300.00", "1")

    # Featured, then closed, its thread archived: the photo still comes down, from the showcase
    # post too, and the thread stays archived.
    showcase = loopback.channel("showcase")
    marcus, akiko = loopback.member("Marcus"), loopback.member("Akiko")
    await loopback.slash("setup channel", kind="showcase", channel=showcase, actor=akiko)
    await loopback.slash("showcase-mod feature", build="1", actor=marcus)
    [feature] = [m for m in loopback.messages(showcase) if m.author.id == loopback.bot.id]
    assert feature.embeds[0]["image"]["url"] == lifted.attachments[0].url
    await loopback.slash("build close", build="1")
    dale = loopback.member("Dale")
    # Another member sees none of the updates listed, nor can delete one.
    assert (
        await loopback.autocomplete("build delete-update", "update", "", build="1", actor=dale)
        == []
    )
    others = await loopback.slash(
        "build delete-update", update=choices[1]["value"], build="1", actor=dale
    )
    assert others.text == "Only its owner or a moderator can delete a build's updates."
    asked = await loopback.slash("build delete-update", update=choices[1]["value"], build="1")
    picked = await loopback.click(asked, "Delete it")
    assert picked.text == "Deleted the update “Lifted” from build #1."
    assert lifted.id not in {m.id for m in loopback.messages(thread)}
    shown = card(loopback, thread).embeds[0]
    assert field(shown, "Spent") == "$0.00"
    assert "thumbnail" not in shown
    assert "Photos" not in [f["name"] for f in shown["fields"]]
    assert loopback.world.channels[thread.id]["thread_metadata"]["archived"] is True
    [refreshed] = [r for r in requests(loopback, EDIT_MESSAGE) if r.path.endswith(feature.id)]
    assert "image" not in refreshed.request["embeds"][0]
    reopened = [r.request for r in requests(loopback, EDIT_CHANNEL) if r.path.endswith(thread.id)]
    assert reopened[-1] == {"archived": True}

    gone = await loopback.slash("build delete-update", update=choices[1]["value"], build="1")
    assert gone.text == (
        "Build #1 lists no such update (deleted since, or another build's); pick one from the "
        "list as you type."
    )
    typed = await loopback.slash("build delete-update", update="Lifted", build="1")
    assert typed.text == "Pick the update from the list as you type; “Lifted” is not one."


async def test_a_post_discord_will_not_take_down_keeps_its_update_to_try_again(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    await loopback.slash("build update", text="Plate showing", cost="3000", where=thread)
    [post] = [m for m in loopback.messages(thread) if m.id != thread.id]
    # A moderator locked the thread in Discord; Keitora may not manage threads in the forum.
    await loopback.archive(thread, locked=True)
    builds = loopback.channel("builds")
    await overwrite_bot(keitora, loopback, builds, deny=Permission.MANAGE_THREADS)
    [choice] = await loopback.autocomplete("build delete-update", "update", "", build="1")

    asked = await loopback.slash("build delete-update", update=choice["value"], build="1")
    refused = await loopback.click(asked, "Delete it")

    assert refused.ephemeral
    assert refused.text.startswith(
        f"Discord would not let me take the update's post down in <#{thread.id}>"
    )
    assert "nothing was deleted" in refused.text
    assert requests(loopback, DELETE_MESSAGE) == []
    assert post.id in {m.id for m in loopback.messages(thread)}
    assert field(card(loopback, thread).embeds[0], "Spent") == "$3,000.00"
    # Once the moderator deletes the post by hand, taking the update back works.
    await overwrite_bot(keitora, loopback, builds)
    assert await loopback.autocomplete("build delete-update", "update", "", build="1") == [choice]
    asked = await loopback.slash("build delete-update", update=choice["value"], build="1")
    again = await loopback.click(asked, "Delete it")
    assert again.text == "Deleted the update “Plate showing” from build #1."
    assert field(card(loopback, thread).embeds[0], "Spent") == "$0.00"


async def test_a_featured_builds_showcase_post_follows_an_update_taken_back_without_a_photo(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await forum_build(loopback)
    await loopback.slash("build update", text="New tyres", cost="3000", where=thread)
    showcase = loopback.channel("showcase")
    await loopback.slash(
        "setup channel", kind="showcase", channel=showcase, actor=loopback.member("Akiko")
    )
    await loopback.slash("showcase-mod feature", build="1", actor=loopback.member("Marcus"))
    [feature] = [m for m in loopback.messages(showcase) if m.author.id == loopback.bot.id]
    [choice] = await loopback.autocomplete("build delete-update", "update", "", where=thread)

    asked = await loopback.slash("build delete-update", update=choice["value"], where=thread)
    await loopback.click(asked, "Delete it")

    [refreshed] = [r for r in requests(loopback, EDIT_MESSAGE) if r.path.endswith(feature.id)]
    assert "$3,000.00" not in str(refreshed.request["embeds"][0])
