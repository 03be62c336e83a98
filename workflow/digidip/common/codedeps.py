"""Which code files a workflow step runs, derived from its imports (never listed by hand).

Snakemake reruns a job when one of its input files changes; listing a step's code as input
makes an edit rerun exactly the jobs that run that code. The set is read off the source:

* the step function (in its stage's ``steps`` module) and the modules it imports, at any
  depth, followed through every import of every digidip module they reach;
* for the command line itself, ``__main__`` and the ``steps`` modules it loads, whose
  module-level code runs for every step (their other step functions do not run);
* the Jinja2 templates those modules name, and the templates those include or import.

``tests/test_codedeps.py`` runs each step of a real build and checks that every digidip
module it actually imported is among its declared inputs.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

from jinja2 import Environment, meta

PKG = Path(__file__).resolve().parents[1]
TEMPLATES = PKG / "render" / "templates"
_TEMPLATE_NAME = re.compile(r"^[\w./-]+\.(?:html\.j2|j2|css)$")


def module_file(name: str) -> Path | None:
    """The file of digidip module ``name`` ("digidip.render.pages"), or None if it is not one."""
    parts = name.split(".")
    if parts[0] != "digidip":
        return None
    base = PKG.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def module_name(path: Path) -> str:
    rel = path.relative_to(PKG).with_suffix("")
    parts = [p for p in rel.parts if p != "__init__"]
    return ".".join(["digidip", *parts])


def _resolve(node: ast.ImportFrom | ast.Import, here: str, is_package: bool) -> set[str]:
    """The digidip modules an import statement in module ``here`` names."""
    if isinstance(node, ast.Import):
        return {a.name for a in node.names if a.name.split(".")[0] == "digidip"}
    if node.level == 0:
        base = node.module or ""
    else:
        package = here.split(".") if is_package else here.split(".")[:-1]
        package = package[: len(package) - (node.level - 1)]
        base = ".".join(package + ([node.module] if node.module else []))
    if base.split(".")[0] != "digidip":
        return set()
    # "from x import y" may import the submodule x.y, or just a name defined in x.
    return {base} | {f"{base}.{a.name}" for a in node.names if module_file(f"{base}.{a.name}")}


def imports_in(tree: ast.AST, here: str, is_package: bool) -> set[str]:
    """Every digidip module imported anywhere in ``tree`` (module level and inside functions)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            found |= {m for m in _resolve(node, here, is_package) if module_file(m)}
    return found


def _parents(name: str) -> set[str]:
    """A module's packages: importing digidip.a.b runs digidip/__init__ and digidip/a/__init__."""
    parts = name.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts))}


@cache
def _module_imports(name: str, module_level_only: bool) -> frozenset[str]:
    path = module_file(name)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if module_level_only:
        tree = ast.Module(body=[n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)], type_ignores=[])
    return frozenset(imports_in(tree, name, path.name == "__init__.py"))


def closure(names: set[str], shallow: frozenset[str] = frozenset()) -> set[str]:
    """``names`` with every digidip module they import, transitively, and their packages.

    Modules in ``shallow`` contribute only their module-level imports: the command line's
    ``steps`` modules, whose functions other than the one running never run.
    """
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in seen or module_file(name) is None:
            continue
        seen.add(name)
        todo += [*_module_imports(name, name in shallow), *_parents(name)]
    return seen


def step_modules(step_module: str, function: str) -> set[str]:
    """The digidip modules that run when ``python -m digidip`` runs ``step_module.function``."""
    path = module_file(step_module)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    fn = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == function)
    cli = _module_imports("digidip.__main__", True)
    shallow = frozenset({"digidip.__main__", step_module, *(m for m in cli if m.endswith(".steps"))})
    return closure({"digidip.__main__", step_module, *imports_in(fn, step_module, False)}, shallow)


def templates(modules: set[str]) -> set[Path]:
    """Templates the modules name (string constants), and those the templates include."""
    names = set()
    for m in modules:
        tree = ast.parse(module_file(m).read_text(encoding="utf-8"))
        names |= {
            n.value
            for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and _TEMPLATE_NAME.match(n.value)
        }
    env = Environment(autoescape=True)
    todo, seen = [n for n in names if (TEMPLATES / n).is_file()], set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        source = (TEMPLATES / name).read_text(encoding="utf-8")
        todo += [r for r in meta.find_referenced_templates(env.parse(source)) if r and (TEMPLATES / r).is_file()]
    return {TEMPLATES / n for n in seen}


def code_files(step_module: str, function: str, extra_modules: set[str] = frozenset()) -> list[Path]:
    """Every file that the step runs: its modules and their templates, sorted."""
    modules = step_modules(step_module, function) | closure(set(extra_modules))
    return sorted({module_file(m) for m in modules} | templates(modules))


def notebook_modules(source: Path) -> set[str]:
    """The digidip modules a notebook's source (jupytext percent format) imports."""
    tree = ast.parse(source.read_text(encoding="utf-8"))
    return imports_in(tree, "notebook", False)
