"""Temporary copies of the project (``copy_project``) and the edits the incremental builds measure."""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
from pathlib import Path

from .paths import COUNTRY_NOTEBOOK, REPORT_TEMPLATE, ROOT

try:  # what a copy of the project needs, as the tests copy it (data/raw comes separately)
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import CODE
except ImportError:
    CODE = ("Snakefile", "workflow", "notebooks", "config", "requirements.lock", "environment.yml", "data/snapshots")
finally:
    sys.path.remove(str(ROOT / "tests"))


def copy_project(dest: Path, raw: Path, source: Path = ROOT, config: Path | None = None) -> Path:
    """Copy the workflow code of ``source`` to ``dest`` with ``raw`` as data/raw (like conftest.copy_project)."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in CODE:
        src = source / name
        if not src.exists():
            continue
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=ignore)
        else:
            shutil.copy2(src, dest / name)
    shutil.copytree(raw, dest / "data" / "raw")
    if config is not None:
        shutil.copy2(config, dest / "config" / "config.yaml")
    return dest


def edit_country(project: Path, iso3: str) -> str:
    """Change the first event title in one country's file; return a description."""
    path = project / "data" / "raw" / "countries" / f"{iso3}.yaml"
    text = path.read_text(encoding="utf-8")
    new, n = re.subn(r'(\btitle"?:\s*")', r"\1Edited for the benchmark: ", text, count=1)
    if n != 1:
        raise RuntimeError(f"no quoted title to edit in {path}")
    path.write_text(new, encoding="utf-8")
    return f"data/raw/countries/{iso3}.yaml: first event title changed"


def _append(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + line, encoding="utf-8")


def edit_template(project: Path) -> str:
    _append(project / REPORT_TEMPLATE, "{# edited for the benchmark #}\n")
    return f"{REPORT_TEMPLATE.name}: a template comment appended"


def edit_notebook(project: Path) -> str:
    _append(project / COUNTRY_NOTEBOOK, "# edited for the benchmark\n")
    return f"{COUNTRY_NOTEBOOK.name}: a comment appended to the last cell"


def touch_inputs(project: Path) -> str:
    """Give every input a new mtime, content unchanged: shows whether Snakemake reruns on time stamps alone."""
    now = time.time()
    n = 0
    for sub in ("data/raw", "notebooks", "workflow", "config"):
        for p in (project / sub).rglob("*"):
            if p.is_file():
                os.utime(p, (now, now))
                n += 1
    os.utime(project / "Snakefile", (now, now))
    return f"{n + 1} input files touched (mtime now, content unchanged)"
