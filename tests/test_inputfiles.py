"""Only real inputs count, and their content decides what reruns.

What editors, operating systems and Jupyter leave beside the files (a swap file, an Emacs
backup or lock, ``.DS_Store``, ``.ipynb_checkpoints/``) is no input anywhere
(``digidip/common/inputfiles.py``): it stops nothing, reruns nothing and leaves the input
hash as it is, while a file that looks like data still stops the build. And an edit is
rebuilt whatever its file's mtime says (``content_hash`` in ``workflow/rules/common.smk``):
copied with ``cp -p``, touched into the past, or brought back by ``git stash pop``.
The end-to-end tests start from the built two-country fixture (``mini_build``), copied.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, snakemake
from digidip.common import inputfiles, provenance
from digidip.edition import manifest
from digidip.official import snapshots

#: A name of each kind of artefact, made beside a file named ``x`` (a trailing "/" makes a
#: folder, holding a checkpoint copy of ``x``).
ARTEFACT_NAMES = [
    ".{x}.swp",
    ".{x}.swo",
    "{x}~",
    "#{x}#",
    ".#{x}",
    ".{x}.kate-swp",
    "{x}___jb_tmp___",
    ".~lock.{x}#",
    "~${x}",
    ".goutputstream-ABC123",
    ".DS_Store",
    "._{x}",
    "Thumbs.db",
    "desktop.ini",
    ".directory",
    ".ipynb_checkpoints/",
    "__pycache__/",
]
#: Names that look like data: inputs, which the build reads or refuses, never skips.
DATA_NAMES = ["ARM.yml", "KAZ copy.yaml", "KAZ.yaml.bak", "notes.txt", ".notes", "KAZ.YAML", "country.yaml"]


def litter(folder: Path) -> list[Path]:
    """Leave every kind of artefact in ``folder``, beside its first file; what was made."""
    x = next((p.name for p in sorted(folder.iterdir()) if p.is_file()), "data.yaml")
    made = []
    for pattern in ARTEFACT_NAMES:
        path = folder / pattern.format(x=x).rstrip("/")
        if pattern.startswith(".#"):
            path.symlink_to("someone@host.4242:1700000000")  # Emacs's lock: a link to nowhere
        elif pattern.endswith("/"):
            path.mkdir()
            (path / f"{Path(x).stem}-checkpoint{Path(x).suffix}").write_text("an old copy\n")
        else:
            path.write_text("not an input\n")
        made.append(path)
    return made


@pytest.mark.parametrize("name", [p.format(x="KAZ.yaml").rstrip("/") for p in ARTEFACT_NAMES])
def test_an_artefact_is_known_by_its_name(tmp_path, name):
    path = tmp_path / name
    path.mkdir() if name in (".ipynb_checkpoints", "__pycache__") else path.write_text("")
    assert inputfiles.is_artefact(path)


@pytest.mark.parametrize("name", DATA_NAMES)
def test_a_name_that_looks_like_data_is_an_input(tmp_path, name):
    (tmp_path / name).write_text("")
    assert not inputfiles.is_artefact(tmp_path / name)
    assert inputfiles.files(tmp_path) == [tmp_path / name]


def test_git_ignores_exactly_what_the_build_ignores(tmp_path):
    """Every artefact pattern is in .gitignore, and git, asked about samples in every input
    folder, agrees with the build: a working copy hashes as a fresh clone of it does."""
    # A leading "#" is escaped in .gitignore (it would start a comment).
    lines = [line.removeprefix("\\") for line in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()]
    assert [p for p in inputfiles.ARTEFACTS if p not in lines] == []
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "--quiet", str(repo)], check=True)
    shutil.copy(ROOT / ".gitignore", repo / ".gitignore")
    folders = ["data/raw", "data/raw/countries", "data/snapshots/undesa/egdi/2024", "data/crosscheck/x/y/z"]
    folders += ["notebooks", "workflow", "workflow/digidip/render/templates", "config"]
    samples = {}
    for folder in folders:
        (repo / folder).mkdir(parents=True, exist_ok=True)
        for path in litter(repo / folder):
            samples[path.relative_to(repo).as_posix()] = True
        for name in DATA_NAMES:
            (repo / folder / name).write_text("data\n")
            samples[f"{folder}/{name}"] = False
    # -z: names with "#", "~" or "$" come back as they are.
    git = ["git", "-c", "core.excludesFile=/dev/null", "check-ignore", "-z", "--no-index", "--stdin"]
    proc = subprocess.run(git, cwd=repo, input="\0".join(samples), capture_output=True, text=True)
    assert proc.returncode in (0, 1), proc.stderr
    ignored = set(filter(None, proc.stdout.split("\0")))
    assert {rel for rel, artefact in samples.items() if artefact} == ignored
    assert {rel: inputfiles.is_artefact(repo / rel) for rel in samples} == samples


def tree_of_inputs(root: Path) -> None:
    """One small file in every input folder of a project at ``root``."""
    for rel in provenance.INPUT_PATHS:
        path = root / rel
        if "." in rel or rel == "Snakefile":
            path.write_text(f"{rel}\n")
        else:
            (path / "sub").mkdir(parents=True)
            (path / "sub" / "file.yaml").write_text(f"{rel}\n")
            (path / "file.py").write_text(f"{rel}\n")
    (root / "data/raw/countries").mkdir()
    (root / "data/raw/countries/KAZ.yaml").write_text("country: {iso3: KAZ}\n")


def test_the_input_hash_leaves_artefacts_out_and_counts_a_new_file(tmp_path):
    tree_of_inputs(tmp_path)
    before, listed = provenance.input_hash(tmp_path), provenance.input_files(tmp_path)
    for rel in provenance.INPUT_PATHS:
        if (tmp_path / rel).is_dir():
            litter(tmp_path / rel)
            litter(tmp_path / rel / "sub")
    assert provenance.input_files(tmp_path) == listed
    assert provenance.input_hash(tmp_path) == before
    # A researcher's new country file is untracked until committed: it counts all the same.
    (tmp_path / "data/raw/countries/ARM.yaml").write_text("country: {iso3: ARM}\n")
    assert provenance.input_hash(tmp_path) != before


def test_snapshot_folders_are_read_without_their_artefacts(tmp_path):
    """A Finder's .DS_Store or an open editor's swap file beside a publisher's file is not a
    snapshot without a sidecar, and a checkpoint folder is not a dataset."""
    root = tmp_path / "data/snapshots"
    shutil.copytree(ROOT / "data/snapshots/worldbank", root / "worldbank")
    clean = {name: [s.display for s in snaps] for name, snaps in snapshots.load_all(root, tmp_path).items()}
    for folder in [root, root / "worldbank", *(d for d in (root / "worldbank").rglob("*") if d.is_dir())]:
        litter(folder)
    (root / "worldbank/.ipynb_checkpoints/old").mkdir()
    assert sorted(snapshots.dataset_dirs(root)) == sorted(clean)
    assert {name: [s.display for s in snaps] for name, snaps in snapshots.load_all(root, tmp_path).items()} == clean


# ---- End to end: builds of a copy of the fixture ---------------------------------------


def edition(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in manifest_files(project)}


def manifest_files(project: Path) -> list[Path]:
    return [project / rel for rel in manifest.published_files(project)] + [project / manifest.MANIFEST]


@pytest.fixture
def project(mini_build, tmp_path) -> Path:
    """A copy of the built fixture (a moved copy plans nothing: test_incremental.py)."""
    dest = tmp_path / "project"
    shutil.copytree(mini_build, dest, symlinks=True)
    return dest


@pytest.mark.workflow
def test_every_job_carries_the_content_of_its_source_inputs(mini_build):
    """Each job's recorded parameters hold the hash of exactly the source files among the
    inputs Snakemake recorded for it: no rule's source escapes the content check."""
    seen = set()
    for record in sorted((mini_build / ".snakemake" / "metadata").iterdir()):
        rec = json.loads(record.read_text())
        sources = sorted({p for p in rec["input"] if provenance.is_input(p)})
        assert sources, rec["rule"]
        assert repr(provenance.input_hash(mini_build, sources)) in rec["params"], rec["rule"]
        seen.add(rec["rule"])
    assert {"extract_official", "cross_check", "tidy_tables", "profile_MLT", "render_pdf", "publish_edition"} <= seen


@pytest.mark.workflow
def test_artefacts_in_every_input_folder_change_nothing(project):
    """Swap files, backups, locks, .DS_Store, checkpoints in every input folder: the build
    succeeds, has nothing to do, and the input hash is the edition's."""
    before, hashed = edition(project), provenance.input_hash(project)
    folders = ["data/raw", "data/raw/countries", "notebooks", "workflow", "config"]
    folders += ["workflow/rules", "workflow/schemas", "workflow/digidip/analysis", "workflow/digidip/render/templates"]
    folders += ["workflow/digidip/render/fonts", "data/snapshots", "data/crosscheck"]
    for top in ("data/snapshots", "data/crosscheck"):
        folders += [d.relative_to(project).as_posix() for d in (project / top).rglob("*") if d.is_dir()]
    for folder in folders:
        litter(project / folder)
    proc = snakemake(project)
    assert "Nothing to be done" in proc.stdout + proc.stderr, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert provenance.input_hash(project) == hashed
    assert manifest.check_manifest(project) == []
    assert edition(project) == before


def rebuild(project: Path) -> str:
    proc = snakemake(project)
    out = proc.stdout + proc.stderr
    assert "Nothing to be done" not in out, out[-3000:]
    assert manifest.check_manifest(project) == [], out[-3000:]  # the edition says what it was built from
    return out


OLD, NEW = "Synthetic law on electronic documents", "Synthetic law on electronic signatures"


def page(project: Path) -> str:
    return (project / "reports/countries/MLT.html").read_text(encoding="utf-8")


@pytest.mark.workflow
def test_an_edit_copied_with_its_old_mtime_is_rebuilt(project, tmp_path):
    """cp -p (as rsync -t and tar x do) gives the edited file an mtime older than the edition."""
    facts = project / "data/raw/countries/MLT.yaml"
    edited = tmp_path / "MLT.yaml"
    edited.write_text(facts.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    st = facts.stat()
    os.utime(edited, ns=(st.st_atime_ns, st.st_mtime_ns))
    subprocess.run(["cp", "-p", str(edited), str(facts)], check=True)
    assert facts.stat().st_mtime < (project / manifest.MANIFEST).stat().st_mtime
    assert OLD in page(project)
    out = rebuild(project)
    assert "profile_MLT" in out and "profile_ISL" not in out
    assert NEW in page(project) and OLD not in page(project)
    assert NEW in (project / "data/tidy/events.csv").read_text(encoding="utf-8")


HEADING, TOUCHED = "<h2>2. Scope and method</h2>", "<h2>2. Scope and method (edited)</h2>"


@pytest.mark.workflow
def test_an_edit_touched_into_the_past_is_rebuilt(project):
    template = project / "workflow/digidip/render/templates/report.html.j2"
    template.write_text(template.read_text(encoding="utf-8").replace(HEADING, TOUCHED), encoding="utf-8")
    subprocess.run(["touch", "-d", "2001-01-01", str(template)], check=True)
    rebuild(project)
    assert TOUCHED in (project / "reports/report.html").read_text(encoding="utf-8")


@pytest.mark.workflow
def test_git_stash_and_pop_rebuild_what_they_change(project):
    """An edit built, stashed (the edition as committed comes back with the input), then
    popped: each build leaves the edition of the inputs as they are."""
    shutil.copy(ROOT / ".gitignore", project / ".gitignore")
    git = ["git", "-C", str(project), "-c", "user.name=test", "-c", "user.email=test@example.org"]
    subprocess.run([*git, "init", "--quiet"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "--quiet", "-m", "the fixture, built"], check=True)
    template = project / "workflow/digidip/render/templates/report.html.j2"
    template.write_text(template.read_text(encoding="utf-8").replace(HEADING, TOUCHED), encoding="utf-8")
    report = project / "reports/report.html"
    rebuild(project)
    assert TOUCHED in report.read_text(encoding="utf-8")
    subprocess.run([*git, "stash", "--quiet"], check=True)
    snakemake(project)
    assert manifest.check_manifest(project) == []
    assert HEADING in report.read_text(encoding="utf-8") and TOUCHED not in report.read_text(encoding="utf-8")
    subprocess.run([*git, "stash", "pop", "--quiet"], check=True)
    snakemake(project)
    assert manifest.check_manifest(project) == []
    assert TOUCHED in report.read_text(encoding="utf-8")
