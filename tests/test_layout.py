"""The layout rules hold (workflow/scripts/check_layout.py), and the checker catches breaches."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET

from conftest import ROOT, venv_env

sys.path.insert(0, str(ROOT / "workflow" / "scripts"))
import check_layout  # the script beside the workflow (on sys.path above)


def test_the_project_keeps_its_layout():
    proc = subprocess.run(
        [sys.executable, "workflow/scripts/check_layout.py"], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _tree(tmp_path, files: dict[str, str]):
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    return tmp_path


def test_a_long_function_and_a_long_module_are_caught(tmp_path):
    long_function = "def f():\n" + "    x = 1\n" * 80
    long_module = "x = 1\n" * 401
    root = _tree(tmp_path, {"bench/a.py": long_function, "notebooks/b.py": long_module})
    problems = check_layout.check(root)
    assert any("bench/a.py:1: function f has 81 lines" in p for p in problems), problems
    assert any("notebooks/b.py: module has 401 lines" in p for p in problems), problems


def test_an_import_from_a_later_stage_is_caught(tmp_path):
    root = _tree(
        tmp_path,
        {
            "workflow/digidip/__init__.py": "",
            "workflow/digidip/stray.py": "",
            "workflow/digidip/analysis/__init__.py": "",
            "workflow/digidip/analysis/comparison.py": "def f():\n    from ..render.html import num\n",
            "workflow/digidip/render/__init__.py": "",
            "workflow/digidip/render/html.py": "from ..analysis import comparison\nfrom . import html\n",
        },
    )
    problems = check_layout.check(root)
    assert any("analysis/comparison.py:2: stage analysis imports the later stage render" in p for p in problems)
    assert any("digidip/stray.py: module at the package root" in p for p in problems)
    assert not any("render/html.py" in p for p in problems), "render may import analysis"


def test_an_import_cycle_within_a_stage_is_caught(tmp_path):
    """Two modules of a stage that import each other, one of them inside a function (as
    official/data.py and official/benchmarks.py once did)."""
    root = _tree(
        tmp_path,
        {
            "workflow/digidip/__init__.py": "",
            "workflow/digidip/official/__init__.py": "",
            "workflow/digidip/official/data.py": "def load():\n    from . import benchmarks\n",
            "workflow/digidip/official/benchmarks.py": "from .data import load\n",
            "workflow/digidip/official/extract.py": "from . import data\n",
        },
    )
    problems = check_layout.check(root)
    assert problems == ["workflow/digidip/official: import cycle benchmarks -> data -> benchmarks"]


def _dot_graph(dot: str) -> tuple[set[str], set[tuple[str, str]]]:
    labels = dict(re.findall(r'^\s*(\d+)\[label = "([^"]+)"', dot, flags=re.M))
    edges = {(labels[a], labels[b]) for a, b in re.findall(r"^\s*(\d+) -> (\d+)", dot, flags=re.M)}
    return set(labels.values()), edges


def _svg_graph(svg: str) -> tuple[set[str], set[tuple[str, str]]]:
    ns = {"s": "http://www.w3.org/2000/svg"}
    root = ET.fromstring(svg)
    labels = {g.find("s:title", ns).text: g.find("s:text", ns).text for g in root.iterfind(".//s:g[@class='node']", ns)}
    edges = set()
    for g in root.iterfind(".//s:g[@class='edge']", ns):
        a, b = g.find("s:title", ns).text.split("->")
        edges.add((labels[a], labels[b]))
    return set(labels.values()), edges


def test_the_committed_rule_graph_is_current(checkout_copy):
    proc = subprocess.run(
        [sys.executable, "-m", "snakemake", "--rulegraph", "--cores", "1", "--quiet", "all"],
        cwd=checkout_copy,  # Snakemake writes .snakemake/ where it runs
        env=venv_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    rules, edges = _dot_graph(proc.stdout)
    assert {"tidy_tables", "publish_edition"} <= rules
    drawn = _svg_graph((ROOT / "docs" / "rulegraph.svg").read_text(encoding="utf-8"))
    assert drawn == (rules, edges), "docs/rulegraph.svg is stale: run 'make rulegraph' and commit it"
