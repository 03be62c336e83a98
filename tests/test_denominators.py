"""The right denominators: statistics count only the states that were UN members in their
year, and the survey files' placeholders (zeros that are not scores) are values of no one."""

from __future__ import annotations

import csv
import datetime as dt
import statistics

import pandas as pd
import pytest

from conftest import ROOT, SNAPSHOTS
from digidip.common.errors import UserError
from digidip.official import benchmarks, egdi, membership
from digidip.official.data import Official

TIDY = ROOT / "data" / "tidy"


def row(country: str, indicator: str, value: float) -> dict:
    return {"country": country, "indicator": indicator, "value": value, "locator": f"{country} {indicator}"}


def edition(**states: dict[str, float]) -> list[dict]:
    return [row(c, i, v) for c, values in states.items() for i, v in values.items()]


def flags(rows: list[dict]) -> dict[tuple[str, str], str | None]:
    return {(r["country"], r["indicator"]): r.get("flag") for r in rows}


def test_each_placeholder_gets_its_own_flag():
    rows = edition(
        AAA={"egdi": 0.5, "egdi_rank": 1, "osi": 0.4, "hci": 0.9, "tii": 0.2, "epi": 0.3},
        BBB={"egdi": 0.0, "egdi_rank": 3, "osi": 0.0, "hci": 0.8, "tii": 0.1, "epi": 0.0},  # no online presence
        CCC={"egdi": 0.0, "egdi_rank": 3, "osi": 0.2, "hci": 0.0, "tii": 0.1, "epi": 0.1},  # HCI missing
        DDD={"egdi": 0.0, "osi": 0.0, "hci": 0.0, "tii": 0.0, "epi": 0.0},  # no rank: not a member
    )
    f = flags(egdi.apply_rules("file.csv", rows))
    assert f[("AAA", "egdi")] is None and f[("AAA", "hci")] is None
    assert f[("BBB", "egdi")] == f[("BBB", "osi")] == f[("BBB", "egdi_rank")] == egdi.NOT_ASSESSED
    assert f[("BBB", "hci")] is None  # the survey's other statistics are real
    assert f[("CCC", "egdi")] == f[("CCC", "egdi_rank")] == egdi.NOT_COMPUTED
    assert f[("CCC", "osi")] is None and f[("CCC", "epi")] is None  # assessed online: real
    assert f[("CCC", "hci")] == egdi.MISSING
    assert all(f[("DDD", i)] == egdi.NOT_RANKED for i in ("egdi", "osi", "hci", "tii", "epi"))


def _snapshot(year: int) -> list[dict]:
    path = SNAPSHOTS / f"undesa/egdi/{year}/EGOV_DATA_{year}.csv"
    return list(csv.DictReader(path.open(encoding="utf-8-sig")))


def test_the_2010_hci_median_leaves_out_zeros_and_non_members():
    """Recomputed from the survey file itself: HCI values that are not 0, of ranked states."""
    rows = _snapshot(2010)
    values = [float(r["Human Capital Index"]) for r in rows if r["E-Government Rank"].strip()]
    real = [v for v in values if v != 0]
    b = pd.read_csv(TIDY / "benchmarks.csv")
    med = b[(b.indicator == "hci") & (b.year == 2010) & (b.scope == "world") & (b.statistic == "median")].iloc[0]
    assert int(med["n"]) == len(real) == 183
    assert med["value"] == pytest.approx(statistics.median(real))


def test_the_2005_world_counts_no_state_that_was_not_a_member():
    """Montenegro (2006) and South Sudan (2011) are rows of zeros without a rank in 2005."""
    rows = _snapshot(2005)
    unranked = {r["Country Name"].strip() for r in rows if not r["E-Government Rank"].strip()}
    assert unranked == {"Montenegro", "South Sudan"}
    b = pd.read_csv(TIDY / "benchmarks.csv")
    for ind in ("tii", "hci", "egdi"):
        n = b[(b.indicator == ind) & (b.year == 2005) & (b.scope == "world") & (b.statistic == "median")]["n"]
        assert int(n.iloc[0]) <= 191


def test_membership_by_year():
    m = membership.read(ROOT / "data" / "raw")
    assert not m.member_in("MNE", 2005) and m.member_in("MNE", 2006)
    assert not m.member_in("SSD", 2010) and m.member_in("SSD", 2011)
    assert m.member_in("KAZ", 2003) and m.member_in("UKR", 2003)


def test_an_unranked_state_recorded_as_a_member_stops_the_statistics():
    official = Official(
        [
            {"entity_kind": "country", "country": "MNE", "indicator": "egdi", "year": 2005, "value": 0.0}
            | {"flag": egdi.NOT_RANKED},
        ],
        [],
    )
    with pytest.raises(UserError, match="MNE 2005"):
        benchmarks.check_membership(official, membership.Membership(dt.date(2002, 9, 27)))
    benchmarks.check_membership(official, membership.read(ROOT / "data" / "raw"))
