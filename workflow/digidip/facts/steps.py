"""Command-line steps of the curated-facts stage (``python -m digidip validate|scaffold``)."""

from __future__ import annotations

import argparse
from pathlib import Path


def validate(a: argparse.Namespace) -> int:
    from .validate import load_factbase

    fb = load_factbase(a.raw)
    n_obs = sum(len(c["observations"]) for c in fb.countries.values()) + len(fb.official)
    n_ev = sum(len(c["events"]) for c in fb.countries.values())
    print(
        f"ok: {len(fb.countries)} countries, {n_obs} observations, {n_ev} events, {len(fb.context)} context facts, {len(fb.sources)} sources, {len(fb.quality)} quality issues"
    )
    return 0


def scaffold(a: argparse.Namespace) -> int:
    from .scaffold import write

    path = write(Path(a.raw), a.iso3.upper())
    print(f"wrote {path}: fill in its region, then add facts (see docs/data-model.md) and run 'make validate'")
    return 0
