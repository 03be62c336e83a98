"""The publishers' files vendored under data/snapshots/, each with its provenance sidecar.

Layout: ``data/snapshots/<producer>/<dataset>/<version>/<file>`` beside ``<file>.meta.yaml``.
A dataset (``<producer>-<dataset>``, e.g. ``undesa-egdi``) is every snapshot of one
producer's series, all versions. Every file must have a valid sidecar and match the
sha256 and size it records: a changed or unexplained byte stops the build, naming the file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..common.inputfiles import entries, files
from ..facts.problems import Problem, ValidationError
from ..facts.schema_check import schema_problems
from ..facts.yamlio import load_yaml

SIDECAR = ".meta.yaml"


@dataclass(frozen=True)
class Snapshot:
    """One vendored file and its sidecar."""

    path: Path  # the data file
    meta: dict  # the validated sidecar
    display: str  # the path as messages and locators print it (relative to the project)

    @property
    def extract(self) -> dict:
        return self.meta["extract"]

    @property
    def spec(self) -> dict:
        """How the file is read: ``extract`` of a snapshot, ``compare`` of an independent copy."""
        return self.meta.get("extract") or self.meta["compare"]


def dataset_dirs(root: Path) -> dict[str, Path]:
    """Dataset name (``producer-dataset``) -> its folder, for every dataset under ``root``."""
    producers = [p for p in entries(root) if p.is_dir()] if root.is_dir() else []
    return {f"{d.parent.name}-{d.name}": d for p in producers for d in entries(p) if d.is_dir()}


def display(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def _checksum_problems(path: Path, meta: dict, name: str) -> list[Problem]:
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != meta["sha256"] or len(data) != meta["bytes"]:
        return [
            Problem(
                name,
                "",
                "",
                f"the file no longer matches its sidecar: sha256 {digest} ({len(data)} bytes) here, "
                f"{meta['sha256']} ({meta['bytes']} bytes) recorded in {name}{SIDECAR}; a snapshot is never edited: "
                "restore it from its source (see the sidecar), or vendor a new version in a folder of its own",
            )
        ]
    return []


def _read_one(path: Path, base: Path, schema: str = "snapshot") -> tuple[Snapshot | None, list[Problem]]:
    name = display(path, base)
    sidecar = path.with_name(path.name + SIDECAR)
    if not sidecar.exists():
        return None, [Problem(name, "", "", f"snapshot without a sidecar; add {sidecar.name} recording its origin")]
    meta, problems = load_yaml(sidecar, name + SIDECAR)
    if meta is None:
        return None, problems
    if not isinstance(meta, dict):
        return None, [Problem(name + SIDECAR, "", "", "expected a YAML mapping at the top")]
    problems = schema_problems(name + SIDECAR, schema, meta)
    if problems:
        return None, problems
    if meta["file"] != path.name:
        return None, [
            Problem(name + SIDECAR, "", "file", f"names {meta['file']!r}, but the sidecar sits beside {path.name!r}")
        ]
    problems = _checksum_problems(path, meta, name)
    return (None if problems else Snapshot(path, meta, name)), problems


def read_dataset(folder: Path, base: Path, schema: str = "snapshot") -> tuple[list[Snapshot], list[Problem]]:
    """Every snapshot of one dataset (or, with ``schema="crosscheck"``, every independent copy
    under a folder), checked; sidecars without their file are problems too."""
    snapshots, problems = [], []
    for path in files(folder):
        if path.name.endswith(SIDECAR):
            if not path.with_name(path.name.removesuffix(SIDECAR)).exists():
                problems.append(Problem(display(path, base), "", "", "sidecar of a file that is not there"))
            continue
        snap, found = _read_one(path, base, schema)
        problems += found
        if snap is not None:
            snapshots.append(snap)
    return snapshots, problems


def load_all(root: Path, base: Path) -> dict[str, list[Snapshot]]:
    """Every dataset under ``root``, every snapshot verified; raise ValidationError listing all problems."""
    out, problems = {}, []
    for name, folder in dataset_dirs(root).items():
        out[name], found = read_dataset(folder, base)
        problems += found
    if problems:
        raise ValidationError(problems, what="the snapshots")
    return out
