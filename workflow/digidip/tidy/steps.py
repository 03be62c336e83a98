"""Command-line step of the tidy-tables stage (``python -m digidip tidy``)."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path


def _countries(value: str) -> list[str]:
    return [c for c in value.replace(",", " ").split() if c]


def tidy(a: argparse.Namespace) -> int:
    from ..common import atomic
    from . import bibliography, bibtex, datapackage, tables
    from .inputs import load_input

    src = load_input(a.raw, _countries(a.countries), a.official, a.benchmarks, a.snapshots)
    if a.crosscheck:
        from ..official.data import read_csv

        agreement, differences, stated = (Path(p) for p in a.crosscheck)
        src.crosscheck = {
            "agreement": read_csv(agreement, {"edition", "compared", "agreeing", "differing"}),
            # The values as compared, as text: a number, or a group's name.
            "differences": read_csv(differences, {"edition"}),
            "stated": read_csv(stated, {"edition", "decimals"}),
        }
        from ..official.stated import require_decisions

        require_decisions(src.crosscheck["differences"], src.countries, a.raw)
    out = Path(a.package).parent
    for name, text in tables.build_tables(src).items():
        atomic.write_text(out / name, text)
        logging.info("wrote %s", out / name)
    atomic.write_text(a.package, datapackage.build(src.fb))
    # The bibliography as citation data, published with the tables (not resources of the
    # data package, which holds tables only: docs/data-model.md).
    atomic.write_text(out / bibliography.BIBTEX, bibtex.bibtex(src.fb))
    atomic.write_text(out / bibliography.CSL_JSON, bibliography.csl_json(src.fb))
    return 0
