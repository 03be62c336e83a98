"""Verify the published edition: rebuild the committed inputs from scratch and compare bytes."""

from __future__ import annotations

import difflib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .manifest import MANIFEST, check_manifest, published_files, sha256

#: Never copied into the clean rebuild: build state, caches, and the edition itself.
EXCLUDE = {
    ".git",
    ".venv",
    ".snakemake",
    "logs",
    "data/interim",
    "data/tidy",
    "reports",
    "bench/out",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
}


def describe_difference(expected: Path, actual: Path) -> str:
    """One or a few lines saying how two files differ."""
    a, b = expected.read_bytes(), actual.read_bytes()
    if len(a) != len(b):
        size = f"size {len(a)} bytes published, {len(b)} rebuilt"
    else:
        size = f"same size ({len(a)} bytes)"
    offset = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    try:
        lines = list(
            difflib.unified_diff(
                a.decode().splitlines(), b.decode().splitlines(), "published", "rebuilt", n=0, lineterm=""
            )
        )
        detail = "; ".join(line for line in lines[2:6])
        return f"{size}; first difference at byte {offset}: {detail[:400]}"
    except UnicodeDecodeError:
        return f"{size}; first difference at byte {offset}"


def _copy_inputs(root: Path, dest: Path) -> None:
    def ignore(directory: str, names: list[str]) -> set[str]:
        rel = Path(directory).resolve().relative_to(root.resolve())
        return {n for n in names if (rel / n).as_posix().lstrip("./") in EXCLUDE or n == "__pycache__"}

    shutil.copytree(root, dest, ignore=ignore, symlinks=True)


def rebuild(root: Path, dest: Path, cores: str = "all") -> subprocess.CompletedProcess:
    """Build the edition from scratch in ``dest`` (a copy of the inputs of ``root``)."""
    _copy_inputs(root, dest)
    cmd = [
        sys.executable,
        "-m",
        "snakemake",
        "--profile",
        "workflow/profiles/local",
        "--cores",
        cores,
        "--forceall",
        "--quiet",
        "all",
    ]
    return subprocess.run(cmd, cwd=dest, capture_output=True, text=True)


def verify(root: Path, cores: str = "all") -> list[str]:
    """Every way the committed edition differs from a clean rebuild of the committed inputs."""
    problems = check_manifest(root)
    with tempfile.TemporaryDirectory(prefix="digidip-verify-") as tmp:
        dest = Path(tmp) / "project"
        proc = rebuild(root, dest, cores)
        if proc.returncode != 0:
            return [*problems, f"the clean rebuild failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"]
        published = set(published_files(root))
        rebuilt = set(published_files(dest))
        for rel in sorted(rebuilt - published):
            problems.append(f"{rel}: built by the inputs but not published")
        for rel in sorted(published - rebuilt):
            problems.append(f"{rel}: published but no longer built by the inputs")
        for rel in sorted(published & rebuilt):
            if sha256(root / rel) != sha256(dest / rel):
                problems.append(f"{rel}: not reproduced exactly; {describe_difference(root / rel, dest / rel)}")
        if (
            (dest / MANIFEST).exists()
            and (root / MANIFEST).exists()
            and sha256(dest / MANIFEST) != sha256(root / MANIFEST)
        ):
            problems.append(
                f"{MANIFEST}: not reproduced exactly; {describe_difference(root / MANIFEST, dest / MANIFEST)}"
            )
    return problems
