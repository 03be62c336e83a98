"""The EGDI's components read with their method: one rule for the weakest, breaks from the data.

**Weakest component.** One rule, used by the summary, the component figure's caption, the
reading of section 3.2 and every country profile: a country's weakest component in an
edition is the one with the lowest world percentile (its position among the members with a
value that edition, so each component is measured against that edition's members, whatever
the component's scale). Components within ``MARGIN`` percentile points of the lowest are
*about equal* to it and are named together; when all three are within the margin, none
stands out. The margin is 5 points: with 192 or 193 members one state is about half a
point, so a smaller gap is a handful of states, within what a revision of one input moves.

**Method breaks.** The Survey revises its method between editions, and a component's
values do not compare across a revision. No machine-readable record of the revisions ships
with the survey files, so the breaks are read off the data: a component breaks before an
edition when the members' median moves, from the previous edition, by more than
``BREAK_SHARE`` of the previous edition's interquartile range (the spread of the middle half
of the members). Two years of real change move the whole world's median far less; a change
of what is measured or how it is scaled moves it at once. Breaks found this way are the
lower bound: a revision that leaves the median in place is not seen.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise

import pandas as pd

from ..tidy.read import Tables
from .numbers import num

#: Percentile points below which two components are "about equal" (module docstring).
MARGIN = 5.0
#: A move of the members' median by more than this share of the previous edition's
#: interquartile range marks a change of the Survey's method (module docstring).
BREAK_SHARE = 0.25


def weakest(percentiles: Mapping[str, float]) -> dict:
    """The weakest of ``percentiles`` (component -> world percentile, one edition) by the rule.

    ``verdict`` is "one" (a single component at least ``MARGIN`` points below the others),
    "about-equal" (two or more within the margin of the lowest, the rest above it) or
    "none" (every component within the margin: none stands out). ``weakest`` lists the
    components within the margin of the lowest, lowest first; ``gap`` is how far the next
    component above them lies from the lowest (None when none is above)."""
    if not percentiles:
        raise ValueError("weakest() needs at least one component's percentile")
    ranked = sorted(percentiles.items(), key=lambda kv: (kv[1], kv[0]))
    low = ranked[0][1]
    within = [k for k, v in ranked if v - low < MARGIN]
    above = [v for _, v in ranked[len(within) :]]
    if len(within) == len(ranked) and len(ranked) > 1:
        verdict = "none"
    else:
        verdict = "one" if len(within) == 1 else "about-equal"
    return {
        "verdict": verdict,
        "weakest": within,
        "gap": round(above[0] - low, 6) if above else None,
        "margin": MARGIN,
    }


def rule_text() -> str:
    """The rule in words, as every place that applies it states it."""
    return f"the component with the lowest world percentile; one within {num(MARGIN, 'score')} points of it is about equal to it"


def words(rule: dict, percentiles: Mapping[str, float], labels: Mapping[str, str]) -> str:
    """The verdict of ``weakest`` as every place that prints it says it (the summary, the
    figure's caption, the profiles): "online services (11.4), with the next 16.2 points
    higher"; "human capital (78.6) and telecommunication infrastructure (79.2), about equal,
    with the next 16.7 points higher"; "none stands out, all 3 within 5.0 points (...)"."""

    def joined(items: list[str]) -> str:
        return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]

    if rule["verdict"] == "none":
        within = ", ".join(f"{labels[k].lower()} {num(percentiles[k], 'percent')}" for k in rule["weakest"])
        return f"none stands out, all {len(rule['weakest'])} within {num(MARGIN, 'score')} points ({within})"
    said = joined([f"{labels[k].lower()} ({num(percentiles[k], 'percent')})" for k in rule["weakest"]])
    if rule["verdict"] == "about-equal":
        said += ", about equal"
    return f"{said}, with the next {num(rule['gap'], 'percent')} points higher"


def _world(t: Tables, indicator: str) -> pd.DataFrame:
    """The members' median and quartiles of ``indicator`` by edition (columns median, q1, q3)."""
    b = t.benchmarks
    sel = b[(b["indicator"] == indicator) & (b["scope"] == "world") & b["statistic"].isin(["median", "q1", "q3"])]
    return sel.pivot_table(index="year", columns="statistic", values="value", aggfunc="first").sort_index()


def method_breaks(t: Tables, indicator: str) -> list[dict]:
    """Each edition before which ``indicator`` breaks (module docstring), with the numbers that
    show it: the median before and after, and the previous edition's interquartile range."""
    w = _world(t, indicator)
    out = []
    for (before, prev), (year, cur) in pairwise(w.iterrows()):
        iqr = float(prev["q3"] - prev["q1"])
        move = float(cur["median"] - prev["median"])
        if iqr > 0 and abs(move) > BREAK_SHARE * iqr:
            out.append(
                {
                    "indicator": indicator,
                    "year": int(year),
                    "previous_year": int(before),
                    "median": float(cur["median"]),
                    "previous_median": float(prev["median"]),
                    "iqr": iqr,
                    "share": round(abs(move) / iqr, 6),
                }
            )
    return out


def percentile_series(t: Tables, iso3: str, indicator: str) -> pd.Series:
    """The country's world percentile of ``indicator`` by edition (benchmarks.csv)."""
    b = t.benchmarks
    sel = b[(b["indicator"] == indicator) & (b["scope"] == "country") & (b["group"] == iso3)]
    return sel.set_index("year")["value"].astype(float).sort_index()


def segments(series: pd.Series, breaks: list[int]) -> list[pd.Series]:
    """``series`` cut before each year in ``breaks``: the pieces a line is drawn in."""
    edges = [None, *sorted(breaks), None]
    pieces = []
    for start, end in pairwise(edges):
        keep = pd.Series(True, index=series.index)
        if start is not None:
            keep &= series.index >= start
        if end is not None:
            keep &= series.index < end
        if keep.any():
            pieces.append(series[keep])
    return pieces
