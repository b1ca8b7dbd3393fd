"""The forms (modals) the sandbox console has open: whose each is, how one is shown, and what
`submit` fills in."""

from __future__ import annotations

from sandbox.directory import ConsoleError
from sandbox.lines import (
    AmbiguousField,
    FormField,
    RepeatedField,
    StrayField,
    form_values,
    in_words,
)
from sandbox.modals import modal_inputs, prefilled
from sandbox.replies import Reply
from sandbox.settling import user_of
from sandbox.state import Json


class OpenForms(dict[str, Reply]):
    """The form each member has open, by name, the newest last: in Discord each member has a
    form of their own, which only they can send."""

    def open(self, reply: Reply, modal: Json) -> str:
        """Keep `reply`'s form as its opener's; returns the form as the console shows it."""
        opener = user_of(reply).name
        self.pop(opener, None)  # a member's new form takes the place of the one they had
        self[opener] = reply
        lines = [f"📝 form “{modal['title']}” (open for {opener}):"]
        fields = _form_fields(modal)
        for number, form_field in enumerate(fields, start=1):
            lines.append(f"  {number} {form_field.label}:{_shown(form_field)}")
        if any(not form_field.value and form_field.placeholder for form_field in fields):
            shown_as = _hinted("…")
            lines.append(
                f"({shown_as} is the greyed hint Discord shows in an empty field: not sent)"
            )
        lines.append(
            "(submit sends it as shown; submit some text sends that instead)"
            if len(fields) == 1
            else "(submit sends it as shown; submit 2:text changes field 2, keeps the rest)"
        )
        return "\n".join(lines)

    def of(self, actor: str, named: bool) -> Reply:
        """The form `submit` sends: `actor`'s, or when the line names nobody and they have
        none, the newest form open."""
        if actor in self:
            return self[actor]
        if not self:
            whose = f"{actor} has no form open" if named else "No form is open"
            raise ConsoleError(
                f"{whose}: a form closes once sent, as in Discord; a command or button that "
                "opens one comes first."
            )
        if not named:
            return list(self.values())[-1]
        holders = list(self)
        have = "has" if len(holders) == 1 else "have"
        raise ConsoleError(
            f"{actor} has no form open: in Discord each member sends only their own. "
            f"{in_words(holders)} {have} one: as {holders[-1]} submit."
        )


def filled(text: str, modal: Json) -> dict[str, str]:
    """The fields `submit text` changes in `modal`, refused while a required one is empty."""
    inputs = _form_fields(modal)
    try:
        fields = form_values(text, inputs)
    except (StrayField, AmbiguousField, RepeatedField) as problem:
        raise ConsoleError(str(problem)) from None
    except ValueError as problem:
        if len(inputs) != 1:
            raise ConsoleError(str(problem)) from None
        # A form of one box (a reason) takes the text whole, as typing into it would.
        fields = {inputs[0].custom_id: text.strip().replace("\\n", "\n")}
    _refuse_unfilled(inputs, fields)
    return fields


def _refuse_unfilled(inputs: list[FormField], fields: dict[str, str]) -> None:
    """Name every required field the form would be sent without, as Discord's client marks
    them all, rather than the first the loopback refuses."""
    empty = [
        (number, form_field.label)
        for number, form_field in enumerate(inputs, start=1)
        if form_field.required and not fields.get(form_field.custom_id, form_field.value)
    ]
    if empty:
        named = in_words([f"{number} {label}" for number, label in empty])
        example = " ".join(f"{number}:…" for number, _ in empty)
        raise ConsoleError(f"The form needs {named}, as in submit {example}; nothing was sent.")


def _shown(form_field: FormField) -> str:
    """What follows a field's label: its value, else its hint and whether it is required."""
    if form_field.value:
        return " " + _one_line(form_field.value)
    hint = _hinted(_one_line(form_field.placeholder)) if form_field.placeholder else ""
    required = "(required)" if form_field.required else ""
    return "".join(f" {part}" for part in (hint, required) if part)


def _hinted(text: str) -> str:
    """A field's placeholder, marked unlike any value: in Discord it is greyed text."""
    return f"‹{text}›"


def _one_line(text: str) -> str:
    return text.replace("\n", "\\n")


def _form_fields(modal: Json) -> list[FormField]:
    return [
        FormField(
            input_["custom_id"],
            label or input_["custom_id"],
            value if isinstance(value := prefilled(input_), str) else ", ".join(value),
            input_.get("required", True),
            input_.get("placeholder", ""),
        )
        for _, input_, label in modal_inputs(modal["components"])
    ]
