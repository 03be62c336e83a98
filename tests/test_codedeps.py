"""Every job declares, as input, every digidip module it actually imports.

The rules derive their code inputs from the imports in the source (digidip/common/codedeps.py).
Here each job of a real build is run again with Python's import log switched on
(``PYTHONPROFILEIMPORTTIME``, which reaches the notebook's kernel too), and every digidip
module it imported must be among the inputs Snakemake recorded for that job. A module
imported but not declared would let an edit leave that job's output stale.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import venv_env

pytestmark = pytest.mark.workflow

IMPORTED = re.compile(r"^import time:\s+\d+ \|\s+\d+ \|\s*(digidip[\w.]*)$", re.M)


def jobs(project: Path) -> dict[str, dict]:
    """One recorded job per rule that runs ``python -m digidip``: its command and its inputs."""
    out = {}
    for f in sorted((project / ".snakemake" / "metadata").iterdir()):
        rec = json.loads(f.read_text())
        cmd = rec.get("shellcmd") or ""
        if "python -m digidip" in cmd and rec["rule"] not in out:
            out[rec["rule"]] = rec
    return out


def module_path(project: Path, name: str) -> str:
    base = project / "workflow" / Path(*name.split("."))
    path = base.with_suffix(".py") if base.with_suffix(".py").exists() else base / "__init__.py"
    return path.relative_to(project).as_posix()


@pytest.fixture(scope="module")
def project(mini_build, tmp_path_factory):
    """A copy of the built fixture: rerunning jobs here leaves the shared build untouched."""
    dest = tmp_path_factory.mktemp("codedeps") / "project"
    shutil.copytree(mini_build, dest, symlinks=True)
    return dest


def test_every_step_rule_was_seen(project):
    expected = {"extract_official", "official_benchmarks", "tidy_tables", "profile_ISL", "profile_MLT", "draw_figures"}
    expected |= {"assemble_report", "render_pdf", "publish_edition"}
    assert expected <= set(jobs(project))


@pytest.mark.parametrize(
    "rule",
    [
        "extract_official",
        "official_benchmarks",
        "tidy_tables",
        "profile_ISL",
        "draw_figures",
        "assemble_report",
        "render_pdf",
        "publish_edition",
    ],
)
def test_a_job_imports_only_declared_code(project, rule):
    rec = jobs(project)[rule]
    cmd = rec["shellcmd"].split(" > ")[0].replace("python -m digidip", f"{sys.executable} -m digidip", 1)
    env = {**venv_env(), "PYTHONPATH": str(project / "workflow"), "PYTHONPROFILEIMPORTTIME": "1"}
    env.pop("JUPYTER_RUNTIME_DIR", None)
    proc = subprocess.run(cmd, shell=True, cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    imported = {module_path(project, m) for m in IMPORTED.findall(proc.stderr)}
    assert any(m.endswith(("/steps.py", "__main__.py")) for m in imported), "the import log was not captured"
    missing = sorted(imported - set(rec["input"]))
    assert not missing, f"{rule} imports code it does not declare as input: {missing}"
    assert os.environ.get("PYTHONPROFILEIMPORTTIME") is None  # the switch stayed in the job's environment
