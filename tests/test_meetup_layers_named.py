"""The meetups package's docstring names each of its modules, layer or helper beside them, so a
reader finds a behaviour from it: new layers (twins, growth) went unnamed there."""

from __future__ import annotations

from pathlib import Path

import pytest

import bot.meetups

MODULES = sorted(
    path.stem for path in Path(bot.meetups.__file__).parent.glob("*.py") if path.stem != "__init__"
)


@pytest.mark.parametrize("module", MODULES)
def test_the_package_docstring_names_each_module(module: str) -> None:
    assert f"`{module}`" in (bot.meetups.__doc__ or "")
