"""/auction decode takes italic marks off a code as it takes bold and strike off, while a star
by a mileage keeps meaning a tampered odometer."""

from __future__ import annotations

import pytest

from sandbox import Loopback
from sandbox.state import Json

from .conftest import RunningBot


async def _decoded(loopback: Loopback, sheet: str) -> Json:
    reply = await loopback.slash("auction decode", sheet=sheet)
    return reply.record.callback_body["data"]["embeds"][0]


@pytest.mark.parametrize("sheet", ["4 B *A2* _U2_", "4 B _A2_ *U2*"])
async def test_an_italic_code_is_read(keitora: RunningBot, loopback: Loopback, sheet: str) -> None:
    sent = await _decoded(loopback, sheet)

    assert sent["description"].startswith("Grade 4, interior B. 2 damage marks")
    assert not any(field["name"].startswith("Not recognized") for field in sent["fields"])


@pytest.mark.parametrize("mileage", ["84000km*", "*84000km"])
async def test_a_star_by_a_mileage_still_marks_it_tampered(
    keitora: RunningBot, loopback: Loopback, mileage: str
) -> None:
    sent = await _decoded(loopback, f"4 B *A2* {mileage}")

    assert sent["description"].startswith("Grade 4, interior B. 1 damage mark")
    flagged = mileage.replace("*", "\\*")
    assert f"Mileage flagged ({flagged})" in sent["description"]
    assert "tampered" in next(f["value"] for f in sent["fields"] if f["name"] == "Mileage")
