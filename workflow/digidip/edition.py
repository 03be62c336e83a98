"""The published edition: its manifest, and the check that it matches what the inputs build.

The edition is every file under ``data/tidy/`` and ``reports/``. Its manifest records each
file's sha256 and the content hash of all inputs, so ``make verify`` can tell a reviewer
two things: the committed files are exactly what a clean build of the committed inputs
produces, and nobody changed an input without rebuilding.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import provenance

PUBLISHED_DIRS = ("data/tidy", "reports")
MANIFEST = "reports/manifest.json"
#: Under reports/ but not part of the edition: Snakemake's provenance report carries run
#: times and dates, so it is a build log, not a reproducible output.
UNPUBLISHED = ("reports/provenance/",)
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


def publish(root: Path, stage: str, staged: list[str]) -> list[str]:
    """Copy staged files to their published place, drop stale ones, write the manifest last.

    ``staged`` paths start with ``stage``; the rest of each path is where it is published.
    Each copy is atomic, so an interrupted publish leaves every file whole.
    """
    from .atomic import write_bytes, write_text

    prefix = stage.rstrip("/") + "/"
    targets = []
    for path in sorted(staged):
        if not path.startswith(prefix):
            raise ValueError(f"{path} is not under the stage directory {stage}")
        rel = path[len(prefix) :]
        write_bytes(root / rel, (root / path).read_bytes())
        targets.append(rel)
    for rel in sorted(set(published_files(root)) - set(targets)):
        (root / rel).unlink()  # e.g. the page of a country no longer in the build
    write_text(root / MANIFEST, manifest(root, targets))
    return targets


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


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m digidip.edition", description=__doc__)
    sub = parser.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("manifest", help="write reports/manifest.json for the built edition")
    m.add_argument("--root", default=".")
    m.add_argument("--out", default=MANIFEST)
    m.add_argument("files", nargs="*")
    pub = sub.add_parser("publish", help="copy staged outputs into the edition and write the manifest")
    pub.add_argument("--root", default=".")
    pub.add_argument("--stage", required=True)
    pub.add_argument("files", nargs="+")
    v = sub.add_parser("verify", help="rebuild in a clean copy and compare with the published edition")
    v.add_argument("--root", default=".")
    v.add_argument("--cores", default="all")
    args = parser.parse_args(argv)
    root = Path(args.root)
    if args.cmd == "publish":
        published = publish(root, args.stage, args.files)
        print(f"published {len(published)} files and {MANIFEST}")
        return 0
    if args.cmd == "manifest":
        from .atomic import write_text

        write_text(root / args.out, manifest(root, args.files or published_files(root)))
        return 0
    problems = verify(root, args.cores)
    if problems:
        print(f"verify: the published edition does not match its inputs ({len(problems)} problem(s)):", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        return 1
    print(f"verify: every published file ({len(published_files(root))}) is reproduced byte for byte from the inputs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
