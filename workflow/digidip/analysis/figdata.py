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
from pathlib import Path

from ..common import provenance
from ..common.csvtext import to_csv

#: The columns of every figure's CSV, with their descriptions (the data package's schema).
COLUMNS = {
    "figure": ("string", "The figure's name (its anchor in the report: #fig-<name>)."),
    "series": (
        "string",
        "What is drawn: a country's ISO3 code, or the benchmark (e.g. median of the members); on a country"
        " page's timeline, the fact id of the row; on a map, a territory the Survey does not cover by the name"
        " the outlines' file gives it.",
    ),
    "country": (
        "string",
        "ISO3 code of the country the row concerns (its panel, in small multiples), if any; on a map, a"
        " territory without one by Natural Earth's code (ADM0_A3).",
    ),
    "indicator": ("string", "The indicator (data/tidy/indicators.csv), goal or kind of document drawn."),
    "unit": ("string", "The unit of the value."),
    "year": ("string", "The year (or the date, on the timeline) the value is drawn at."),
    "value": ("number", "The value drawn; empty where the figure marks a missing value."),
    "mark": (
        "string",
        "How the value is drawn when not as the series' plain line, bar or dot (e.g. zero, missing, placeholder;"
        " on a map, the EGDI group a state is filled with, or why it is hatched or not drawn).",
    ),
    "source": ("string", "Source id (data/tidy/sources.csv) of the value."),
    "edition": ("string", "The edition of the report (its date)."),
}


def edition(t) -> str:
    """The edition's date as the report states it (analysis/content.py): the newest date of any
    source record or publisher's file."""
    return edition_of(list(t.sources["published"]), list(t.snapshots["published"].dropna()))


def edition_of(source_dates: list, snapshot_dates: list) -> str:
    """The edition's date from the source records' and the snapshots' publication dates (a
    country's profile job, which reads no tidy table, dates its timeline's CSV by it)."""
    dates = [str(d) for d in source_dates if d is not None and d != "" and not (isinstance(d, float) and math.isnan(d))]
    return provenance.edition_label(dates + [str(d) for d in snapshot_dates if d is not None])


def sidecar_dates(paths: list) -> list[str]:
    """The publication date each snapshot's sidecar states."""
    import yaml

    published = [yaml.safe_load(Path(p).read_text(encoding="utf-8")).get("published") for p in paths]
    return [str(d) for d in published if d is not None]


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


def country_csv(iso3: str) -> str:
    """Where a country page's timeline data lies, relative to the figures' folder."""
    return f"countries/{iso3}-timeline.csv"


def map_tables(names: dict[str, str], drawn: dict[str, list[dict]]) -> dict[str, dict]:
    """Each map's table of values in the report, from the rows its CSV holds (``drawn``: what
    it draws): one row per state, named (``names``: ISO3 -> name), with its EGDI as the CSV
    writes it (every digit the Survey gives) and how the map marks it."""
    out = {}
    for name, rows in drawn.items():
        years = sorted({int(r["year"]) for r in rows if r["year"] not in (None, "")})
        order = sorted(rows, key=lambda r: (r["country"] not in names, names.get(r["country"]) or r["series"]))
        out[name] = {
            "edition": years[-1] if years else None,
            # A territory the Survey does not cover: as the outlines' file names it (its series).
            "rows": [
                {
                    "country": r["country"],
                    "name": names.get(r["country"]) or r["series"],
                    "value": r["value"] or None,
                    "mark": r["mark"],
                }
                for r in order
            ],
        }
    return out


def package(names: list[str], edition_label: str, countries: list[str] = ()) -> str:
    """The data package describing the figures' CSVs, the report's and each country page's
    timeline (paths relative to its own folder)."""
    schema = {"fields": [{"name": k, "type": t, "description": d} for k, (t, d) in COLUMNS.items()]}
    described = [
        (f"figure-{n.replace('_', '-')}", f"{n}.csv", f"The values figure {n} of the report draws.") for n in names
    ]
    described += [
        (f"country-{c.lower()}-timeline", country_csv(c), f"The dated facts the timeline of country page {c} draws.")
        for c in countries
    ]
    resources = [
        {
            "name": name,
            "path": path,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": description,
            "schema": schema,
        }
        for name, path, description in described
    ]
    doc = {
        "profile": "tabular-data-package",
        "name": "digital-diplomacy-central-asia-ukraine-figures",
        "title": "The data behind the report's figures",
        "version": edition_label,
        "resources": resources,
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
