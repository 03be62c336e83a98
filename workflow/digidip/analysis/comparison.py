"""Comparative computations over the tidy tables: key-indicator table, series, matrix, findings.

Everything the report states as a number is computed here from the tables, and each value
carries the fact id and source it came from, so the report can cite and link it.
"""

from __future__ import annotations

import pandas as pd

from ..official.egdi import PLACEHOLDERS
from ..tidy.read import Tables
from .change import changes_by_fact
from .numbers import num


def _pick(obs: pd.DataFrame, official: set[str]) -> pd.Series | None:
    """One observation from candidates: an official dataset's first, then the latest year."""
    if obs.empty:
        return None
    ranked = obs.assign(_official=obs["source"].isin(official)).sort_values(
        ["_official", "year", "fact_id"], ascending=[False, False, True]
    )
    return ranked.iloc[0]


def _cell(row: pd.Series | None, kind: str) -> dict | None:
    if row is None:
        return None
    value = row["value"]
    text = num(value, kind)
    if pd.notna(row.get("out_of")):
        text += f" of {int(row['out_of'])}"
    return {
        "text": text,
        "kind": kind,
        "value": float(value),
        "year": int(row["year"]),
        "fact_id": row["fact_id"],
        "source": row["source"],
        "flag": row["flag"] if pd.notna(row["flag"]) else None,
    }


def latest(t: Tables, iso3: str, indicator: str, year: int | None = None, assessed_only: bool = True) -> dict | None:
    """The latest (or given year's) value of an indicator for a country, official first."""
    obs = t.observations
    sel = obs[(obs["country"] == iso3) & (obs["indicator"] == indicator)]
    if assessed_only:
        sel = sel[~sel["flag"].isin(PLACEHOLDERS)]
    if year is not None:
        sel = sel[sel["year"] == year]
    official = t.official_sources()
    if not sel.empty:
        top_year = (
            sel.loc[sel["source"].isin(official), "year"].max()
            if year is None and sel["source"].isin(official).any()
            else None
        )
        if top_year is not None and pd.notna(top_year):
            sel = sel[sel["year"] == top_year]
    kinds = dict(zip(t.indicators["indicator"], t.indicators["kind"], strict=True))
    return _cell(_pick(sel, official), kinds.get(indicator, ""))


def tagged_event(t: Tables, iso3: str, tag: str) -> dict | None:
    """The fact that fills a role (e.g. national-digital-strategy) for a country, as the
    report presents it; None if no fact may fill it (the quality record can withhold one)."""
    ev = t.events
    ev = ev[(ev["country"] == iso3) & ev["roles"].map(lambda roles: tag in roles) & ev["shown"]]
    if ev.empty:
        return None
    row = ev.sort_values(["year", "fact_id"]).iloc[-1]
    period = f"{row['period_start']}–{row['period_end']}" if pd.notna(row["period_start"]) else None
    return {
        "title": row["report_title"],
        "date": row["report_date"],
        "dating": row["dating"],
        "period": period,
        "fact_id": row["fact_id"],
        "source": row["source"],
    }


def withheld(t: Tables, iso3: str, tag: str) -> dict | None:
    """A fact tagged for a role that the quality record says it does not fill, with the note why."""
    ev = t.events
    ev = ev[(ev["country"] == iso3) & ev["tags"].map(lambda tags: tag in tags) & ~ev["roles"].map(lambda r: tag in r)]
    if ev.empty:
        return None
    row = ev.iloc[0]
    notes = [q["issue"] for _, q in t.quality.iterrows() if row["fact_id"] in q["facts"]]
    # The date as the article gives it: the table says at once that it is doubtful.
    return {"fact_id": row["fact_id"], "source": row["source"], "date": row["date"], "notes": notes}


#: The edition ranks are compared from: the first of the Survey's two-yearly editions
#: (2003-2005 were yearly). Not the first "EGDI": the index took that name in 2010, with the
#: same three components since 2003 (analysis/surveys.py has the sources).
FIRST_EGDI_EDITION = 2008

KEY_INDICATORS = [
    # (column id, header, indicator, fixed year); a column of the latest values shows each
    # value's change since the previous edition or year, the fixed-year rank the long run.
    ("egdi_rank_latest", "EGDI rank, latest (change since the previous edition)", "egdi_rank", None),
    ("egdi_rank_base", f"EGDI rank, {FIRST_EGDI_EDITION} (long-run baseline)", "egdi_rank", FIRST_EGDI_EDITION),
    ("epi_latest", "E-Participation Index, latest", "epi", None),
    ("internet_latest", "Internet users, % (latest)", "internet_users_pct", None),
    ("mobile_latest", "Mobile subscriptions per 100 (latest)", "mobile_cellular_per100", None),
    ("gci_2020", "Global Cybersecurity Index 2020", "itu_gci_score", 2020),
]


def key_table(t: Tables) -> list[dict]:
    """One row per country: the headline indicators and the tagged strategy and e-government launch."""
    rows = []
    changes = changes_by_fact(t)
    for _, c in t.countries.iterrows():
        iso3 = c["country"]
        row = {"country": iso3, "name": c["name"]}
        for col, _, indicator, year in KEY_INDICATORS:
            row[col] = latest(t, iso3, indicator, year)
            if row[col] is not None and year is None:
                row[col]["change"] = changes.get(row[col]["fact_id"])
        row["strategy"] = tagged_event(t, iso3, "national-digital-strategy")
        row["egov_launch"] = tagged_event(t, iso3, "e-government-launch")
        row["egov_launch_withheld"] = withheld(t, iso3, "e-government-launch")
        rows.append(row)
    return rows


def years_differ(rows: list[dict]) -> list[dict]:
    """The key table's latest-value columns whose values come from different years for
    different countries (header, indicator, the years): the caption says so."""
    out = []
    for col, header, indicator, year in KEY_INDICATORS:
        years = sorted({r[col]["year"] for r in rows if r[col]})
        if year is None and len(years) > 1:
            out.append({"header": header, "indicator": indicator, "years": years})
    return out


def rank_series(t: Tables, indicator: str = "egdi_rank") -> pd.DataFrame:
    """Official series of an indicator: country, year, value, flag (one row per country-year)."""
    obs = t.observations
    sel = obs[(obs["indicator"] == indicator) & obs["source"].isin(t.official_sources())]
    return sel.sort_values(["country", "year"])[
        ["country", "year", "value", "out_of", "flag", "fact_id", "source"]
    ].reset_index(drop=True)


#: The practice counts by weight of evidence (practices.csv columns): all, strong, weak.
WEIGHTS = {"all": "evidence_count", "strong": "evidence_strong", "weak": "evidence_weak"}


def goal_matrix(t: Tables, weight: str = "all") -> pd.DataFrame:
    """Goals (rows, curated order) x countries (columns): count of distinct evidence facts,
    of every weight or only the strong (read in full, not in doubt) or the weak ones."""
    goals = list(t.goals["id"])
    countries = list(t.countries["country"])
    m = pd.DataFrame(0, index=goals, columns=countries, dtype=int)
    for _, r in t.practices.iterrows():
        if r["goal"] in m.index and r["country"] in m.columns:
            m.loc[r["goal"], r["country"]] = int(r[WEIGHTS[weight]])
    return m


#: The columns of the table of the countries a report does not profile in full.
COMPACT_INDICATORS = [
    ("egdi_rank", "EGDI rank, latest"),
    ("internet_users_pct", "Internet users, % (latest)"),
    ("itu_gci_score", "Global Cybersecurity Index 2020"),
]


def compact_rows(t: Tables, codes: list[str]) -> list[dict]:
    """One row per country in ``codes``: its UN sub-region, the latest official value of each
    COMPACT_INDICATORS (assessed only) and how many facts the articles give about it.
    Computed for all countries at once: a build of every UN member has 193 rows."""
    official = t.official_sources()
    kinds = dict(zip(t.indicators["indicator"], t.indicators["kind"], strict=True))
    obs = t.observations
    sel = obs[obs["indicator"].isin([i for i, _ in COMPACT_INDICATORS]) & obs["source"].isin(official)]
    sel = sel[~sel["flag"].isin(PLACEHOLDERS)].sort_values(["year", "fact_id"])
    latest_rows = {
        (r["country"], r["indicator"]): r for _, r in sel.groupby(["country", "indicator"]).tail(1).iterrows()
    }
    stated = obs.loc[~obs["source"].isin(official), "country"].value_counts()
    articles = stated.add(t.events["country"].value_counts(), fill_value=0)
    info = t.countries.set_index("country")
    return [
        {
            "country": iso3,
            "name": info.loc[iso3, "name"],
            "region": info.loc[iso3, "un_subregion"] if pd.notna(info.loc[iso3, "un_subregion"]) else None,
            "cells": [_cell(latest_rows.get((iso3, i)), kinds.get(i, "")) for i, _ in COMPACT_INDICATORS],
            "article_facts": int(articles.get(iso3, 0)),
        }
        for iso3 in sorted(codes, key=lambda c: (info.loc[c, "name"], c))  # as a reader looks a name up
    ]
