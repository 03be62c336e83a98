"""The published edition: manifest, publish step, make verify, and fresh-clone timestamps."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, bare_machine, published_bytes, venv_env
from digidip.edition import manifest, publish, recover, verify


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


STAGE = "data/interim/stage"
STAGED = [f"{STAGE}/data/tidy/a.csv", f"{STAGE}/reports/report.html"]


def stage_new_edition(root: Path) -> None:
    for rel in ("data/tidy/a.csv", "reports/report.html"):
        (root / STAGE / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / STAGE / rel).write_text(f"new {rel}\n")


def test_publish_copies_staged_files_drops_stale_pages_and_writes_manifest_last(tmp_path):
    make_tree(tmp_path)
    (tmp_path / manifest.MANIFEST).write_text(manifest.manifest(tmp_path, manifest.published_files(tmp_path)))
    (tmp_path / "reports/notes.txt").write_text("a reader's own file, never published\n")
    stage_new_edition(tmp_path)
    publish.publish(tmp_path, ".", STAGE, STAGED, {"build": ""})
    assert (tmp_path / "reports/report.html").read_text() == "new reports/report.html\n"
    assert not (tmp_path / "reports/countries/AAA.html").exists()  # listed by the old manifest
    assert (tmp_path / "reports/notes.txt").exists()  # never listed: never deleted
    doc = json.loads((tmp_path / manifest.MANIFEST).read_text())
    assert sorted(doc["files"]) == ["data/tidy/a.csv", "reports/report.html"] and doc["build"] == ""
    assert not (tmp_path / publish.JOURNAL).exists()


def test_an_interrupted_publish_is_completed_from_its_journal(tmp_path):
    make_tree(tmp_path)
    old = manifest.manifest(tmp_path, manifest.published_files(tmp_path))
    (tmp_path / manifest.MANIFEST).write_text(old)
    stage_new_edition(tmp_path)
    journal = publish.plan(tmp_path, ".", STAGE, STAGED, {})
    (tmp_path / publish.JOURNAL).write_text(json.dumps(journal))
    source, target, _ = journal["copy"][0]
    shutil.copyfile(tmp_path / source, tmp_path / target)  # ...then the process dies
    assert "a publish was interrupted" in " ".join(manifest.check_manifest(tmp_path))
    assert recover.resolve_all(tmp_path) == [recover.Outcome(publish.JOURNAL, completed=True)]
    assert (tmp_path / "reports/report.html").read_text() == "new reports/report.html\n"
    assert not (tmp_path / "reports/countries/AAA.html").exists()
    assert (tmp_path / manifest.MANIFEST).read_text() == journal["manifest"] != old
    assert recover.resolve_all(tmp_path) == []  # nothing left to do


def test_difference_is_described_with_position_and_lines(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.write_text("one\ntwo\n")
    b.write_text("one\nTWO\n")
    text = verify.describe_difference(a, b)
    assert "first difference at byte 4, line 2: published 'two', rebuilt 'TWO'" in text
    # A long line is shown around where it changes, not cut off before it.
    a.write_text("x" * 500 + " old tail\n")
    b.write_text("x" * 500 + " new tail\n")
    text = verify.describe_difference(a, b)
    assert "old tail" in text and "new tail" in text and len(text) < 400


def tracked_copy(dest: Path) -> Path:
    """The working tree as it is (tracked and new files, not ignored ones), committed in a
    repository of its own, as a fresh clone of it would be: tests see the code under test,
    not the last commit."""
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        check=True,
    ).stdout.decode()
    for rel in filter(None, listed.split("\0")):
        if (ROOT / rel).is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, dest / rel)
    commit(dest, "snapshot of the working tree", init=True)
    return dest


def commit(repo: Path, message: str, init: bool = False) -> None:
    git = ["git", "-C", str(repo), "-c", "user.name=test", "-c", "user.email=test@example.org"]
    if init:
        subprocess.run([*git, "init", "--quiet"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "--quiet", "-m", message], check=True)


def run_verify(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "digidip", "verify", "--root", str(project), "--cores", "2"],
        env=venv_env(),
        capture_output=True,
        text=True,
        timeout=900,
    )


# The fresh-clone test comes before the tests that use the fixture build: it needs none, so a make test
# worker runs it while the other builds the two-country fixture the later tests copy.
@pytest.mark.workflow
def test_fresh_clone_is_current_and_make_verify_reproduces_it_on_a_bare_machine(tmp_path):
    """A fresh clone (checkout mtimes are arbitrary): `make report` finds nothing to build from
    the manifest, without starting Snakemake; `make verify`, run as on a machine without the
    developer's extras (no fonts for fontconfig, another home, locale and time zone, HarfBuzz's
    subsetter hidden), rebuilds the committed tree from scratch and reproduces every published
    byte, whatever build state the working copy holds. This is make test's proof of the
    edition: it runs no other make verify."""
    project = tracked_copy(tmp_path / "clone")
    venv = Path(sys.executable).parent.parent
    env = {**venv_env(), "CORES": "2"}
    first = subprocess.run(
        ["make", "--no-print-directory", f"VENV={venv}", "report"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert first.returncode == 0 and "report: nothing to build" in first.stdout, first.stdout + first.stderr
    assert not (project / ".snakemake").exists()  # no Snakemake started
    # A stale lock, a poisoned validation cache, a stray build record and a stale staged page
    # in the working copy cannot make verify pass or fail: it rebuilds the committed tree in a
    # pristine directory.
    (project / ".snakemake/locks").mkdir(parents=True)
    (project / ".snakemake/locks/0.input.lock").write_text("/nowhere\n")
    (project / ".snakemake/digidip").mkdir(parents=True)
    (project / ".snakemake/digidip/factbase.json").write_text('{"key": "x", "factbase": {}}')
    (project / ".snakemake/metadata").mkdir(parents=True)
    (project / ".snakemake/metadata/ZGF0YS90aWR5L2V2ZW50cy5jc3Y=").write_text('{"rule": "tidy_tables"}')
    (project / "data/interim/stage/reports").mkdir(parents=True)
    (project / "data/interim/stage/reports/report.html").write_text("stale staged report\n")
    bare, wrap = bare_machine(tmp_path / "bare", env)
    verify = subprocess.run(
        [*wrap, "make", "--no-print-directory", f"VENV={venv}", "verify"],
        cwd=project,
        env=bare,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert verify.returncode == 0, verify.stdout[-3000:] + verify.stderr[-3000:]
    assert "pristine directory" in verify.stdout and "rebuilt the committed tree (HEAD" in verify.stdout
    assert "are reproduced byte for byte from the inputs" in verify.stdout
    status = subprocess.run(["git", "status", "--porcelain"], cwd=project, capture_output=True, text=True, check=True)
    assert status.stdout == "", status.stdout  # verify wrote nothing into the clone


@pytest.fixture(scope="module")
def mini_repo(mini_build, tmp_path_factory) -> Path:
    """The fixture's build as a fresh clone of it would be: inputs and published edition
    committed, no build records, logs or intermediate files."""
    project = tmp_path_factory.mktemp("mini-repo") / "project"
    shutil.copytree(mini_build, project, ignore=shutil.ignore_patterns(".snakemake", "logs", "interim", "__pycache__"))
    commit(project, "the fixture's inputs and edition", init=True)
    return project


@pytest.mark.workflow
def test_verify_fails_on_a_stale_edition(mini_repo, tmp_path):
    project = tmp_path / "stale"
    shutil.copytree(mini_repo, project)
    country = project / "data/raw/countries/ISL.yaml"
    country.write_text(country.read_text().replace("Synthetic e-government portal opened", "Portal (edited)", 1))
    commit(project, "an input edited, the edition not rebuilt")
    proc = run_verify(project)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "rebuilt the committed tree (HEAD" in proc.stdout
    assert "the published edition does not match its inputs" in proc.stderr
    assert "inputs changed since the edition was built" in proc.stderr
    assert "data/tidy/events.csv: not reproduced exactly" in proc.stderr
    assert "Portal (edited)" in proc.stderr  # says how it differs


@pytest.mark.workflow
def test_a_subset_build_never_touches_the_edition(mini_build, tmp_path):
    """make report COUNTRIES=... on a copy of the built two-country fixture."""
    project = tmp_path / "subset"
    shutil.copytree(mini_build, project, symlinks=True)
    before = published_bytes(project)
    venv = Path(sys.executable).parent.parent
    make = ["make", "--no-print-directory", f"VENV={venv}", "report", "COUNTRIES=MLT"]
    proc = subprocess.run(
        make, cwd=project, env={**venv_env(), "CORES": "2"}, capture_output=True, text=True, timeout=900
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert published_bytes(project) == before
    build = project / "builds/MLT"
    assert sorted(p.name for p in (build / "reports/countries").iterdir()) == ["MLT.html"]
    doc = json.loads((build / manifest.MANIFEST).read_text())
    assert doc["build"] == "MLT" and doc["config"]["countries"] == ["MLT"]
    assert "builds/MLT/" in proc.stdout + proc.stderr  # says where the build went
