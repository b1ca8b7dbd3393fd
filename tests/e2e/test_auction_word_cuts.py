"""/auction decode cuts a glossary word's meaning, when the words do not all fit whole, where a
reader can tell it is cut: after a whole word, never inside an open parenthesis."""

from __future__ import annotations

import re

from sandbox import Loopback

from .conftest import RunningBot

_GLOSSARY = "From this server's glossary"
_TOKENS = (
    "事故歴あり 車検残 4WD切替 PTOダンプ 修復歴なし 下回りサビ 電動ダンプ 多目的ダンプ "
    "農用スペシャル"
)


async def _words(loopback: Loopback, sheet: str) -> str:
    reply = await loopback.slash("auction decode", sheet=sheet)
    embed = reply.record.callback_body["data"]["embeds"][0]
    return next(field["value"] for field in embed["fields"] if field["name"] == _GLOSSARY)


async def test_a_cut_meaning_ends_on_a_whole_word_outside_parentheses(
    keitora: RunningBot, loopback: Loopback
) -> None:
    words = await _words(loopback, f"4 B {_TOKENS}")

    assert len(words) <= 600
    cut = {line.split("**")[1]: line for line in words.splitlines() if "**" in line}
    assert any("…" in line for line in cut.values())
    for token, line in cut.items():
        whole = (await _words(loopback, f"4 B {token}")).splitlines()[0]
        for before in line.split("…")[:-1]:
            meaning = before.rsplit(" (", 1)[-1] if " + " in line else before
            assert meaning.count("(") <= meaning.count(")"), line
            if last := re.search(r"[A-Za-z]+$", before):
                assert re.search(rf"\b{last[0]}\b", whole), line
