"""Check the code's layout rules (run by ``make lint`` and the test suite).

* No module over 400 lines and no function over 80 lines in workflow/, bench/ and
  notebooks/: a reader holds each one in mind at once.
* The package workflow/digidip/ has one subpackage per stage, and a stage imports only
  from itself, from an earlier stage and from ``common``, never from a later one, so data
  and dependencies flow one way. Only ``__init__`` and ``__main__`` stay at its root.
* Within a stage the modules' imports form no cycle (imports inside functions count): a
  module can be read knowing only the modules it imports.

Usage: ``python workflow/scripts/check_layout.py [ROOT]``; prints one line per violation
and exits 1 if there is any.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 80
CHECKED_DIRS = ("workflow", "bench", "notebooks")
PACKAGE = "workflow/digidip"
#: The stages in the order data flows; ``common`` comes first because every stage uses it.
STAGES = ("common", "facts", "official", "tidy", "analysis", "render", "edition", "serve")
ROOT_MODULES = {"__init__.py", "__main__.py"}


def python_files(root: Path) -> list[Path]:
    files = [p for d in CHECKED_DIRS for p in (root / d).rglob("*.py")]
    return sorted(p for p in files if "__pycache__" not in p.parts)


def size_problems(root: Path, path: Path) -> list[str]:
    rel = path.relative_to(root).as_posix()
    text = path.read_text(encoding="utf-8")
    problems = []
    n_lines = len(text.splitlines())
    if n_lines > MAX_MODULE_LINES:
        problems.append(f"{rel}: module has {n_lines} lines (limit {MAX_MODULE_LINES}); split it")
    for node in ast.walk(ast.parse(text, filename=rel)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                problems.append(
                    f"{rel}:{node.lineno}: function {node.name} has {length} lines (limit {MAX_FUNCTION_LINES}); split it"
                )
    return problems


def imported_stages(path: Path, stage: str) -> set[tuple[str, int]]:
    """(stage, line) of every digidip stage ``path`` imports, at any depth of the module."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module and node.module.startswith("digidip."):
                out.add((node.module.split(".")[1], node.lineno))
            elif node.level == 1:
                out.add((stage, node.lineno))
            elif node.level == 2 and node.module:
                out.add((node.module.split(".")[0], node.lineno))
            elif node.level == 2:  # from .. import x
                out |= {(alias.name, node.lineno) for alias in node.names}
        elif isinstance(node, ast.Import):
            out |= {(a.name.split(".")[1], node.lineno) for a in node.names if a.name.startswith("digidip.")}
    return out


def import_problems(root: Path) -> list[str]:
    pkg = root / PACKAGE
    problems: list[str] = []
    if not pkg.is_dir():
        return problems
    for path in sorted(pkg.glob("*.py")):
        if path.name not in ROOT_MODULES:
            problems.append(f"{path.relative_to(root)}: module at the package root; move it into its stage")
    for stage_dir in sorted(p for p in pkg.iterdir() if p.is_dir() and p.name != "__pycache__"):
        stage = stage_dir.name
        if stage not in STAGES and (stage_dir / "__init__.py").exists():
            problems.append(f"{stage_dir.relative_to(root)}: not a known stage; add it to STAGES in order")
            continue
        for path in sorted(stage_dir.rglob("*.py")):
            for target, line in sorted(imported_stages(path, stage)):
                if target in STAGES and STAGES.index(target) > STAGES.index(stage) and target != "common":
                    problems.append(
                        f"{path.relative_to(root)}:{line}: stage {stage} imports the later stage {target};"
                        " a stage may import only from itself, earlier stages and common"
                    )
    return problems


def sibling_imports(path: Path) -> set[str]:
    """The modules of its own stage that ``path`` imports (``from .x import``, ``from . import x``)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            out |= {node.module.split(".")[0]} if node.module else {a.name for a in node.names}
    return out


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every cycle a depth-first walk of ``graph`` (module -> modules it imports) meets."""
    found: list[list[str]] = []
    seen: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            found.append([*path[path.index(module) :], module])
            return
        if module in seen or module not in graph:
            return
        seen.add(module)
        for target in sorted(graph[module]):
            visit(target, [*path, module])

    for module in sorted(graph):
        visit(module, [])
    return found


def cycle_problems(root: Path) -> list[str]:
    """One line per cycle of imports among the modules of one stage."""
    problems = []
    for stage_dir in sorted(p for p in (root / PACKAGE).glob("*/") if (p / "__init__.py").exists()):
        graph = {p.stem: sibling_imports(p) for p in stage_dir.glob("*.py") if p.stem != "__init__"}
        problems += [f"{stage_dir.relative_to(root)}: import cycle {' -> '.join(c)}" for c in cycles(graph)]
    return problems


def check(root: Path) -> list[str]:
    problems = [p for path in python_files(root) for p in size_problems(root, path)]
    return problems + import_problems(root) + cycle_problems(root)


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(".")
    problems = check(root)
    for p in problems:
        print(p)
    if problems:
        print(f"layout: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print("layout: module and function sizes within limits; every stage imports only earlier stages, no cycles")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
