"""Command-line step of the analysis stage (``python -m digidip figure``)."""

from __future__ import annotations

import argparse
from pathlib import Path


def figures(a: argparse.Namespace) -> int:
    """Every comparative figure in one process (tables read and matplotlib imported once),
    each as ``<name>.svg`` for the screen and ``<name>.print.svg`` for the PDF."""
    from ..common import atomic
    from ..tidy.read import read_tables
    from . import figures as drawing

    t = read_tables(Path(a.tables[0]).parent).focused(a.focus)
    out = Path(a.out)
    for name in a.names:
        screen, printed = drawing.draw_both(name, t, a.top_n)
        atomic.write_bytes(out / f"{name}.svg", screen)
        atomic.write_bytes(out / f"{name}.print.svg", printed)
    return 0
