"""What moderators type into the showcase commands as members of a Japanese-speaking community
do: candidates in full-width digits and with Japanese commas, and a note of nothing visible."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot
from .test_builds import POST, requests
from .test_showcase import ballot_message, setup_channels, showcase_posts, start_builds


async def test_candidates_typed_in_full_width_or_with_japanese_commas_open_the_ballot(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika", "Dale", "Rosa")
    marcus = loopback.member("Marcus")
    opened = await loopback.slash("showcase-mod vote start", candidates="＃１、２；3", actor=marcus)
    assert opened.text.startswith("The ballot is open")
    ballot = await ballot_message(loopback)
    [sent] = [
        r.request
        for r in requests(loopback, POST)
        if ballot.channel_id in r.path and r.request.get("components")
    ]
    labels = [b["label"] for row in sent["components"] for b in row["components"]]
    assert labels == ["#1 Build 1", "#2 Build 2", "#3 Build 3"]


async def test_a_feature_note_of_only_invisible_characters_is_refused_and_features_nothing(
    loopback: Loopback, keitora: RunningBot
) -> None:
    await setup_channels(loopback)
    await start_builds(loopback, "Mika")
    marcus = loopback.member("Marcus")
    refused = await loopback.slash(
        "showcase-mod feature", build="1", note="\u200b\u3164", actor=marcus
    )
    assert refused.ephemeral
    assert refused.text.startswith("The note shows nothing")
    assert showcase_posts(loopback) == []
