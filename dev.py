"""One-step tasks for people who just cloned Keitora: `python3 dev.py sandbox | test | lint | run`.

Each task first makes sure `.venv` exists and holds what its requirements file pins (reinstalling
only when it changed), then runs inside it: `run` and `check` need only the bot's runtime
requirements, so a production host never gets the test and lint tools. Needs nothing but
Python 3.11+.
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
RUNTIME = ROOT / "requirements.txt"
DEVELOPMENT = ROOT / "requirements-dev.txt"  # includes requirements.txt

# Half again as many test workers as cores: about a third of a worker's time is spent waiting
# on sockets, timers and the subprocesses the suite starts, which another worker fills (on 2
# cores, quiet: the suite in 6 min 33 s with 3 workers, 8 min 32 s with 2).
CORES = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
TEST_WORKERS = max(2, CORES * 3 // 2)

TASKS = {
    "sandbox": ["bot.py", "sandbox"],
    "run": ["bot.py", "run"],
    "check": ["bot.py", "check"],
    "test": ["-m", "pytest", "-n", str(TEST_WORKERS)],
    "lint": ["-m", "ruff", "check", "."],
    "format": ["-m", "ruff", "format", "."],
    # Only brings .venv up to the pins: a host installing as root, then checking the database
    # as the bot's own user, so that no file of it comes to belong to root.
    "install": [],
}
PRODUCTION_TASKS = frozenset({"run", "check", "install"})


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def requirements_for(task: str) -> Path:
    return RUNTIME if task in PRODUCTION_TASKS else DEVELOPMENT


def stamp_for(requirements: Path) -> Path:
    return VENV / f".{requirements.stem}.sha256"


def requirements_digest(requirements: Path) -> str:
    """The pins `requirements` installs: the development file includes the runtime one."""
    digest = hashlib.sha256()
    for path in (RUNTIME, requirements) if requirements != RUNTIME else (RUNTIME,):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def is_installed(requirements: Path) -> bool:
    """Installed as pinned now, either itself or, for the runtime pins, within the dev ones."""
    candidates = (requirements, DEVELOPMENT) if requirements == RUNTIME else (requirements,)
    return any(
        stamp_for(path).exists() and stamp_for(path).read_text() == requirements_digest(path)
        for path in candidates
    )


def has_pip(python: Path) -> bool:
    probe = [str(python), "-m", "pip", "--version"]
    return python.exists() and subprocess.run(probe, capture_output=True).returncode == 0


def ensure_venv(requirements: Path) -> Path:
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
    if not is_installed(requirements):
        print(f"Installing {requirements.name} (first run takes a minute) …", flush=True)
        install = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        if subprocess.run([*install, "-r", str(requirements)]).returncode != 0:
            raise SystemExit("pip could not install the requirements; see its message above.")
        stamp_for(requirements).write_text(requirements_digest(requirements))
    return python


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in TASKS:
        print(f"usage: python3 dev.py {{{'|'.join(TASKS)}}} [arguments…]", file=sys.stderr)
        return 2
    python = ensure_venv(requirements_for(argv[0]))
    if not TASKS[argv[0]]:
        return 0
    command = [str(python), *TASKS[argv[0]], *argv[1:]]
    return subprocess.run(command, cwd=ROOT).returncode


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)
