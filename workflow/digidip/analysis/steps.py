"""Command-line step of the analysis stage (``python -m digidip figure``)."""

from __future__ import annotations

import argparse
from pathlib import Path


def figure(a: argparse.Namespace) -> int:
    from ..common import atomic
    from ..tidy.read import read_tables
    from . import figures

    atomic.write_bytes(a.out, figures.draw(a.name, read_tables(Path(a.tables[0]).parent), a.top_n))
    return 0
