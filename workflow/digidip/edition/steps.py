"""Command-line steps of the edition stage (``python -m digidip publish|manifest|verify|...``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def publish(a: argparse.Namespace) -> int:
    import json

    from ..analysis.style import RC
    from .manifest import MANIFEST
    from .publish import publish as publish_files

    extra = {
        "build": a.build,
        "config": json.loads(a.config_json),
        "render_environment": json.loads(Path(a.environment).read_text(encoding="utf-8")),
        "matplotlib_rc": RC,
    }
    from .publish import complete_pending

    complete_pending(Path(a.root), a.edition)  # a publish interrupted earlier comes first
    published = publish_files(Path(a.root), a.edition, a.stage, a.files, extra)
    where = (
        "the edition" if a.edition == "." else f"{a.edition}/ (not the published edition: the configuration differs)"
    )
    print(f"published {len(published)} files and {MANIFEST} to {where}")
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
    print(
        "verify: rebuilding from scratch in a pristine directory (no build records, caches or environment of this copy)"
    )
    problems, what = verify_edition(root, a.cores)
    print(f"verify: rebuilt {what}")
    if problems:
        print(f"verify: the published edition does not match its inputs ({len(problems)} problem(s)):", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        return 1
    n = len(published_files(root))
    print(f"verify: every published file ({n}) and the manifest are reproduced byte for byte from the inputs")
    return 0


def recover(a: argparse.Namespace) -> int:
    """After a run that was killed: clear its stale lock, finish its interrupted publish."""
    from .locks import clear_stale
    from .publish import complete_pending

    removed = clear_stale(Path(a.dir))
    if removed:
        print(f"removed {len(removed)} stale Snakemake lock(s) left by an interrupted run")
    if complete_pending(Path(a.dir)):
        print("finished a publish that an interrupted run had begun: the edition is whole again")
    return 0


def environment(a: argparse.Namespace) -> int:
    from .lockfile import write_environment

    print(f"environment.yml: {write_environment(Path(a.root))} pins from requirements.lock")
    return 0
