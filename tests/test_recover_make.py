"""The make targets as a user runs them: a pending publish resolved first, variables never run.

Most tests run make in a small copy of the project (Makefile, workflow/) with a stand-in
virtual environment: its ``python`` is the real one, so the recover step runs for real, and
its ``snakemake`` only prints its arguments, so every target is checked in seconds without
a build (``make world`` would profile every UN member). Two tests kill a real publish of the
two-country fixture and then run make preview, make clean and make report on it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_recover import NEW, killed_publish, old_edition, since, stage

from conftest import ROOT, venv_env
from digidip.edition import manifest, publish

VENV = Path(sys.executable).parent.parent


def stub_venv(tmp: Path) -> Path:
    """A virtual environment whose python is this one and whose snakemake prints its arguments."""
    venv = tmp / "stub-venv"
    (venv / "bin").mkdir(parents=True)
    scripts = {
        "python": '[ "$1" = bench/run.py ] && { echo "stub bench$(printf \' [%s]\' "$@")"; exit 0; }\n'
        f'exec "{sys.executable}" "$@"\n',
        "snakemake": 'echo "stub snakemake$(printf \' [%s]\' "$@")"\n',
    }
    for name, body in scripts.items():
        (venv / "bin" / name).write_text(f"#!/bin/sh\n{body}")
        (venv / "bin" / name).chmod(0o755)
    (venv / ".installed").touch()
    return venv


def small_project(tmp: Path) -> Path:
    project = tmp / "project"
    shutil.copytree(ROOT / "workflow", project / "workflow", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    return old_edition(project)


def make(project: Path, venv: Path, *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    """make as a user types it; ``-o`` keeps make from ever (re)installing the environment."""
    cmd = ["make", "--no-print-directory", "-o", f"{venv}/.installed", f"VENV={venv}", *args]
    env = {k: v for k, v in venv_env().items() if k not in ("CORES", "COUNTRIES", "ISO3", "MAKEFLAGS")}
    return subprocess.run(
        cmd, cwd=project, env=env, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL
    )


ENTRY_POINTS = ["report", "preview", "world", "cluster", "clean", "recover"]


@pytest.mark.parametrize("stale", [False, True], ids=["staged-unchanged", "staged-rebuilt"])
@pytest.mark.parametrize("target", ENTRY_POINTS)
def test_every_entry_point_resolves_a_pending_publish_first(tmp_path, monkeypatch, target, stale):
    project, venv = small_project(tmp_path), stub_venv(tmp_path)
    killed_publish(project, stage(project, NEW), 2, monkeypatch)
    if stale:
        since(project, "edited")
    proc = make(project, venv, target)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    verb = "discarded" if stale else "completed"
    assert lines[0].startswith(f"recover: {verb} the publish an interrupted run had begun"), proc.stdout
    assert not (project / publish.JOURNAL).exists()
    if not stale:
        assert manifest.check_manifest(project) == []
    if target not in ("clean", "recover"):
        assert any(line.startswith("stub snakemake") for line in lines[1:]), proc.stdout  # the build runs after


def test_a_stale_journal_never_fails_the_next_report(tmp_path, monkeypatch):
    """Today's failure: 'changed since the publish began; rebuild with make report' from make report."""
    project, venv = small_project(tmp_path), stub_venv(tmp_path)
    killed_publish(project, stage(project, NEW), 3, monkeypatch)
    since(project, "edited")
    proc = make(project, venv, "report")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "changed since the publish began" not in proc.stdout + proc.stderr
    assert "'make report' republishes the edition (data/tidy/, reports/) whole" in proc.stdout


def test_make_verify_refuses_while_a_run_is_publishing(tmp_path, monkeypatch):
    """The journal of a run still alive is not touched, and verify says what to do instead."""
    project, venv = small_project(tmp_path), stub_venv(tmp_path)
    killed_publish(project, stage(project, NEW), 2, monkeypatch)
    running = subprocess.Popen(
        ["snakemake", "-c", "import time; time.sleep(60)"], executable=sys.executable, cwd=project
    )
    try:
        proc = make(project, venv, "verify", "CORES=1")
    finally:
        running.kill()
        running.wait()
    assert proc.returncode != 0
    assert "a Snakemake run is working here; its publish (reports/.publish-journal.json) is left to it" in proc.stdout
    assert "verify: a publish into this edition is pending" in proc.stderr and "'make recover'" in proc.stderr
    assert "rebuilding from scratch" not in proc.stdout
    assert (project / publish.JOURNAL).exists()


# --- Make variables: one quoted shell word each, checked before anything runs -----------

PAYLOADS = {
    "semicolon": "KAZ;touch {m}",
    "command-substitution": "$(touch {m})",
    "backticks": "`touch {m}`",
    "spaces": "KAZ touch {m}",
    "quote": "KAZ' ; touch {m} ; '",
    "make-function": "$(shell touch {m})",
}
#: Each target and a variable it passes on to a command.
PASSED = [
    ("report", "COUNTRIES"),
    ("report", "CORES"),
    ("preview", "COUNTRIES"),
    ("preview", "CORES"),
    ("world", "CORES"),
    ("world", "MAP_EDITION"),
    ("country", "ISO3"),
    ("verify", "CORES"),
    ("cluster", "COUNTRIES"),
    ("clean", "CORES"),
    ("provenance", "COUNTRIES"),
    ("serve", "PORT"),
    ("serve", "HOST"),
    ("serve", "CORES"),
]


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
@pytest.mark.parametrize(("target", "variable"), PASSED, ids=[f"{t}-{v}" for t, v in PASSED])
def test_a_variable_that_would_run_a_command_is_refused_before_anything_runs(tmp_path, target, variable, payload):
    project, venv = small_project(tmp_path), stub_venv(tmp_path)
    marker = tmp_path / "marker"
    value = payload.format(m=marker)
    proc = make(project, venv, target, f"{variable}={value}")
    assert not marker.exists(), f"{variable}={value!r} ran a command"
    assert proc.returncode != 0
    assert f"error: {variable}=" in proc.stderr, proc.stderr  # one line naming the variable
    assert "stub snakemake" not in proc.stdout  # nothing ran


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_bench_arguments_and_the_python_of_lock_stay_words(tmp_path, payload):
    """BENCH_ARGS are arguments for bench/run.py (which checks them) and PYTHON a program: quoted."""
    project, venv = small_project(tmp_path), stub_venv(tmp_path)
    marker = tmp_path / "marker"
    value = payload.format(m=marker)
    bench = make(project, venv, "bench", f"BENCH_ARGS={value}")
    words = " ".join(f"[{word}]" for word in ["bench/run.py", *value.split()])
    assert bench.returncode == 0 and f"\nstub bench {words}\n" in bench.stdout  # each word one argument, as typed
    lock = make(project, venv, "lock", f"PYTHON={value}")
    assert lock.returncode != 0  # no such program
    assert not marker.exists()


def test_valid_values_reach_snakemake_as_single_arguments(tmp_path):
    project, venv = small_project(tmp_path), stub_venv(tmp_path)
    proc = make(project, venv, "report", "COUNTRIES=KAZ  UZB", "CORES=2")
    assert proc.returncode == 0, proc.stderr
    assert '[--cores] [2] [--config] [countries=["KAZ","UZB"]]' in proc.stdout
    proc = make(project, venv, "world", "CORES=all")
    assert "[--cores] [all] [--config] [countries=un-members] [profile_batch=16] [build=world]" in proc.stdout
    proc = make(project, venv, "world", "MAP_EDITION=2018")
    assert proc.returncode == 0, proc.stderr
    assert "[profile_batch=16] [build=world-2018] [report={map_edition: 2018}]" in proc.stdout
    proc = make(project, venv, "world", "MAP_EDITION=18")
    assert proc.returncode != 0 and "MAP_EDITION='18': not a year" in proc.stderr


def test_lower_case_and_empty_iso3_are_refused_with_the_fix(tmp_path):
    project, venv = small_project(tmp_path), stub_venv(tmp_path)
    proc = make(project, venv, "country", "ISO3=arm")
    assert proc.returncode != 0 and "ISO3='arm'" in proc.stderr and "(in capitals: ISO3=ARM)" in proc.stderr
    proc = make(project, venv, "country")
    assert proc.returncode != 0 and "make country ISO3=XXX" in proc.stderr
    assert not (project / "data/raw/countries").exists()


# --- A real publish killed, then the entry points a user runs next --------------------


def killed_in_a_real_run(mini_build: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A copy of the fixture build, an input edited, and a build whose publish step is
    SIGKILLed at its third copy (Snakemake itself survives, and restores the outputs)."""
    project = tmp_path / "project"
    shutil.copytree(mini_build, project, symlinks=True, ignore=shutil.ignore_patterns("locks", "logs"))
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import os, signal, sys\n"
        "if sys.argv[1:2] == ['publish']:\n"
        "    from digidip.edition import publish\n"
        "    real, calls = publish.write_bytes, []\n"
        "    def write_bytes(*args, **kwargs):\n"
        "        calls.append(args[0])\n"
        "        if len(calls) == 3:\n"
        "            os.kill(os.getpid(), signal.SIGKILL)\n"
        "        return real(*args, **kwargs)\n"
        "    publish.write_bytes = write_bytes\n"
    )
    edit(project, "(first edit)")
    env = venv_env()
    env["PYTHONPATH"] = os.pathsep.join((str(hook), env["PYTHONPATH"]))
    cmd = [sys.executable, "-m", "snakemake", "--profile", "workflow/profiles/local", "--cores", "2"]
    run = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=900)
    assert run.returncode != 0 and (project / publish.JOURNAL).exists(), run.stdout[-2000:] + run.stderr[-2000:]
    return project, env


def edit(project: Path, mark: str) -> None:
    path = project / "data/raw/countries/ISL.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("foreign audiences", f"foreign audiences {mark}", 1), encoding="utf-8")


def assert_whole_edition(project: Path, mark: str) -> None:
    assert not (project / publish.JOURNAL).exists()
    assert manifest.check_manifest(project) == []
    assert mark in (project / "reports/countries/ISL.html").read_text(encoding="utf-8")


@pytest.mark.workflow
def test_killed_publish_then_preview_then_report(mini_build, tmp_path):
    project, _ = killed_in_a_real_run(mini_build, tmp_path)
    # The stage rebuilt behind the journal's back, as make preview did without recovering.
    edit(project, "(second edit)")
    cmd = [sys.executable, "-m", "snakemake", "--profile", "workflow/profiles/local", "--cores", "2", "preview"]
    subprocess.run(cmd, cwd=project, env=venv_env(), capture_output=True, text=True, timeout=900, check=True)
    preview = make(project, VENV, "preview", "CORES=2", timeout=900)
    report = make(project, VENV, "report", "CORES=2", timeout=900)
    # Until now: "... changed since the publish began; rebuild with 'make report'" from make report.
    assert report.returncode == 0, report.stdout[-3000:] + report.stderr[-3000:]
    assert_whole_edition(project, "(second edit)")
    assert preview.returncode == 0, preview.stdout[-3000:] + preview.stderr[-3000:]
    assert "recover: discarded the publish an interrupted run had begun" in preview.stdout


@pytest.mark.workflow
def test_killed_publish_then_clean_then_report(mini_build, tmp_path):
    project, _ = killed_in_a_real_run(mini_build, tmp_path)
    clean = make(project, VENV, "clean")
    edition_after_clean = manifest.check_manifest(project), (project / publish.JOURNAL).exists()
    report = make(project, VENV, "report", "CORES=2", timeout=900)
    # Until now: make report failed, the staged files the journal copies from being gone.
    assert report.returncode == 0, report.stdout[-3000:] + report.stderr[-3000:]
    assert_whole_edition(project, "(first edit)")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert clean.stdout.startswith("recover: completed the publish an interrupted run had begun")
    assert edition_after_clean == ([], False)  # finished before its staged files went


# --- make report with nothing to build: no Snakemake at all ------------------------------


def current_project(tmp: Path) -> Path:
    """A copy of the checkout's inputs and edition whose manifest records the copy's own
    input hash: an edition current with its inputs, whatever this checkout's state."""
    import json

    from digidip.common import provenance

    project = tmp / "current"
    for rel in (*provenance.INPUT_PATHS, "Makefile", "reports", "data/tidy"):
        src = ROOT / rel
        if src.is_dir():
            shutil.copytree(src, project / rel, ignore=shutil.ignore_patterns("__pycache__", "provenance"))
        else:
            (project / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, project / rel)
    path = project / manifest.MANIFEST
    doc = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**doc, "input_hash": provenance.input_hash(project)}, indent=2, sort_keys=True) + "\n")
    return project


def test_report_with_nothing_to_build_starts_no_snakemake_and_an_edit_does(tmp_path):
    project, venv = current_project(tmp_path), stub_venv(tmp_path)
    assert manifest.check_manifest(project) == []
    proc = make(project, venv, "report")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "report: nothing to build: the edition matches its inputs" in proc.stdout
    assert "stub snakemake" not in proc.stdout
    # Another configuration (a subset) is never the edition: it builds.
    proc = make(project, venv, "report", "COUNTRIES=KAZ")
    assert "stub snakemake" in proc.stdout and "nothing to build" not in proc.stdout
    # A published file changed by hand: built again.
    page = project / "reports" / "countries" / "KAZ.html"
    page.write_text(page.read_text(encoding="utf-8") + " ", encoding="utf-8")
    proc = make(project, venv, "report")
    assert "stub snakemake" in proc.stdout and "nothing to build" not in proc.stdout
    page.write_text(page.read_text(encoding="utf-8")[:-1], encoding="utf-8")
    assert "nothing to build" in make(project, venv, "report").stdout
    # A real edit (one fact's title): built.
    facts = project / "data" / "raw" / "countries" / "KAZ.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace('title: "', 'title: "Edited: ', 1), encoding="utf-8")
    proc = make(project, venv, "report")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "stub snakemake" in proc.stdout and "nothing to build" not in proc.stdout


def test_report_with_a_pending_publish_builds(tmp_path):
    """A journal left by a killed publish is resolved first; the edition is not taken as
    current while one is pending (manifest.check_manifest names it)."""
    from digidip.edition.steps import edition_current

    project = current_project(tmp_path)
    assert edition_current(project)
    (project / publish.JOURNAL).write_text("{}", encoding="utf-8")
    assert any("publish was interrupted" in p for p in manifest.check_manifest(project))
    assert not edition_current(project)
