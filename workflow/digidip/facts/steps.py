"""Command-line step of the curated-facts stage (``python -m digidip scaffold``); ``validate``
checks the curated facts together with the snapshots, in the official-statistics stage."""

from __future__ import annotations

import argparse
from pathlib import Path


def scaffold(a: argparse.Namespace) -> int:
    from .scaffold import write

    path = write(Path(a.raw), a.iso3.upper())
    print(f"wrote {path}: fill in its region, then add facts (see docs/data-model.md) and run 'make validate'")
    return 0
