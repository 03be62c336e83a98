"""Comparative computations over the tidy tables: key-indicator table, series, matrix, findings.

Everything the report states as a number is computed here from the tables, and each value
carries the fact id and source it came from, so the report can cite and link it.
"""

from __future__ import annotations

import pandas as pd

from ..tidy.read import Tables
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
        sel = sel[sel["flag"] != "not-assessed"]
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
    ev = t.events[(t.events["country"] == iso3) & t.events["tags"].map(lambda tags: tag in tags)]
    if ev.empty:
        return None
    row = ev.sort_values(["year", "fact_id"]).iloc[-1]
    period = f"{row['period_start']}–{row['period_end']}" if pd.notna(row["period_start"]) else None
    return {
        "title": row["title"],
        "date": row["date"],
        "period": period,
        "fact_id": row["fact_id"],
        "source": row["source"],
    }


KEY_INDICATORS = [
    # (column id, header, indicator, fixed year)
    ("egdi_rank_latest", "EGDI rank, latest", "egdi_rank", None),
    ("egdi_rank_2020", "EGDI rank, 2020", "egdi_rank", 2020),
    ("epi_latest", "E-Participation Index, latest", "epi", None),
    ("internet_latest", "Internet users, % (latest)", "internet_users_pct", None),
    ("mobile_latest", "Mobile subscriptions per 100 (latest)", "mobile_cellular_per100", None),
    ("gci_2020", "Global Cybersecurity Index 2020", "itu_gci_score", 2020),
]


def key_table(t: Tables) -> list[dict]:
    """One row per country: the headline indicators and the tagged strategy and e-government launch."""
    rows = []
    for _, c in t.countries.iterrows():
        iso3 = c["country"]
        row = {"country": iso3, "name": c["name"]}
        for col, _, indicator, year in KEY_INDICATORS:
            row[col] = latest(t, iso3, indicator, year)
        row["strategy"] = tagged_event(t, iso3, "national-digital-strategy")
        row["egov_launch"] = tagged_event(t, iso3, "e-government-launch")
        rows.append(row)
    return rows


def rank_series(t: Tables, indicator: str = "egdi_rank") -> pd.DataFrame:
    """Official series of an indicator: country, year, value, flag (one row per country-year)."""
    obs = t.observations
    sel = obs[(obs["indicator"] == indicator) & obs["source"].isin(t.official_sources())]
    return sel.sort_values(["country", "year"])[
        ["country", "year", "value", "out_of", "flag", "fact_id", "source"]
    ].reset_index(drop=True)


def goal_matrix(t: Tables) -> pd.DataFrame:
    """Goals (rows, curated order) x countries (columns): count of distinct evidence facts."""
    goals = list(t.goals["id"])
    countries = list(t.countries["country"])
    m = pd.DataFrame(0, index=goals, columns=countries, dtype=int)
    for _, r in t.practices.iterrows():
        if r["goal"] in m.index and r["country"] in m.columns:
            m.loc[r["goal"], r["country"]] = int(r["evidence_count"])
    return m


def findings(t: Tables) -> dict:
    """The numbers the summary states, each with the facts that support it."""
    out: dict = {}
    ranks = rank_series(t)
    assessed = ranks[ranks["flag"] != "not-assessed"]
    if not assessed.empty:
        edition = int(assessed["year"].max())
        cur = assessed[assessed["year"] == edition].sort_values(["value", "country"])
        out["edition"] = edition
        out["best"] = cur.iloc[0].to_dict()
        out["worst"] = cur.iloc[-1].to_dict()
        out["ranked_count"] = len(cur)
        moves = []
        for iso3, grp in assessed.groupby("country", sort=True):
            first, last = grp.iloc[0], grp.iloc[-1]
            if last["year"] == edition and first["year"] < edition:
                moves.append(
                    {
                        "country": iso3,
                        "first": first.to_dict(),
                        "last": last.to_dict(),
                        "gain": int(first["value"] - last["value"]),
                    }
                )
        if moves:
            moves.sort(key=lambda m: (-m["gain"], m["country"]))
            out["biggest_gain"] = moves[0]
            out["moves"] = moves
        # Recent change: from the edition four years before the latest to the latest.
        base = edition - 4
        recent = []
        for iso3, grp in assessed.groupby("country", sort=True):
            then, now = grp[grp["year"] == base], grp[grp["year"] == edition]
            if not then.empty and not now.empty:
                a, b = then.iloc[0].to_dict(), now.iloc[0].to_dict()
                recent.append({"country": iso3, "first": a, "last": b, "gain": int(a["value"] - b["value"])})
        if recent:
            recent.sort(key=lambda m: (-m["gain"], m["country"]))
            out["recent_base"] = base
            out["recent"] = recent
    net = t.observations[
        (t.observations["indicator"] == "internet_users_pct") & t.observations["source"].isin(t.official_sources())
    ]
    if not net.empty:
        last = net.sort_values("year").groupby("country").tail(1).sort_values(["value", "country"])
        out["internet_low"] = last.iloc[0].to_dict()
        out["internet_high"] = last.iloc[-1].to_dict()
    m = goal_matrix(t)
    if not m.empty:
        coded = (m > 0).sum(axis=1)
        out["goals_total"] = len(m.index)
        out["goal_most"] = {"goal": coded.idxmax(), "countries": int(coded.max())}
        out["goals_uncoded"] = [g for g in m.index if coded[g] == 0]
        out["countries_coded"] = {c: int((m[c] > 0).sum()) for c in m.columns}
    strategies = [tagged_event(t, c, "national-digital-strategy") for c in t.countries["country"]]
    out["strategies"] = {c: s for c, s in zip(t.countries["country"], strategies, strict=True) if s}
    out["quality_counts"] = t.quality["kind"].value_counts().sort_index().to_dict()
    return out
