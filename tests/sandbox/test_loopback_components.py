"""How components may be laid out, where the spec's own limits say less than Discord's docs: a
message without the Components V2 flag holds at most 5 action rows and nothing else at the top;
a row holds up to 5 buttons or one select menu alone; a V2 message holds at most 40 components
in all, nested ones counted; a form (modal) holds 1 to 5."""

from __future__ import annotations

from typing import Any

import pytest

from sandbox import Loopback

from .conftest import ProbeBot, RestCall

IS_COMPONENTS_V2 = 1 << 15


@pytest.fixture
def send(loopback: Loopback, rest: RestCall) -> Any:
    async def post(**body: object) -> tuple[int, int | None]:
        channel_id = loopback.channel("meetups").id
        status, answer = await rest("POST", f"/channels/{channel_id}/messages", body)
        return status, answer.get("code")

    return post


def _button(n: int) -> dict[str, Any]:
    return {"type": 2, "style": 1, "label": f"B{n}", "custom_id": f"b:{n}"}


def _select(n: int) -> dict[str, Any]:
    return {"type": 3, "custom_id": f"s:{n}", "options": [{"label": "Going", "value": "going"}]}


def _row(*components: dict[str, Any]) -> dict[str, Any]:
    return {"type": 1, "components": list(components)}


def _text(n: int) -> dict[str, Any]:
    return {"type": 10, "content": f"line {n}"}


async def test_a_message_holds_at_most_5_action_rows(loopback: Loopback, send: Any) -> None:
    rows = [_row(_button(n)) for n in range(6)]

    assert await send(content="RSVP", components=rows) == (400, 50035)
    assert await send(content="RSVP", components=[*rows[:5], _text(0)]) == (400, 50035)
    assert (await send(content="RSVP", components=rows[:5]))[0] == 200
    assert len(loopback.messages("meetups")) == 1


async def test_a_row_holds_buttons_or_one_select_alone(loopback: Loopback, send: Any) -> None:
    assert await send(content="Pick", components=[_row(_select(1), _button(1))]) == (400, 50035)
    assert await send(content="Pick", components=[_row(_select(1), _select(2))]) == (400, 50035)
    assert (await send(content="Pick", components=[_row(_select(1))]))[0] == 200
    assert len(loopback.messages("meetups")) == 1


async def test_a_components_v2_message_holds_40_components_nested_ones_counted(
    loopback: Loopback, send: Any
) -> None:
    def container(texts: int) -> dict[str, Any]:
        return {"type": 17, "components": [_text(n) for n in range(texts)]}

    # One container of 39 texts is 40 components; of 40, one too many.
    too_many = await send(flags=IS_COMPONENTS_V2, components=[container(40)])
    fits = await send(flags=IS_COMPONENTS_V2, components=[container(39)])

    assert too_many == (400, 50035)
    assert fits[0] == 200


async def test_a_form_holds_at_most_5_fields(loopback: Loopback, bot: ProbeBot) -> None:
    field = {"type": 4, "style": 1, "label": "Field"}
    rows = [_row({**field, "custom_id": f"probe:field{n}"}) for n in range(6)]
    bot.forms.put_nowait({"custom_id": "probe:crowded", "title": "Crowded", "components": rows})
    reply = await loopback.slash("form")
    error = await bot.next_error()

    assert reply.rejected == [(400, 50035)]
    assert reply.type is None  # no form opened
    assert error.code == 50035
