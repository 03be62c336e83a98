"""Change since the previous edition: every official value set beside the one before it.

For each state, indicator and year, the previous value is the latest earlier year in which
the same indicator of the same state has a real value: the previous survey edition for the
UN indices (one a state was not assessed in is passed over), the previous year with a value
for an annual series (a gap in the series is passed over; ``previous_year`` says how far
back it reaches). A placeholder (``egdi.PLACEHOLDERS``) is neither compared nor a previous
value. A value with nothing before it (the first of its series, or a state the earlier
editions leave out) has no change: the cells are empty, never 0.

* ``change`` is the value minus the previous value, in the indicator's unit.
* ``rank_change``, for ranks only, is the previous rank minus the rank: positive when the
  state moved up (its rank number fell), negative when it moved down. An edition may rank
  more states than the one before (191, 192, 193); the change counts places all the same.
* For the EGDI: the group of both values (official/egdi_groups.py) and whether it changed,
  empty when either value has no group.
"""

from __future__ import annotations

from collections import defaultdict

from . import egdi_groups
from .egdi import PLACEHOLDERS

COLUMNS = [
    "country",
    "indicator",
    "year",
    "value",
    "flag",
    "previous_year",
    "previous_value",
    "change",
    "rank_change",
    "group",
    "previous_group",
    "group_changed",
    "source",
    "fact_id",
    "previous_fact_id",
]
METHOD = (
    "The previous value is the latest earlier year in which the same indicator of the same state has a"
    " real value (placeholders are passed over); change = value - previous value; for ranks,"
    " rank_change = previous rank - rank (positive: moved up). A value with nothing before it has"
    " empty cells, never 0."
)


def _real(r: dict) -> bool:
    return r.get("flag") not in PLACEHOLDERS and r["value"] is not None


def _series(observations: list[dict]) -> dict[tuple[str, str], list[dict]]:
    """Each state's rows of each indicator, by year; a year given twice is an error."""
    series: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in observations:
        if r["entity_kind"] == "country":
            series[(r["country"], r["indicator"])].append(r)
    for key, rows in series.items():
        rows.sort(key=lambda r: r["year"])
        years = [r["year"] for r in rows]
        if len(set(years)) != len(years):
            twice = sorted({y for y in years if years.count(y) > 1})
            raise ValueError(f"{key[0]} {key[1]}: more than one official value for {twice}")
    return series


def _row(r: dict, before: dict | None, ranks: set[str]) -> dict:
    real = _real(r)
    prev = before if real else None
    out = {c: r.get(c) for c in ("country", "indicator", "year", "value", "flag", "source", "fact_id")}
    empty = ("previous_year", "previous_value", "change", "rank_change", "group", "previous_group", "group_changed")
    out.update(dict.fromkeys(empty), previous_fact_id=None)
    if prev is not None:
        out["previous_year"] = prev["year"]
        out["previous_value"] = prev["value"]
        out["previous_fact_id"] = prev["fact_id"]
        # Rounded past any digit the inputs carry: 0.7999 - 0.7265 is 0.0734, not 0.07340000000000002.
        out["change"] = round(r["value"] - prev["value"], 10)
        if r["indicator"] in ranks:
            out["rank_change"] = round(prev["value"] - r["value"], 10)
    if r["indicator"] == egdi_groups.INDICATOR:
        out["group"] = egdi_groups.group(r)
        if prev is not None:
            out["previous_group"] = egdi_groups.group(prev)
            if out["group"] and out["previous_group"]:
                out["group_changed"] = out["group"] != out["previous_group"]
    return out


def compute(observations: list[dict], ranks: set[str]) -> list[dict]:
    """One row per official value of a state (placeholders included, without a change), with
    the previous real value of its series and the change; ``ranks`` names the rank indicators."""
    rows = []
    for series in _series(observations).values():
        before = None
        for r in series:
            rows.append(_row(r, before, ranks))
            if _real(r):
                before = r
    return sorted(rows, key=lambda r: (r["country"], r["indicator"], r["year"]))
