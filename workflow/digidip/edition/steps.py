"""Command-line steps of the edition stage (``python -m digidip publish|manifest|verify|...``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def publish(a: argparse.Namespace) -> int:
    from .manifest import MANIFEST
    from .publish import publish as publish_files

    published = publish_files(Path(a.root), a.stage, a.files)
    print(f"published {len(published)} files and {MANIFEST}")
    return 0


def manifest(a: argparse.Namespace) -> int:
    from ..common.atomic import write_text
    from .manifest import manifest as manifest_text
    from .manifest import published_files

    root = Path(a.root)
    write_text(root / a.out, manifest_text(root, a.files or published_files(root)))
    return 0


def verify(a: argparse.Namespace) -> int:
    from .manifest import published_files
    from .verify import verify as verify_edition

    root = Path(a.root)
    problems = verify_edition(root, a.cores)
    if problems:
        print(f"verify: the published edition does not match its inputs ({len(problems)} problem(s)):", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        return 1
    print(f"verify: every published file ({len(published_files(root))}) is reproduced byte for byte from the inputs")
    return 0


def clear_locks(a: argparse.Namespace) -> int:
    from .locks import clear_stale

    removed = clear_stale(Path(a.dir))
    if removed:
        print(f"removed {len(removed)} stale Snakemake lock(s) left by an interrupted run")
    return 0


def environment(a: argparse.Namespace) -> int:
    from .lockfile import write_environment

    print(f"environment.yml: {write_environment(Path(a.root))} pins from requirements.lock")
    return 0
