"""/alerts list through the loopback: ten alerts of the longest kind, written with Markdown
characters that are shown as typed, fit what Discord takes and are all listed; a short list is
a plain message."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot


async def test_ten_long_alerts_written_with_markdown_are_all_listed(
    keitora: RunningBot, loopback: Loopback
) -> None:
    mika = loopback.member("Mika")
    queries = []
    for n in range(10):
        words = " ".join(f"**{chr(97 + n)}{i}_b_c_d_e_f_g_h_i**" for i in range(8))
        query = f"{words} state:TX"
        assert len(query) <= 200
        queries.append(query)
        saved = await loopback.slash("alerts add", keywords=query, actor=mika)
        assert saved.text.startswith("Saved."), saved.text

    listed = await loopback.slash("alerts list", actor=mika)

    assert listed.ephemeral
    [embed] = listed.embeds
    assert embed["title"] == "Your alerts (10 of 10)"
    lines = embed["description"].splitlines()
    assert len(lines) == 10
    assert lines[0].startswith("• \\*\\*a0\\_b\\_c"), lines[0]


async def test_a_short_list_of_alerts_is_a_message(keitora: RunningBot, loopback: Loopback) -> None:
    mika = loopback.member("Mika")
    await loopback.slash("alerts add", keywords="hijet_dump 🛻", actor=mika)
    listed = await loopback.slash("alerts list", actor=mika)
    assert listed.content == "Your alerts (1 of 10):\n• hijet\\_dump 🛻"
    assert listed.embeds == []
