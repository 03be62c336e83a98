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

from conftest import copy_sources, published_bytes, snakemake
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


def test_every_figure_is_drawn_by_one_job(mini_build):
    """All comparative figures come from one job, each for the screen and for print."""
    jobs = {(rule, wc) for rule, wc in plan(mini_build, "--forceall") if rule.startswith("draw_figure")}
    assert jobs == {("draw_figures", "")}
    figures = mini_build / "data/interim/figures"
    assert {p.name for p in figures.iterdir()} == {f"{n}{s}" for n in figspecs.SPECS for s in (".svg", ".print.svg")}


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
        ("profile_MLT", ""),
        ("tidy_tables", ""),
        ("draw_figures", ""),
        ("assemble_report", ""),
        ("render_pdf", ""),
        (PUBLISH_RULE, ""),
        ("all", ""),
    }
    got = plan(project)
    assert got == expected
    assert "profile_ISL" not in {rule for rule, _ in got}, "the other country's job must not run"


def test_an_incremental_build_publishes_what_a_clean_build_does(project, tmp_path):
    """Edit a curated fact and build only what depends on it; build the same tree from
    scratch in another directory: every published byte (data/tidy/, reports/, the manifest)
    is the same, and so is the list of files."""
    facts = project / "data/raw/countries/ISL.yaml"
    text = facts.read_text(encoding="utf-8")
    edited = text.replace("year: 2020, value: 90,", "year: 2020, value: 87.5,")
    assert edited != text
    facts.write_text(edited, encoding="utf-8")
    before = published_bytes(project)

    proc = snakemake(project)
    log = proc.stdout + proc.stderr
    ran = {m.group(1) for m in re.finditer(r"^(?:local)?rule (\w+):$", log, re.M)}
    assert {"tidy_tables", "profile_ISL", "assemble_report", PUBLISH_RULE} <= ran, log[-3000:]
    assert "profile_MLT" not in ran and "extract_official" not in ran, "not an incremental build"
    incremental = published_bytes(project)
    assert incremental["data/tidy/observations.csv"] != before["data/tidy/observations.csv"]
    assert b"ISL,internet_users_pct,2020,87.5," in incremental["data/tidy/observations.csv"]

    clean = copy_sources(project, tmp_path / "clean")
    snakemake(clean)
    rebuilt = published_bytes(clean)
    assert sorted(rebuilt) == sorted(incremental)
    differ = [rel for rel in incremental if incremental[rel] != rebuilt[rel]]
    assert not differ, f"the incremental build differs from a clean build of the same tree: {differ}"


def test_template_edit_plans_no_notebook(project):
    template = project / "workflow/digidip/render/templates/report.html.j2"
    template.write_text(template.read_text(encoding="utf-8") + "{# edited by test_incremental #}\n", encoding="utf-8")
    got = plan(project)
    rules = {rule for rule, _ in got}
    assert "assemble_report" in rules and "render_pdf" in rules
    assert not rules & {"profile_ISL", "profile_MLT", "tidy_tables", "draw_figures"}


def test_a_colour_change_redraws_the_figures_and_the_timelines_but_no_table(project):
    """A country's colour is the same in every figure and on its page (the timeline): a change
    redraws both, and recomputes no table."""
    palette = project / "workflow/digidip/analysis/palette.py"
    text = palette.read_text(encoding="utf-8")
    palette.write_text(text.replace('"#DD6666"', '"#DD6667"', 1), encoding="utf-8")
    rules = {rule for rule, _ in plan(project)}
    assert {"draw_figures", "assemble_report", "render_pdf", "profile_ISL", "profile_MLT"} <= rules
    assert "tidy_tables" not in rules and not any(r.startswith("extract_") for r in rules)


def test_a_profile_code_change_reruns_every_notebook_and_no_figure(project):
    code = project / "workflow/digidip/analysis/profile.py"
    code.write_text(code.read_text(encoding="utf-8") + "\n# edited by test_incremental\n", encoding="utf-8")
    got = plan(project)
    assert {rule for rule, _ in got if rule.startswith("profile_")} == {"profile_ISL", "profile_MLT"}
    assert "draw_figures" not in {rule for rule, _ in got}


def test_relocated_copy_plans_nothing(mini_build, tmp_path):
    moved = tmp_path / "moved"
    shutil.copytree(mini_build, moved, symlinks=True)
    assert plan(moved) == set()


def test_batches_are_consecutive_runs_named_for_their_ends():
    from digidip.tidy.inputs import batches

    assert batches(["AAA", "BBB", "CCC", "DDD"], 3) == {"AAA_to_CCC": ["AAA", "BBB", "CCC"], "DDD": ["DDD"]}
    assert batches(["AAA"], 16) == {"AAA": ["AAA"]}


def test_a_batch_profiles_its_countries_in_one_job(mini_build):
    """profile_batch=2 puts both fixture countries in one job (a build of its own: builds/)."""
    rules = {rule for rule, _ in plan(mini_build, "--forceall", "--config", "profile_batch=2")}
    assert {r for r in rules if r.startswith("profile_")} == {"profile_ISL_to_MLT"}
