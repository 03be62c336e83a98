"""A publish killed half-way, then anything: the next build always succeeds, the edition whole.

The publish step is killed after each of its side effects in turn (journal written, each
copy, the removal, the manifest); then the stage is left alone, rewritten with the same
bytes, edited (as ``make preview`` after an edit does) or deleted (``make clean``). Each
combination is resolved by the recover step (``python -m digidip recover``, which every make
target that builds or reads the edition runs first) or directly by the next publish (a
Snakemake run without make), and the next build must publish a whole edition. The same
entry points run as the user runs them are in ``test_recover_make.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from digidip.__main__ import main
from digidip.common.atomic import write_bytes, write_text
from digidip.edition import manifest, publish

STAGE = "data/interim/stage"
OLD = {
    "data/tidy/a.csv": "x\n1\n",
    "reports/report.html": "<p>old</p>\n",
    "reports/countries/AAA.html": "a page the new edition drops\n",
}
#: The new edition, in the order the journal copies it (sorted by staged path).
NEW = {
    "data/tidy/a.csv": "x\n2\n",
    "reports/countries/BBB.html": "a page the new edition adds\n",
    "reports/report.html": "<p>new</p>\n",
}
#: The publish's side effects in order; it is killed after the first ``n`` of them.
EFFECTS = ("journal", "copy a.csv", "copy BBB.html", "copy report.html", "remove AAA.html", "manifest")


JOURNAL_NAME = Path(publish.JOURNAL).name


class Killed(BaseException):
    """The process dies here: nothing in the code under test may catch it."""


def old_edition(root: Path) -> Path:
    for rel, text in OLD.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    (root / manifest.MANIFEST).write_text(manifest.manifest(root, sorted(OLD)))
    return root


def stage(root: Path, files: dict[str, str]) -> list[str]:
    for rel, text in files.items():
        (root / STAGE / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / STAGE / rel).write_text(text)
    return [f"{STAGE}/{rel}" for rel in sorted(files)]


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for d in manifest.PUBLISHED_DIRS
        for p in sorted((root / d).rglob("*"))
        if p.is_file()
    }


def killed_publish(root: Path, staged: list[str], after: int, monkeypatch) -> None:
    """Run the real publish, killed after ``after`` of its side effects (EFFECTS)."""
    done = []

    def effect(real):
        def wrapped(*args, **kwargs):
            if len(done) == after:
                raise Killed
            done.append(args[0])
            return real(*args, **kwargs)

        return wrapped

    real_unlink = Path.unlink

    def unlink(self, missing_ok=False):
        # The journal and the files it removes; not the temporary files of atomic writes.
        if self.is_relative_to(root) and (self.name == JOURNAL_NAME or not self.name.startswith(".")):
            return effect(lambda *a, **k: real_unlink(self, missing_ok=missing_ok))(self)
        return real_unlink(self, missing_ok=missing_ok)

    with monkeypatch.context() as m:
        m.setattr(publish, "write_text", effect(write_text))
        m.setattr(publish, "write_bytes", effect(write_bytes))
        m.setattr(Path, "unlink", unlink)
        with pytest.raises(Killed):
            publish.publish(root, ".", STAGE, staged, {"build": ""})
    assert len(done) == after and (root / publish.JOURNAL).exists()


def since(root: Path, what: str) -> None:
    """What happens between the killed publish and the next command."""
    if what == "edited":  # make preview (or a build) after an edit rebuilds the stage
        stage(root, {**NEW, "reports/report.html": "<p>newer</p>\n"})
    elif what == "edited-first-file":
        stage(root, {**NEW, "data/tidy/a.csv": "x\n3\n"})
    elif what == "rewritten":  # rebuilt, same bytes
        stage(root, NEW)
    elif what == "cleaned":  # make clean
        import shutil

        shutil.rmtree(root / "data/interim")


def can_complete(after: int, what: str) -> bool:
    """The journal can be completed iff every file it still has to copy is staged unchanged."""
    copied = {"data/tidy/a.csv"} if after >= 2 else set()
    copied |= {"reports/countries/BBB.html"} if after >= 3 else set()
    copied |= {"reports/report.html"} if after >= 4 else set()
    touched = {
        "edited": {"reports/report.html"},
        "edited-first-file": {"data/tidy/a.csv"},
        "cleaned": set(NEW),
    }.get(what, set())
    return touched <= copied


def next_build(root: Path, tmp_path: Path) -> int:
    """The publish job of the next build, as the rule runs it (stage rebuilt first if cleaned)."""
    if not (root / STAGE).exists():
        stage(root, NEW)
    staged = sorted(str(p.relative_to(root)) for p in (root / STAGE).rglob("*") if p.is_file())
    env = tmp_path / "environment.json"
    env.write_text("{}")
    args = ["--root", str(root), "--stage", STAGE, "--config-json", "{}", "--environment", str(env)]
    return main(["publish", *args, *staged])


def assert_whole(root: Path) -> None:
    """The edition is exactly the staged one: every file as its manifest says, nothing else."""
    assert manifest.check_manifest(root) == []
    assert not (root / publish.JOURNAL).exists()
    published = {rel: (root / rel).read_bytes() for rel in manifest.published_files(root)}
    staged = {p.relative_to(root / STAGE).as_posix(): p.read_bytes() for p in (root / STAGE).rglob("*") if p.is_file()}
    assert published == staged


@pytest.mark.parametrize("what", ["nothing", "rewritten", "edited", "edited-first-file", "cleaned"])
@pytest.mark.parametrize("after", range(1, len(EFFECTS) + 1), ids=[f"killed-after-{e}" for e in EFFECTS])
def test_recover_resolves_the_journal_and_the_next_build_publishes_whole(tmp_path, monkeypatch, capsys, after, what):
    root = old_edition(tmp_path / "project")
    killed_publish(root, stage(root, NEW), after, monkeypatch)
    since(root, what)
    before = snapshot(root)
    assert main(["recover", "--dir", str(root)]) == 0
    (line,) = capsys.readouterr().out.splitlines()  # one line says which
    assert not (root / publish.JOURNAL).exists()
    if can_complete(after, what):
        assert line.startswith("recover: completed the publish an interrupted run had begun")
        assert manifest.check_manifest(root) == []  # the edition the journal planned, whole
        assert snapshot(root)["reports/report.html"] == NEW["reports/report.html"].encode()
    else:
        assert line.startswith("recover: discarded the publish an interrupted run had begun")
        assert "staged files changed or vanished since" in line
        now = snapshot(root)
        assert "reports/countries/BBB.html" not in now  # a page it had added is gone again
        assert {k: v for k, v in before.items() if k != publish.JOURNAL and "BBB" not in k} == now
        if after == 1:  # nothing had been copied: the old edition, whole
            assert "is as it was before" in line and manifest.check_manifest(root) == []
        else:
            assert "'make report' republishes the edition (data/tidy/, reports/) whole" in line
    assert next_build(root, tmp_path) == 0
    assert_whole(root)


@pytest.mark.parametrize("what", ["edited", "edited-first-file"])
@pytest.mark.parametrize("after", [1, 2, 3, 5])
def test_the_next_publish_alone_resolves_the_journal(tmp_path, monkeypatch, capsys, after, what):
    """Snakemake run without make: the publish job itself resolves what it finds first."""
    root = old_edition(tmp_path / "project")
    killed_publish(root, stage(root, NEW), after, monkeypatch)
    since(root, what)
    assert next_build(root, tmp_path) == 0
    first = capsys.readouterr().out.splitlines()[0]
    if can_complete(after, what):
        assert first.startswith("recover: completed the publish")
    else:
        assert first.startswith("recover: discarded the publish")
        assert first.endswith("this publish republishes the edition (data/tidy/, reports/) whole") or (
            first.endswith("the edition (data/tidy/, reports/) is as it was before")
        )
    assert_whole(root)


def test_a_build_journal_is_resolved_beside_the_edition(tmp_path, monkeypatch, capsys):
    """A subset build (builds/<name>/) killed while publishing, then rebuilt: resolved the same way."""
    root = old_edition(tmp_path / "project")
    work = "data/interim/builds/KAZ/stage"
    staged = []
    for rel, text in NEW.items():
        (root / work / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / work / rel).write_text(text)
        staged.append(f"{work}/{rel}")
    journal = publish.plan(root, "builds/KAZ", work, staged, {})
    write_text(root / "builds/KAZ" / publish.JOURNAL, json.dumps(journal))
    (root / work / "reports/report.html").write_text("<p>rebuilt</p>\n")
    assert main(["recover", "--dir", str(root)]) == 0
    out = capsys.readouterr().out
    assert "builds/KAZ/ is as it was before" in out and "the next build of that configuration" not in out
    assert not (root / "builds/KAZ" / publish.JOURNAL).exists()
    assert manifest.check_manifest(root) == []  # the edition was never involved


def test_an_unreadable_journal_is_discarded_with_a_warning(tmp_path, capsys):
    root = old_edition(tmp_path / "project")
    (root / publish.JOURNAL).write_text('{"copy": "not a journal"}')
    assert main(["recover", "--dir", str(root)]) == 0
    out = capsys.readouterr().out
    assert "is not a publish journal" in out and "'make clean' then 'make report'" in out
    assert not (root / publish.JOURNAL).exists()


def test_nothing_pending_says_nothing(tmp_path, capsys):
    root = old_edition(tmp_path / "project")
    assert main(["recover", "--dir", str(root)]) == 0
    assert capsys.readouterr().out == ""


def fake_snakemake(cwd: Path) -> subprocess.Popen:
    """A process that looks like a Snakemake run working in ``cwd`` (argv[0] 'snakemake')."""
    return subprocess.Popen(["snakemake", "-c", "import time; time.sleep(60)"], executable=sys.executable, cwd=cwd)


def test_a_journal_of_a_run_in_progress_is_left_to_it_and_verify_refuses(tmp_path, monkeypatch, capsys):
    root = old_edition(tmp_path / "project")
    killed_publish(root, stage(root, NEW), 2, monkeypatch)
    before = snapshot(root)
    proc = fake_snakemake(root)
    try:
        assert main(["recover", "--dir", str(root)]) == 0
        assert "a Snakemake run is working here; its publish (reports/.publish-journal.json) is left to it" in (
            capsys.readouterr().out
        )
        assert snapshot(root) == before
        assert main(["verify", "--root", str(root), "--cores", "1"]) == 1
    finally:
        proc.kill()
        proc.wait()
    err = capsys.readouterr().err
    assert "a publish into this edition is pending (reports/.publish-journal.json" in err
    assert "'make recover'" in err and "then run make verify again" in err


def test_verify_refuses_while_a_publish_is_pending(tmp_path, monkeypatch, capsys):
    """The publish module promises it: no verdict on an edition a reader has half published."""
    root = old_edition(tmp_path / "project")
    killed_publish(root, stage(root, NEW), 3, monkeypatch)
    assert main(["verify", "--root", str(root), "--cores", "1"]) == 1
    captured = capsys.readouterr()
    assert "a publish into this edition is pending" in captured.err
    assert "rebuilding" not in captured.out  # refused before any work
