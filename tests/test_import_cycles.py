"""No two project modules import each other when they load: such a circle works or fails by which
module happens to be imported first (importing `cogs.meetups` first once failed with a partly
initialised `bot.calendar`), so a suite that imports in one order cannot see it. Importing every
module alone in a fresh interpreter would, but takes minutes; reading the imports each module runs
as it loads finds the same circles in well under a second."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "cogs", "sandbox", "bench", "web")


def project_modules() -> dict[str, Path]:
    """Each module's dotted name and file; a package is named by its `__init__.py`."""
    modules: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def statements_run_on_load(statements: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements of a module body that run as it loads: branches included (either may run),
    `if TYPE_CHECKING:` bodies and anything inside functions or classes' methods left out."""
    for statement in statements:
        if isinstance(statement, ast.If):
            if "TYPE_CHECKING" not in ast.unparse(statement.test):
                yield from statements_run_on_load(statement.body)
            yield from statements_run_on_load(statement.orelse)
        elif isinstance(statement, ast.Try):
            for block in (statement.body, statement.orelse, statement.finalbody):
                yield from statements_run_on_load(block)
            for handler in statement.handlers:
                yield from statements_run_on_load(handler.body)
        else:
            yield statement


def imported_names(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules that `name` names in its imports as it loads: for `from package
    import thing`, the submodule `thing` when there is one, else the package itself."""
    is_package = path.name == "__init__.py"
    named: set[str] = set()
    for statement in statements_run_on_load(ast.parse(path.read_text()).body):
        if isinstance(statement, ast.Import):
            named.update(alias.name for alias in statement.names)
        elif isinstance(statement, ast.ImportFrom):
            base = statement.module or ""
            if statement.level:
                package = name.split(".") if is_package else name.split(".")[:-1]
                package = package[: len(package) - (statement.level - 1)]
                base = ".".join([*package, *([base] if base else [])])
            for alias in statement.names:
                submodule = f"{base}.{alias.name}"
                named.add(submodule if submodule in modules else base)
    return named


def load_dependencies(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules that must finish loading before `name` can. Importing `a.b.c` runs `a`
    and `a.b` first, except a package `name` is itself inside: Python has begun that one already,
    and a submodule that takes only its siblings from it is safe."""
    own_packages = {".".join(name.split(".")[:depth]) for depth in range(1, name.count(".") + 1)}
    dependencies: set[str] = set()
    for target in imported_names(name, path, modules):
        parts = target.split(".")
        for depth in range(1, len(parts) + 1):
            module = ".".join(parts[:depth])
            loads_first = module == target or module not in own_packages
            if module in modules and module != name and loads_first:
                dependencies.add(module)
    return dependencies


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm, iterative so
    a deep chain of imports cannot exhaust Python's recursion limit)."""
    order: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in graph:
        if start in order:
            continue
        work: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(graph[start])))]
        order[start] = lowest[start] = len(order)
        stack.append(start)
        on_stack.add(start)
        while work:
            module, pending = work[-1]
            following = next(pending, None)
            if following is not None:
                if following not in order:
                    order[following] = lowest[following] = len(order)
                    stack.append(following)
                    on_stack.add(following)
                    work.append((following, iter(sorted(graph[following]))))
                elif following in on_stack:
                    lowest[module] = min(lowest[module], order[following])
                continue
            work.pop()
            if work:
                lowest[work[-1][0]] = min(lowest[work[-1][0]], lowest[module])
            if lowest[module] == order[module]:
                group: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == module:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def test_no_project_modules_import_each_other_as_they_load() -> None:
    modules = project_modules()
    graph = {name: load_dependencies(name, path, modules) for name, path in modules.items()}
    assert circles(graph) == []


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": set(), "c": {"c"}}, []),
        ({"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"c"}}, [["a", "b"], ["c", "d"]]),
    ],
)
def test_circles_are_found_and_only_circles(
    graph: dict[str, set[str]], expected: list[list[str]]
) -> None:
    assert sorted(circles(graph)) == expected


def test_a_module_taking_a_name_from_a_package_that_imports_it_is_a_circle(
    tmp_path: Path,
) -> None:
    """The shape of the circle once found: `bot.calendar` imported `bot.meetups`, whose service
    took `card_link` from `bot.calendar`."""
    (tmp_path / "calendar.py").write_text("from bot.meetups import Meetup\ncard_link = 1\n")
    (tmp_path / "meetups").mkdir()
    (tmp_path / "meetups" / "__init__.py").write_text("from bot.meetups.service import Meetup\n")
    (tmp_path / "meetups" / "service.py").write_text(
        "from bot.calendar import card_link\nfrom bot.meetups import values\n"
    )
    (tmp_path / "meetups" / "values.py").write_text("")
    modules = {
        "bot.calendar": tmp_path / "calendar.py",
        "bot.meetups": tmp_path / "meetups" / "__init__.py",
        "bot.meetups.service": tmp_path / "meetups" / "service.py",
        "bot.meetups.values": tmp_path / "meetups" / "values.py",
    }
    graph = {name: load_dependencies(name, path, modules) for name, path in modules.items()}
    assert graph["bot.meetups.service"] == {"bot.calendar", "bot.meetups.values"}
    assert circles(graph) == [["bot.calendar", "bot.meetups", "bot.meetups.service"]]
