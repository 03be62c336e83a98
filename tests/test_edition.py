"""The published edition: manifest, publish step, make verify, and fresh-clone timestamps."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, venv_env
from digidip.edition import manifest, publish, verify


def make_tree(root: Path) -> None:
    for rel, text in {
        "data/tidy/a.csv": "x\n1\n",
        "reports/report.html": "<p>hi</p>\n",
        "reports/countries/AAA.html": "a\n",
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)


def test_manifest_detects_hand_edits_and_missing_files(tmp_path):
    make_tree(tmp_path)
    (tmp_path / manifest.MANIFEST).write_text(manifest.manifest(tmp_path, manifest.published_files(tmp_path)))
    assert manifest.check_manifest(tmp_path) == []
    (tmp_path / "reports/report.html").write_text("<p>edited</p>\n")
    (tmp_path / "data/tidy/a.csv").unlink()
    problems = manifest.check_manifest(tmp_path)
    assert "data/tidy/a.csv: listed in the manifest but missing" in problems
    assert any(p.startswith("reports/report.html: sha256 differs from the manifest") for p in problems)


def test_publish_copies_staged_files_drops_stale_pages_and_writes_manifest_last(tmp_path):
    make_tree(tmp_path)
    stage = "data/interim/stage"
    for rel in ("data/tidy/a.csv", "reports/report.html"):
        (tmp_path / stage / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / stage / rel).write_text(f"new {rel}\n")
    publish.publish(tmp_path, stage, [f"{stage}/data/tidy/a.csv", f"{stage}/reports/report.html"])
    assert (tmp_path / "reports/report.html").read_text() == "new reports/report.html\n"
    assert not (tmp_path / "reports/countries/AAA.html").exists()
    doc = json.loads((tmp_path / manifest.MANIFEST).read_text())
    assert sorted(doc["files"]) == ["data/tidy/a.csv", "reports/report.html"]
    assert manifest.check_manifest(tmp_path) == []


def test_difference_is_described_with_position_and_lines(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.write_text("one\ntwo\n")
    b.write_text("one\nTWO\n")
    text = verify.describe_difference(a, b)
    assert "first difference at byte 4" in text and "-two" in text and "+TWO" in text


def dry_run(project: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Snakemake's plan for ``project``, without running anything."""
    cmd = [sys.executable, "-m", "snakemake", "--profile", "workflow/profiles/local", "--cores", "2", "--dry-run"]
    return subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=300)


def tracked_copy(dest: Path) -> Path:
    """A copy of the committed project (as a fresh clone would have it)."""
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(dest)], check=True)
    return dest


@pytest.mark.workflow
def test_verify_fails_on_a_stale_edition(tmp_path):
    project = tracked_copy(tmp_path / "stale")
    country = project / "data/raw/countries/KGZ.yaml"
    country.write_text(country.read_text().replace("Taza Koom", "Taza Koom (edited)", 1))
    proc = subprocess.run(
        [sys.executable, "-m", "digidip", "verify", "--root", str(project), "--cores", "2"],
        env=venv_env(),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "the published edition does not match its inputs" in proc.stderr
    assert "inputs changed since the edition was built" in proc.stderr
    assert "data/tidy/events.csv: not reproduced exactly" in proc.stderr
    assert "Taza Koom (edited)" in proc.stderr  # says how it differs


@pytest.mark.workflow
def test_fresh_clone_rebuilds_identically_then_does_nothing(tmp_path):
    """Checkout mtimes are arbitrary: the first build trusts none of them, later ones use checksums."""
    project = tracked_copy(tmp_path / "clone")
    venv = Path(sys.executable).parent.parent
    env = {**venv_env(), "CORES": "2"}
    make = ["make", "--no-print-directory", f"VENV={venv}", "report"]
    first = subprocess.run(make, cwd=project, env=env, capture_output=True, text=True, timeout=900)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    assert "--forceall" in first.stdout + first.stderr  # no build record: everything is rebuilt once
    # The rebuild reproduces the committed edition byte for byte.
    status = subprocess.run(["git", "status", "--porcelain"], cwd=project, capture_output=True, text=True, check=True)
    assert status.stdout == "", status.stdout
    second = subprocess.run(make, cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert "Nothing to be done" in second.stdout + second.stderr
    # A new checkout of the same content (every mtime renewed) plans nothing either.
    now = time.time()
    for path in project.rglob("*"):
        if path.is_file() and ".git" not in path.parts and ".snakemake" not in path.parts:
            os.utime(path, (now, now))
    dry = dry_run(project, env)
    assert "Nothing to be done" in dry.stdout + dry.stderr, dry.stdout[-3000:]
    # ...while a real edit (made after the checkout, as edits are) is never skipped.
    time.sleep(1.1)
    country = project / "data/raw/countries/UZB.yaml"
    country.write_text(country.read_text().replace("Digital Uzbekistan-2030", "Digital Uzbekistan 2030", 1))
    dry = dry_run(project, env)
    assert "slice_country" in dry.stdout and "publish_edition" in dry.stdout
    shutil.rmtree(project / ".snakemake", ignore_errors=True)
