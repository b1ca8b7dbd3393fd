"""A moderator may not let their own importer profile's announcements past the queue, through
the loopback: registering themselves as trusted, trusting their own profile and lifting its
suspension are refused, as approving what they sent in is (an admin with Manage Server
excepted). Asserted on the replies the bot sent and on what reached #announcements."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_importers import posts_to, server_ready
from .test_reminders import settled

REFUSED = (
    "“Marcus Motors” speaks for you, so another moderator {does} (or an admin with Manage "
    "Server): its announcements would skip the review a moderator may not give what they sent "
    "in themselves."
)


async def test_a_moderator_cannot_trust_or_reinstate_their_own_importer_profile(
    keitora: RunningBot, loopback: Loopback
) -> None:
    marcus, akiko = loopback.member("Marcus"), loopback.member("Akiko")
    await server_ready(loopback, trusted=False)  # Yoshi's Kei Imports is importer #1

    trusted = await loopback.slash(
        "importer-mod register", name="Marcus Motors", member=marcus, trusted=True, actor=marcus
    )
    assert trusted.ephemeral
    assert trusted.text == REFUSED.format(does="registers it as trusted")
    assert len(await keitora.bot.services.importers.all(loopback.guild.id)) == 1

    registered = await loopback.slash(
        "importer-mod register", name="Marcus Motors", member=marcus, actor=marcus
    )
    assert registered.text.startswith("Registered “Marcus Motors”"), registered.text
    edited = await loopback.slash("importer-mod edit", importer="2", trusted=True, actor=marcus)
    assert edited.text == REFUSED.format(does="trusts it")
    await loopback.slash(
        "importer-mod suspend", importer="2", reason="Checking prices", actor=akiko
    )
    lifted = await loopback.slash("importer-mod unsuspend", importer="2", actor=marcus)
    assert lifted.text == REFUSED.format(does="lifts its suspension")

    await settled(keitora, "%")
    [profile] = [
        i for i in await keitora.bot.services.importers.all(loopback.guild.id) if i.id == 2
    ]
    assert (profile.trusted, profile.suspended) == (False, True)
    # An admin with Manage Server may, as they may approve their own.
    own = await loopback.slash(
        "importer-mod register", name="Akiko Autos", member=akiko, trusted=True, actor=akiko
    )
    assert own.text.startswith("Registered “Akiko Autos”"), own.text
    assert posts_to(loopback, "announcements") == []
