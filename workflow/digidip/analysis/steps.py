"""Command-line step of the analysis stage (``python -m digidip figure``)."""

from __future__ import annotations

import argparse
from pathlib import Path


def figures(a: argparse.Namespace) -> int:
    """Every comparative figure in one process (tables read and matplotlib imported once),
    each as ``<name>.svg`` for the screen and ``<name>.print.svg`` for the PDF, and the data
    it draws as ``<name>.csv`` under ``--data-out`` (with the data package describing them).
    The maps read the country outlines of the ``--outlines`` snapshot folder."""
    from ..common import atomic
    from ..tidy.read import read_tables
    from . import figdata
    from . import figures as drawing

    t = read_tables(Path(a.tables[0]).parent).focused(a.focus)
    out, data, edition = Path(a.out), Path(a.data_out), figdata.edition(t)
    outlines = None
    if a.outlines:
        from ..facts.problems import ValidationError
        from ..official import snapshots

        snaps, problems = snapshots.read_dataset(Path(a.outlines), Path.cwd())
        if problems:
            raise ValidationError(problems, what="the snapshots")
        outlines = drawing.map_input(snaps[0], a.map_edition)
    for name in a.names:
        screen, printed, plotted = drawing.draw_both(name, t, a.top_n, outlines)
        atomic.write_bytes(out / f"{name}.svg", screen)
        atomic.write_bytes(out / f"{name}.print.svg", printed)
        atomic.write_text(data / f"{name}.csv", plotted.csv(name, edition))
    atomic.write_text(data / "datapackage.json", figdata.package(list(a.names), edition, a.countries or []))
    return 0
