"""The data behind each figure: every value a figure draws, recorded as it is drawn.

A drawer hands each series it plots to a ``Plotted`` record as well as to matplotlib, so the
CSV published beside the report (``reports/figures/<name>.csv``) holds exactly what the
figure shows, with its unit, year, source and the edition; ``tests/test_figdata.py`` reads
the values back from the figure's drawn artists and compares. The CSVs are described by a
data package of their own (``reports/figures/datapackage.json``): the tidy tables' package is
written a stage earlier, before any figure exists.
"""

from __future__ import annotations

import json
import math

from ..common import provenance
from ..common.csvtext import to_csv

#: The columns of every figure's CSV, with their descriptions (the data package's schema).
COLUMNS = {
    "figure": ("string", "The figure's name (its anchor in the report: #fig-<name>)."),
    "series": ("string", "What is drawn: a country's ISO3 code, or the benchmark (e.g. median of the members)."),
    "country": ("string", "ISO3 code of the country the row concerns (its panel, in small multiples), if any."),
    "indicator": ("string", "The indicator (data/tidy/indicators.csv), goal or kind of document drawn."),
    "unit": ("string", "The unit of the value."),
    "year": ("string", "The year (or the date, on the timeline) the value is drawn at."),
    "value": ("number", "The value drawn; empty where the figure marks a missing value."),
    "mark": (
        "string",
        "How the value is drawn when not as the series' plain line, bar or dot (e.g. zero, missing, placeholder).",
    ),
    "source": ("string", "Source id (data/tidy/sources.csv) of the value."),
    "edition": ("string", "The edition of the report (its date)."),
}


def edition(t) -> str:
    """The edition's date as the report states it (analysis/content.py): the newest date of any
    source record or publisher's file."""
    dates = [d for d in t.sources["published"] if isinstance(d, str) and d]
    return provenance.edition_label(dates + [str(d) for d in t.snapshots["published"].dropna()])


def _plain(value: object) -> object:
    """A cell as the CSV writes it: numpy scalars as Python numbers, NaN as empty."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


class Plotted:
    """The rows of one figure's CSV, in the order they are drawn."""

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def add(self, series: str, indicator: str, unit: str, year, value, source: str = "", **more) -> None:
        row = {"series": series, "country": "", "indicator": indicator, "unit": unit, "year": _plain(year)}
        row |= {"value": _plain(value), "mark": "", "source": _plain(source) or ""}
        self.rows.append(row | {k: _plain(v) for k, v in more.items()})

    def many(self, series: str, indicator: str, unit: str, years, values, sources, **more) -> None:
        for year, value, source in zip(years, values, sources, strict=True):
            self.add(series, indicator, unit, year, value, source, **more)

    def csv(self, figure: str, edition_label: str) -> str:
        rows = [r | {"figure": figure, "edition": edition_label} for r in self.rows]
        return to_csv(rows, list(COLUMNS))


def package(names: list[str], edition_label: str) -> str:
    """The data package describing the figures' CSVs (paths relative to its own folder)."""
    schema = {"fields": [{"name": k, "type": t, "description": d} for k, (t, d) in COLUMNS.items()]}
    resources = [
        {
            "name": f"figure-{name.replace('_', '-')}",
            "path": f"{name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": f"The values figure {name} of the report draws.",
            "schema": schema,
        }
        for name in names
    ]
    doc = {
        "profile": "tabular-data-package",
        "name": "digital-diplomacy-central-asia-ukraine-figures",
        "title": "The data behind the report's figures",
        "version": edition_label,
        "resources": resources,
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
