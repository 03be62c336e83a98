"""The findings the summary states, computed from the tables with their caveats attached.

Every sentence of the summary rests on one function here, tested with fixtures that hold
ties, missing years and different latest years. The rules they follow:

* ties are reported as ties (every country or goal at the top, never the first one sorted);
* the latest change comes first: each country's rank in the latest edition beside the
  previous edition's (``change.edition_moves``), with who rose and who fell;
* the longer run has one stated baseline, ``FIRST_EGDI_EDITION``: the 2008 edition, the first
  of the Survey's two-yearly editions (2003-2005 were yearly; the index took the name EGDI
  only in 2010, with the same three components since 2003: analysis/surveys.py), never an
  edition picked because it lies a fixed span back; each rank change carries the index
  change beside it, and index values, normalised within each edition, are never compared
  across editions as if they were one scale;
* a baseline that happens to be a country's best or worst position says so;
* a measure is compared across countries in a year they all report, and each country's
  own latest year is stated beside it;
* a date the sources only attest ("by 2022") never counts as an adoption;
* a finding on practice says how many coded goals rest on thin evidence.
"""

from __future__ import annotations

import pandas as pd

from ..official.egdi import PLACEHOLDERS
from ..tidy.read import Tables
from .change import edition_moves
from .comparison import FIRST_EGDI_EDITION, goal_matrix, rank_series, tagged_event
from .evidence import practice_evidence


def _ties(df: pd.DataFrame, column: str, best: str) -> list[dict]:
    """Every row sharing the best value of ``column`` (``best`` is "min" or "max")."""
    target = df[column].min() if best == "min" else df[column].max()
    return df[df[column] == target].sort_values("country").to_dict("records")


def _index_of(t: Tables, iso3: str, year: int) -> dict | None:
    obs = t.observations
    sel = obs[(obs["country"] == iso3) & (obs["indicator"] == "egdi") & (obs["year"] == year)]
    sel = sel[sel["source"].isin(t.official_sources())]
    return sel.iloc[0][["value", "year", "fact_id", "source"]].to_dict() if not sel.empty else None


def _move(t: Tables, grp: pd.DataFrame, first: pd.Series, last: pd.Series) -> dict:
    """A rank change with the index change beside it, and whether the start is extreme."""
    iso3 = str(first["country"])
    return {
        "country": iso3,
        "first": first.to_dict(),
        "last": last.to_dict(),
        "gain": int(first["value"] - last["value"]),  # places climbed (rank 1 is best)
        "index_first": _index_of(t, iso3, int(first["year"])),
        "index_last": _index_of(t, iso3, int(last["year"])),
        "start_is_worst": first["value"] == grp["value"].max() and len(grp) > 1,
        "start_is_best": first["value"] == grp["value"].min() and len(grp) > 1,
    }


def rank_findings(t: Tables) -> dict:
    """Best and worst in the latest edition (ties kept), the change since the previous
    edition, and the moves since the baseline ``FIRST_EGDI_EDITION``."""
    ranks = rank_series(t)
    assessed = ranks[~ranks["flag"].isin(PLACEHOLDERS) & (ranks["year"] >= FIRST_EGDI_EDITION)]
    if assessed.empty:
        return {}
    edition = int(assessed["year"].max())
    cur = assessed[assessed["year"] == edition]
    out = {
        "edition": edition,
        "best": _ties(cur, "value", "min"),
        "worst": _ties(cur, "value", "max"),
        "ranked_count": len(cur),
        "first_edition": FIRST_EGDI_EDITION,
    }
    latest = edition_moves(t)
    if latest and latest["rows"] and latest["edition"] == edition:
        out["latest_moves"] = latest
    moves = []
    for _, grp in assessed.groupby("country", sort=True):
        grp = grp.sort_values("year")
        if grp["year"].iloc[-1] == edition and grp["year"].iloc[0] < edition:
            moves.append(_move(t, grp, grp.iloc[0], grp.iloc[-1]))
    if moves:
        out["moves"] = sorted(moves, key=lambda m: (-m["gain"], m["country"]))
        top = max(m["gain"] for m in moves)
        out["biggest_gain"] = [m for m in out["moves"] if m["gain"] == top]
        out["below_baseline"] = [m for m in out["moves"] if m["gain"] < 0]
    return out


def internet_findings(t: Tables) -> dict:
    """Internet use compared in the latest year every country reports, and each one's latest."""
    obs = t.observations
    net = obs[(obs["indicator"] == "internet_users_pct") & obs["source"].isin(t.official_sources())]
    if net.empty:
        return {}
    countries = set(t.countries["country"])
    years = net.groupby("year")["country"].apply(set)
    common = [int(y) for y, cs in years.items() if countries <= cs]
    latest = net.sort_values("year").groupby("country").tail(1).sort_values(["value", "country"])
    out: dict = {"latest": latest.to_dict("records"), "latest_years": sorted({int(y) for y in latest["year"]})}
    if common:
        year = max(common)
        in_year = net[net["year"] == year]
        out |= {"common_year": year, "low": _ties(in_year, "value", "min"), "high": _ties(in_year, "value", "max")}
    return out


def goal_findings(t: Tables) -> dict:
    """How widely the sources document each goal on strong evidence (facts read in full, not
    in doubt): the goals documented for most countries (all of them when tied), with their
    fact counts. A code resting on weak evidence alone carries no finding: it is listed apart
    (``weak_only``), and a goal documented for no country at all is named; how many coded
    goals rest on thin evidence (``evidence.practice_evidence``)."""
    strong, weak = goal_matrix(t, "strong"), goal_matrix(t, "weak")
    if strong.empty:
        return {}
    coded = (strong > 0).sum(axis=1)
    top = int(coded.max())
    most = [
        {"goal": g, "countries": top, "facts": int(strong.loc[g].sum())}
        for g in strong.index
        if coded[g] == top and top
    ]
    weak_only = [
        {"goal": g, "country": c, "facts": int(weak.loc[g, c])}
        for g in strong.index
        for c in strong.columns
        if strong.loc[g, c] == 0 and weak.loc[g, c] > 0
    ]
    ev = practice_evidence(t)
    return {
        "practice_thin": {"thin": len(ev["thin"]), "cells": len(ev["cells"]), "min_facts": ev["min_facts"]},
        "goals_total": len(strong.index),
        "goal_most": sorted(most, key=lambda g: (-g["facts"], g["goal"])),
        "goals_uncoded": [g for g in strong.index if coded[g] == 0 and not (weak.loc[g] > 0).any()],
        "weak_only": weak_only,
        "countries_coded": {c: int((strong[c] > 0).sum()) for c in strong.columns},
    }


def strategy_findings(t: Tables) -> dict:
    """National strategies by country: adopted on a date the sources give, or only attested in force."""
    adopted, attested = {}, {}
    for iso3 in t.countries["country"]:
        s = tagged_event(t, iso3, "national-digital-strategy")
        if s is None:
            continue
        (attested if s["dating"] == "attested" else adopted)[iso3] = s
    return {"strategies": adopted, "strategies_attested": attested}


def evidence_bases(t: Tables) -> dict[str, list[str]]:
    """Country -> the kinds of article the facts about it come from (e.g. only "abstract")."""
    kinds = dict(zip(t.sources["source"], t.sources["kind"], strict=True))
    used = pd.concat([t.events[["country", "source"]], t.observations[["country", "source"]]])
    out = {}
    for iso3, grp in used.groupby("country"):
        out[iso3] = sorted({kinds[s] for s in grp["source"] if kinds[s] != "official-dataset"})
    return out


def findings(t: Tables) -> dict:
    """Everything the summary states."""
    out = rank_findings(t) | internet_findings(t) | goal_findings(t) | strategy_findings(t)
    out["evidence_bases"] = evidence_bases(t)
    out["quality_counts"] = t.quality["kind"].value_counts().sort_index().to_dict()
    return out
