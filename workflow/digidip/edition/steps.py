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
    from .publish import JOURNAL
    from .recover import resolve

    # A publish interrupted earlier comes first: completed, or replaced by this one if stale.
    journal = Path(a.root) / a.edition / JOURNAL
    if journal.is_file():
        print(resolve(Path(a.root), journal).line(next_step="this publish"))
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
    from ..common.makevars import check_cores
    from .manifest import published_files
    from .publish import JOURNAL
    from .verify import verify as verify_edition

    root = Path(a.root)
    check_cores(a.cores)
    if (root / JOURNAL).exists():
        # The committed tree may verify, but the edition a reader has here is half published.
        print(
            f"verify: a publish into this edition is pending ({JOURNAL}; a run was killed, or one is "
            "publishing now): finish it with 'make recover' (or 'make report') once no build runs here, "
            "then run make verify again",
            file=sys.stderr,
        )
        return 1
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
    """Before a build or check: the make variables checked, then a killed run's stale lock
    cleared and its interrupted publish completed or discarded (one line each)."""
    from ..common.makevars import check
    from .locks import clear_stale, snakemake_running_in
    from .recover import pending, resolve_all

    check(
        cores=a.cores, countries=a.countries, iso3=a.iso3, port=a.port, host=a.host, map_edition=a.map_edition
    )  # refused before anything runs
    root = Path(a.dir)
    removed = clear_stale(root)
    if removed:
        print(f"recover: removed {len(removed)} stale Snakemake lock(s) left by an interrupted run")
    journals = pending(root)
    if journals and snakemake_running_in(root):
        # Its publish may be under way: that run finishes it, and this one stops at its lock.
        listed = ", ".join(p.relative_to(root).as_posix() for p in journals)
        print(f"recover: a Snakemake run is working here; its publish ({listed}) is left to it")
        return 0
    for outcome in resolve_all(root):
        print(outcome.line())
    if a.if_current and not (a.countries or "").strip() and edition_current(root):
        return CURRENT
    return 0


#: The recover step's status when ``--if-current`` found nothing to build (make report then
#: starts no Snakemake).
CURRENT = 100


def edition_current(root: Path) -> bool:
    """Whether a build of the committed configuration here would publish what is published:
    the inputs' content hash and every published file are those the manifest records, no
    publish is pending, and the configuration, packages and text libraries are the edition's
    (the checks of ``make verify``'s manifest step). Says so in one line when they are."""
    from .manifest import MANIFEST, check_manifest, environment_problems

    try:
        if check_manifest(root) or environment_problems(root):
            return False
    except (OSError, ValueError):  # no configuration or lock to compare with: build
        return False
    print(f"report: nothing to build: the edition matches its inputs and {MANIFEST} (input hash and every file)")
    return True


def environment(a: argparse.Namespace) -> int:
    from .lockfile import write_environment

    print(f"environment.yml: {write_environment(Path(a.root))} pins from requirements.lock")
    return 0
