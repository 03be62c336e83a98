"""Command-line steps of the tidy-tables stage (``python -m digidip tidy|slice``)."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path


def _countries(value: str) -> list[str]:
    return [c for c in value.replace(",", " ").split() if c]


def tidy(a: argparse.Namespace) -> int:
    from ..common import atomic
    from ..facts.validate import load_factbase
    from . import datapackage, tables

    fb = load_factbase(a.raw)
    countries = tables.selected(fb, _countries(a.countries))
    out = Path(a.package).parent
    for name, text in tables.build_tables(fb, countries).items():
        atomic.write_text(out / name, text)
        logging.info("wrote %s", out / name)
    atomic.write_text(a.package, datapackage.build(fb, countries))
    return 0


def slice_country(a: argparse.Namespace) -> int:
    from ..common import atomic
    from ..facts import cache
    from .slices import country_slice

    # The workflow validated the fact base when it loaded and cached it by content.
    fb = cache.load(a.raw, cache=a.cache)
    atomic.write_text(a.out, country_slice(fb, a.iso3))
    return 0
