"""What a member is told after renaming a build is true, through the loopback: a rename to the
title the build has already says so; the double-start guard names the build by what it is called
now; a lock holding back a waiting thread rename says the thread takes the name once unlocked."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_build_moderator_changes import the_owners_dm
from .test_build_renames import lock_in_discord, name_of, third_rename_waiting
from .test_builds import start


async def test_a_rename_to_the_title_it_has_says_it_is_already_called_that(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await third_rename_waiting(loopback)  # called v4, its thread still v3
    again = await loopback.slash("build rename", title="Camper Carry v4", where=thread)
    assert again.text.startswith("Build #1 is already called “Camper Carry v4”.")
    assert "is now" not in again.text
    assert name_of(loopback, thread) == "Camper Carry v3"


async def test_the_double_start_guard_names_the_build_by_its_title_now(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await third_rename_waiting(loopback)
    refused = await start(loopback, title="Camper Carry v4")
    assert refused.text == (
        f"You started build #1 (“Camper Carry v4”, with this truck) moments ago: <#{thread.id}>. "
        "Nothing new was started. To start a second build of the same truck, "
        "give it another title."
    )


async def test_a_lock_holding_back_a_waiting_rename_says_so_in_its_dm(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await third_rename_waiting(loopback)
    marcus = loopback.member("Marcus")
    await loopback.slash("build-mod lock", build="1", reason="stolen photos", actor=marcus)
    told = str((await the_owners_dm(loopback))["content"])
    assert (
        "Its thread keeps its old name while it is locked, and takes the title "
        "“Camper Carry v4” once it is unlocked."
    ) in told


async def test_a_rename_in_a_locked_thread_whose_renames_are_spent_says_it_waits_for_the_unlock(
    loopback: Loopback, keitora: RunningBot
) -> None:
    thread = await third_rename_waiting(loopback)  # Discord's renames of it spent
    await lock_in_discord(loopback, thread)

    for title in ("Camper Carry v5", "Camper Carry v5"):  # a rename, and asked again
        reply = await loopback.slash("build rename", title=title, where=thread)
        assert (
            f"\nIts thread keeps its name while a moderator locked <#{thread.id}> in Discord; "
            "it takes the new title by itself once it is unlocked."
        ) in reply.text
        assert "at most twice in 10 minutes" not in reply.text
