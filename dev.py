"""One-step tasks for people who just cloned Keitora: `python3 dev.py sandbox | test | lint | run`.

Each task first makes sure `.venv` exists and holds what the requirements files pin (reinstalling
only when they changed), then runs inside it. Needs nothing but Python 3.11+.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
REQUIREMENTS = ROOT / "requirements-dev.txt"
STAMP = VENV / ".requirements.sha256"

TASKS = {
    "sandbox": ["bot.py", "sandbox"],
    "run": ["bot.py", "run"],
    "check": ["bot.py", "check"],
    "test": ["-m", "pytest"],
    "lint": ["-m", "ruff", "check", "."],
    "format": ["-m", "ruff", "format", "."],
}


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def requirements_digest() -> str:
    digest = hashlib.sha256()
    for path in (ROOT / "requirements.txt", REQUIREMENTS):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def has_pip(python: Path) -> bool:
    probe = [str(python), "-m", "pip", "--version"]
    return python.exists() and subprocess.run(probe, capture_output=True).returncode == 0


def ensure_venv() -> Path:
    python = venv_python()
    if not has_pip(python):
        # Missing, or left half-made by an interrupted first run or a Python without venv/pip.
        print("Creating the virtual environment in .venv …", flush=True)
        shutil.rmtree(VENV, ignore_errors=True)
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except (OSError, subprocess.CalledProcessError) as exc:
            shutil.rmtree(VENV, ignore_errors=True)
            raise SystemExit(
                f"Could not create .venv ({exc}). On Debian or Ubuntu, install the venv "
                "module first: sudo apt install python3-venv"
            ) from None
    wanted = requirements_digest()
    if not STAMP.exists() or STAMP.read_text() != wanted:
        print("Installing the pinned requirements (first run takes a minute) …", flush=True)
        install = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        if subprocess.run([*install, "-r", str(REQUIREMENTS)]).returncode != 0:
            raise SystemExit("pip could not install the requirements; see its message above.")
        STAMP.write_text(wanted)
    return python


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in TASKS:
        print(f"usage: python3 dev.py {{{'|'.join(TASKS)}}} [arguments…]", file=sys.stderr)
        return 2
    python = ensure_venv()
    command = [str(python), *TASKS[argv[0]], *argv[1:]]
    return subprocess.run(command, cwd=ROOT).returncode


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)
