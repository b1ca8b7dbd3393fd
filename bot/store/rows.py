"""Rows as the services read them: a LIKE pattern for typed text, a dataclass from a row."""

from __future__ import annotations

import dataclasses
import sqlite3
from typing import Any, TypeVar

RowModel = TypeVar("RowModel")


def containing(typed: str) -> str:
    """A LIKE pattern, to use with ESCAPE '\\', for text holding `typed` as typed: its % and _
    match only themselves."""
    return "%" + typed.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def from_row(model: type[RowModel], row: sqlite3.Row, **overrides: Any) -> RowModel:
    """The dataclass `model` built from the row's columns of the same names.

    `overrides` supply fields the row holds in another form (JSON text, a flag as 0/1); fields
    neither the row nor `overrides` name keep their defaults.
    """
    columns = set(row.keys())
    values = {
        field.name: row[field.name]
        for field in dataclasses.fields(model)  # type: ignore[arg-type]
        if field.name in columns and field.name not in overrides
    }
    return model(**values, **overrides)
