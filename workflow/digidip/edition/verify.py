"""Verify the published edition: rebuild the committed inputs from scratch and compare bytes."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from .manifest import MANIFEST, check_manifest, environment_problems, published_files, sha256

#: Never part of a pristine tree made without git: version control, environments, build
#: records, caches, build products and the edition itself (matched on the path's first part).
EXCLUDE = {".git", ".venv", ".snakemake", ".pytest_cache", ".ruff_cache", ".hypothesis", "logs", "builds"}
EXCLUDE_PATHS = {"data/interim", "data/tidy", "reports", "bench/out"}


def _around(line: str, at: int) -> str:
    """The part of a long line around a position, marked where it is cut."""
    start, end = max(0, at - 40), at + 80
    return ("…" if start else "") + line[start:end] + ("…" if end < len(line) else "")


def describe_difference(expected: Path, actual: Path) -> str:
    """One line saying how two files differ: sizes, the first byte that differs and, for
    text, the first changed line of each side around the first character that differs."""
    a, b = expected.read_bytes(), actual.read_bytes()
    if len(a) != len(b):
        size = f"size {len(a)} bytes published, {len(b)} rebuilt"
    else:
        size = f"same size ({len(a)} bytes)"
    offset = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    try:
        old, new = a.decode().splitlines(), b.decode().splitlines()
    except UnicodeDecodeError:
        return f"{size}; first difference at byte {offset}"
    n = next((i for i, (x, y) in enumerate(zip(old, new, strict=False)) if x != y), min(len(old), len(new)))
    x, y = (old[n] if n < len(old) else ""), (new[n] if n < len(new) else "")
    at = next((i for i, (p, q) in enumerate(zip(x, y, strict=False)) if p != q), min(len(x), len(y)))
    return f"{size}; first difference at byte {offset}, line {n + 1}: published {_around(x, at)!r}, rebuilt {_around(y, at)!r}"


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)


def committed_tree(root: Path, dest: Path) -> str | None:
    """Extract the committed tree (HEAD) of ``root`` into ``dest``; its description, or None without git."""
    if shutil.which("git") is None or _git(root, "rev-parse", "--is-inside-work-tree").returncode != 0:
        return None
    head = _git(root, "rev-parse", "HEAD").stdout.decode().strip()
    archive = _git(root, "archive", "--format=tar", "HEAD")
    if archive.returncode != 0:
        return None
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(dest, filter="data")
    changed = _git(root, "status", "--porcelain", "--untracked-files=no").stdout.decode().splitlines()
    note = f"; {len(changed)} tracked file(s) have uncommitted changes, which are not verified" if changed else ""
    return f"the committed tree (HEAD {head[:12]}){note}"


def working_copy(root: Path, dest: Path) -> str:
    """Copy ``root`` without build records, caches, environments or the edition (no git here)."""

    def ignore(directory: str, names: list[str]) -> set[str]:
        rel = Path(directory).resolve().relative_to(root.resolve())
        return {
            n
            for n in names
            if n == "__pycache__" or (not rel.parts and n in EXCLUDE) or (rel / n).as_posix() in EXCLUDE_PATHS
        }

    shutil.copytree(root, dest, ignore=ignore, symlinks=True)
    return "a copy of the working tree without build records, caches, environments or edition (not a git checkout)"


def rebuild(project: Path, cores: str = "all") -> subprocess.CompletedProcess:
    """Build the edition from scratch in ``project``, which holds inputs only."""
    for rel in ("data/tidy", "reports"):
        shutil.rmtree(project / rel, ignore_errors=True)
    cmd = [sys.executable, "-m", "snakemake", "--profile", "workflow/profiles/local", "--cores", cores]
    return subprocess.run([*cmd, "--forceall", "--quiet", "all"], cwd=project, capture_output=True, text=True)


def compare(published_root: Path, rebuilt_root: Path) -> list[str]:
    """Every difference between a published edition and a rebuilt one, file by file."""
    problems = []
    published, rebuilt = set(published_files(published_root)), set(published_files(rebuilt_root))
    for rel in sorted(rebuilt - published):
        problems.append(f"{rel}: built by the inputs but not published")
    for rel in sorted(published - rebuilt):
        problems.append(f"{rel}: published but no longer built by the inputs")
    for rel in sorted(published & rebuilt | {MANIFEST}):
        a, b = published_root / rel, rebuilt_root / rel
        if a.exists() and b.exists() and sha256(a) != sha256(b):
            problems.append(f"{rel}: not reproduced exactly; {describe_difference(a, b)}")
    return problems


def verify(root: Path, cores: str = "all") -> tuple[list[str], str]:
    """(problems, what was rebuilt): every way the committed edition differs from a rebuild
    of the committed inputs in a pristine tree (no build records, caches or environment of
    the working copy)."""
    with tempfile.TemporaryDirectory(prefix="digidip-verify-") as tmp:
        published, project = Path(tmp) / "published", Path(tmp) / "project"
        what = committed_tree(root, published)
        if what is None:
            what = working_copy(root, project)
            published = root
        else:
            shutil.copytree(published, project, symlinks=True)
        problems = check_manifest(published) + environment_problems(published)
        proc = rebuild(project, cores)
        if proc.returncode != 0:
            return [*problems, f"the clean rebuild failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"], what
        return problems + compare(published, project), what
