"""Resolve a publish a killed run left pending: complete it, or discard it if it went stale.

A publish writes its journal (``publish.py``) and then copies the staged files into place; a
process killed in between leaves the journal behind. Its copies can be finished only while
the staged files still hold what the journal recorded. Anything that rebuilds the stage
first (``make preview``, an edit and another build, ``make clean``) leaves a stale journal:
what it would publish no longer exists, and finishing it would fail, or publish files of two
builds. So before any build or check (``python -m digidip recover``, and the publish step
itself) every pending journal is resolved:

* every staged file unchanged (or already copied): the publish is completed, and the edition
  is the one the journal planned, whole;
* otherwise it is discarded. The files it had added (published paths the edition's manifest
  does not list) are removed again; files it had overwritten cannot be restored, but their
  new staged copies are newer than them, so the next publishing build (``make report``)
  republishes the edition whole. Until then ``make verify`` and the manifest show them.

Either way one line says which, and the next ``make report`` never fails on the journal.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .manifest import MANIFEST, sha256
from .place import BUILDS
from .publish import JOURNAL, apply


@dataclass(frozen=True)
class Outcome:
    journal: str  # the journal's path, relative to the project
    completed: bool
    changed: tuple[str, ...] = ()  # staged files that changed or vanished (discarded)
    overwritten: int = 0  # published files the discarded publish had overwritten
    unreadable: bool = False

    @property
    def where(self) -> str:
        dest = self.journal.removesuffix(JOURNAL).rstrip("/")
        return f"{dest}/" if dest else "the edition (data/tidy/, reports/)"

    def line(self, next_step: str | None = None) -> str:
        """One line for the user: what was found and what was done (``next_step``: what
        publishes again; by default the next build of the edition or of that build)."""
        if next_step is None:
            is_edition = self.journal == JOURNAL
            next_step = "the next 'make report'" if is_edition else "the next build of that configuration"
        if self.completed:
            return f"recover: completed the publish an interrupted run had begun: {self.where} is whole"
        if self.unreadable:
            return (
                f"recover: discarded {self.journal}, which is not a publish journal (edited by hand?): "
                f"{self.where} may hold part of a publish; 'make clean' then 'make report' republishes it whole"
            )
        why = f"{len(self.changed)} of its staged files changed or vanished since, e.g. {self.changed[0]}"
        state = (
            f"it had overwritten {self.overwritten} published file(s), and {next_step} republishes {self.where} whole"
            if self.overwritten
            else f"{self.where} is as it was before"
        )
        return f"recover: discarded the publish an interrupted run had begun ({why}): {state}"


def pending(project: Path) -> list[Path]:
    """The journals waiting in ``project``: the edition's, then each build's under builds/."""
    found = [project / JOURNAL, *sorted((project / BUILDS).glob(f"*/{JOURNAL}"))]
    return [path for path in found if path.is_file()]


def _matches(path: Path, digest: str) -> bool:
    return path.is_file() and sha256(path) == digest


def changed_sources(project: Path, journal: dict) -> list[str]:
    """Staged files the journal still has to copy that no longer hold what it recorded."""
    return [
        source
        for source, target, digest in journal["copy"]
        if not _matches(project / target, digest) and not _matches(project / source, digest)
    ]


def _listed(project: Path, dest: str) -> dict[str, str]:
    """The files the published manifest under ``dest`` lists (the edition before this publish)."""
    path = project / dest / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("files", {})
    except (OSError, ValueError):
        return {}


def discard(project: Path, journal: dict) -> int:
    """Drop a journal that cannot be completed; return how many published files it overwrote.

    A file it had added (a path the manifest does not list) is removed, so the edition keeps
    no page of a publish that never finished; an overwritten one stays for the next build.
    """
    dest = journal["dest"]
    listed, prefix = _listed(project, dest), "" if dest == "." else f"{dest}/"
    overwritten = 0
    for _source, target, digest in journal["copy"]:
        before = listed.get(target.removeprefix(prefix))
        if before == digest or not _matches(project / target, digest):
            continue  # not copied, or the same bytes as before
        if before is None:
            (project / target).unlink()
        else:
            overwritten += 1
    return overwritten


def _read(path: Path) -> dict | None:
    """The journal, or None if it is not one (unreadable, or not of the shape publish writes)."""
    try:
        journal = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return None
    shaped = isinstance(journal, dict) and {"dest", "copy", "remove", "manifest"} <= set(journal)
    if not shaped or not all(isinstance(c, list) and len(c) == 3 for c in journal["copy"]):
        return None
    return journal


def resolve(project: Path, path: Path) -> Outcome:
    """Complete the journal at ``path`` if it still can be, else discard it."""
    rel = path.relative_to(project).as_posix()
    journal = _read(path)
    if journal is None:
        path.unlink()
        return Outcome(rel, completed=False, unreadable=True)
    changed = changed_sources(project, journal)
    if not changed:
        apply(project, journal)
        return Outcome(rel, completed=True)
    overwritten = discard(project, journal)
    path.unlink()
    return Outcome(rel, completed=False, changed=tuple(changed), overwritten=overwritten)


def resolve_all(project: Path) -> list[Outcome]:
    """Resolve every pending journal of ``project`` (the edition's and every build's)."""
    return [resolve(project, path) for path in pending(project)]
