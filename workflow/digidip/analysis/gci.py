"""Which editions of the ITU's Global Cybersecurity Index the report carries, and from what.

The editions differ in questionnaire, weights and scale (0-1 in 2017 and 2018, 0-100 from
2020; tiers and no ranks in 2024), so each edition has indicators of its own
(data/raw/indicators.yaml) and no edition's values form a series with another's. What the
report says about the editions is computed here from the tables: which editions have values,
for which countries, from which copy of a file (the snapshots) or from which pages (curated
observations), and which published editions have none at all.
"""

from __future__ import annotations

import pandas as pd

from ..tidy.read import Tables
from .standing import GCI_PILLARS

#: Every edition the ITU has published (2014 with ABI Research; 2024 in tiers, without ranks).
#: An edition with no value in the tables is one whose country table no copy or page gave us.
EDITIONS = (2014, 2017, 2018, 2020, 2024)
#: The indicators of the index, of every edition, start with this.
PREFIX = "itu_gci"
#: The order an edition's indicators are named in: score, rank, tier, then the pillars.
ORDER = [f"{PREFIX}_{w}" for w in ("score", "rank", "tier")]


def _order(indicator: str) -> int:
    """Score, rank and tier first, then the pillars in the standing table's order (any other last)."""
    heads = [i for i, head in enumerate(ORDER) if indicator.startswith(head)]
    pillars = [i for i, _ in GCI_PILLARS]
    if heads:
        return heads[0]
    return len(ORDER) + (pillars.index(indicator) if indicator in pillars else len(pillars))


def _what(label: str, year: int) -> str:
    """The part of an indicator's label after its edition: "Global Cybersecurity Index 2020:
    legal measures" -> "legal measures"."""
    head, _, rest = label.partition(str(year))
    return rest.lstrip(",: ") if head and rest else label


def _shown(what: str, unit: str) -> str:
    """How the report names an indicator of an edition: "score 0-100", "rank",
    "legal measures (score 0-20)", "score (index 0-1)"."""
    return unit if unit.startswith(what) else what if unit == "rank" else f"{what} ({unit})"


def _indicator(t: Tables, sel: pd.DataFrame, indicator: str, year: int, countries: list[str]) -> dict:
    meta = t.indicators.set_index("indicator").loc[indicator]
    rows = sel[sel["indicator"] == indicator]
    return {
        "indicator": indicator,
        "shown": _shown(_what(meta["label"], year), meta["unit"]),
        "sources": sorted(set(rows["source"])),
        "facts": sorted(rows["fact_id"]),
        "missing": [c for c in countries if c not in set(rows["country"])],
    }


def _parts(t: Tables, indicators: list[dict]) -> list[dict]:
    """The edition's indicators grouped by where their values come from (and for which
    countries they have none), in the order of their first indicator."""
    official = t.official_sources()
    snaps = dict(zip(t.snapshots["source"], t.snapshots["copied_from"], strict=True))
    parts: dict[tuple, dict] = {}
    for ind in indicators:
        key = (tuple(ind["sources"]), tuple(ind["missing"]))
        part = parts.setdefault(
            key,
            {
                "indicators": [],
                "from_copy": all(s in official for s in ind["sources"]),
                "copies": [
                    {"source": s, "repository": snaps[s].split("@", 1)[0]} for s in ind["sources"] if s in snaps
                ],
                "pages": [s for s in ind["sources"] if s not in official],
                "missing": ind["missing"],
            },
        )
        part["indicators"].append(ind["shown"])
    return list(parts.values())


def editions(t: Tables) -> dict:
    """The published editions, those the report carries (each with its indicators, the copies
    and pages their values come from, and the countries without a value) and those it cannot."""
    obs = t.observations[t.observations["indicator"].str.startswith(PREFIX)]
    countries = list(t.countries["country"])
    carried = []
    for year in sorted(int(y) for y in obs["year"].unique()):
        sel = obs[obs["year"] == year]
        indicators = [_indicator(t, sel, i, year, countries) for i in sorted(sel["indicator"].unique(), key=_order)]
        carried.append(
            {
                "edition": year,
                "indicators": indicators,
                "parts": _parts(t, indicators),
                "missing": [c for c in countries if c not in set(sel["country"])],
            }
        )
    years = [e["edition"] for e in carried]
    return {
        "published": list(EDITIONS),
        "carried": carried,
        "not_carried": [y for y in EDITIONS if y not in years],
    }
