"""Grade conditions through the loopback: an alert for a grade no auction sheet gives
(`grade:5.5`, between the 5 and the 6 the decoder knows) is refused with the grades there are,
as `drive:6wd` is, and nothing is kept; the grades some houses give new trucks (7 to 9) and the
halves there are (4.5) are kept. Asserted on the replies the bot sent."""

from __future__ import annotations

from sandbox import Loopback

from .conftest import RunningBot

GRADES = "Auction grades are numbered 0, 1, 2, 3, 3.5, 4, 4.5, 5, 6, 7, 8 and 9"


async def test_a_grade_no_sheet_gives_is_refused_with_the_grades_there_are(
    keitora: RunningBot, loopback: Loopback
) -> None:
    mika = loopback.member("Mika")

    between = await loopback.slash("alerts add", keywords="hijet grade:5.5", actor=mika)
    above = await loopback.slash("alerts add", keywords="hijet grade>9", actor=mika)

    assert between.ephemeral
    assert between.text == f"{GRADES}, so no truck would match grade = 5.5.", between.text
    assert above.text == f"{GRADES}, so no truck would match grade > 9.", above.text
    assert await keitora.store.fetchval("SELECT count(*) FROM alerts") == 0
    for kept in ("hijet grade:4.5", "hijet grade>=9"):
        saved = await loopback.slash("alerts add", keywords=kept, actor=mika)
        assert saved.text.startswith("Saved."), saved.text
    assert await keitora.store.fetchval("SELECT count(*) FROM alerts") == 2
