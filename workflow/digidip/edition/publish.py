"""Publish a finished build: the staged outputs become the edition, whole or not at all.

Publishing writes a journal first (what to copy, with each file's sha256, what to remove,
and the new manifest), then carries it out file by file (each copy atomic), and removes the
journal last. If the process dies half-way, the journal is still there and the next run
resolves it before doing anything else (``recover.py``: completed while its staged files are
unchanged, else discarded), so a reader never keeps a mix of two editions, and ``make
verify`` refuses to vouch for one while a journal is pending.
Only files the previous manifest listed are ever removed; anything else under the published
folders is left alone (and reported by ``make verify``).
"""

from __future__ import annotations

import json
from pathlib import Path

from ..common.atomic import write_bytes, write_text
from .manifest import MANIFEST, file_hashes, manifest_text

JOURNAL = "reports/.publish-journal.json"


def _previous_files(dest: Path) -> set[str]:
    path = dest / MANIFEST
    if not path.exists():
        return set()
    return set(json.loads(path.read_text(encoding="utf-8")).get("files", {}))


def plan(project: Path, edition: str, stage: str, staged: list[str], extra: dict | None = None) -> dict:
    """The journal of one publish: copies (staged -> published, with sha256), removals, manifest.

    Paths in the journal are relative to ``project``; published paths go under ``edition``
    ("." for the edition, ``builds/<name>`` for another configuration).
    """
    prefix = stage.rstrip("/") + "/"
    dest = (project / edition).resolve().relative_to(project.resolve())
    copies = []
    for path in sorted(staged):
        if not path.startswith(prefix):
            raise ValueError(f"{path} is not under the stage directory {stage}")
        copies.append([path, path[len(prefix) :]])
    hashes = file_hashes(project, {target: source for source, target in copies})
    targets = {target for _, target in copies}
    return {
        "dest": dest.as_posix(),
        "copy": [[source, (dest / target).as_posix(), hashes[target]] for source, target in copies],
        # e.g. the page of a country no longer built:
        "remove": sorted((dest / rel).as_posix() for rel in _previous_files(project / dest) - targets),
        "manifest": manifest_text(project, hashes, extra or {}),
    }


def apply(project: Path, journal: dict) -> None:
    """Carry out a journal (again, if it was interrupted): every step is safe to repeat."""
    from .manifest import sha256

    for source, target, digest in journal["copy"]:
        if (project / target).exists() and sha256(project / target) == digest:
            continue  # copied before the interruption
        if sha256(project / source) != digest:
            raise RuntimeError(f"{source} changed since the publish began; rebuild with 'make report'")
        write_bytes(project / target, (project / source).read_bytes())
    for rel in journal["remove"]:
        (project / rel).unlink(missing_ok=True)
    dest = project / journal["dest"]
    write_text(dest / MANIFEST, journal["manifest"])
    (dest / JOURNAL).unlink(missing_ok=True)


def publish(project: Path, edition: str, stage: str, staged: list[str], extra: dict | None = None) -> list[str]:
    """Publish ``staged`` (paths under ``stage``) under ``edition``; return the published paths."""
    journal = plan(project, edition, stage, staged, extra)
    write_text(project / journal["dest"] / JOURNAL, json.dumps(journal, indent=1, sort_keys=True))
    apply(project, journal)
    return [target for _, target, _ in journal["copy"]]
