"""Formatting and lint are part of the test suite: ruff, snakefmt, snakemake --lint, actionlint."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, venv_env

BIN = Path(sys.executable).parent
#: actionlint, run on Node from the package that tools/package-lock.json pins ('make tools').
ACTIONLINT = ROOT / "tools" / "actionlint.cjs"
WORKFLOWS = ROOT / ".github" / "workflows"


def run(*cmd: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, env=venv_env(), capture_output=True, text=True, timeout=300)


# --no-cache: ruff would otherwise write .ruff_cache/ into the checkout.
def test_ruff_check():
    proc = run(str(BIN / "ruff"), "check", "--no-cache", "workflow", "tests", "notebooks", "bench")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_format():
    proc = run(str(BIN / "ruff"), "format", "--check", "--no-cache", "workflow", "tests", "notebooks", "bench")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_snakefmt():
    proc = run(str(BIN / "snakefmt"), "--check", "Snakefile", "workflow/rules")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_snakemake_lint(checkout_copy):
    # In a copy: Snakemake writes .snakemake/ where it runs.
    proc = run(sys.executable, "-m", "snakemake", "--lint", "--cores", "1", cwd=checkout_copy)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Congratulations" in proc.stdout + proc.stderr


def actionlint(*paths: Path) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    assert node, "Node.js is needed for actionlint: 'make test' installs it (workflow/scripts/system-deps.sh lint)"
    assert (ROOT / "tools" / "node_modules" / "@tktco" / "node-actionlint" / "main.wasm").exists(), (
        "actionlint is not installed: run 'make tools'"
    )
    return run(node, str(ACTIONLINT), *map(str, paths))


def test_actionlint_github_workflows():
    workflows = sorted(WORKFLOWS.glob("*.y*ml"))
    assert workflows, f"no workflow under {WORKFLOWS}"
    proc = actionlint(*workflows)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    """The check is real: a misspelt input and an unknown context fail it, with the line."""
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\n"
        "jobs:\n"
        "  test:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - uses: actions/upload-artifact@v4\n"
        "        with:\n"
        "          name: reports\n"
        "          pathh: reports/\n"
        "      - run: echo ${{ github.evnt_name }}\n"
    )
    proc = actionlint(broken)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert f'{broken}:9:11: input "pathh" is not defined' in proc.stdout
    assert f"{broken}:10:" in proc.stdout and "evnt_name" in proc.stdout
