"""Formatting and lint are part of the test suite: ruff, snakefmt, snakemake --lint."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, venv_env

BIN = Path(sys.executable).parent


def run(*cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=ROOT, env=venv_env(), capture_output=True, text=True, timeout=300)


def test_ruff_check():
    proc = run(str(BIN / "ruff"), "check", "workflow", "tests", "notebooks", "bench")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_format():
    proc = run(str(BIN / "ruff"), "format", "--check", "workflow", "tests", "notebooks", "bench")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_snakefmt():
    proc = run(str(BIN / "snakefmt"), "--check", "Snakefile", "workflow/rules")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_snakemake_lint():
    proc = run(sys.executable, "-m", "snakemake", "--lint", "--cores", "1")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Congratulations" in proc.stdout + proc.stderr
