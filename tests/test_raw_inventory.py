"""No raw file ignored: anything under data/raw/ the workflow would not read stops validation,
``make validate`` and the workflow itself, with a message naming the file and what to do.

As in test_validation_errors.py, each case starts from a tree that validates, adds one
stray file or folder, and expects exactly the problem that names it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURES, SNAPSHOTS, copy_project, snakemake
from digidip.facts.problems import Problem
from validation_helpers import load, minimal_docs, problems_of, write_tree

REPO = Path(__file__).resolve().parent.parent
NOTES = (
    "not read: data/raw/ holds only sources.yaml, indicators.yaml, frameworks.yaml, context.yaml, quality.yaml,"
    " country-names.yaml, un-membership.yaml, stated-values.yaml and countries/<ISO3>.yaml; move it out of data/raw/ (a note on a record belongs in its note field)"
)
BACKUP = "not read: a backup or copy (git keeps the history); delete it, or move it out of data/raw/"

#: (what to create under data/raw/; "/" ends a folder, "=" gives a file in it) -> the problem's file and message.
CASES = [
    ("countries/ARM.yml", "data/raw/countries/ARM.yml", "not read: country files end in .yaml; rename it to ARM.yaml"),
    (
        "countries/TJK.YAML",
        "data/raw/countries/TJK.YAML",
        "not read: country files end in .yaml; rename it to TJK.yaml",
    ),
    (
        "countries/KAZ.yml",
        "data/raw/countries/KAZ.yml",
        "not read: country files end in .yaml, and KAZ.yaml exists too; merge the two into KAZ.yaml and delete this one",
    ),
    ("countries/XXX.yaml.bak", "data/raw/countries/XXX.yaml.bak", BACKUP),
    ("notes.txt", "data/raw/notes.txt", NOTES),
    (
        "countries/notes.txt",
        "data/raw/countries/notes.txt",
        "not read: data/raw/countries/ holds only <ISO3>.yaml country files; move it out of data/raw/ (a note on a record belongs in its note field)",
    ),
    (
        "country/=ARM.yaml",
        "data/raw/country/",
        "not read: a folder the workflow does not know (it holds ARM.yaml); country files go in data/raw/countries/: move them there",
    ),
    (
        "countries/old/=KAZ.yaml",
        "data/raw/countries/old/",
        "not read: a folder (it holds KAZ.yaml); country files are read only directly in data/raw/countries/: move them up, or delete the folder",
    ),
    (
        "ARM.yaml",
        "data/raw/ARM.yaml",
        "not read: country files go in data/raw/countries/; move it to data/raw/countries/ARM.yaml",
    ),
    ("sources.yml", "data/raw/sources.yml", "not read: sources.yaml exists too; merge the two and delete this one"),
    ("country-names.yml", "data/raw/country-names.yml", "not read: rename it to country-names.yaml"),
    (
        "indicator.yaml",
        "data/raw/indicator.yaml",
        "not read: did you mean indicators.yaml? merge its records into indicators.yaml, or rename it if that file is missing",
    ),
    (".notes", "data/raw/.notes", "not read: a hidden file, never read; delete it or move it out of data/raw/"),
    (
        "countries/.KAZ.yaml",
        "data/raw/countries/.KAZ.yaml",
        "not read: a hidden file, never read; delete it or move it out of data/raw/",
    ),
]


def make(raw: Path, spec: str) -> None:
    """Create ``spec`` under ``raw``: a file, or a folder ("x/") with a file in it ("x/=f")."""
    folder, _, inner = spec.partition("=")
    target = raw / folder
    if folder.endswith("/"):
        target.mkdir(parents=True)
        if inner:
            (target / inner).write_text("country: {iso3: ARM}\n", encoding="utf-8")
    else:
        target.write_text("some: text\n", encoding="utf-8")


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    raw = write_tree(tmp_path, minimal_docs())
    load(raw)  # valid before the stray file arrives
    return raw


@pytest.mark.parametrize(("spec", "file", "message"), CASES, ids=[c[0] for c in CASES])
def test_a_file_the_workflow_would_not_read_is_a_problem(raw: Path, spec: str, file: str, message: str) -> None:
    make(raw, spec)
    assert problems_of(raw) == [Problem(file, "", "", message)]


#: What editors, operating systems and Jupyter leave beside the files: no input, so no problem
#: (digidip/common/inputfiles.py), whatever they hold.
ARTEFACTS = [
    "countries/.KAZ.yaml.swp",
    "countries/.KAZ.yaml.swo",
    ".sources.yaml.swp",
    "countries/KAZ.yaml~",
    "countries/#KAZ.yaml#",
    "countries/.~lock.KAZ.yaml#",
    ".DS_Store",
    "countries/.DS_Store",
    "countries/._KAZ.yaml",
    "Thumbs.db",
    "countries/desktop.ini",
    ".ipynb_checkpoints/=sources-checkpoint.yaml",
    "countries/.ipynb_checkpoints/=KAZ-checkpoint.yaml",
]


@pytest.mark.parametrize("spec", ARTEFACTS)
def test_an_artefact_is_no_problem(raw: Path, spec: str) -> None:
    make(raw, spec)
    assert problems_of(raw) == []


def test_an_emacs_lock_is_no_problem(raw: Path) -> None:
    """Emacs marks a file it edits with a symbolic link to nowhere (user@host.pid)."""
    (raw / "countries" / ".#KAZ.yaml").symlink_to("someone@host.4242:1700000000")
    assert problems_of(raw) == []


def test_a_copy_of_a_country_file_is_still_refused(raw: Path) -> None:
    """An artefact is named by the tool that made it; a copy a person made is data in the
    wrong place, and says so (here as the country file it would be read as)."""
    (raw / "countries" / "KAZ copy.yaml").write_text((raw / "countries" / "KAZ.yaml").read_text())
    messages = [str(p) for p in problems_of(raw)]
    assert (
        "data/raw/countries/KAZ copy.yaml: record country: field iso3: file name 'KAZ copy.yaml' differs from the country code"
        " 'KAZ'; name the file KAZ.yaml"
    ) in messages


def test_the_message_reads_as_one_line_naming_file_and_remedy(raw: Path) -> None:
    make(raw, "countries/ARM.yml")
    (problem,) = problems_of(raw)
    assert str(problem) == "data/raw/countries/ARM.yml: not read: country files end in .yaml; rename it to ARM.yaml"


def test_a_job_reading_some_countries_is_not_stopped_by_the_inventory(raw: Path) -> None:
    """The inventory is checked when the whole tree is validated (when the workflow loads);
    a job reading its own country's file depends only on the files it declares."""
    from digidip.facts.validate import load_factbase
    from validation_helpers import OFFICIAL_IDS

    make(raw, "notes.txt")
    fb = load_factbase(raw, known_ids=OFFICIAL_IDS, only=["KAZ"])
    assert list(fb.countries) == ["KAZ"]


def run_validate(raw: Path) -> subprocess.CompletedProcess:
    """``make validate``'s command on ``raw``, with the project's snapshots; its cache beside ``raw``."""
    from validation_helpers import run_validate as validate

    return validate(raw, "--snapshots", str(SNAPSHOTS))


def test_validate_names_every_stray_file_even_after_a_cached_success(tmp_path: Path) -> None:
    raw = tmp_path / "data" / "raw"
    shutil.copytree(FIXTURES / "mini" / "raw", raw)
    ok = run_validate(raw)
    assert ok.returncode == 0 and ok.stdout.startswith("ok: 2 countries"), ok.stderr
    # The validation cache now holds a success; a stray file must not be served from it.
    for spec in ("countries/ARM.yml", "countries/XXX.yaml.bak", "notes.txt", "country/=ARM.yaml", ".notes"):
        make(raw, spec)
    bad = run_validate(raw)
    assert bad.returncode == 2 and bad.stdout == "" and "Traceback" not in bad.stderr
    lines = [line.strip() for line in bad.stderr.splitlines()]
    assert lines[0] == "5 problems in the raw data:"
    assert [line.split(": not read: ")[0] for line in lines[1:]] == [
        "data/raw/.notes",
        "data/raw/countries/ARM.yml",
        "data/raw/countries/XXX.yaml.bak",
        "data/raw/country/",
        "data/raw/notes.txt",
    ]
    assert "data/raw/countries/ARM.yml: not read: country files end in .yaml; rename it to ARM.yaml" in lines


def test_the_workflow_does_not_load_with_a_stray_file(tmp_path: Path) -> None:
    """Snakemake validates the raw tree when it parses the Snakefile: a dry run fails, naming the file."""
    project = copy_project(tmp_path / "project", FIXTURES / "mini" / "raw", FIXTURES / "mini" / "config.yaml")
    (project / "data" / "raw" / "countries" / "ARM.yml").write_text("country: {iso3: ARM}\n", encoding="utf-8")
    proc = snakemake(project, "-n", check=False)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "data/raw/countries/ARM.yml: not read: country files end in .yaml; rename it to ARM.yaml" in out


def test_a_folder_where_a_yaml_file_belongs_is_reported_not_a_traceback(raw: Path) -> None:
    (raw / "quality.yaml").unlink()
    (raw / "quality.yaml").mkdir()
    assert problems_of(raw) == [
        Problem("data/raw/quality.yaml", "", "", "expected a YAML file, found a folder (or another kind of entry)"),
        Problem(
            "data/raw/quality.yaml/",
            "",
            "",
            "not read: a folder the workflow does not know (empty); the only folder read is data/raw/countries/: move it out of data/raw/",
        ),
    ]
