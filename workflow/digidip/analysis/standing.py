"""Where the profiled countries stand among the UN member states, from the benchmarks table.

For each headline official indicator: a country's latest value, its percentile among the
members with a value that year, and the statistics of its peers that year (world median
and quartiles; the medians of its UN region and sub-region (UNSD's M49, the grouping of the
UN E-Government Survey and the default peer group), of its World Bank region, and of the
World Bank income group it was in that year). Every value carries its fact id and source;
every statistic says how many members it covers.
"""

from __future__ import annotations

import pandas as pd

from ..official.benchmarks import peer_groups
from ..official.egdi import NOT_RANKED, PLACEHOLDERS
from ..tidy.read import Tables
from . import components
from .comparison import latest

#: (indicator, header) of the standing table, in the order the report shows them.
STANDING_INDICATORS = [
    ("egdi", "EGDI"),
    ("osi", "OSI"),
    ("hci", "HCI"),
    ("tii", "TII"),
    ("internet_users_pct", "Internet users, %"),
    ("itu_gci_score", "GCI score"),
]
#: The three components of the EGDI (the UN computes the EGDI as their mean).
EGDI_COMPONENTS = [("osi", "Online services"), ("hci", "Human capital"), ("tii", "Telecommunication infrastructure")]
GCI_PILLARS = [
    ("itu_gci_legal", "Legal"),
    ("itu_gci_technical", "Technical"),
    ("itu_gci_organisational", "Organisational"),
    ("itu_gci_capacity", "Capacity development"),
    ("itu_gci_cooperation", "Cooperation"),
]


#: A year is compared with the world only if at least this share of the members has a value
#: (WDI's newest year is reported first by a few, mostly richer, states: its median misleads).
MIN_COVERAGE = 0.5


def broad_years(t: Tables, indicator: str) -> set[int]:
    """Years in which at least ``MIN_COVERAGE`` of the UN members have a value of ``indicator``."""
    members = int(t.world["un_member"].sum())
    b = t.benchmarks
    sel = b[(b["indicator"] == indicator) & (b["scope"] == "world") & (b["statistic"] == "median")]
    return {int(y) for y, n in zip(sel["year"], sel["n"], strict=True) if n >= MIN_COVERAGE * members}


def common_year(t: Tables, indicator: str) -> dict:
    """The year the standing table compares ``indicator`` in: the latest year most members
    report (``broad_years``) in which every profiled country with such a year has a value, so
    that no value or percentile of one year stands beside another year's. ``year`` is None
    when the countries share no such year; ``later`` names the countries with a later one
    (their own latest, which the key table and the profiles show)."""
    years = broad_years(t, indicator)
    obs = t.observations
    sel = obs[
        (obs["indicator"] == indicator)
        & obs["source"].isin(t.official_sources())
        & ~obs["flag"].isin(PLACEHOLDERS)
        & obs["year"].isin(years)
    ]
    held = {c: set(g["year"].astype(int)) for c, g in sel.groupby("country")}
    shared = set.intersection(*held.values()) if held else set()
    year = max(shared) if shared else None
    later = [{"country": c, "year": max(ys)} for c, ys in sorted(held.items()) if year is None or max(ys) > year]
    # The countries whose series end in the common year: they are why it is not later.
    limited_by = sorted(c for c, ys in held.items() if year is not None and max(ys) == year) if later else []
    return {"indicator": indicator, "year": year, "countries": sorted(held), "later": later, "limited_by": limited_by}


def comparable(t: Tables, iso3: str, indicator: str, common: dict) -> dict | None:
    """The country's official value of ``indicator`` in the common year (``common_year``'s
    answer) with its peers that year (None: no value); without a common year, its latest in
    a year most members report."""
    year = common["year"]
    if year is None:
        own = [y["year"] for y in common["later"] if y["country"] == iso3]
        if not own:
            return None
        year = own[0]
    cell = latest(t, iso3, indicator, year=year)
    if cell is not None:
        cell["peers"] = peer_stats(t, iso3, indicator, cell["year"])
    return cell


#: The peer groups of the report, in the order it names them: (scope, countries.csv column,
#: label). The first, the UN region, is the default peer group (the survey reports by it).
PEER_SCOPES = [
    ("un-region", "un_region", "UN region"),
    ("un-subregion", "un_subregion", "UN sub-region"),
    ("wb-region", "wdi_region", "World Bank region"),
]
INCOME = "wb_income_group"


def income_group(t: Tables, iso3: str, year: int) -> str | None:
    """The World Bank income group ``iso3`` was in for ``year`` (None: unclassified)."""
    c = t.classifications
    sel = c[(c["country"] == iso3) & (c["classification"] == INCOME) & (c["year"] == year)]
    return sel["value"].iloc[0] if not sel.empty else None


def classes_in(t: Tables, iso3: str, year: int) -> dict[str, str]:
    """Every group ``iso3`` belongs to in ``year`` (the column names of official/benchmarks.SCOPES)."""
    row = t.world[t.world["country"] == iso3].iloc[0]
    out = {column: row[column] for _, column, _ in PEER_SCOPES if isinstance(row[column], str)}
    if (group := income_group(t, iso3, year)) is not None:
        out[INCOME] = group
    return out


def peer_stats(t: Tables, iso3: str, indicator: str, year: int) -> dict:
    """The country's percentile and its peers' statistics for one indicator and year."""
    b = t.benchmarks
    b = b[(b["indicator"] == indicator) & (b["year"] == year) & (b["statistic"] != "publisher-aggregate")]
    wanted = peer_groups(iso3, classes_in(t, iso3, year))
    out: dict = {}
    for _, s in b.iterrows():
        if (s["scope"], s["group"]) in wanted:
            key = "percentile" if s["scope"] == "country" else f"{s['scope']}_{s['statistic']}"
            out[key] = {"value": float(s["value"]), "n": int(s["n"]), "group": s["group"]}
    return out


def unclassified(t: Tables) -> list[dict]:
    """States the survey ranks in an edition but the World Bank gave no income group for
    that year, each with those editions: they count in no income-group median."""
    obs = t.world_observations
    ranked = obs[(obs["indicator"] == "egdi_rank") & ~obs["flag"].isin({NOT_RANKED})]
    c = t.classifications
    income = c[c["classification"] == INCOME]
    have = set(zip(income["country"], income["year"].astype(int), strict=True))
    missing: dict[str, list[int]] = {}
    for iso3, year in sorted(zip(ranked["country"], ranked["year"].astype(int), strict=True)):
        if (iso3, year) not in have:
            missing.setdefault(iso3, []).append(year)
    names = dict(zip(t.world["country"], t.world["name"], strict=True))
    return [{"country": iso3, "name": names[iso3], "years": years} for iso3, years in sorted(missing.items())]


def standing(t: Tables) -> dict:
    """The standing table: for each indicator its common year (``common_year``), and one row
    per profiled country with its value and peers in that year."""
    years = {ind: common_year(t, ind) for ind, _ in STANDING_INDICATORS}
    rows = [
        {
            "country": iso3,
            "name": name,
            "cells": {ind: comparable(t, iso3, ind, years[ind]) for ind, _ in STANDING_INDICATORS},
        }
        for iso3, name in zip(t.countries["country"], t.countries["name"], strict=True)
    ]
    return {"rows": rows, "years": years}


def egdi_group_change(t: Tables, iso3: str, year: int) -> dict | None:
    """The UN survey's EGDI group of ``iso3`` in ``year`` and in the edition before (changes.csv)."""
    c = t.changes
    sel = c[(c["country"] == iso3) & (c["indicator"] == "egdi") & (c["year"] == year)]
    if sel.empty or pd.isna(sel["group"].iloc[0]):
        return None
    r = sel.iloc[0]
    before = r["previous_group"] if isinstance(r["previous_group"], str) else None
    return {
        "group": r["group"],
        "previous": before,
        "previous_year": None if before is None else int(r["previous_year"]),
    }


def peer_table(t: Tables, indicator: str = "egdi") -> dict | None:
    """Each profiled country's value in the latest edition beside the median of each of its
    peer groups that year, in the order of ``PEER_SCOPES`` then the income group."""
    year = latest_edition(t, indicator)
    if year is None:
        return None
    rows = []
    for iso3, name in zip(t.countries["country"], t.countries["name"], strict=True):
        cell = latest(t, iso3, indicator, year=year)
        if cell is None:
            continue
        peers = peer_stats(t, iso3, indicator, year)
        scopes = ["world"] + [scope for scope, _, _ in PEER_SCOPES] + ["income-group"]
        rows.append(
            {
                "country": iso3,
                "name": name,
                **cell,
                "groups": [peers.get(f"{s}_median") for s in scopes],
                "egdi_group": egdi_group_change(t, iso3, year) if indicator == "egdi" else None,
            }
        )
    headers = ["World"] + [label for _, _, label in PEER_SCOPES] + ["Income group that year"]
    subregions = sorted({r["groups"][2]["group"] for r in rows if r["groups"][2]})
    return (
        {"indicator": indicator, "year": year, "headers": headers, "rows": rows, "subregions": subregions}
        if rows
        else None
    )


def latest_edition(t: Tables, indicator: str = "egdi") -> int | None:
    """The latest year with a world median of ``indicator`` (the newest survey edition)."""
    b = t.benchmarks
    years = b.loc[(b["indicator"] == indicator) & (b["scope"] == "world"), "year"]
    return int(years.max()) if not years.empty else None


def above_upper_quartile(t: Tables, indicator: str = "egdi") -> dict | None:
    """The profiled countries above the world's upper quartile in the latest edition, with it."""
    year = latest_edition(t, indicator)
    if year is None:
        return None
    b = t.benchmarks
    q3 = b[(b["indicator"] == indicator) & (b["year"] == year) & (b["scope"] == "world") & (b["statistic"] == "q3")]
    obs = t.observations
    sel = obs[(obs["indicator"] == indicator) & (obs["year"] == year) & obs["source"].isin(t.official_sources())]
    q3_value = float(q3["value"].iloc[0])
    above = sel[sel["value"] > q3_value].sort_values(["value", "country"], ascending=[False, True])
    return {
        "year": year,
        "q3": q3_value,
        "n": int(q3["n"].iloc[0]),
        "countries": [r for r in above[["country", "value", "fact_id", "source"]].to_dict("records")],
        "profiled": len(t.countries),
    }


def weakest_components(t: Tables) -> dict | None:
    """Each profiled country's weakest EGDI component in the latest edition, by the one rule
    of ``components.weakest`` (lowest world percentile; within the margin, about equal)."""
    year = latest_edition(t)
    if year is None:
        return None
    out = {}
    for iso3 in t.countries["country"]:
        cells = {}
        for indicator, label in EGDI_COMPONENTS:
            cell = latest(t, iso3, indicator, year=year)
            pct = peer_stats(t, iso3, indicator, year).get("percentile") if cell else None
            if cell and pct:
                cells[indicator] = {"indicator": indicator, "label": label, "percentile": pct["value"], **cell}
        if len(cells) == len(EGDI_COMPONENTS):  # a verdict needs all three of one edition
            pct = {k: c["percentile"] for k, c in cells.items()}
            rule = components.weakest(pct)
            ranked = sorted(cells.values(), key=lambda c: (c["percentile"], c["indicator"]))
            said = components.words(rule, pct, dict(EGDI_COMPONENTS))
            out[iso3] = {**rule, "weakest": [cells[k] for k in rule["weakest"]], "all": ranked, "words": said}
    return {"year": year, "margin": components.MARGIN, "rule": components.rule_text(), "countries": out}


def component_series(t: Tables) -> pd.DataFrame:
    """The EGDI components of the profiled countries by edition (official values only)."""
    obs = t.observations
    keep = obs["indicator"].isin([i for i, _ in EGDI_COMPONENTS]) & obs["source"].isin(t.official_sources())
    return obs[keep & ~obs["flag"].isin(PLACEHOLDERS)].sort_values(["country", "indicator", "year"])
