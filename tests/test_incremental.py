"""Incremental by construction: after an edit, Snakemake plans exactly the jobs that depend on it.

Asserts on Snakemake's dry-run plan (which jobs would run, with their wildcards), never on
timing. Starts from the built two-country fixture (``mini_build``), copied so the session
build stays untouched.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest

from conftest import snakemake
from digidip.analysis import figspecs

pytestmark = pytest.mark.workflow

#: The rule that publishes the edition.
PUBLISH_RULE = "publish_edition"
JOB = re.compile(r"^(?:local)?rule (\w+):\n(.*?)(?=^\S|\Z)", re.M | re.S)
WILDCARDS = re.compile(r"^\s+wildcards: (.*)$", re.M)


def jobs_in(output: str) -> set[tuple[str, str]]:
    """(rule, wildcards) of every job block a dry run printed."""
    jobs = set()
    for m in JOB.finditer(output):
        wc = WILDCARDS.search(m.group(2))
        jobs.add((m.group(1), wc.group(1).strip() if wc else ""))
    return jobs


def plan(project: Path, *args: str) -> set[tuple[str, str]]:
    """The jobs a dry run would execute; empty when Snakemake has nothing to do."""
    proc = snakemake(project, "--dry-run", *args)
    out = proc.stdout + proc.stderr
    jobs = jobs_in(out)
    if not jobs:
        assert "Nothing to be done" in out, out[-3000:]
    return jobs


def rules_of(project: Path) -> set[str]:
    return set(snakemake(project, "--list-rules").stdout.split())


def figure_jobs(project: Path) -> set[tuple[str, str]]:
    """The jobs that draw the comparative figures: one per registered figure."""
    jobs = {(rule, wc) for rule, wc in plan(project, "--forceall") if rule.startswith("draw_figure")}
    assert jobs == {("draw_figure", f"figure={name}") for name in figspecs.SPECS}
    return jobs


@pytest.fixture(scope="module")
def settled(mini_build, tmp_path_factory) -> tuple[Path, Path]:
    """A built copy of the fixture at a fixed path, and a pristine snapshot of it.

    Every test restores the snapshot at that same path (modification times kept), so no
    edit leaks into the next test. The one build here is a no-op as long as a moved copy
    stays up to date (test_relocated_copy_plans_nothing); it only makes these tests
    independent of that property.
    """
    base = tmp_path_factory.mktemp("incremental")
    work = base / "project"
    shutil.copytree(mini_build, work, symlinks=True)
    snakemake(work)
    assert plan(work) == set(), "a settled build must plan nothing"
    snapshot = base / "snapshot"
    shutil.copytree(work, snapshot, symlinks=True)
    return work, snapshot


@pytest.fixture
def project(settled) -> Path:
    work, snapshot = settled
    shutil.rmtree(work)
    shutil.copytree(snapshot, work, symlinks=True)
    return work


def test_noop_plans_nothing(project):
    assert plan(project) == set()


def test_touching_without_change_plans_nothing(project):
    """New mtimes, same content: Snakemake 9 compares checksums and reruns nothing."""
    later = time.time() + 5
    touched = 0
    for sub in ("data/raw", "notebooks", "workflow", "config"):
        for p in (project / sub).rglob("*"):
            if p.is_file() and "__pycache__" not in p.parts:
                os.utime(p, (later, later))
                touched += 1
    os.utime(project / "Snakefile", (later, later))
    assert touched > 20
    assert plan(project) == set()


def test_one_country_edit_plans_only_that_country(project):
    facts = project / "data/raw/countries/MLT.yaml"
    text = facts.read_text(encoding="utf-8")
    edited = text.replace("Synthetic law on electronic documents", "Synthetic law on electronic signatures")
    assert edited != text
    facts.write_text(edited, encoding="utf-8")

    assert PUBLISH_RULE in rules_of(project)
    expected = {
        ("slice_country", "iso3=MLT"),
        ("execute_notebook", "iso3=MLT"),
        ("render_country_page", "iso3=MLT"),
        ("tidy_tables", ""),
        *figure_jobs(project),
        ("assemble_report", ""),
        ("render_pdf", ""),
        (PUBLISH_RULE, ""),
        ("all", ""),
    }
    got = plan(project)
    assert got == expected
    assert not any(wc == "iso3=ISL" for _, wc in got), "the other country's jobs must not run"


def test_template_edit_plans_no_notebook(project):
    template = project / "workflow/digidip/render/templates/report.html.j2"
    template.write_text(template.read_text(encoding="utf-8") + "{# edited by test_incremental #}\n", encoding="utf-8")
    got = plan(project)
    rules = {rule for rule, _ in got}
    assert "assemble_report" in rules and "render_pdf" in rules
    assert not rules & {"execute_notebook", "render_country_page", "slice_country", "tidy_tables"}
    assert not any(rule.startswith("draw_figure") for rule in rules)


def test_relocated_copy_plans_nothing(mini_build, tmp_path):
    moved = tmp_path / "moved"
    shutil.copytree(mini_build, moved, symlinks=True)
    assert plan(moved) == set()
