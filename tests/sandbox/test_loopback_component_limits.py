"""Component limits Discord refuses past, held by the loopback itself and not only by the spec
(a fresh clone runs without it): a custom_id of at most 100 characters, a select of at most 25
options, a form's title and labels of at most 45, its text fields of at most 4000, and a
prefilled value within its field's min_length and max_length, and never empty."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import discord
import pytest

from sandbox import InvocationError, Loopback
from sandbox.modals import modal_interaction
from sandbox.settling import user_of

from .conftest import ProbeBot, running_bot


@pytest.fixture
async def unvalidated() -> AsyncIterator[Loopback]:
    async with Loopback(spec=None) as discord_:
        yield discord_


@pytest.fixture
async def probe(unvalidated: Loopback) -> AsyncIterator[ProbeBot]:
    async with running_bot(unvalidated) as bot:
        yield bot


def _row(component: dict[str, Any]) -> dict[str, Any]:
    return {"type": 1, "components": [component]}


def _button(custom_id: str) -> dict[str, Any]:
    return {"type": 2, "style": 1, "label": "Going", "custom_id": custom_id}


def _select(options: int) -> dict[str, Any]:
    return {
        "type": 3,
        "custom_id": "pick",
        "options": [{"label": f"#{n}", "value": str(n)} for n in range(options)],
    }


async def _sent(bot: ProbeBot, loopback: Loopback, component: dict[str, Any]) -> int:
    """The status Discord answers a message holding `component` with (its code when refused)."""
    params = discord.http.MultipartParameters({"components": [_row(component)]}, None, None)
    try:
        await bot.http.send_message(loopback.channel("general").id, params=params)
    except discord.HTTPException as error:
        return error.code
    return 200


@pytest.mark.parametrize(
    ("component", "fits"),
    [
        (_button("x" * 101), _button("x" * 100)),
        (_select(26), _select(25)),
        (_select(0), _select(1)),
    ],
    ids=["custom_id", "select options", "no select options"],
)
async def test_a_component_past_discords_limits_is_refused(
    unvalidated: Loopback, probe: ProbeBot, component: dict[str, Any], fits: dict[str, Any]
) -> None:
    assert await _sent(probe, unvalidated, component) == 50035
    assert await _sent(probe, unvalidated, fits) == 200
    assert len(unvalidated.messages("general")) == 1


def _form(**changes: str) -> dict[str, object]:
    field = {
        "type": 4,
        "style": 1,
        "label": changes.get("label", "Comment"),
        "custom_id": changes.get("field_id", "probe:comment"),
    }
    return {
        "custom_id": changes.get("custom_id", "probe:form"),
        "title": changes.get("title", "Feedback"),
        "components": [_row(field)],
    }


@pytest.mark.parametrize(
    "changes",
    [{"title": "t" * 46}, {"label": "l" * 46}, {"custom_id": "c" * 101}, {"field_id": "f" * 101}],
    ids=["title", "label", "custom_id", "field custom_id"],
)
async def test_a_form_past_discords_limits_is_not_opened(
    unvalidated: Loopback, probe: ProbeBot, changes: dict[str, str]
) -> None:
    probe.forms.put_nowait(_form(**changes))
    refused = await unvalidated.slash("form")
    assert (await probe.next_error()).code == 50035
    assert (refused.rejected, refused.type) == ([(400, 50035)], None)

    probe.forms.put_nowait(_form(**{key: value[:-1] for key, value in changes.items()}))
    assert (await unvalidated.slash("form")).type == 9


async def test_a_form_field_takes_at_most_4000_characters(
    unvalidated: Loopback, probe: ProbeBot
) -> None:
    form = _form()
    form["components"][0]["components"][0]["max_length"] = 4001  # type: ignore[index]
    probe.forms.put_nowait(form)
    assert (await unvalidated.slash("form")).rejected == [(400, 50035)]
    assert (await probe.next_error()).code == 50035

    # A field without a max_length still takes no more than Discord's client lets be typed.
    opened = await unvalidated.slash("rename")
    with pytest.raises(InvocationError, match="takes"):
        await unvalidated.submit_modal(opened, {"Name": "k" * 4001})
    typed = modal_interaction(
        unvalidated.core, opened.record, {"Name": "k" * 4000}, user_of(opened)
    )
    assert typed.payload["data"]["components"][0]["components"][0]["value"] == "k" * 4000


async def test_a_form_prefilled_short_of_its_fields_min_length_is_not_opened(
    unvalidated: Loopback, probe: ProbeBot
) -> None:
    short = _form()
    short["components"][0]["components"][0] |= {"min_length": 3, "value": "x"}  # type: ignore[index]
    probe.forms.put_nowait(short)
    refused = await unvalidated.slash("form")
    assert (refused.rejected, refused.type) == ([(400, 50035)], None)
    assert (await probe.next_error()).code == 50035

    fits = _form()
    fits["components"][0]["components"][0] |= {"min_length": 3, "value": "xyz"}  # type: ignore[index]
    probe.forms.put_nowait(fits)
    assert (await unvalidated.slash("form")).type == 9


async def test_a_form_prefilled_with_an_empty_value_is_not_opened(
    unvalidated: Loopback, probe: ProbeBot
) -> None:
    # Discord refuses "" as a value (BASE_TYPE_MIN_LENGTH): a field left empty sends no value.
    empty = _form()
    empty["components"][0]["components"][0]["value"] = ""  # type: ignore[index]
    probe.forms.put_nowait(empty)
    refused = await unvalidated.slash("form")
    assert (refused.rejected, refused.type) == ([(400, 50035)], None)
    assert (await probe.next_error()).code == 50035

    probe.forms.put_nowait(_form())
    assert (await unvalidated.slash("form")).type == 9
