"""The edition's manifest: which files are published, their sha256, and the inputs' hash.

The edition is every file under ``data/tidy/`` and ``reports/``. Its manifest records each
file's sha256 and the content hash of all inputs, so ``make verify`` can tell a reviewer
two things: the committed files are exactly what a clean build of the committed inputs
produces, and nobody changed an input without rebuilding.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..common import provenance

PUBLISHED_DIRS = ("data/tidy", "reports")
MANIFEST = "reports/manifest.json"
#: Under reports/ but not part of the edition: Snakemake's provenance report carries run
#: times and dates, so it is a build log, not a reproducible output.
UNPUBLISHED = ("reports/provenance/",)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def published_files(root: Path) -> list[str]:
    """Relative paths of the edition's files (the manifest itself excluded), sorted."""
    out = []
    for d in PUBLISHED_DIRS:
        for p in (root / d).rglob("*"):
            rel = p.relative_to(root).as_posix()
            if p.is_file() and rel != MANIFEST and not p.name.startswith(".") and not rel.startswith(UNPUBLISHED):
                out.append(rel)
    return sorted(out)


def manifest(root: Path, files: list[str]) -> str:
    """Manifest JSON text for ``files`` (paths relative to ``root``)."""
    doc = {
        "description": "Published edition: sha256 of every file, and the content hash of the inputs it was built from.",
        "input_hash": provenance.input_hash(root),
        "files": {rel: sha256(root / rel) for rel in sorted(files)},
    }
    return json.dumps(doc, indent=2, sort_keys=True) + "\n"


def check_manifest(root: Path) -> list[str]:
    """Problems with the committed edition itself: stale inputs, files not matching the manifest."""
    path = root / MANIFEST
    if not path.exists():
        return [f"{MANIFEST} is missing: build the edition with 'make report' and commit it"]
    doc = json.loads(path.read_text(encoding="utf-8"))
    problems = []
    current = provenance.input_hash(root)
    if doc.get("input_hash") != current:
        problems.append(
            f"inputs changed since the edition was built (manifest input hash {doc.get('input_hash', '')[:12]}, current {current[:12]}): "
            "run 'make report' and commit data/tidy/ and reports/"
        )
    listed = doc.get("files", {})
    on_disk = set(published_files(root))
    for rel in sorted(set(listed) - on_disk):
        problems.append(f"{rel}: listed in the manifest but missing")
    for rel in sorted(on_disk - set(listed)):
        problems.append(f"{rel}: published but not in the manifest")
    for rel in sorted(on_disk & set(listed)):
        if sha256(root / rel) != listed[rel]:
            problems.append(f"{rel}: sha256 differs from the manifest (edited by hand, or not rebuilt)")
    return problems
