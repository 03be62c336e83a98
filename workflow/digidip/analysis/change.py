"""Change since the previous edition, as the report leads with it (read from changes.csv).

The official stage sets every official value beside the previous real value of its series
(``official/changes.py``): the previous survey edition the state was assessed in, or the
previous year with a value. The report leads each official indicator with its latest value
and this change (rank, value and, for the EGDI, the survey's group), and only then with the
longer run from a stated baseline (``comparison.FIRST_EGDI_EDITION``). The UN indices are
normalised within each edition, so a change of their values is one of relative position.
"""

from __future__ import annotations

import pandas as pd

from ..tidy.read import Tables

#: The UN survey's indices whose change the report reads beside the rank, in this order.
SURVEY_INDICES = [
    ("egdi", "EGDI"),
    ("osi", "OSI"),
    ("hci", "HCI"),
    ("tii", "TII"),
    ("epi", "E-Participation Index"),
]


def _plain(r: pd.Series) -> dict:
    out = {}
    for k, v in r.items():
        out[k] = None if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)) else v
    if out.get("rank_change") is not None:
        out["rank_change"] = int(out["rank_change"])
    if out.get("previous_year") is not None:
        out["previous_year"] = int(out["previous_year"])
    return out


def changes_by_fact(t: Tables) -> dict[str, dict]:
    """Fact id -> its change row, for the profiled countries' values that have one."""
    c = t.changes
    c = c[c["country"].isin(t.countries["country"]) & c["previous_year"].notna()]
    return {r["fact_id"]: _plain(r) for _, r in c.iterrows()}


def _row(t: Tables, iso3: str, indicator: str, year: int) -> dict | None:
    c = t.changes
    sel = c[(c["country"] == iso3) & (c["indicator"] == indicator) & (c["year"] == year)]
    if sel.empty or pd.isna(sel["previous_year"].iloc[0]):
        return None
    return _plain(sel.iloc[0])


def _medians(t: Tables, indicator: str, edition: int, previous: list[int]) -> dict | None:
    """The members' median of ``indicator`` in the previous edition and in ``edition``."""
    if len(previous) != 1:
        return None
    b = t.benchmarks
    sel = b[(b["indicator"] == indicator) & (b["scope"] == "world") & (b["statistic"] == "median")]
    by_year = dict(zip(sel["year"].astype(int), sel["value"].astype(float), strict=True))
    if edition not in by_year or previous[0] not in by_year:
        return None
    return {"previous_year": previous[0], "previous": by_year[previous[0]], "value": by_year[edition]}


def latest_survey_edition(t: Tables) -> int | None:
    """The newest edition in which a profiled country has an EGDI rank."""
    c = t.changes
    years = c.loc[(c["indicator"] == "egdi_rank") & c["country"].isin(t.countries["country"]), "year"]
    return int(years.max()) if not years.empty else None


def edition_moves(t: Tables) -> dict | None:
    """Each profiled country's move between the latest edition and the previous one it was
    ranked in: its rank beside the previous rank, the places (positive: moved up), its EGDI
    and group then and now, and each survey index that rose or fell; and who rose, who fell,
    who held. A country unranked in either edition is left out, and ``left_out`` says so."""
    edition = latest_survey_edition(t)
    if edition is None:
        return None
    rows, left_out = [], []
    for iso3 in t.countries["country"]:
        rank = _row(t, iso3, "egdi_rank", edition)
        if rank is None or rank["rank_change"] is None:
            left_out.append(iso3)
            continue
        indices = {ind: _row(t, iso3, ind, edition) for ind, _ in SURVEY_INDICES}
        rows.append(
            {
                "country": iso3,
                "rank": rank,
                "places": rank["rank_change"],
                "egdi": indices["egdi"],
                "fell": [ind for ind, r in indices.items() if r is not None and r["change"] < 0],
                "rose": [ind for ind, r in indices.items() if r is not None and r["change"] > 0],
                "indices": {k: v for k, v in indices.items() if v is not None},
            }
        )
    rows.sort(key=lambda r: (-r["places"], r["country"]))
    previous = sorted({r["rank"]["previous_year"] for r in rows})
    # An index that fell (or rose) for every country moved with the world's scale, not with
    # any one of them: named once, not as each country's own.
    fell_all = [ind for ind, _ in SURVEY_INDICES if len(rows) > 1 and all(ind in r["fell"] for r in rows)]
    rose_all = [ind for ind, _ in SURVEY_INDICES if len(rows) > 1 and all(ind in r["rose"] for r in rows)]
    for r in rows:
        r["own_fell"] = [i for i in r["fell"] if i not in fell_all]
        r["own_rose"] = [i for i in r["rose"] if i not in rose_all]
    return {
        "edition": edition,
        "previous": previous,
        "rows": rows,
        "rose": [r["country"] for r in rows if r["places"] > 0],
        "fell": [r["country"] for r in rows if r["places"] < 0],
        "held": [r["country"] for r in rows if r["places"] == 0],
        "left_out": left_out,
        "fell_for_all": fell_all,
        "rose_for_all": rose_all,
        "medians": {ind: _medians(t, ind, edition, previous) for ind in fell_all + rose_all},
        "labels": dict(SURVEY_INDICES),
    }
