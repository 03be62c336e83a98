"""Where countries stand among the UN member states: medians, quartiles and percentiles.

Computed, never typed, from the extracted official values:

* over the states that were UN members in that year (data/raw/un-membership.yaml) with a
  value, placeholders left out (a state not assessed, an index not computed, a missing value
  written as 0, a state not ranked: official/egdi.py), per indicator and year: the world
  median and quartiles (linear interpolation between order
  statistics, pandas' default), the median of each World Bank region and of each World
  Bank income group (the classification of the WDI download, applied to every year), each
  with the number of states it covers;
* each member's percentile: its average rank among the members with a value, as a share
  of their number (100 = best; lower ranks count as better where lower is better);
* beside them, the publishers' own aggregates (World, regions, income groups) where a file
  carries them. Those are the publishers' figures (WDI's are population-weighted), not ours.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..common.errors import UserError
from . import extract
from .data import Official
from .egdi import NOT_RANKED, PLACEHOLDERS
from .membership import Membership

#: Without a membership record (tests of other parts) every current member counts in every year.
EVERY_YEAR = Membership(dt.date(1945, 10, 24))

COLUMNS = ["indicator", "year", "scope", "group", "statistic", "value", "n", "source", "fact_id", "locator"]
METHOD = __doc__
#: Classification -> the scope its groups have in the benchmarks table.
SCOPES = {
    "un_region": "un-region",
    "un_subregion": "un-subregion",
    "wdi_region": "wb-region",
    "wb_income_group": "income-group",
}


def _member_values(official: Official, membership: Membership) -> pd.DataFrame:
    members = set(official.members())
    df = pd.DataFrame(official.observations)
    keep = (df["entity_kind"] == "country") & df["country"].isin(members) & ~df["flag"].isin(PLACEHOLDERS)
    joined = [membership.member_in(c, int(y)) for c, y in zip(df["country"], df["year"], strict=True)]
    keep &= pd.Series(joined, index=df.index)
    df = df.loc[keep, ["country", "indicator", "year", "value"]].copy()
    df["value"] = df["value"].astype(float)
    timeless, yearly = official.classifications(), official.yearly_classifications()
    for cls in SCOPES:
        df[cls] = [
            timeless.get(c, {}).get(cls) or yearly.get((c, int(y)), {}).get(cls)
            for c, y in zip(df["country"], df["year"], strict=True)
        ]
    return df


def peer_groups(iso3: str, classes: dict[str, str]) -> set[tuple[str, str]]:
    """The (scope, group) pairs a state is compared with, given its groups in the year
    (``Official.classes_in``): the world, each of its groups, and its own percentile."""
    return {("world", "World"), ("country", iso3)} | {
        (scope, classes[cls]) for cls, scope in SCOPES.items() if classes.get(cls)
    }


def _row(ind: str, year: int, scope: str, group: str, statistic: str, value: float, n: int) -> dict:
    # Rounded past any digit the inputs carry, so a mean of two values prints as it reads (0.273715).
    value = round(value, 10) if isinstance(value, float) else value
    return {
        "indicator": ind,
        "year": int(year),
        "scope": scope,
        "group": group,
        "statistic": statistic,
        "value": value,
        "n": int(n),
    }


def _summaries(df: pd.DataFrame) -> list[dict]:
    """World quartiles and region and income-group medians, each with the states it covers."""
    rows = []
    world = df.groupby(["indicator", "year"])["value"]
    n = world.size()
    for stat, q in (("q1", 0.25), ("median", 0.5), ("q3", 0.75)):
        for (ind, year), v in world.quantile(q).items():
            rows.append(_row(ind, year, "world", "World", stat, float(v), n[(ind, year)]))
    for cls, scope in SCOPES.items():
        grouped = df.dropna(subset=[cls]).groupby(["indicator", "year", cls])["value"]
        sizes = grouped.size()
        for key, v in grouped.median().items():
            rows.append(_row(*key[:2], scope, key[2], "median", float(v), sizes[key]))
    return rows


#: Ranks whose percentile is the index's: one percentile per state and edition, from the value.
#: (The publisher breaks some ties in rank that the values do not break: Tajikistan 2020.)
PERCENTILE_OF = {"egdi_rank": "egdi"}


def _percentiles(df: pd.DataFrame, better_low: set[str]) -> list[dict]:
    """Each member's average rank among the members with a value, as a percentage (100 = best),
    stored exact (the report rounds once, when it prints). A rank in ``PERCENTILE_OF`` takes
    the percentile of its index."""
    goodness = df["value"].where(~df["indicator"].isin(better_low), -df["value"])
    pct = goodness.groupby([df["indicator"], df["year"]]).rank(method="average", pct=True)
    n = df.groupby(["indicator", "year"])["value"].transform("size")
    rows = [
        _row(ind, year, "country", iso3, "percentile", 100 * float(p), size)
        for ind, year, iso3, p, size in zip(df["indicator"], df["year"], df["country"], pct, n, strict=True)
        if ind not in PERCENTILE_OF
    ]
    for rank, index in PERCENTILE_OF.items():
        of_rank = df[df["indicator"] == rank]
        ranked = set(zip(of_rank["year"], of_rank["country"], strict=True))
        rows += [
            {**r, "indicator": rank} for r in rows if r["indicator"] == index and (r["year"], r["group"]) in ranked
        ]
    return rows


def _publisher_aggregates(official: Official) -> list[dict]:
    """The publishers' own World, region and income-group values, labelled as theirs."""
    return [
        {
            **_row(r["indicator"], r["year"], r["scope"], r["entity_name"], "publisher-aggregate", r["value"], 0),
            "n": None,
            "source": r["source"],
            "fact_id": r["fact_id"],
            "locator": r["locator"],
        }
        for r in official.observations
        if r["entity_kind"] == "aggregate" and r["scope"] in ("world", "region", "income-group")
    ]


def check_membership(official: Official, membership: Membership) -> None:
    """A state a survey file does not rank must not have been a UN member that year."""
    wrong = sorted(
        {(r["country"], r["year"]) for r in official.observations if r.get("flag") == NOT_RANKED}
        - {
            (r["country"], r["year"])
            for r in official.observations
            if not membership.member_in(r["country"], r["year"])
        }
    )
    if wrong:
        raise UserError(
            "states a survey file leaves unranked, although data/raw/un-membership.yaml makes them members then: "
            + ", ".join(f"{c} {y}" for c, y in wrong)
            + "; record when each joined, or check the file"
        )


def compute(official: Official, better_low: set[str], membership: Membership | None = None) -> list[dict]:
    """The benchmarks table; ``better_low`` names the indicators where lower is better (ranks).
    ``membership``: who was a UN member when (checked against the survey files' ranks)."""
    if membership is not None:
        check_membership(official, membership)
    df = _member_values(official, membership or EVERY_YEAR)
    rows = _summaries(df) + _percentiles(df, better_low) + _publisher_aggregates(official)
    order = {
        "world": 0,
        "un-region": 1,
        "un-subregion": 2,
        "wb-region": 3,
        "region": 3,
        "income-group": 4,
        "country": 5,
    }
    rows.sort(
        key=lambda r: (r["indicator"], r["year"], order[r["scope"]], r["group"], r["statistic"], r.get("source") or "")
    )
    return rows


def from_snapshots(
    datasets: dict, resolver, indicators: dict[str, dict], better_low: set[str], membership: Membership | None = None
) -> Official:
    """Extract every dataset and compute the benchmarks in this process (tests and tools;
    the workflow runs the same steps as separate jobs)."""
    observations, groups = [], []
    for snaps in datasets.values():
        rows, found = extract.extract_dataset(snaps, resolver, indicators)
        observations += rows
        groups += found
    official = Official(observations, groups)
    official.benchmarks = compute(official, better_low, membership)
    return official
