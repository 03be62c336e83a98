"""The extracted official tables, as the later stages read them (data/interim/official/).

``observations`` and ``groups`` are the extraction's long tables of every dataset;
``benchmarks`` is the table ``benchmarks.compute`` wrote. Values come back with their
types: numbers as numbers, empty cells as None.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from ..common.csvtext import number

#: Columns read back as numbers (everything else is text).
NUMERIC = {"year", "value", "out_of", "n"}
#: The indicator whose latest edition lists the UN member states (all 193 are ranked).
MEMBERSHIP_INDICATOR = "egdi_rank"


def read_csv(path: Path, numeric: set[str] = NUMERIC) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return [
            {k: (None if v == "" else number(v) if k in numeric else v) for k, v in row.items()}
            for row in csv.DictReader(f)
        ]


@dataclass
class Official:
    """Every extracted value, every classification, and the benchmarks."""

    observations: list[dict]
    groups: list[dict]
    benchmarks: list[dict] = field(default_factory=list)

    def members(self) -> list[str]:
        """UN member states: the countries ranked in the latest edition of the UN survey."""
        ranks = [
            r for r in self.observations if r["indicator"] == MEMBERSHIP_INDICATOR and r["entity_kind"] == "country"
        ]
        if not ranks:
            return []
        latest = max(r["year"] for r in ranks)
        return sorted({r["country"] for r in ranks if r["year"] == latest})

    def classifications(self) -> dict[str, dict[str, str]]:
        """Country -> {classification id: value} of the classifications that do not change
        over time, e.g. {"un_region": "Asia", "wdi_region": "Europe & Central Asia"}."""
        out: dict[str, dict[str, str]] = {}
        for g in self.groups:
            if g.get("year") is None:
                out.setdefault(g["country"], {})[g["classification"]] = g["value"]
        return out

    def yearly_classifications(self) -> dict[tuple[str, int], dict[str, str]]:
        """(country, year) -> {classification id: value} of those set anew each year (the
        World Bank's income groups: official/classes.py says which fiscal year a year takes)."""
        out: dict[tuple[str, int], dict[str, str]] = {}
        for g in self.groups:
            if g.get("year") is not None:
                out.setdefault((g["country"], int(g["year"])), {})[g["classification"]] = g["value"]
        return out

    def classes_in(self, country: str, year: int) -> dict[str, str]:
        """Every group ``country`` belongs to in ``year``."""
        return {**self.classifications().get(country, {}), **self.yearly_classifications().get((country, year), {})}

    def of_countries(self, countries: set[str]) -> list[dict]:
        return [r for r in self.observations if r["entity_kind"] == "country" and r["country"] in countries]


def load(observation_files: list[str | Path], benchmarks: Path | str | None = None) -> Official:
    """Read the given datasets' tables (``<dataset>/observations.csv``, with ``groups.csv``
    beside each) and, if given, the benchmarks table."""
    observations, groups = [], []
    for path in sorted(Path(p) for p in observation_files):
        observations += read_csv(path)
        groups += read_csv(path.with_name("groups.csv"), numeric=set())
    return Official(observations, groups, read_csv(Path(benchmarks)) if benchmarks else [])
