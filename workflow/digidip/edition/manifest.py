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


def file_hashes(root: Path, sources: dict[str, str]) -> dict[str, str]:
    """Published path -> sha256 of the file that will be published there (``sources[path]``)."""
    return {rel: sha256(root / src) for rel, src in sorted(sources.items())}


def manifest_text(root: Path, hashes: dict[str, str], extra: dict) -> str:
    """Manifest JSON text: the files' sha256, the inputs' content hash, and ``extra`` (what the
    build was made with beyond the inputs: configuration, system libraries)."""
    doc = {
        "description": "Published edition: sha256 of every file, the content hash of the inputs it was built from, and what else was used to build it.",
        "input_hash": provenance.input_hash(root),
        "files": dict(sorted(hashes.items())),
        **extra,
    }
    return json.dumps(doc, indent=2, sort_keys=True) + "\n"


def manifest(root: Path, files: list[str], extra: dict | None = None) -> str:
    """Manifest JSON text for ``files`` (paths relative to ``root``), as published."""
    return manifest_text(root, file_hashes(root, {rel: rel for rel in files}), extra or {})


def check_manifest(root: Path) -> list[str]:
    """Problems with the committed edition itself: stale inputs, files not matching the manifest."""
    path = root / MANIFEST
    if not path.exists():
        return [f"{MANIFEST} is missing: build the edition with 'make report' and commit it"]
    doc = json.loads(path.read_text(encoding="utf-8"))
    problems = []
    if (root / "reports" / ".publish-journal.json").exists():
        problems.append("a publish was interrupted and is not complete: run 'make report' to finish it")
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


def package_drift(lock_text: str) -> list[str]:
    """Packages whose installed version is not the one requirements.lock pins."""
    from importlib import metadata

    from .lockfile import canonical, read_lock

    installed = {canonical(d.metadata["Name"]): d.version for d in metadata.distributions()}
    return [
        f"{name}: installed {installed.get(name, 'not installed')}, pinned {version}"
        for name, version in sorted(read_lock(lock_text).items())
        if installed.get(name) != version
    ]


def environment_problems(root: Path) -> list[str]:
    """What would make a rebuild here differ for reasons other than the inputs: a configuration
    other than the committed one, packages not as pinned, other text-layout libraries."""
    import yaml

    from ..render.pdf import render_environment

    path = root / MANIFEST
    if not path.exists():
        return []
    doc = json.loads(path.read_text(encoding="utf-8"))
    problems = []
    committed = yaml.safe_load((root / "config" / "config.yaml").read_text(encoding="utf-8"))
    if doc.get("config") != committed or doc.get("build"):
        problems.append(
            "the edition was built with a configuration other than config/config.yaml "
            f"({json.dumps(doc.get('config'), sort_keys=True)}): rebuild it with 'make report' and commit it"
        )
    drift = package_drift((root / "requirements.lock").read_text(encoding="utf-8"))
    if drift:
        problems.append(
            f"this environment differs from requirements.lock ({'; '.join(drift)}): run 'make' to reinstall .venv"
        )
    recorded, here = doc.get("render_environment"), render_environment()
    if recorded is not None and recorded != here:
        problems.append(
            f"the PDF's text libraries differ from the edition's (built with {recorded}, here {here}): "
            "the PDF may not be reproduced byte for byte on this machine"
        )
    return problems
