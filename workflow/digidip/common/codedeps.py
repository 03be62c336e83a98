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
import atexit
import json
import os
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

from jinja2 import Environment, meta

from .inputfiles import files

PKG = Path(__file__).resolve().parents[1]
TEMPLATES = PKG / "render" / "templates"
# A template's name as a quoted string in the source (a name ending in .html.j2, .j2 or .css).
_TEMPLATE_LITERAL = re.compile(r"""["']([\w./-]+\.(?:html\.j2|j2|css|typ))["']""")


# What parsing each file found, kept between runs (use_cache): the workflow derives every
# step's code when it loads, and parsing ~80 modules and ~20 templates each time was a third
# of a no-op run. An entry is used only while its file's size and mtime are unchanged, and
# the whole store only while the package holds the same files (an import may name a module
# by whether its file exists).
_store: dict | None = None


def _tree_signature() -> list[str]:
    return sorted(str(p.relative_to(PKG)) for p in files(PKG) if p.suffix in {".py", ".j2", ".css", ".typ"})


def use_cache(path: Path) -> None:
    """Keep what is parsed in ``path`` (JSON), reusing what an earlier run stored there."""
    global _store
    signature = _tree_signature()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    _store = data.get("entries", {}) if data.get("signature") == signature else {}
    before = json.dumps(_store, sort_keys=True)

    def save() -> None:
        if json.dumps(_store, sort_keys=True) != before:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"signature": signature, "entries": _store}), encoding="utf-8")
            tmp.replace(path)

    atexit.register(save)


def _memo(kind: str, file: Path, compute: Callable[[], list[str]]) -> list[str]:
    """``compute()`` for ``file``, from the store while the file is unchanged."""
    if _store is None:
        return compute()
    st = file.stat()
    key, stamp = f"{kind}:{file.relative_to(PKG)}", [st.st_mtime_ns, st.st_size]
    hit = _store.get(key)
    if hit is None or hit[0] != stamp:
        hit = _store[key] = [stamp, sorted(compute())]
    return hit[1]


@cache
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

    def parse() -> set[str]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if module_level_only:
            tree = ast.Module(
                body=[n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)], type_ignores=[]
            )
        return imports_in(tree, name, path.name == "__init__.py")

    return frozenset(_memo("top" if module_level_only else "all", path, parse))


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

    def parse() -> set[str]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        fn = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == function)
        return imports_in(fn, step_module, False)

    cli = _module_imports("digidip.__main__", True)
    shallow = frozenset({"digidip.__main__", step_module, *(m for m in cli if m.endswith(".steps"))})
    return closure({"digidip.__main__", step_module, *_memo(f"function {function}", path, parse)}, shallow)


@cache
def _template_names(module: str) -> frozenset[str]:
    """The template names a module's string literals hold (read once per process: the
    workflow asks for every step's code when it loads; a literal scan, not a parse)."""
    path = module_file(module)
    return frozenset(_memo("templates", path, lambda: set(_TEMPLATE_LITERAL.findall(path.read_text(encoding="utf-8")))))


@cache
def _included(template: str) -> frozenset[str]:
    """The templates one Jinja2 template includes or imports (a Typst template includes none)."""
    path = TEMPLATES / template
    if path.suffix == ".typ":
        return frozenset()

    def parse() -> set[str]:
        refs = meta.find_referenced_templates(Environment(autoescape=True).parse(path.read_text(encoding="utf-8")))
        return {r for r in refs if r and (TEMPLATES / r).is_file()}

    return frozenset(_memo("includes", path, parse))


def templates(modules: set[str]) -> set[Path]:
    """Templates the modules name (string constants), and those the templates include."""
    todo = [n for m in modules for n in _template_names(m) if (TEMPLATES / n).is_file()]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += _included(name)
    return {TEMPLATES / n for n in seen}


def code_files(step_module: str, function: str, extra_modules: set[str] = frozenset()) -> list[Path]:
    """Every file that the step runs: its modules and their templates, sorted."""
    modules = step_modules(step_module, function) | closure(set(extra_modules))
    return sorted({module_file(m) for m in modules} | templates(modules))


def notebook_modules(source: Path) -> set[str]:
    """The digidip modules a notebook's source (jupytext percent format) imports."""
    tree = ast.parse(source.read_text(encoding="utf-8"))
    return imports_in(tree, "notebook", False)
