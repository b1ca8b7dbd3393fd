"""The sandbox package loads the loopback (and with it discord.py and the bot) only when one of
its exports is used: a tool that reads the spec alone starts without them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_a_sandbox_module_is_imported_without_the_loopback() -> None:
    probe = (
        "import sys, sandbox.spec; print('discord' in sys.modules, 'sandbox.driver' in sys.modules)"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[2],
    ).stdout.split()

    assert loaded == ["False", "False"]


def test_the_package_exports_still_name_the_loopback_and_its_submodules() -> None:
    import sandbox
    from sandbox import Loopback, session
    from sandbox.driver import Loopback as driver_loopback

    assert Loopback is driver_loopback
    assert session.__name__ == "sandbox.session"
    assert set(sandbox.__all__) <= set(dir(sandbox))
